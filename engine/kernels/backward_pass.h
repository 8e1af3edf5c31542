// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

// Internal to the engine: the semantics of one backward pass, written once and instantiated with the
// fast kernels (backward.cpp) and the plain reference kernels (backward_reference.cpp).

#include "engine/kernels/backward.h"
#include "engine/kernels/forward_pass.h"

#include <vector>

namespace normscope::detail {

/// Which terms the input gradient has. Statistics taken from the input depend on it, so the gradient
/// flows through the mean (not RMSNorm's: it has none) and the variance; running statistics in eval
/// are constants.
struct GradientFlow {
    bool throughMean = false;
    bool throughVar = false;
};

/**
 * Kernels provide
 *   gradients(layout, x, dy, mean, meanLo, rstd, gamma, flow, dx, dgamma, dbeta, run): per group of
 *       n elements, with xhat = (x - mean - meanLo) * rstd and g = dy * gamma (gamma null: 1),
 *           dx = rstd * g  -  rstd * sum(g) / n        [flow.throughMean]
 *                          -  xhat * rstd * sum(g * xhat) / n    [flow.throughVar]
 *       and, when not null, adds sum(dy * xhat) to dgamma[p] and sum(dy) to dbeta[p] over the elements
 *       of each parameter p (layout.paramOf). No result may depend on `run` (threads, cache sizes).
 * mean, meanLo and rstd are the per-group statistics the forward pass normalised with.
 */
template <typename Kernels, typename T>
void runBackwardWithStatistics(const NormSpec& spec, const StatsLayout& layout, const Tensor<T>& x,
                               const NormState<T>& state, const Tensor<T>& dy, const double* mean, const double* meanLo,
                               const double* rstd, BackwardResult<T>& result, const Execution& run)
{
    const GradientFlow flow{spec.usesInputStats() && spec.subtractsMean(), spec.usesInputStats()};
    const auto P = static_cast<std::size_t>(layout.paramCount());
    std::vector<double> dgamma(spec.affine ? P : 0), dbeta(spec.hasBias() ? P : 0);

    result.grad_input.resize(x.shape());
    Kernels::gradients(layout, x.data(), dy.data(), mean, meanLo, rstd, spec.affine ? state.weight.data() : nullptr,
                       flow, result.grad_input.data(), spec.affine ? dgamma.data() : nullptr,
                       spec.hasBias() ? dbeta.data() : nullptr, run);

    const auto store = [&](const std::vector<double>& sums, Tensor<T>& out) {
        if (sums.empty()) {
            out = Tensor<T>();
            return;
        }
        out.resize(affineShape(spec, x.shape()));
        for (std::size_t p = 0; p < sums.size(); ++p)
            out[static_cast<std::int64_t>(p)] = static_cast<T>(sums[p]);
    };
    store(dgamma, result.grad_weight);
    store(dbeta, result.grad_bias);
}

/// The backward pass without a forward result: Kernels also provide moments() (forward_pass.h), and
/// the statistics are taken again exactly as the forward pass took them.
template <typename Kernels, typename T>
void runBackward(const NormSpec& spec, const Tensor<T>& x, const NormState<T>& state, const Tensor<T>& dy,
                 BackwardResult<T>& result, const Execution& run)
{
    validate(spec, x.shape());
    validateState(spec, x.shape(), state);
    validateGradOutput(dy.shape(), x.shape());
    const StatsLayout layout(spec, x.shape());
    const auto G = static_cast<std::size_t>(layout.groupCount());

    std::vector<double> mean(G), meanLo(G), var(G), rstd(G);
    passStatistics<Kernels>(spec, layout, x.data(), state, mean.data(), meanLo.data(), var.data(), rstd.data(), run);
    runBackwardWithStatistics<Kernels>(spec, layout, x, state, dy, mean.data(), meanLo.data(), rstd.data(), result,
                                       run);
}

} // namespace normscope::detail
