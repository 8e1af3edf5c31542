// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/kernels/forward.h"
#include "engine/core/norm_spec.h"
#include "engine/core/norm_state.h"
#include "engine/core/stats_layout.h"
#include "engine/core/tensor.h"

#include <cstdint>
#include <string>
#include <vector>

namespace normscope {

/**
 * One statistic group as the statistics table shows it. The input columns are what PyTorch gives
 * for x reduced over the group's elements (x.mean, x.var(unbiased=False), x.var()); rstd is the one
 * the forward pass normalised with, so in eval with tracked statistics it comes from running_var,
 * not from the batch variance beside it.
 */
struct GroupRow {
    std::int64_t group = 0;
    std::string label;      ///< StatsLayout::groupLabel, e.g. "c=3"
    std::int64_t count = 0; ///< n, elements in the group

    double mean = 0;         ///< of x over the group
    double var = 0;          ///< biased: sum (x - mean)^2 / n, what the norms normalise with
    double var_unbiased = 0; ///< sum (x - mean)^2 / (n - 1), torch.var's default; NaN when n == 1
    double mean_square = 0;  ///< sum x^2 / n, what RMSNorm normalises with
    double rstd = 0;         ///< from the forward result: 1 / sqrt(var + eps) actually used
    double min = 0, max = 0; ///< of x over the group (NaN values ignored)

    double output_mean = 0;         ///< of y over the group
    double output_var = 0;          ///< biased
    double output_std_unbiased = 0; ///< torch.std(y) default (n - 1); NaN when n == 1
    double output_min = 0, output_max = 0;

    bool has_running = false; ///< running statistics are tracked for this spec
    std::int64_t channel = 0; ///< whose running statistics the group reads and updates
    double running_mean = 0;  ///< state after the pass, for `channel`
    double running_var = 0;
};

/**
 * The raw arrays a summary reads, so callers holding widened (double) copies need not rebuild a
 * ForwardResult. x and y have the layout's input shape; rstd has groupCount() entries (flat
 * statsShape order, which is group order); runningMean/runningVar have C entries or are null.
 */
template <typename T>
struct GroupSummaryInput {
    const T* x = nullptr;
    const T* y = nullptr;           ///< null: output columns are NaN
    const T* rstd = nullptr;        ///< null: rstd is NaN
    const T* runningMean = nullptr; ///< null: has_running is false
    const T* runningVar = nullptr;
    /// x's columns of these groups already summarised (a summary of the same x and layout, for
    /// instance one without y): copied instead of read from x again. x may then be null.
    const GroupRow* inputRows = nullptr;
    /// Fill GroupRow::label. A string per group costs ~1 us; a view showing 100k groups asks
    /// StatsLayout::groupLabel for the visible ones instead.
    bool labels = true;
};

/// One row per group, in group order. Two passes per group (mean, then squared deviations), so
/// large offsets (mean 1e4, std 1e-2) keep their variance; blocks of 4096 values are summed in
/// double with independent partial sums, blocks in long double. Groups run in parallel (OpenMP)
/// for large inputs. 6.4M values: a few tens of ms, so callers on a GUI thread should compute it
/// once per result (ui::digestOf) or on a worker.
template <typename T>
std::vector<GroupRow> summarizeGroups(const StatsLayout& layout, const GroupSummaryInput<T>& in);

/// The same for one forward pass: `state` is the state after the pass (its running statistics
/// fill the running columns when the spec tracks them).
template <typename T>
std::vector<GroupRow> summarizeGroups(const NormSpec& spec, const Tensor<T>& x, const ForwardResult<T>& result,
                                      const NormState<T>& state);

} // namespace normscope
