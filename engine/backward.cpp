#include "engine/backward.h"

#include "engine/backward_pass.h"
#include "engine/error.h"
#include "engine/forward_kernels.h"

#include <algorithm>
#include <vector>

namespace normscope {

namespace detail {

namespace {

// Every loop below runs over one contiguous run and computes in double: d = (x - mean) - meanLo keeps
// offset data's digits (mean 1e4, std 1e-2 in float32), and sums of dy * d stay accurate.

// Sums of dy and of dy * d over one run.
template <typename T>
void runSums(const T* x, const T* dy, std::int64_t n, double mean, double meanLo, double& sumDy, double& sumDyD)
{
    double s = 0, sd = 0;
#pragma omp simd reduction(+ : s, sd)
    for (std::int64_t i = 0; i < n; ++i) {
        const double g = static_cast<double>(dy[i]);
        s += g;
        sd += g * ((static_cast<double>(x[i]) - mean) - meanLo);
    }
    sumDy += s;
    sumDyD += sd;
}

// dx = scale * dy + shift + d * slope on one run that shares one gamma.
template <typename T>
void inputGradient(const T* x, const T* dy, T* dx, std::int64_t n, double mean, double meanLo, double scale,
                   double shift, double slope)
{
#pragma omp simd
    for (std::int64_t i = 0; i < n; ++i)
        dx[i] = static_cast<T>(scale * static_cast<double>(dy[i]) + shift
                               + ((static_cast<double>(x[i]) - mean) - meanLo) * slope);
}

// LayerNorm/RMSNorm, gamma varying along the row: A = sum(g), B = sum(g * d) with g = dy * gamma, and
// the row's share of dgamma (dy * d * rstd) and dbeta (dy) added to the block's accumulators.
template <typename T, bool Gamma, bool Beta>
void rowSums(const T* x, const T* dy, const T* gamma, std::int64_t n, double mean, double meanLo, double rstd,
             double* dgamma, double* dbeta, double& A, double& B)
{
    double a = 0, b = 0;
#pragma omp simd reduction(+ : a, b)
    for (std::int64_t i = 0; i < n; ++i) {
        const double g = static_cast<double>(dy[i]);
        const double gd = g * ((static_cast<double>(x[i]) - mean) - meanLo);
        if constexpr (Gamma) {
            const double w = static_cast<double>(gamma[i]);
            a += g * w;
            b += gd * w;
            dgamma[i] += gd * rstd;
        } else {
            a += g;
            b += gd;
        }
        if constexpr (Beta)
            dbeta[i] += g;
    }
    A = a;
    B = b;
}

template <typename T>
void rowInputGradient(const T* x, const T* dy, const T* gamma, T* dx, std::int64_t n, double mean, double meanLo,
                      double rstd, double shift, double slope)
{
    if (!gamma) {
        inputGradient(x, dy, dx, n, mean, meanLo, rstd, shift, slope);
        return;
    }
#pragma omp simd
    for (std::int64_t i = 0; i < n; ++i)
        dx[i] = static_cast<T>(rstd * static_cast<double>(gamma[i]) * static_cast<double>(dy[i]) + shift
                               + ((static_cast<double>(x[i]) - mean) - meanLo) * slope);
}

/// shift and slope of dx = rstd * g + shift + d * slope, from A = sum(g) and B = sum(g * d) over n.
struct InputGradientTerms {
    double shift = 0, slope = 0;
    InputGradientTerms(GradientFlow flow, double rstd, double n, double A, double B)
    {
        if (flow.throughMean)
            shift = -rstd * A / n;
        if (flow.throughVar)
            slope = -rstd * rstd * rstd * B / n;
    }
};

// Rows of per-element parameters are spread over this many blocks, each with its own dgamma/dbeta
// accumulators, summed in block order afterwards: parallel, yet the sums do not depend on the thread
// count. The block count depends only on the shape, bounded so the accumulators stay small.
std::int64_t blockCount(std::int64_t rows, std::int64_t rowLength)
{
    constexpr std::int64_t maxBlocks = 64;
    constexpr std::int64_t maxAccumulators = std::int64_t(1) << 19;
    return std::max<std::int64_t>(1, std::min({rows, maxBlocks, maxAccumulators / rowLength}));
}

// LayerNorm/RMSNorm (and GroupNorm with G = 1 on (N, C)): gamma[i] belongs to the i-th element of
// every segment.
template <typename T, bool Gamma, bool Beta>
void elementwiseGradients(const StatsLayout& layout, const T* x, const T* dy, const double* mean,
                          const double* meanLo, const double* rstd, const T* gamma, GradientFlow flow, T* dx,
                          double* dgamma, double* dbeta, int threads)
{
    const std::int64_t G = layout.groupCount();
    const std::int64_t segments = layout.segmentCount();
    const std::int64_t L = layout.segmentLength();
    const double n = static_cast<double>(layout.groupSize());
    const std::int64_t blocks = blockCount(G, L);
    std::vector<double> blockDgamma(Gamma ? static_cast<std::size_t>(blocks * L) : 0);
    std::vector<double> blockDbeta(Beta ? static_cast<std::size_t>(blocks * L) : 0);
    const int t = std::min<int>(threadsFor(threads, G * layout.groupSize()), static_cast<int>(blocks));

#pragma omp parallel for num_threads(t) schedule(static)
    for (std::int64_t b = 0; b < blocks; ++b) {
        double* dg = Gamma ? blockDgamma.data() + b * L : nullptr;
        double* db = Beta ? blockDbeta.data() + b * L : nullptr;
        for (std::int64_t g = G * b / blocks; g < G * (b + 1) / blocks; ++g) {
            double A = 0, B = 0;
            for (std::int64_t a = 0; a < segments; ++a) {
                const std::int64_t s = layout.segmentStart(g, a);
                double segA = 0, segB = 0;
                rowSums<T, Gamma, Beta>(x + s, dy + s, gamma, L, mean[g], meanLo[g], rstd[g], dg, db, segA, segB);
                A += segA;
                B += segB;
            }
            const InputGradientTerms terms(flow, rstd[g], n, A, B);
            for (std::int64_t a = 0; a < segments; ++a) {
                const std::int64_t s = layout.segmentStart(g, a);
                rowInputGradient(x + s, dy + s, gamma, dx + s, L, mean[g], meanLo[g], rstd[g], terms.shift, terms.slope);
            }
        }
    }

    for (std::int64_t b = 0; b < blocks; ++b) {
        if constexpr (Gamma) {
            const double* dg = blockDgamma.data() + b * L;
#pragma omp simd
            for (std::int64_t i = 0; i < L; ++i)
                dgamma[i] += dg[i];
        }
        if constexpr (Beta) {
            const double* db = blockDbeta.data() + b * L;
#pragma omp simd
            for (std::int64_t i = 0; i < L; ++i)
                dbeta[i] += db[i];
        }
    }
}

// BatchNorm, InstanceNorm, GroupNorm: gamma is constant along runs of layout.paramInner() elements.
// Each (group, run) keeps its own parameter sums, added into dgamma/dbeta in group order afterwards.
// Only BatchNorm has several segments per group, and they all hold the group's channel, so run k of
// every segment has the same parameter.
template <typename T>
void channelGradients(const StatsLayout& layout, const T* x, const T* dy, const double* mean, const double* meanLo,
                      const double* rstd, const T* gamma, GradientFlow flow, T* dx, double* dgamma, double* dbeta,
                      int threads)
{
    const std::int64_t G = layout.groupCount();
    const std::int64_t segments = layout.segmentCount();
    const std::int64_t L = layout.segmentLength();
    const std::int64_t run = std::min(layout.paramInner(), L);
    const std::int64_t runs = L / run;
    const double n = static_cast<double>(layout.groupSize());
    const bool params = dgamma || dbeta;
    const bool sums = params || flow.throughMean || flow.throughVar;
    std::vector<double> runDy(params ? static_cast<std::size_t>(G * runs) : 0);
    std::vector<double> runDyXhat(params ? static_cast<std::size_t>(G * runs) : 0);
    const int t = threadsFor(threads, G * layout.groupSize());

#pragma omp parallel for num_threads(t) schedule(static)
    for (std::int64_t g = 0; g < G; ++g) {
        const double m = mean[g], lo = meanLo[g], r = rstd[g];
        const std::int64_t first = layout.segmentStart(g, 0);
        double A = 0, B = 0;
        if (sums) {
            for (std::int64_t k = 0; k < runs; ++k) {
                double sumDy = 0, sumDyD = 0;
                for (std::int64_t a = 0; a < segments; ++a) {
                    const std::int64_t s = layout.segmentStart(g, a) + k * run;
                    runSums(x + s, dy + s, run, m, lo, sumDy, sumDyD);
                }
                const double w = gamma ? static_cast<double>(gamma[layout.paramOf(first + k * run)]) : 1.0;
                A += w * sumDy;
                B += w * sumDyD;
                if (params) {
                    runDy[static_cast<std::size_t>(g * runs + k)] = sumDy;
                    runDyXhat[static_cast<std::size_t>(g * runs + k)] = sumDyD * r;
                }
            }
        }
        const InputGradientTerms terms(flow, r, n, A, B);
        for (std::int64_t k = 0; k < runs; ++k) {
            const double w = gamma ? static_cast<double>(gamma[layout.paramOf(first + k * run)]) : 1.0;
            for (std::int64_t a = 0; a < segments; ++a) {
                const std::int64_t s = layout.segmentStart(g, a) + k * run;
                inputGradient(x + s, dy + s, dx + s, run, m, lo, r * w, terms.shift, terms.slope);
            }
        }
    }

    if (!params)
        return;
    for (std::int64_t g = 0; g < G; ++g) {
        for (std::int64_t k = 0; k < runs; ++k) {
            const std::int64_t p = layout.paramOf(layout.segmentStart(g, 0) + k * run);
            const auto i = static_cast<std::size_t>(g * runs + k);
            if (dgamma)
                dgamma[p] += runDyXhat[i];
            if (dbeta)
                dbeta[p] += runDy[i];
        }
    }
}

struct FastBackwardKernels : FastKernels {
    template <typename T>
    static void gradients(const StatsLayout& layout, const T* x, const T* dy, const double* mean,
                          const double* meanLo, const double* rstd, const T* gamma, GradientFlow flow, T* dx,
                          double* dgamma, double* dbeta, int threads)
    {
        const std::int64_t L = layout.segmentLength();
        const bool perElement = layout.paramInner() == 1 && layout.paramCount() == L && L > 1;
        if (!perElement)
            channelGradients(layout, x, dy, mean, meanLo, rstd, gamma, flow, dx, dgamma, dbeta, threads);
        else if (!gamma)
            elementwiseGradients<T, false, false>(layout, x, dy, mean, meanLo, rstd, gamma, flow, dx, dgamma, dbeta, threads);
        else if (!dbeta)
            elementwiseGradients<T, true, false>(layout, x, dy, mean, meanLo, rstd, gamma, flow, dx, dgamma, dbeta, threads);
        else
            elementwiseGradients<T, true, true>(layout, x, dy, mean, meanLo, rstd, gamma, flow, dx, dgamma, dbeta, threads);
    }
};

} // namespace

} // namespace detail

void validateGradOutput(const Shape& gradOutputShape, const Shape& inputShape)
{
    if (gradOutputShape != inputShape)
        throw Error("grad_output has shape " + toString(gradOutputShape) + " but the input has shape "
                    + toString(inputShape) + "; they must be equal");
}

template <typename T>
void backward(const NormSpec& spec, const Tensor<T>& x, const NormState<T>& state, const Tensor<T>& gradOutput,
              BackwardResult<T>& result, const BackwardOptions& options)
{
    detail::runBackward<detail::FastBackwardKernels>(spec, x, state, gradOutput, result, options.threads);
}

template void backward(const NormSpec&, const Tensor<float>&, const NormState<float>&, const Tensor<float>&,
                       BackwardResult<float>&, const BackwardOptions&);
template void backward(const NormSpec&, const Tensor<double>&, const NormState<double>&, const Tensor<double>&,
                       BackwardResult<double>&, const BackwardOptions&);

} // namespace normscope
