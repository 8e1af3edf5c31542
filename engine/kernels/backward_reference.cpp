// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// The plain reference backward pass: the shared semantics (backward_pass.h) with statistics from the
// reference kernels and the gradients as Eigen array expressions over each group, in long double.
// Deliberately simple; the fast kernels in backward.cpp are tested against it.

#include "engine/kernels/backward.h"
#include "engine/kernels/backward_pass.h"
#include "engine/kernels/reference_kernels.h"

namespace normscope {

namespace {

struct ReferenceBackwardKernels : detail::ReferenceKernels {
    template <typename T>
    static void gradients(const StatsLayout& layout, const T* x, const T* dy, const double* mean, const double* meanLo,
                          const double* rstd, const T* gamma, detail::GradientFlow flow, T* dx, double* dgamma,
                          double* dbeta, const Execution&)
    {
        using detail::reference::ArrayXl;
        using detail::reference::ArrayXXl;
        namespace ref = detail::reference;
        const auto n = static_cast<long double>(layout.groupSize());
        const auto P = static_cast<Eigen::Index>(layout.paramCount());
        const std::int64_t k = ref::paramsPerRun(layout);
        ArrayXl sumDyXhat = ArrayXl::Zero(P), sumDy = ArrayXl::Zero(P);

        for (std::int64_t group = 0; group < layout.groupCount(); ++group) {
            const long double r = rstd[group];
            const ArrayXXl xhat = ref::xhatOf(layout, x, group, mean, meanLo, rstd);
            const auto dyg = ref::groupOf(layout, dy, group).template cast<long double>();
            const ArrayXXl g =
                gamma ? ArrayXXl(dyg.colwise() * ref::paramAlongRun(layout, gamma, group)) : ArrayXXl(dyg);

            // Statistics taken from the input move with every element of the group; running ones do not.
            const long double meanG = flow.throughMean ? ref::sum(g) / n : 0.0L;
            const long double meanGXhat = flow.throughVar ? ref::sum(g * xhat) / n : 0.0L;
            ref::groupOf(layout, dx, group) = (r * (g - meanG - xhat * meanGXhat)).template cast<T>();

            const Eigen::Index first = layout.paramOf(layout.segmentStart(group, 0));
            sumDyXhat.segment(first, k) += ref::sumPerParam(layout, dyg * xhat);
            sumDy.segment(first, k) += ref::sumPerParam(layout, dyg);
        }

        if (dgamma)
            Eigen::Map<Eigen::ArrayXd>(dgamma, P) = sumDyXhat.cast<double>();
        if (dbeta)
            Eigen::Map<Eigen::ArrayXd>(dbeta, P) = sumDy.cast<double>();
    }
};

} // namespace

template <typename T>
BackwardResult<T> backwardReference(const NormSpec& spec, const Tensor<T>& x, const NormState<T>& state,
                                    const Tensor<T>& gradOutput)
{
    BackwardResult<T> result;
    detail::runBackward<ReferenceBackwardKernels>(spec, x, state, gradOutput, result, Execution{1});
    return result;
}

template BackwardResult<float> backwardReference(const NormSpec&, const Tensor<float>&, const NormState<float>&,
                                                 const Tensor<float>&);
template BackwardResult<double> backwardReference(const NormSpec&, const Tensor<double>&, const NormState<double>&,
                                                  const Tensor<double>&);

} // namespace normscope
