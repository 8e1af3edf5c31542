// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/cache_sizes.h"
#include "engine/core/norm_spec.h"
#include "engine/core/norm_state.h"
#include "engine/core/stats_layout.h"
#include "engine/core/tensor.h"

#include <optional>
#include <vector>

namespace normscope {

/// What one forward pass computed. mean/var/rstd have the layout's statsShape(): the statistics the
/// output was normalised with (batch statistics, or the running statistics in eval, broadcast to
/// (N, C) for InstanceNorm). var is the biased variance; for RMSNorm, var is the mean of squares and
/// mean is zero.
template <typename T>
struct ForwardResult {
    Tensor<T> output;
    Tensor<T> mean;
    Tensor<T> var;
    Tensor<T> rstd; ///< 1 / sqrt(var + eps)

    /// The per-group statistics exactly as the kernels normalised with them, in double and indexed by
    /// group (StatsLayout), kept for backward() like PyTorch's save_mean/save_invstd. The mean is the
    /// unevaluated sum saved_mean + saved_mean_lo: saved_mean is representable in T, saved_mean_lo holds
    /// the rest, which offset data needs (mean above, rounded to T, loses it).
    std::vector<double> saved_mean;
    std::vector<double> saved_mean_lo;
    std::vector<double> saved_rstd;
};

struct ForwardOptions {
    int threads = 1; ///< worker threads for the fast kernels; <= 0 means all cores
    /// The cache sizes the fast kernels choose their tiles and paths for (kernel_plan.h); unset: this
    /// machine's (machineCacheSizes()). A test or benchmark sets them to run as on another machine;
    /// the result is the same bits either way.
    std::optional<CacheSizes> caches = std::nullopt;
};

/// One forward pass of the module, exactly as PyTorch's: normalises x into result (reusing its
/// buffers when they already have the right size) and, in training with tracked statistics, updates
/// state's running statistics and num_batches_tracked. Validates spec and state first (throws Error).
template <typename T>
void forward(const NormSpec& spec, const Tensor<T>& x, NormState<T>& state, ForwardResult<T>& result,
             const ForwardOptions& options = {});

template <typename T>
ForwardResult<T> forward(const NormSpec& spec, const Tensor<T>& x, NormState<T>& state,
                         const ForwardOptions& options = {})
{
    ForwardResult<T> result;
    forward(spec, x, state, result, options);
    return result;
}

/// x-hat: the input normalised with the statistics of `result` but before gamma and beta,
/// (x - mean) * rstd, or x * rstd for RMSNorm. For the views; the kernels never materialise it.
template <typename T>
Tensor<T> normalizedInput(const NormSpec& spec, const Tensor<T>& x, const ForwardResult<T>& result);

/// The plain, readable reference: the same semantics, element by element with a long double
/// two-pass reduction. Slow; tests hold the fast path to it.
template <typename T>
ForwardResult<T> forwardReference(const NormSpec& spec, const Tensor<T>& x, NormState<T>& state);

} // namespace normscope
