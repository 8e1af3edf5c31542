// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/core/degenerate.h"

#include "engine/core/number_format.h"

namespace normscope {

std::string describeNonFinite(const NonFiniteCounts& counts)
{
    std::string text;
    auto add = [&](std::int64_t n, const char* what) {
        if (n == 0)
            return;
        if (!text.empty())
            text += ", ";
        text += std::to_string(n) + " " + what;
    };
    add(counts.nan, "NaN");
    add(counts.posInf, "inf");
    add(counts.negInf, "-inf");
    return text;
}

std::vector<DegenerateWarning> degenerateRun(const NormSpec& spec, const NonFiniteCounts& input)
{
    std::vector<DegenerateWarning> warnings;
    if (input.any())
        warnings.push_back({DegenerateKind::NonFiniteInput, input, 0,
                            "the input has " + describeNonFinite(input) + " of " + std::to_string(input.total)
                                + " values: the statistics, running statistics and outputs they reach are NaN or "
                                  "inf, as in PyTorch"});
    if (spec.eps && *spec.eps == 0 && spec.zeroRstdForZeroVar())
        warnings.push_back({DegenerateKind::ZeroEpsRstdZero,
                            {},
                            0,
                            "eps = 0: a constant channel gives 0/0 (PyTorch's batch_norm takes rstd = 0 where var "
                            "is exactly 0, so y = beta there)"});
    else if (spec.eps && *spec.eps == 0)
        warnings.push_back({DegenerateKind::ZeroEps, {}, 0, "eps = 0: a group of equal values gives 0/0 = NaN"});
    else if (spec.eps && *spec.eps < 0)
        warnings.push_back({DegenerateKind::NegativeEps,
                            {},
                            *spec.eps,
                            "eps = " + formatShortest(*spec.eps, DType::Float64)
                                + " is negative: rstd = 1/sqrt(var + eps) is NaN where var < "
                                + formatShortest(-*spec.eps, DType::Float64) + " and inf where they are equal"});
    return warnings;
}

std::vector<std::string> degenerateRunWarnings(const NormSpec& spec, const NonFiniteCounts& input)
{
    std::vector<std::string> texts;
    for (DegenerateWarning& w : degenerateRun(spec, input))
        texts.push_back(std::move(w.text));
    return texts;
}

} // namespace normscope
