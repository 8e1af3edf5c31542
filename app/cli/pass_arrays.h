// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/norm_spec.h"
#include "engine/core/norm_state.h"
#include "engine/io/npz_writer.h"
#include "engine/kernels/backward.h"
#include "engine/kernels/forward.h"

#include <vector>

namespace normscope {

/**
 * `normscope-cli forward --npz-out`'s members (../shared/cli.md): every array of the pass that
 * exists for this spec, named as PyTorch names them: `y`, `mean` (not rms), `var`, `rstd`, with
 * running statistics `running_mean`, `running_var` and `num_batches_tracked` (int64, shape ()), and
 * with gradients (`gradients` not null) `grad_input`, with affine `grad_weight`, with a bias
 * `grad_bias`. Shapes are those of the single-array options (--mean-out...). The arrays borrow
 * the tensors: result, state and gradients must outlive the write.
 */
template <typename T>
std::vector<NpzArray> passArrays(const NormSpec& spec, const ForwardResult<T>& result, const NormState<T>& state,
                                 const BackwardResult<T>* gradients);

} // namespace normscope
