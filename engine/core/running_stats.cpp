// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/core/running_stats.h"

#include "engine/core/error.h"

#include <limits>
#include <string>
#include <vector>

namespace normscope {

template <typename T>
void updateRunningStats(const NormSpec& spec, const StatsLayout& layout, const double* mean, const double* biasedVar,
                        NormState<T>& state)
{
    if (spec.traits().countsBatches) {
        // PyTorch's int64 counter would wrap to a negative count (and momentum=None to a negative
        // factor); NormScope refuses instead, before anything has changed.
        if (state.num_batches_tracked == std::numeric_limits<std::int64_t>::max())
            throw Error("num_batches_tracked (" + std::to_string(state.num_batches_tracked)
                        + ") cannot count another batch: it is at NormScope's limit for an int64 counter");
        ++state.num_batches_tracked;
    }
    const double factor = spec.momentum ? *spec.momentum : 1.0 / static_cast<double>(state.num_batches_tracked);
    const double n = static_cast<double>(layout.groupSize());
    // Validation guarantees n > 1 whenever statistics come from the input.
    const double bessel = n / (n - 1.0);

    const std::int64_t C = state.running_mean.numel();
    std::vector<double> batchMean(static_cast<std::size_t>(C), 0.0), batchVar(static_cast<std::size_t>(C), 0.0);
    const std::int64_t groupsPerChannel = layout.groupCount() / C; // N for instance, 1 for batch
    for (std::int64_t g = 0; g < layout.groupCount(); ++g) {
        const auto c = static_cast<std::size_t>(layout.channelOfGroup(g));
        batchMean[c] += mean[g] / static_cast<double>(groupsPerChannel);
        batchVar[c] += biasedVar[g] * bessel / static_cast<double>(groupsPerChannel);
    }
    for (std::int64_t c = 0; c < C; ++c) {
        const auto ci = static_cast<std::size_t>(c);
        state.running_mean[c] =
            static_cast<T>((1.0 - factor) * static_cast<double>(state.running_mean[c]) + factor * batchMean[ci]);
        state.running_var[c] =
            static_cast<T>((1.0 - factor) * static_cast<double>(state.running_var[c]) + factor * batchVar[ci]);
    }
}

template <typename T>
void runningStatsPerGroup(const StatsLayout& layout, const NormState<T>& state, double* mean, double* var)
{
    for (std::int64_t g = 0; g < layout.groupCount(); ++g) {
        const std::int64_t c = layout.channelOfGroup(g);
        mean[g] = static_cast<double>(state.running_mean[c]);
        var[g] = static_cast<double>(state.running_var[c]);
    }
}

template void updateRunningStats<float>(const NormSpec&, const StatsLayout&, const double*, const double*,
                                        NormState<float>&);
template void updateRunningStats<double>(const NormSpec&, const StatsLayout&, const double*, const double*,
                                         NormState<double>&);
template void runningStatsPerGroup<float>(const StatsLayout&, const NormState<float>&, double*, double*);
template void runningStatsPerGroup<double>(const StatsLayout&, const NormState<double>&, double*, double*);

} // namespace normscope
