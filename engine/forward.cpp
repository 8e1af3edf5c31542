#include "engine/forward.h"

#include "engine/forward_kernels.h"
#include "engine/forward_pass.h"

#include <omp.h>

#include <algorithm>

namespace normscope {

namespace detail {

namespace {

// Sums run in the input's precision over short blocks (at most 16 additions per vector lane, so float
// rounding stays near 1e-6 of the block) and the block sums are folded in double. For float32 this
// keeps the loops 16 lanes wide instead of widening every element to double; the corrected two-pass
// scheme below then recovers what float rounding loses in the mean.
constexpr std::int64_t kBlock = 256;

// Sum of x - shift.
template <typename T>
double sumAbout(const T* p, std::int64_t n, T shift)
{
    double total = 0;
    for (std::int64_t b = 0; b < n; b += kBlock) {
        const std::int64_t len = std::min(kBlock, n - b);
        const T* q = p + b;
        T s = 0;
#pragma omp simd reduction(+ : s)
        for (std::int64_t i = 0; i < len; ++i)
            s += q[i] - shift;
        total += static_cast<double>(s);
    }
    return total;
}

// Sums of d = x - center and of d^2. center is a T, so that for data near it (offset data) x - center
// is exact.
template <typename T>
void sumDeviations(const T* p, std::int64_t n, T center, double& sumD, double& sumD2)
{
    for (std::int64_t b = 0; b < n; b += kBlock) {
        const std::int64_t len = std::min(kBlock, n - b);
        const T* q = p + b;
        T s = 0, s2 = 0;
#pragma omp simd reduction(+ : s, s2)
        for (std::int64_t i = 0; i < len; ++i) {
            const T d = q[i] - center;
            s += d;
            s2 += d * d;
        }
        sumD += static_cast<double>(s);
        sumD2 += static_cast<double>(s2);
    }
}

// y = ((x - center) - lo) * scale + shift on one run that shares one channel's gamma and beta.
// Subtracting the mean first keeps offset data's digits (x * scale + (shift - mean * scale) would
// cancel them): x - center is exact near the mean, and lo carries the rest of the mean.
template <typename T>
void scaleShift(const T* x, T* y, std::int64_t n, T center, T lo, T scale, T shift)
{
#pragma omp simd
    for (std::int64_t i = 0; i < n; ++i)
        y[i] = ((x[i] - center) - lo) * scale + shift;
}

// LayerNorm/RMSNorm: gamma and beta vary along the group.
template <typename T>
void scaleShiftElementwise(const T* x, T* y, std::int64_t n, T center, T lo, T rstd, const T* gamma, const T* beta)
{
    if (gamma && beta) {
#pragma omp simd
        for (std::int64_t i = 0; i < n; ++i)
            y[i] = ((x[i] - center) - lo) * rstd * gamma[i] + beta[i];
    } else if (gamma) {
#pragma omp simd
        for (std::int64_t i = 0; i < n; ++i)
            y[i] = ((x[i] - center) - lo) * rstd * gamma[i];
    } else {
        scaleShift(x, y, n, center, lo, rstd, T(0));
    }
}

} // namespace

int threadsFor(int requested, std::int64_t elements)
{
    const int available = requested > 0 ? requested : omp_get_max_threads();
    constexpr std::int64_t minElementsPerThread = 1 << 14;
    const auto useful = static_cast<int>(std::max<std::int64_t>(1, elements / minElementsPerThread));
    return std::max(1, std::min(available, useful));
}

template <typename T>
void FastKernels::moments(const StatsLayout& layout, const T* x, bool subtractMean, double* mean, double* meanLo,
                          double* var, int threads)
{
    const std::int64_t G = layout.groupCount();
    const std::int64_t segments = layout.segmentCount();
    const std::int64_t L = layout.segmentLength();
    const double n = static_cast<double>(layout.groupSize());
    const int t = threadsFor(threads, G * layout.groupSize());

#pragma omp parallel for num_threads(t) schedule(static)
    for (std::int64_t g = 0; g < G; ++g) {
        T center = 0;
        if (subtractMean) {
            // First estimate of the mean, summed about the group's first element so that offset data
            // sums small numbers.
            const T shift = x[layout.segmentStart(g, 0)];
            double s = 0;
            for (std::int64_t a = 0; a < segments; ++a)
                s += sumAbout(x + layout.segmentStart(g, a), L, shift);
            center = static_cast<T>(static_cast<double>(shift) + s / n);
        }
        // Corrected two-pass: the second pass, about the first estimate, gives the variance and the
        // error of the estimate itself (sumD / n), exact for constant groups and offset data. The
        // group was just read, so for classroom and layer sizes it comes from cache.
        double sumD = 0, sumD2 = 0;
        for (std::int64_t a = 0; a < segments; ++a)
            sumDeviations(x + layout.segmentStart(g, a), L, center, sumD, sumD2);
        mean[g] = static_cast<double>(center);
        meanLo[g] = subtractMean ? sumD / n : 0.0;
        var[g] = subtractMean ? std::max(0.0, (sumD2 - sumD * (sumD / n)) / n) : sumD2 / n;
    }
}

template <typename T>
void FastKernels::normalize(const StatsLayout& layout, const T* x, const double* mean, const double* meanLo,
                            const double* rstd, const T* gamma, const T* beta, T* y, int threads)
{
    const std::int64_t G = layout.groupCount();
    const std::int64_t segments = layout.segmentCount();
    const std::int64_t L = layout.segmentLength();
    const bool perElement = layout.paramInner() == 1 && layout.paramCount() == L && L > 1;
    const std::int64_t run = perElement ? L : layout.paramInner();
    const int t = threadsFor(threads, G * layout.groupSize());

#pragma omp parallel for num_threads(t) schedule(static)
    for (std::int64_t g = 0; g < G; ++g) {
        for (std::int64_t a = 0; a < segments; ++a) {
            const std::int64_t start = layout.segmentStart(g, a);
            // mean[g] is a T (the kernels' center, or a running mean), so center is exact.
            const T center = static_cast<T>(mean[g]);
            const T lo = static_cast<T>(meanLo[g]);
            if (perElement) {
                scaleShiftElementwise(x + start, y + start, L, center, lo, static_cast<T>(rstd[g]), gamma, beta);
                continue;
            }
            for (std::int64_t r = start; r < start + L; r += run) {
                const std::int64_t c = layout.paramOf(r);
                const double scale = rstd[g] * (gamma ? static_cast<double>(gamma[c]) : 1.0);
                const double shift = beta ? static_cast<double>(beta[c]) : 0.0;
                scaleShift(x + r, y + r, run, center, lo, static_cast<T>(scale), static_cast<T>(shift));
            }
        }
    }
}

template void FastKernels::moments<float>(const StatsLayout&, const float*, bool, double*, double*, double*, int);
template void FastKernels::moments<double>(const StatsLayout&, const double*, bool, double*, double*, double*, int);
template void FastKernels::normalize<float>(const StatsLayout&, const float*, const double*, const double*, const double*,
                                            const float*, const float*, float*, int);
template void FastKernels::normalize<double>(const StatsLayout&, const double*, const double*, const double*, const double*,
                                             const double*, const double*, double*, int);

} // namespace detail

template <typename T>
void forward(const NormSpec& spec, const Tensor<T>& x, NormState<T>& state, ForwardResult<T>& result,
             const ForwardOptions& options)
{
    detail::runForward<detail::FastKernels>(spec, x, state, result, options.threads);
}

template <typename T>
Tensor<T> normalizedInput(const NormSpec& spec, const Tensor<T>& x, const ForwardResult<T>& result)
{
    const StatsLayout layout(spec, x.shape());
    const auto G = static_cast<std::size_t>(layout.groupCount());
    // result.mean/rstd are rounded to T; offset float data needs the double statistics the forward
    // pass used, so batch statistics are taken again. In eval the running statistics are exact in T.
    std::vector<double> mean(G), meanLo(G), var(G), rstd(G);
    if (spec.usesInputStats()) {
        detail::FastKernels::moments(layout, x.data(), spec.subtractsMean(), mean.data(), meanLo.data(), var.data(), 0);
    } else {
        for (std::size_t g = 0; g < G; ++g) {
            mean[g] = static_cast<double>(result.mean[static_cast<std::int64_t>(g)]);
            var[g] = static_cast<double>(result.var[static_cast<std::int64_t>(g)]);
        }
    }
    detail::rstdFromVar(spec.effectiveEps<T>(), var.data(), rstd.data(), G);
    Tensor<T> xhat(x.shape());
    detail::FastKernels::normalize<T>(layout, x.data(), mean.data(), meanLo.data(), rstd.data(), nullptr, nullptr, xhat.data(), 0);
    return xhat;
}

template void forward(const NormSpec&, const Tensor<float>&, NormState<float>&, ForwardResult<float>&, const ForwardOptions&);
template void forward(const NormSpec&, const Tensor<double>&, NormState<double>&, ForwardResult<double>&, const ForwardOptions&);
template Tensor<float> normalizedInput(const NormSpec&, const Tensor<float>&, const ForwardResult<float>&);
template Tensor<double> normalizedInput(const NormSpec&, const Tensor<double>&, const ForwardResult<double>&);

} // namespace normscope
