// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/kernels/forward.h"

#include "engine/kernels/forward_kernels.h"
#include "engine/kernels/forward_pass.h"
#include "engine/kernels/kernel_plan.h"
#include "engine/kernels/normalize_element.h"
#include "engine/kernels/streaming_store.h"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

namespace normscope {

namespace detail {

namespace {

// Sums run in the input's precision in kLanes independent lanes: each lane adds kDepth elements as a
// pairwise tree (three roundings deep) and folds the result into a double. For float32 this keeps
// the loops 16 lanes wide instead of widening every element to double, and the rounding error is
// bounded by the tree's depth, not by whether the compiler vectorises the loop (an unvectorised float
// reduction over a long run would lose ~1e-6). Eight elements per fold rather than four: the fold
// (widening 16 lanes twice) cost more than the additions, a quarter of the pass. The corrected
// two-pass scheme below then recovers what float rounding loses in the mean.
constexpr std::int64_t kLanes = 16;

constexpr std::int64_t kDepth = 8;
constexpr std::int64_t kChunk = kLanes * kDepth;

// v[0] + ... + v[kLanes - 1] as a fixed pairwise tree: the same order every time, and a dependency
// chain of log2(kLanes) additions instead of kLanes (a group's statistics are latency-bound when it
// sits in cache). Overwrites v.
inline double treeSum(double (&v)[kLanes])
{
    for (std::int64_t width = kLanes / 2; width >= 1; width /= 2) {
#pragma omp simd
        for (std::int64_t j = 0; j < width; ++j)
            v[j] += v[j + width];
    }
    return v[0];
}

// Sums of d = x - center and of d^2 over one run. center is a T, so that for data near it (offset
// data) x - center is exact.
template <typename T, bool Squares>
void sumDeviations(const T* p, std::int64_t n, T center, double& sumD, double& sumD2)
{
    double wideS[kLanes] = {}, wideS2[kLanes] = {};
    std::int64_t i = 0;
    for (; i + kChunk <= n; i += kChunk) {
        static_assert(kDepth == 8, "the tree below adds eight elements per lane");
        const T* q = p + i;
#pragma omp simd
        for (std::int64_t j = 0; j < kLanes; ++j) {
            const T d0 = q[j] - center, d1 = q[j + kLanes] - center, d2 = q[j + 2 * kLanes] - center;
            const T d3 = q[j + 3 * kLanes] - center, d4 = q[j + 4 * kLanes] - center;
            const T d5 = q[j + 5 * kLanes] - center, d6 = q[j + 6 * kLanes] - center;
            const T d7 = q[j + 7 * kLanes] - center;
            wideS[j] += static_cast<double>(((d0 + d1) + (d2 + d3)) + ((d4 + d5) + (d6 + d7)));
            if constexpr (Squares)
                wideS2[j] += static_cast<double>(((d0 * d0 + d1 * d1) + (d2 * d2 + d3 * d3))
                                                 + ((d4 * d4 + d5 * d5) + (d6 * d6 + d7 * d7)));
        }
    }
    // Whole vectors left over (BatchNorm and InstanceNorm at 56x56 leave four per run): one element per
    // lane, widened before it is squared.
    for (; i + kLanes <= n; i += kLanes) {
        const T* q = p + i;
#pragma omp simd
        for (std::int64_t j = 0; j < kLanes; ++j) {
            const double d = static_cast<double>(q[j] - center);
            wideS[j] += d;
            if constexpr (Squares)
                wideS2[j] += d * d;
        }
    }
    double tailS = 0, tailS2 = 0;
    for (; i < n; ++i) {
        const T d = p[i] - center;
        tailS += static_cast<double>(d);
        tailS2 += static_cast<double>(d) * static_cast<double>(d);
    }
    sumD += treeSum(wideS) + tailS;
    if constexpr (Squares)
        sumD2 += treeSum(wideS2) + tailS2;
}

// The mean of the group's first min(size, kLanes) elements in memory order, rounded to T.
template <typename T>
T sampledMean(const StatsLayout& layout, const T* x, std::int64_t g)
{
    const std::int64_t L = layout.segmentLength();
    double v[kLanes] = {};
    if (L >= kLanes) {
        // The common case, kept free of scalar stores that the vector sum would have to wait for.
        const T* p = x + layout.segmentStart(g, 0);
#pragma omp simd
        for (std::int64_t j = 0; j < kLanes; ++j)
            v[j] = static_cast<double>(p[j]);
        return static_cast<T>(treeSum(v) / static_cast<double>(kLanes));
    }
    std::int64_t k = 0;
    for (std::int64_t a = 0; a < layout.segmentCount() && k < kLanes; ++a) {
        const T* p = x + layout.segmentStart(g, a);
        for (std::int64_t i = 0; i < L && k < kLanes; ++i)
            v[k++] = static_cast<double>(p[i]);
    }
    return static_cast<T>(treeSum(v) / static_cast<double>(k));
}

// The moments of group g in the wide type, plain two-pass: the fallback for a group whose fast
// moments are not finite. Finite float data near FLT_MAX overflows the float lanes of the fast sums
// (deviations of 6.8e38) but not a double; data with NaN or Inf gets PyTorch's answer, NaN where a
// NaN is summed and mean +-inf with variance NaN where an infinity is.
template <typename T>
void wideGroupMoments(const StatsLayout& layout, const T* x, std::int64_t g, double& mean, double& lo, double& var)
{
    using Wide = WideOf<T>;
    const auto n = static_cast<Wide>(layout.groupSize());
    Wide sum = 0;
    for (std::int64_t a = 0; a < layout.segmentCount(); ++a) {
        const T* p = x + layout.segmentStart(g, a);
        for (std::int64_t i = 0; i < layout.segmentLength(); ++i)
            sum += static_cast<Wide>(p[i]);
    }
    const Wide wideMean = sum / n;
    Wide sumSquares = 0;
    for (std::int64_t a = 0; a < layout.segmentCount(); ++a) {
        const T* p = x + layout.segmentStart(g, a);
        for (std::int64_t i = 0; i < layout.segmentLength(); ++i) {
            const Wide d = static_cast<Wide>(p[i]) - wideMean;
            sumSquares += d * d;
        }
    }
    mean = static_cast<double>(wideMean);
    lo = std::isfinite(mean) ? static_cast<double>(wideMean - static_cast<Wide>(mean)) : 0.0; // inf - inf
    var = static_cast<double>(sumSquares / n);
}

// The moments of group g: mean = center + lo with center a T, and the biased variance about it
// (RMSNorm: center = lo = 0 and var = the mean of squares).
template <typename T>
void groupMoments(const StatsLayout& layout, const T* x, std::int64_t g, bool subtractMean, double& mean, double& lo,
                  double& var)
{
    const double n = static_cast<double>(layout.groupSize());
    double sumD = 0, sumD2 = 0;
    const auto sumAbout = [&](T center) {
        sumD = sumD2 = 0;
        for (std::int64_t a = 0; a < layout.segmentCount(); ++a)
            sumDeviations<T, true>(x + layout.segmentStart(g, a), layout.segmentLength(), center, sumD, sumD2);
    };
    if (!subtractMean) {
        sumAbout(T(0));
        mean = lo = 0;
        var = sumD2 / n;
        return;
    }
    // One pass about a first guess at the mean, the average of the group's first few elements, so
    // that offset data sums small deviations. Its variance, sumD2 / n - m^2, loses to cancellation
    // only the digits in m^2 / var: while the guess is within one standard deviation of the mean
    // (m^2 <= var) that costs at most one bit, as accurate as the corrected two-pass below.
    const T shift = sampledMean(layout, x, g);
    sumAbout(shift);
    double m = sumD / n;
    const T center = static_cast<T>(static_cast<double>(shift) + m);
    if (!(m * m <= sumD2 / n - m * m)) {
        // The guess was far off (or the data is not finite): corrected two-pass. The second pass,
        // about the first estimate, gives the variance and the error of the estimate itself
        // (sumD / n), exact for constant groups and offset data. The group was just read, so for
        // classroom and layer sizes it comes from cache.
        sumAbout(center);
        m = sumD / n;
        lo = m;
    } else {
        // mean = shift + m = center + lo; shift - center is exact (both are T's near the mean).
        lo = (static_cast<double>(shift) - static_cast<double>(center)) + m;
    }
    mean = static_cast<double>(center);
    var = (sumD2 - sumD * m) / n;
    if (var < 0) // rounding only; a NaN must stay NaN (std::max(0.0, NaN) is 0)
        var = 0;
    if (!std::isfinite(var) || !std::isfinite(mean + lo))
        wideGroupMoments(layout, x, g, mean, lo, var);
}

// Writes y[0, n) through body(first, count, dst): straight, or with `stream` past the caches
// (streaming_store.h), while the line at the same offset of `next` (if any) is fetched.
template <typename T, typename Body>
void writeOutput(T* y, std::int64_t n, bool stream, const T* next, Body&& body)
{
    if (!stream) {
        body(0, n, y);
        return;
    }
    if (!next) {
        writeLines(y, n, true, body, nullptr);
        return;
    }
    writeLines(y, n, true, body, [next](std::int64_t first) { prefetchToL2(next + first); });
}

// y = (x - center) * scale + shift on one run that shares one channel's gamma and beta; the caller
// folds the rest of the mean, lo, into shift (shift - lo * scale, in double). Subtracting the mean
// first keeps offset data's digits (x * scale + (shift - mean * scale) would cancel them): x - center
// is exact near the mean, and one fused multiply-add rounds the rest once. With `stream` the output
// bypasses the caches (streaming_store.h): a large y is not read before it is written.
template <typename T>
void scaleShift(const T* x, T* y, std::int64_t n, T center, T scale, T shift, bool stream, const T* next = nullptr)
{
    auto body = [&](std::int64_t first, std::int64_t count, T* dst) {
        const T* src = x + first;
#pragma omp simd
        for (std::int64_t i = 0; i < count; ++i)
            dst[i] = scaledElement(src[i], center, scale, shift);
    };
    writeOutput(y, n, stream, next, body);
}

// LayerNorm/RMSNorm, gamma and beta varying along the group: y = xhat * gamma + beta with
// xhat = (x - center) * rstd + offset, offset = -lo * rstd (see scaleShift).
template <typename T>
void scaleShiftElementwise(const T* x, T* y, std::int64_t n, T center, T rstd, T offset, const T* gamma, const T* beta,
                           bool stream, const T* next = nullptr)
{
    if (!gamma) {
        scaleShift(x, y, n, center, rstd, offset, stream, next);
        return;
    }
    auto body = [&](std::int64_t first, std::int64_t count, T* dst) {
        const T* src = x + first;
        const T* g = gamma + first;
        if (beta) {
            const T* b = beta + first;
#pragma omp simd
            for (std::int64_t i = 0; i < count; ++i)
                dst[i] = affineElement(src[i], center, rstd, offset, g[i], b[i]);
        } else {
#pragma omp simd
            for (std::int64_t i = 0; i < count; ++i)
                dst[i] = affineElement(src[i], center, rstd, offset, g[i]);
        }
    };
    writeOutput(y, n, stream, next, body);
}

} // namespace

int threadsFor(int requested, std::int64_t elements)
{
    const int available = requested > 0 ? requested : omp_get_max_threads();
    constexpr std::int64_t minElementsPerThread = 1 << 14;
    const auto useful = static_cast<int>(std::max<std::int64_t>(1, elements / minElementsPerThread));
    return std::max(1, std::min(available, useful));
}

// The group loops below are scheduled `guided`, not `static`: on a shared machine one core is often
// slower than the other for a while, and a static split waits for it. Each group is computed whole by
// whichever thread takes it, so the results do not depend on the schedule or the thread count.

namespace {

// normalizeGroup in the wide type, element by element: the rare groups that T cannot hold.
template <typename T>
void normalizeGroupWide(const StatsLayout& layout, const T* x, std::int64_t g, double mean, double lo, double rstd,
                        const T* gamma, const T* beta, T* y)
{
    for (std::int64_t a = 0; a < layout.segmentCount(); ++a) {
        const std::int64_t start = layout.segmentStart(g, a);
        for (std::int64_t r = start; r < start + layout.segmentLength(); ++r)
            y[r] = wideElement(x[r], mean, lo, rstd, gamma, beta, layout.paramOf(r));
    }
}

// y = (x - mean - lo) * rstd * gamma + beta over group g. mean is a T (a kernel's center or a running
// mean), so center is exact. The plan says whether the output is streamed and the next group fetched.
template <typename T>
void normalizeGroup(const StatsLayout& layout, const T* x, std::int64_t g, double mean, double lo, double rstd,
                    const T* gamma, const T* beta, T* y, const ForwardPlan& plan)
{
    const bool stream = plan.streamOutput;
    const bool hasNext = plan.fetchNextGroup && g + 1 < layout.groupCount();
    const std::int64_t L = layout.segmentLength();
    const bool perElement = layout.paramsPerElement();
    const std::int64_t run = perElement ? L : layout.paramInner();
    const T center = static_cast<T>(mean);
    if (needsWideNormalization<T>(layout, mean, lo, rstd)) {
        normalizeGroupWide(layout, x, g, mean, lo, rstd, gamma, beta, y);
        return;
    }
    for (std::int64_t a = 0; a < layout.segmentCount(); ++a) {
        const std::int64_t start = layout.segmentStart(g, a);
        if (perElement) {
            scaleShiftElementwise(x + start, y + start, L, center, static_cast<T>(rstd), static_cast<T>(-lo * rstd),
                                  gamma, beta, stream, hasNext ? x + start + L : nullptr);
            continue;
        }
        for (std::int64_t r = start; r < start + L; r += run) {
            T scale, shift;
            channelScaleShift(rstd, lo, gamma, beta, layout.paramOf(r), scale, shift);
            scaleShift(x + r, y + r, run, center, scale, shift, stream, hasNext ? x + r + L : nullptr);
        }
    }
}

// Streaming stores are weakly ordered: each thread publishes its own once it has written its last
// group, before the threads join. Once per thread, not per group: the fence waits for every pending
// streamed line, and after each 3 KB LayerNorm(768) row that stall made the forward pass 0.39 instead
// of 0.31 us per row.
inline void publishStreamedOutput(const ForwardPlan& plan)
{
    if (plan.streamOutput)
        streamFence();
}

// ForwardPlan::Path::RowBlocks: a block of rows' statistics (a row per thread at a time), then the
// block's output a tile of columns at a time, every row's piece of a tile in turn, so each tile of
// gamma and beta is read once per block and the block's rows a second time from the cache the block
// was sized for. Every element gets normalizeGroup's arithmetic, and a row that T cannot hold its
// wide arithmetic, done right after its statistics.
template <typename T>
void normalizeRowBlocks(const StatsLayout& layout, const T* x, bool subtractMean, T eps, const T* gamma, const T* beta,
                        T* y, double* mean, double* meanLo, double* var, double* rstd, const ForwardPlan& plan, int t)
{
    const std::int64_t G = layout.groupCount();
    const std::int64_t L = layout.segmentLength();
    const std::int64_t tiles = (L + plan.tile - 1) / plan.tile;
    std::vector<char> wide(static_cast<std::size_t>(G), 0);
#pragma omp parallel num_threads(t)
    {
        for (std::int64_t block = 0; block < G; block += plan.blockRows) {
            const std::int64_t end = std::min(G, block + plan.blockRows);
            // The implied barrier: every statistic of the block is known before its tiles start.
#pragma omp for schedule(guided)
            for (std::int64_t g = block; g < end; ++g) {
                groupMoments(layout, x, g, subtractMean, mean[g], meanLo[g], var[g]);
                rstdFromVar(eps, var + g, rstd + g, 1);
                if (needsWideNormalization<T>(layout, mean[g], meanLo[g], rstd[g])) {
                    wide[static_cast<std::size_t>(g)] = 1;
                    normalizeGroupWide(layout, x, g, mean[g], meanLo[g], rstd[g], gamma, beta, y);
                }
            }
            // nowait: the next block's statistics touch other rows; its own barrier orders its tiles.
#pragma omp for schedule(guided) nowait
            for (std::int64_t tile = 0; tile < tiles; ++tile) {
                const std::int64_t first = tile * plan.tile;
                const std::int64_t count = std::min(plan.tile, L - first);
                for (std::int64_t g = block; g < end; ++g) {
                    if (wide[static_cast<std::size_t>(g)])
                        continue;
                    const std::int64_t start = layout.segmentStart(g, 0) + first;
                    scaleShiftElementwise(x + start, y + start, count, static_cast<T>(mean[g]), static_cast<T>(rstd[g]),
                                          static_cast<T>(-meanLo[g] * rstd[g]), gamma + first,
                                          beta ? beta + first : nullptr, plan.streamOutput);
                }
            }
        }
        publishStreamedOutput(plan);
    }
}

template <typename T>
ForwardPlan planFor(const StatsLayout& layout, bool hasGamma, int threads, const CacheSizes& caches)
{
    return forwardPlan(layout, static_cast<std::int64_t>(sizeof(T)), hasGamma, threads, caches);
}

} // namespace

template <typename T>
void FastKernels::moments(const StatsLayout& layout, const T* x, bool subtractMean, double* mean, double* meanLo,
                          double* var, const Execution& run)
{
    const std::int64_t G = layout.groupCount();
    const int t = threadsFor(run.threads, G * layout.groupSize());
#pragma omp parallel for num_threads(t) schedule(guided)
    for (std::int64_t g = 0; g < G; ++g)
        groupMoments(layout, x, g, subtractMean, mean[g], meanLo[g], var[g]);
}

template <typename T>
void FastKernels::normalize(const StatsLayout& layout, const T* x, const double* mean, const double* meanLo,
                            const double* rstd, const T* gamma, const T* beta, T* y, const Execution& run)
{
    const std::int64_t G = layout.groupCount();
    const int t = threadsFor(run.threads, G * layout.groupSize());
    const ForwardPlan plan = planFor<T>(layout, gamma != nullptr, t, run.caches);
#pragma omp parallel num_threads(t)
    {
#pragma omp for schedule(guided) nowait
        for (std::int64_t g = 0; g < G; ++g)
            normalizeGroup(layout, x, g, mean[g], meanLo[g], rstd[g], gamma, beta, y, plan);
        publishStreamedOutput(plan);
    }
}

template <typename T>
void FastKernels::normalizeWithInputStats(const StatsLayout& layout, const T* x, bool subtractMean, T eps,
                                          const T* gamma, const T* beta, T* y, double* mean, double* meanLo,
                                          double* var, double* rstd, const Execution& run)
{
    const std::int64_t G = layout.groupCount();
    const int t = threadsFor(run.threads, G * layout.groupSize());
    const ForwardPlan plan = planFor<T>(layout, gamma != nullptr, t, run.caches);
    if (plan.path == ForwardPlan::Path::RowBlocks) {
        normalizeRowBlocks(layout, x, subtractMean, eps, gamma, beta, y, mean, meanLo, var, rstd, plan, t);
        return;
    }
    // One group at a time: its statistics, then its output while the group is still in cache, so
    // the input is read from memory once.
#pragma omp parallel num_threads(t)
    {
#pragma omp for schedule(guided) nowait
        for (std::int64_t g = 0; g < G; ++g) {
            groupMoments(layout, x, g, subtractMean, mean[g], meanLo[g], var[g]);
            rstdFromVar(eps, var + g, rstd + g, 1);
            normalizeGroup(layout, x, g, mean[g], meanLo[g], rstd[g], gamma, beta, y, plan);
        }
        publishStreamedOutput(plan);
    }
}

template void FastKernels::moments<float>(const StatsLayout&, const float*, bool, double*, double*, double*,
                                          const Execution&);
template void FastKernels::moments<double>(const StatsLayout&, const double*, bool, double*, double*, double*,
                                           const Execution&);
template void FastKernels::normalize<float>(const StatsLayout&, const float*, const double*, const double*,
                                            const double*, const float*, const float*, float*, const Execution&);
template void FastKernels::normalize<double>(const StatsLayout&, const double*, const double*, const double*,
                                             const double*, const double*, const double*, double*, const Execution&);
template void FastKernels::normalizeWithInputStats<float>(const StatsLayout&, const float*, bool, float, const float*,
                                                          const float*, float*, double*, double*, double*, double*,
                                                          const Execution&);
template void FastKernels::normalizeWithInputStats<double>(const StatsLayout&, const double*, bool, double,
                                                           const double*, const double*, double*, double*, double*,
                                                           double*, double*, const Execution&);

} // namespace detail

template <typename T>
void forward(const NormSpec& spec, const Tensor<T>& x, NormState<T>& state, ForwardResult<T>& result,
             const ForwardOptions& options)
{
    detail::runForward<detail::FastKernels>(spec, x, state, result, detail::executionOf(options));
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
        detail::FastKernels::moments(layout, x.data(), spec.subtractsMean(), mean.data(), meanLo.data(), var.data(),
                                     Execution{0});
    } else {
        for (std::size_t g = 0; g < G; ++g) {
            mean[g] = static_cast<double>(result.mean[static_cast<std::int64_t>(g)]);
            var[g] = static_cast<double>(result.var[static_cast<std::int64_t>(g)]);
        }
    }
    detail::rstdFromVar(spec.effectiveEps<T>(), var.data(), rstd.data(), G, spec.zeroRstdForZeroVar());
    Tensor<T> xhat(x.shape());
    detail::FastKernels::normalize<T>(layout, x.data(), mean.data(), meanLo.data(), rstd.data(), nullptr, nullptr,
                                      xhat.data(), Execution{0});
    return xhat;
}

template void forward(const NormSpec&, const Tensor<float>&, NormState<float>&, ForwardResult<float>&,
                      const ForwardOptions&);
template void forward(const NormSpec&, const Tensor<double>&, NormState<double>&, ForwardResult<double>&,
                      const ForwardOptions&);
template Tensor<float> normalizedInput(const NormSpec&, const Tensor<float>&, const ForwardResult<float>&);
template Tensor<double> normalizedInput(const NormSpec&, const Tensor<double>&, const ForwardResult<double>&);

} // namespace normscope
