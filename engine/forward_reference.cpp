// The plain reference: element by element through StatsLayout::forEachElement, two-pass in long
// double. Deliberately simple; the fast kernels in forward.cpp are tested against it.

#include "engine/forward.h"
#include "engine/forward_pass.h"

namespace normscope {

namespace {

struct ReferenceKernels {
    template <typename T>
    static void moments(const StatsLayout& layout, const T* x, bool subtractMean, double* mean, double* meanLo,
                        double* var, int)
    {
        const auto n = static_cast<long double>(layout.groupSize());
        for (std::int64_t g = 0; g < layout.groupCount(); ++g) {
            long double sum = 0;
            layout.forEachElement(g, [&](std::int64_t i) { sum += x[i]; });
            const long double m = subtractMean ? sum / n : 0.0L;
            long double sq = 0;
            layout.forEachElement(g, [&](std::int64_t i) {
                const long double d = static_cast<long double>(x[i]) - m;
                sq += d * d;
            });
            mean[g] = static_cast<double>(m);
            meanLo[g] = static_cast<double>(m - static_cast<long double>(mean[g]));
            var[g] = static_cast<double>(sq / n);
        }
    }

    template <typename T>
    static void normalize(const StatsLayout& layout, const T* x, const double* mean, const double* meanLo,
                          const double* rstd, const T* gamma, const T* beta, T* y, int)
    {
        for (std::int64_t g = 0; g < layout.groupCount(); ++g) {
            layout.forEachElement(g, [&](std::int64_t i) {
                const std::int64_t p = layout.paramOf(i);
                const long double m = static_cast<long double>(mean[g]) + meanLo[g];
                long double v = (static_cast<long double>(x[i]) - m) * rstd[g];
                if (gamma)
                    v *= gamma[p];
                if (beta)
                    v += beta[p];
                y[i] = static_cast<T>(v);
            });
        }
    }
};

} // namespace

template <typename T>
ForwardResult<T> forwardReference(const NormSpec& spec, const Tensor<T>& x, NormState<T>& state)
{
    ForwardResult<T> result;
    detail::runForward<ReferenceKernels>(spec, x, state, result, 1);
    return result;
}

template ForwardResult<float> forwardReference(const NormSpec&, const Tensor<float>&, NormState<float>&);
template ForwardResult<double> forwardReference(const NormSpec&, const Tensor<double>&, NormState<double>&);

} // namespace normscope
