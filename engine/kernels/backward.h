// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/kernels/forward.h"
#include "engine/core/norm_spec.h"
#include "engine/core/norm_state.h"
#include "engine/core/shape.h"
#include "engine/core/tensor.h"

namespace normscope {

/// The gradients of one pass: dL/dX, dL/dgamma, dL/dbeta. grad_weight is empty when affine is off,
/// grad_bias also for RMSNorm (no bias).
template <typename T>
struct BackwardResult {
    Tensor<T> grad_input;
    Tensor<T> grad_weight;
    Tensor<T> grad_bias;
};

struct BackwardOptions {
    int threads = 1; ///< worker threads for the fast kernels; <= 0 means all cores
    /// As ForwardOptions::caches: unset, this machine's; the result is the same bits either way.
    std::optional<CacheSizes> caches = std::nullopt;
};

/// Refuses (Error naming both shapes) an upstream gradient whose shape is not the input's.
void validateGradOutput(const Shape& gradOutputShape, const Shape& inputShape);

/**
 * dL/dX, dL/dgamma, dL/dbeta for the forward pass of `spec` on x, given dL/dY = gradOutput, exactly as
 * PyTorch autograd computes them. `state` is the module's state as it was BEFORE that pass: its
 * weight, and in eval mode its running statistics (the only case they matter, and eval does not
 * change them).
 *
 * When the statistics come from the input (spec.usesInputStats()) the gradient flows through the
 * mean and the variance, coupling every element of a group (BatchNorm: the samples of the batch);
 * with running statistics in eval they are constants and dX = dY * gamma * rstd. Reuses result's
 * buffers when they already have the right size. Validates like forward (throws Error). The result
 * does not depend on options.threads.
 */
template <typename T>
void backward(const NormSpec& spec, const Tensor<T>& x, const NormState<T>& state, const Tensor<T>& gradOutput,
              BackwardResult<T>& result, const BackwardOptions& options = {});

template <typename T>
BackwardResult<T> backward(const NormSpec& spec, const Tensor<T>& x, const NormState<T>& state,
                           const Tensor<T>& gradOutput, const BackwardOptions& options = {})
{
    BackwardResult<T> result;
    backward(spec, x, state, gradOutput, result, options);
    return result;
}

/**
 * The same gradients, with the statistics the forward pass saved (`forwardResult`, from forward() of
 * `spec` on this x) instead of taking them again: one pass over x fewer, as in a training step. Only
 * state's weight is read. The result is bit-identical to the overload above. Throws Error when
 * forwardResult holds no statistics for this input's groups.
 */
template <typename T>
void backward(const NormSpec& spec, const Tensor<T>& x, const NormState<T>& state, const Tensor<T>& gradOutput,
              const ForwardResult<T>& forwardResult, BackwardResult<T>& result, const BackwardOptions& options = {});

/// The plain, readable reference: the same semantics, element by element with long double sums.
/// Slow; tests hold the fast path to it.
template <typename T>
BackwardResult<T> backwardReference(const NormSpec& spec, const Tensor<T>& x, const NormState<T>& state,
                                    const Tensor<T>& gradOutput);

} // namespace normscope
