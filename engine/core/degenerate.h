// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/norm_spec.h"
#include "engine/core/tensor.h"

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace normscope {

/// How many values of a tensor are not finite. PyTorch computes on them (a NaN makes its group's
/// statistics NaN, an inf makes the mean inf and the variance NaN), so NormScope does too and says so.
struct NonFiniteCounts {
    std::int64_t nan = 0;
    std::int64_t posInf = 0;
    std::int64_t negInf = 0;
    std::int64_t total = 0; ///< all values, finite or not

    std::int64_t nonFinite() const { return nan + posInf + negInf; }
    bool any() const { return nonFinite() > 0; }
};

template <typename T>
NonFiniteCounts countNonFinite(const Tensor<T>& x)
{
    NonFiniteCounts counts;
    counts.total = x.numel();
    const T* p = x.data();
    for (std::int64_t i = 0; i < counts.total; ++i) {
        const T v = p[i];
        if (std::isfinite(v))
            continue;
        if (std::isnan(v))
            ++counts.nan;
        else if (v > 0)
            ++counts.posInf;
        else
            ++counts.negInf;
    }
    return counts;
}

/// "3 NaN, 1 inf, 2 -inf" (only the kinds present; empty when every value is finite).
std::string describeNonFinite(const NonFiniteCounts& counts);

/// What makes a run PyTorch accepts degenerate: the window words each kind in its own language.
enum class DegenerateKind {
    NonFiniteInput,  ///< input holds NaN/inf
    ZeroEpsRstdZero, ///< eps = 0 where batch_norm takes rstd = 0 for var = 0
    ZeroEps,         ///< eps = 0: a constant group gives 0/0
    NegativeEps,     ///< eps < 0
};

struct DegenerateWarning {
    DegenerateKind kind;
    NonFiniteCounts input; ///< NonFiniteInput's counts
    double eps = 0;        ///< NegativeEps's eps
    std::string text;      ///< the sentence in English, as normscope-cli prints it
};

/// The warnings for a run PyTorch accepts but whose result is degenerate: non-finite input values and
/// eps <= 0. Each is one sentence; the CLI prints them on stderr, the window shows them in a banner.
std::vector<DegenerateWarning> degenerateRun(const NormSpec& spec, const NonFiniteCounts& input);
/// The sentences of degenerateRun.
std::vector<std::string> degenerateRunWarnings(const NormSpec& spec, const NonFiniteCounts& input);

} // namespace normscope
