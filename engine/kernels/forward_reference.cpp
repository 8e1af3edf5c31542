// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// The plain reference forward pass: the shared semantics (forward_pass.h) with the long double Eigen
// kernels of reference_kernels.h. The fast kernels in forward.cpp are tested against it.

#include "engine/kernels/forward.h"
#include "engine/kernels/forward_pass.h"
#include "engine/kernels/reference_kernels.h"

namespace normscope {

template <typename T>
ForwardResult<T> forwardReference(const NormSpec& spec, const Tensor<T>& x, NormState<T>& state)
{
    ForwardResult<T> result;
    detail::runForward<detail::ReferenceKernels>(spec, x, state, result, Execution{1});
    return result;
}

template ForwardResult<float> forwardReference(const NormSpec&, const Tensor<float>&, NormState<float>&);
template ForwardResult<double> forwardReference(const NormSpec&, const Tensor<double>&, NormState<double>&);

} // namespace normscope
