// The plain reference backward pass: the shared semantics (backward_pass.h) with statistics from the
// reference kernels and gradients element by element through StatsLayout::forEachElement, summed in
// long double. Deliberately simple; the fast kernels in backward.cpp are tested against it.

#include "engine/kernels/backward.h"
#include "engine/kernels/backward_pass.h"
#include "engine/kernels/reference_kernels.h"

#include <vector>

namespace normscope {

namespace {

struct ReferenceBackwardKernels : detail::ReferenceKernels {
    template <typename T>
    static void gradients(const StatsLayout& layout, const T* x, const T* dy, const double* mean,
                          const double* meanLo, const double* rstd, const T* gamma, detail::GradientFlow flow,
                          T* dx, double* dgamma, double* dbeta, int)
    {
        const auto n = static_cast<long double>(layout.groupSize());
        std::vector<long double> sumDyXhat(static_cast<std::size_t>(layout.paramCount()));
        std::vector<long double> sumDy(static_cast<std::size_t>(layout.paramCount()));

        for (std::int64_t group = 0; group < layout.groupCount(); ++group) {
            // x - mean is exact; meanLo carries the digits of the mean that neither type can hold.
            const long double r = rstd[group];
            const auto xhat = [&](std::int64_t i) {
                return (static_cast<long double>(x[i]) - mean[group] - meanLo[group]) * r;
            };
            const auto g = [&](std::int64_t i) {
                return static_cast<long double>(dy[i]) * (gamma ? gamma[layout.paramOf(i)] : 1.0L);
            };

            long double sumG = 0, sumGXhat = 0;
            layout.forEachElement(group, [&](std::int64_t i) {
                sumG += g(i);
                sumGXhat += g(i) * xhat(i);
                const auto p = static_cast<std::size_t>(layout.paramOf(i));
                sumDyXhat[p] += dy[i] * xhat(i);
                sumDy[p] += dy[i];
            });

            // Statistics taken from the input move with every element of the group; running ones do not.
            const long double meanG = flow.throughMean ? sumG / n : 0.0L;
            const long double meanGXhat = flow.throughVar ? sumGXhat / n : 0.0L;
            layout.forEachElement(group, [&](std::int64_t i) {
                dx[i] = static_cast<T>(r * (g(i) - meanG - xhat(i) * meanGXhat));
            });
        }

        for (std::size_t p = 0; p < sumDy.size(); ++p) {
            if (dgamma)
                dgamma[p] = static_cast<double>(sumDyXhat[p]);
            if (dbeta)
                dbeta[p] = static_cast<double>(sumDy[p]);
        }
    }
};

} // namespace

template <typename T>
BackwardResult<T> backwardReference(const NormSpec& spec, const Tensor<T>& x, const NormState<T>& state,
                                    const Tensor<T>& gradOutput)
{
    BackwardResult<T> result;
    detail::runBackward<ReferenceBackwardKernels>(spec, x, state, gradOutput, result, 1);
    return result;
}

template BackwardResult<float> backwardReference(const NormSpec&, const Tensor<float>&, const NormState<float>&,
                                                 const Tensor<float>&);
template BackwardResult<double> backwardReference(const NormSpec&, const Tensor<double>&, const NormState<double>&,
                                                  const Tensor<double>&);

} // namespace normscope
