#pragma once

// Internal to the engine: the semantics of one forward pass, written once and instantiated with the
// fast kernels (forward.cpp) and the plain reference kernels (forward_reference.cpp).

#include "engine/forward.h"
#include "engine/running_stats.h"

#include <cmath>
#include <vector>

namespace normscope::detail {

/// rstd = 1 / sqrt(var + eps). PyTorch adds eps in the input's precision; for float32 that is eps
/// rounded to float, hence the T parameter.
template <typename T>
void rstdFromVar(T eps, const double* var, double* rstd, std::size_t groups)
{
    for (std::size_t g = 0; g < groups; ++g)
        rstd[g] = 1.0 / std::sqrt(var[g] + static_cast<double>(eps));
}

/**
 * Kernels provide:
 *   moments(layout, x, subtractMean, mean, meanLo, var, threads): per group, the mean as an unevaluated
 *       sum mean + meanLo (both 0 when !subtractMean; meanLo holds what a double cannot, so offset data
 *       normalises exactly) and the biased variance about it (RMSNorm: the mean of squares).
 *   normalize(layout, x, mean, meanLo, rstd, gamma, beta, y, threads):
 *       y = (x - mean - meanLo) * rstd * gamma + beta; gamma/beta may be null (identity).
 */
template <typename Kernels, typename T>
void runForward(const NormSpec& spec, const Tensor<T>& x, NormState<T>& state, ForwardResult<T>& result, int threads)
{
    validate(spec, x.shape());
    validateState(spec, x.shape(), state);
    const StatsLayout layout(spec, x.shape());
    const auto G = static_cast<std::size_t>(layout.groupCount());

    std::vector<double> mean(G), meanLo(G), var(G), rstd(G);
    if (spec.usesInputStats()) {
        Kernels::moments(layout, x.data(), spec.subtractsMean(), mean.data(), meanLo.data(), var.data(), threads);
        if (spec.updatesRunningStats()) {
            std::vector<double> fullMean(G);
            for (std::size_t g = 0; g < G; ++g)
                fullMean[g] = mean[g] + meanLo[g];
            updateRunningStats(spec, layout, fullMean.data(), var.data(), state);
        }
    } else {
        runningStatsPerGroup(layout, state, mean.data(), var.data());
    }

    rstdFromVar(spec.effectiveEps<T>(), var.data(), rstd.data(), G);

    result.output.resize(x.shape());
    Kernels::normalize(layout, x.data(), mean.data(), meanLo.data(), rstd.data(), spec.affine ? state.weight.data() : nullptr,
                       spec.hasBias() ? state.bias.data() : nullptr, result.output.data(), threads);

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
