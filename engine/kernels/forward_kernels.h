// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

// Internal to the engine: the fast forward kernels. Each group's elements are contiguous runs
// (StatsLayout), so every inner loop below is a unit-stride loop the compiler vectorises; groups are
// spread over threads. Sums are taken in double even for float input: with a large offset (mean 1e4,
// std 1e-2) float accumulation loses the variance entirely.

#include "engine/core/stats_layout.h"
#include "engine/kernels/kernel_plan.h"

#include <cstdint>

namespace normscope::detail {

struct FastKernels {
    template <typename T>
    static void moments(const StatsLayout& layout, const T* x, bool subtractMean, double* mean, double* meanLo,
                        double* var, const Execution& run);

    template <typename T>
    static void normalize(const StatsLayout& layout, const T* x, const double* mean, const double* meanLo,
                          const double* rstd, const T* gamma, const T* beta, T* y, const Execution& run);

    /// moments, rstd and normalize fused per group (the group stays in cache between them).
    template <typename T>
    static void normalizeWithInputStats(const StatsLayout& layout, const T* x, bool subtractMean, T eps, const T* gamma,
                                        const T* beta, T* y, double* mean, double* meanLo, double* var, double* rstd,
                                        const Execution& run);
};

/// The Execution of a ForwardOptions or BackwardOptions: unset caches are this machine's.
template <typename Options>
Execution executionOf(const Options& options)
{
    return Execution{options.threads, options.caches ? *options.caches : machineCacheSizes()};
}

/// The number of threads to use for this much work: 1 for small tensors, where waking a pool costs
/// more than it saves.
int threadsFor(int requested, std::int64_t elements);

} // namespace normscope::detail
