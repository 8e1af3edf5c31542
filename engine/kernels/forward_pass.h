// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

// Internal to the engine: the semantics of one forward pass, written once and instantiated with the
// fast kernels (forward.cpp) and the plain reference kernels (forward_reference.cpp).

#include "engine/kernels/forward.h"
#include "engine/kernels/kernel_plan.h"
#include "engine/core/running_stats.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace normscope::detail {

/// rstd = 1 / sqrt(var + eps). PyTorch adds eps in the input's precision; for float32 that is eps
/// rounded to float, hence the T parameter. zeroForZeroVar: ATen's batch_norm (BatchNorm and
/// InstanceNorm with batch statistics) takes invstd = 0 where var == 0 and eps == 0, not 1/0.
template <typename T>
void rstdFromVar(T eps, const double* var, double* rstd, std::size_t groups, bool zeroForZeroVar = false)
{
    for (std::size_t g = 0; g < groups; ++g)
        rstd[g] = zeroForZeroVar && var[g] == 0 && eps == 0 ? 0.0 : 1.0 / std::sqrt(var[g] + static_cast<double>(eps));
}

/// The statistics a pass normalises with, per group: the input's moments when spec.usesInputStats(),
/// else the running statistics (meanLo 0), and rstd. The forward and backward passes both take them
/// from here, so the gradients are those of exactly the numbers the output was computed with.
template <typename Kernels, typename T>
void passStatistics(const NormSpec& spec, const StatsLayout& layout, const T* x, const NormState<T>& state,
                    double* mean, double* meanLo, double* var, double* rstd, const Execution& run)
{
    const auto G = static_cast<std::size_t>(layout.groupCount());
    if (spec.usesInputStats()) {
        Kernels::moments(layout, x, spec.subtractsMean(), mean, meanLo, var, run);
    } else {
        runningStatsPerGroup(layout, state, mean, var);
        std::fill(meanLo, meanLo + G, 0.0);
    }
    rstdFromVar(spec.effectiveEps<T>(), var, rstd, G, spec.zeroRstdForZeroVar());
}

/**
 * Kernels provide:
 *   moments(layout, x, subtractMean, mean, meanLo, var, run): per group, the mean as an unevaluated
 *       sum mean + meanLo (both 0 when !subtractMean; meanLo holds what a double cannot, so offset data
 *       normalises exactly) and the biased variance about it (RMSNorm: the mean of squares).
 *   normalize(layout, x, mean, meanLo, rstd, gamma, beta, y, run):
 *       y = (x - mean - meanLo) * rstd * gamma + beta; gamma/beta may be null (identity).
 *   normalizeWithInputStats(layout, x, subtractMean, eps, gamma, beta, y, mean, meanLo, var, rstd, run):
 *       moments, then rstd = 1 / sqrt(var + eps), then normalize (the fast kernels fuse them per group).
 * run: the threads and the cache sizes the fast kernels plan for (kernel_plan.h); the reference ignores it.
 */
template <typename Kernels, typename T>
void runForward(const NormSpec& spec, const Tensor<T>& x, NormState<T>& state, ForwardResult<T>& result,
                const Execution& run)
{
    validate(spec, x.shape());
    validateState(spec, x.shape(), state);
    const StatsLayout layout(spec, x.shape());
    const auto G = static_cast<std::size_t>(layout.groupCount());

    // mean, meanLo and rstd are kept in the result for backward(); resize reuses their buffers.
    std::vector<double>& mean = result.saved_mean;
    std::vector<double>& meanLo = result.saved_mean_lo;
    std::vector<double>& rstd = result.saved_rstd;
    mean.resize(G);
    meanLo.resize(G);
    rstd.resize(G);
    std::vector<double> var(G);
    result.output.resize(x.shape());
    const T* gamma = spec.affine ? state.weight.data() : nullptr;
    const T* beta = spec.hasBias() ? state.bias.data() : nullptr;
    // eps == 0 under batch_norm's zero-variance rule takes the unfused path, where rstd has one home.
    const bool fused = !(spec.zeroRstdForZeroVar() && spec.effectiveEps<T>() == 0);
    if (spec.usesInputStats() && fused) {
        Kernels::normalizeWithInputStats(layout, x.data(), spec.subtractsMean(), spec.effectiveEps<T>(), gamma, beta,
                                         result.output.data(), mean.data(), meanLo.data(), var.data(), rstd.data(),
                                         run);
        if (spec.updatesRunningStats()) {
            std::vector<double> fullMean(G);
            for (std::size_t g = 0; g < G; ++g)
                fullMean[g] = mean[g] + meanLo[g];
            updateRunningStats(spec, layout, fullMean.data(), var.data(), state);
        }
    } else {
        passStatistics<Kernels>(spec, layout, x.data(), state, mean.data(), meanLo.data(), var.data(), rstd.data(),
                                run);
        Kernels::normalize(layout, x.data(), mean.data(), meanLo.data(), rstd.data(), gamma, beta, result.output.data(),
                           run);
        if (spec.usesInputStats() && spec.updatesRunningStats()) {
            std::vector<double> fullMean(G);
            for (std::size_t g = 0; g < G; ++g)
                fullMean[g] = mean[g] + meanLo[g];
            updateRunningStats(spec, layout, fullMean.data(), var.data(), state);
        }
    }

    result.mean.resize(layout.statsShape());
    result.var.resize(layout.statsShape());
    result.rstd.resize(layout.statsShape());
    for (std::size_t g = 0; g < G; ++g) {
        const auto i = static_cast<std::int64_t>(g);
        result.mean[i] = static_cast<T>(mean[g] + meanLo[g]);
        result.var[i] = static_cast<T>(var[g]);
        result.rstd[i] = static_cast<T>(rstd[g]);
    }
}

} // namespace normscope::detail
