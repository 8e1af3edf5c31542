// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/norm_spec.h"
#include "engine/core/tensor.h"

#include <cstdint>

namespace normscope {

/// A module's parameters and buffers: what `module.state_dict()` holds. Empty tensors stand for
/// PyTorch's None (no weight when affine is off, no running statistics when not tracked).
template <typename T>
struct NormState {
    Tensor<T> weight; ///< gamma
    Tensor<T> bias;   ///< beta (RMSNorm has none)
    Tensor<T> running_mean;
    Tensor<T> running_var;
    std::int64_t num_batches_tracked = 0;

    /// PyTorch's initial state for this spec and input: weight ones, bias zeros, running_mean zeros,
    /// running_var ones.
    static NormState initial(const NormSpec& spec, const Shape& inputShape)
    {
        NormState s;
        if (spec.affine) {
            s.weight = Tensor<T>(affineShape(spec, inputShape), T(1));
            if (spec.hasBias())
                s.bias = Tensor<T>(affineShape(spec, inputShape), T(0));
        }
        if (spec.hasRunningStats()) {
            s.running_mean = Tensor<T>(runningStatsShape(inputShape), T(0));
            s.running_var = Tensor<T>(runningStatsShape(inputShape), T(1));
        }
        return s;
    }
};

/// Refuses a state whose tensors do not fit the spec and input (Error names the array and shapes).
template <typename T>
void validateState(const NormSpec& spec, const Shape& inputShape, const NormState<T>& state)
{
    const Shape affine = affineShape(spec, inputShape);
    if (spec.affine) {
        checkParameterShape("weight", state.weight.shape(), affine);
        if (spec.hasBias())
            checkParameterShape("bias", state.bias.shape(), affine);
    }
    if (spec.hasRunningStats()) {
        checkParameterShape("running_mean", state.running_mean.shape(), runningStatsShape(inputShape));
        checkParameterShape("running_var", state.running_var.shape(), runningStatsShape(inputShape));
    }
}

} // namespace normscope
