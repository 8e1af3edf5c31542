// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/norm_spec.h"
#include "engine/core/tensor.h"
#include "engine/report/table.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace normscope {

/**
 * What the compare view's five modules (BatchNorm, LayerNorm, InstanceNorm, GroupNorm, RMSNorm on
 * one input) share. The window takes it from its current module (comparisonSettingsFor),
 * normscope-cli compare from its options over defaultComparisonSettings; comparisonSpecs turns it
 * into the five specs, the same for both.
 */
struct ComparisonSettings {
    std::optional<double> eps = 1e-5; ///< every module's; nullopt (eps=None) only where the kind accepts it
    bool affine = true;
    Mode mode = Mode::Training;
    std::int64_t num_groups = 1;          ///< GroupNorm's
    Shape normalized_shape;               ///< LayerNorm's and RMSNorm's
    std::optional<double> momentum = 0.1; ///< modules with running statistics (None only for BatchNorm)
    /// The current module, whose own track_running_stats is kept; the others have PyTorch's default
    /// (so InstanceNorm tracks nothing unless it is the current module).
    std::optional<NormKind> current;
    bool track_running_stats = true;
};

/// No current module (normscope-cli compare): eps 1e-5, affine, training, num_groups
/// defaultGroupCount(C), normalized_shape every dim after N (as in the GroupNorm paper's figure).
ComparisonSettings defaultComparisonSettings(const Shape& inputShape);

/// The window's: eps, affine, mode and (where the current module keeps running statistics)
/// momentum and tracking from `current`; its num_groups when it is GroupNorm or when that divides
/// C; its normalized_shape when it takes one; otherwise the defaults above.
ComparisonSettings comparisonSettingsFor(const NormSpec& current, const Shape& inputShape);

/// The five specs, in kNormKinds order; PyTorch's defaults for what the settings leave out. Not
/// validated: a module may refuse the input (InstanceNorm on rank 2).
std::vector<NormSpec> comparisonSpecs(const ComparisonSettings& settings, const Shape& inputShape);

/**
 * One module of the comparison, what the compare view prints beneath its cube and one row of the
 * comparison table. mean and var are the statistics the output was normalised with (batch
 * statistics, or the running statistics in eval with tracking); for RMSNorm var is the mean of
 * squares and there is no mean (mean_min/max are NaN). Minima and maxima are NaN when any value is
 * (as torch.amin). y_mean and y_std are over the whole output, torch's y.mean() and y.std()
 * (unbiased, as the statistics table's y_std).
 */
struct ComparisonRow {
    NormSpec spec;
    std::string module;  ///< moduleSignature, e.g. "GroupNorm(2, 6)"
    std::string refusal; ///< non-empty: the module refuses the input, and the numbers are meaningless
    std::int64_t groups = 0;
    std::int64_t group_size = 0;
    std::string reduced_over; ///< StatsLayout::reducedOver, "N, H, W"
    std::string per;          ///< the statistics' axes, "n, g" (empty: one statistic for the tensor)
    double mean_min = 0, mean_max = 0, var_min = 0, var_max = 0;
    double y_mean = 0, y_std = 0;

    bool ok() const { return refusal.empty(); }
};

/// The arrays a comparison row reads: the statistics (statsCount values each; mean may be null for
/// RMSNorm) and the output (yCount values), in the tensor's type or widened to double.
template <typename T>
struct ComparisonInput {
    const T* mean = nullptr;
    const T* var = nullptr;
    std::int64_t statsCount = 0;
    const T* y = nullptr;
    std::int64_t yCount = 0;
};

/// The row of a module that ran on an input of this shape (spec valid for it).
template <typename T>
ComparisonRow comparisonRow(const NormSpec& spec, const Shape& inputShape, const ComparisonInput<T>& in);

/// The row of a module that refuses the input: its message, no numbers.
ComparisonRow refusedComparisonRow(const NormSpec& spec, const std::string& message);

/// The five modules run once on x from PyTorch's initial state (ones, zeros, running statistics 0
/// and 1): their rows and outputs (an empty tensor for a module that refuses x).
template <typename T>
struct Comparison {
    std::vector<ComparisonRow> rows;
    std::vector<Tensor<T>> outputs;
};
template <typename T>
Comparison<T> compareNorms(const ComparisonSettings& settings, const Tensor<T>& x, int threads);

/// The comparison table (../shared/cli.md): norm, module, groups, group_size, reduced_over,
/// mean_min, mean_max, var_min, var_max, y_mean, y_std; a refused module's row has its message in
/// the module column and every other cell but norm empty. JSON "spec" holds the settings.
Table comparisonTable(const ComparisonSettings& settings, const Shape& inputShape, DType dtype,
                      const std::vector<ComparisonRow>& rows);

} // namespace normscope
