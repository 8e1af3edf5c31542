// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/norm_spec.h"
#include "engine/core/tensor.h"
#include "engine/report/group_summary.h"
#include "engine/report/table.h"

#include <vector>

namespace normscope {

/**
 * The statistics table (../shared/cli.md, "Statistics tables"): one row per group of `rows`, in
 * their order, with the columns group, count, mean, var, var_unbiased, rstd, y_mean, y_std and,
 * where the spec tracks running statistics, running_mean and running_var (after the pass).
 * RMSNorm has no mean column and its var is the mean of squares (GroupRow::mean_square); its
 * var_unbiased stays torch.var(x) over the group. y_std is torch.std(y), unbiased (n - 1), as the
 * window's table shows it. A row without a label (the window leaves them out) gets
 * StatsLayout::groupLabel. Numbers are written in `dtype`, the input's.
 */
Table statisticsTable(const NormSpec& spec, const Shape& inputShape, DType dtype, const std::vector<GroupRow>& rows);

/// dL/dgamma and dL/dbeta of a backward pass, one value per parameter (affineShape's order); bias
/// empty where there is none (RMSNorm).
struct ParamGradients {
    std::vector<double> weight, bias;
};

/// Whether every group reads a single gamma/beta (BatchNorm, InstanceNorm, GroupNorm with one channel
/// per group): only then does a group's row have one parameter whose gradient it can show.
bool groupsReadOneParam(const NormSpec& spec, const Shape& inputShape);

/**
 * The same table with the gradient view's columns grad_weight and grad_bias (dL/dgamma, dL/dbeta of
 * the group's channel; a channel's value repeats in each of its rows, e.g. per sample for
 * InstanceNorm) after the others, when `gradients` holds them and groupsReadOneParam; else the table
 * above.
 */
Table statisticsTable(const NormSpec& spec, const Shape& inputShape, DType dtype, const std::vector<GroupRow>& rows,
                      const ParamGradients* gradients);

/// The JSON "spec" of a module: norm, module (moduleSignature), the constructor arguments the kind
/// takes under PyTorch's names (eps null for None), and mode.
std::vector<std::pair<std::string, std::string>> specJson(const NormSpec& spec, const Shape& inputShape);

} // namespace normscope
