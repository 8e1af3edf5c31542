// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/norm_spec.h"
#include "engine/core/norm_state.h"
#include "engine/core/stats_layout.h"

namespace normscope {

/**
 * Folds one training pass's per-group statistics into the running statistics, as PyTorch does:
 * num_batches_tracked += 1 (BatchNorm only), factor = momentum or 1 / num_batches_tracked
 * (momentum=None), running = (1 - factor) * running + factor * batch, where the variance folded in is
 * the unbiased one. InstanceNorm folds the per-instance statistics averaged over N, like ATen's
 * instance_norm, which runs batch_norm on the (1, N*C, ...) view and averages the N copies.
 * mean and biasedVar hold one value per group of the layout.
 */
template <typename T>
void updateRunningStats(const NormSpec& spec, const StatsLayout& layout, const double* mean, const double* biasedVar,
                        NormState<T>& state);

/// The statistics eval mode normalises with: each group's channel's running_mean and running_var.
template <typename T>
void runningStatsPerGroup(const StatsLayout& layout, const NormState<T>& state, double* mean, double* var);

} // namespace normscope
