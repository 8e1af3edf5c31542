// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/kernels/backward.h"

#include "engine/kernels/backward_pass.h"
#include "engine/core/error.h"
#include "engine/kernels/forward_kernels.h"
#include "engine/kernels/kernel_plan.h"
#include "engine/kernels/streaming_store.h"
#include "engine/kernels/widen_avx512.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace normscope {

namespace detail {

namespace {

// Per group, the kernels below make one pass for the sums and one for dx while the group is still in
// cache (a LayerNorm row is 3 KB, a GroupNorm group or a BatchNorm channel at 16x64x56x56 is 25 to
// 200 KB of x and as much of dy), so memory sees x and dy read once and dx written once (streamed
// past the caches when it is large: streaming_store.h).
//
// They load and store the input's precision but compute each element in double: float32 arithmetic
// in the elements would not do. A sum like sum(dy) over n elements with float additions or products
// in it is off by about 6e-8 * sqrt(n) (4e-6 at n = 4608) where the exact sum is near zero, and
// dx = rstd * (g - ...) in float is off by 6e-8 * rstd * |g|: at rstd ~ 300 (offset or constant data,
// groups of one element) that is 2e-5 on gradients near 1, against a contract of 1e-6 to the
// reference. Widening costs little here: the passes wait on memory, not on arithmetic.
//
// center (the group's mean, which the kernels keep representable in T) and lo (the rest of the mean)
// enter as e = x - center, exact for x near the mean, plus per-group corrections, so offset data keeps
// its digits: sum(dy * d) = sum(dy * e) - lo * sum(dy) and d * slope = e * slope - lo * slope.

// Sums of dy and of dy * e over one run, fetching into L2 meanwhile the line of nextX at each line's
// offset (the next group's x; see GradientOutput). Not inlined: inside channelGradients' parallel
// region GCC kept one of the vector accumulators on the stack, a load-add-store chain through memory
// on every iteration that cost a tenth of GroupNorm's backward pass (G=32 at 16x64x56x56).
template <typename T>
[[gnu::noinline]] void runSums(const T* x, const T* dy, std::int64_t n, double center, const T* nextX, double& sumDy,
                               double& sumDyE)
{
    constexpr std::int64_t line = kLineBytes / static_cast<std::int64_t>(sizeof(T));
    double s = 0, se = 0;
    std::int64_t done = 0;
#if defined(__AVX512F__)
    // Sixteen elements a step: one line of float, two of double.
    __m512d s0 = _mm512_setzero_pd(), s1 = s0, se0 = s0, se1 = s0;
    const __m512d c = _mm512_set1_pd(center);
    for (; done + 16 <= n; done += 16) {
        for (std::int64_t k = 0; k < 16; k += line)
            prefetchToL2(nextX + done + k);
        const __m512d g0 = widen8(dy + done), g1 = widen8(dy + done + 8);
        s0 = _mm512_add_pd(s0, g0);
        s1 = _mm512_add_pd(s1, g1);
        se0 = _mm512_fmadd_pd(g0, _mm512_sub_pd(widen8(x + done), c), se0);
        se1 = _mm512_fmadd_pd(g1, _mm512_sub_pd(widen8(x + done + 8), c), se1);
    }
    s = laneSum(_mm512_add_pd(s0, s1));
    se = laneSum(_mm512_add_pd(se0, se1));
#endif
    // The rest, and all of it on other targets: four lines per reduction, so that the prefetches
    // keep pace and the reductions cost little.
    for (; done < n; done += 4 * line) {
        for (std::int64_t k = 0; k < 4 * line; k += line)
            prefetchToL2(nextX + done + k);
        const std::int64_t end = std::min(n, done + 4 * line);
#pragma omp simd reduction(+ : s, se)
        for (std::int64_t i = done; i < end; ++i) {
            const double g = static_cast<double>(dy[i]);
            s += g;
            se += g * (static_cast<double>(x[i]) - center);
        }
    }
    sumDy += s;
    sumDyE += se;
}

/// Where the dx pass writes, and what it fetches meanwhile. While a group is worked on from cache, the
/// next group's x and dy (at the same positions plus one segment length, in every layout) are fetched
/// into L2 a line per line of the group: the hardware prefetcher follows reads, and the passes read
/// the current group, so without it the next group's sums would start by waiting on memory. The
/// channel kernels' sums fetch x (runSums) and this pass only dy, where the groups are small enough,
/// so that each pass moves one line in per line it computes. All of it during this pass (two lines in
/// and one out per line of dx) asked more of memory than one core gets, while the sums waited on
/// nothing: GroupNorm (G=32) forward+backward at 16x64x56x56 went 8% faster at 1 thread and 11% at 2
/// with it split. next* are null where not fetched.
template <typename T>
struct GradientOutput {
    T* dx;
    bool stream;
    const T* nextX;
    const T* nextDy;

    template <typename Body>
    void write(std::int64_t n, Body&& body) const
    {
        writeLines(dx, n, stream, body, [this](std::int64_t first) {
            if (nextX)
                prefetchToL2(nextX + first);
            if (nextDy)
                prefetchToL2(nextDy + first);
        });
    }
};

// dx = scale * dy + shift + e * slope on one run that shares one gamma.
template <typename T>
void inputGradient(const T* x, const T* dy, const GradientOutput<T>& out, std::int64_t n, double center, double scale,
                   double shift, double slope)
{
    out.write(n, [&](std::int64_t first, std::int64_t count, T* dst) {
        std::int64_t done = 0;
#if defined(__AVX512F__)
        if constexpr (std::is_same_v<T, float>) {
            const __m512d c = _mm512_set1_pd(center), a = _mm512_set1_pd(scale), b = _mm512_set1_pd(shift),
                          m = _mm512_set1_pd(slope);
            for (; done + 16 <= count; done += 16) {
                const float* xs = x + first + done;
                const float* gs = dy + first + done;
                const __m512d lo = _mm512_fmadd_pd(a, widen8(gs), _mm512_fmadd_pd(_mm512_sub_pd(widen8(xs), c), m, b));
                const __m512d hi =
                    _mm512_fmadd_pd(a, widen8(gs + 8), _mm512_fmadd_pd(_mm512_sub_pd(widen8(xs + 8), c), m, b));
                narrow16(lo, hi, dst + done);
            }
        }
#endif
#pragma omp simd
        for (std::int64_t j = done; j < count; ++j)
            dst[j] = static_cast<T>(scale * static_cast<double>(dy[first + j]) + shift
                                    + (static_cast<double>(x[first + j]) - center) * slope);
    });
}

// Running statistics in eval are constants: dx = scale * dy.
template <typename T>
void scaledGradient(const T* dy, const GradientOutput<T>& out, std::int64_t n, double scale)
{
    out.write(n, [&](std::int64_t first, std::int64_t count, T* dst) {
#pragma omp simd
        for (std::int64_t j = 0; j < count; ++j)
            dst[j] = static_cast<T>(scale * static_cast<double>(dy[first + j]));
    });
}

// LayerNorm/RMSNorm, gamma varying along the row: adds A = sum(g) and B = sum(g * d) with g = dy * gamma,
// and the row's share of dgamma (dy * d * rstd) and dbeta (dy) to the block's accumulators. gamma is
// already in double.
template <typename T, bool Gamma, bool Beta>
void rowSums(const T* x, const T* dy, const double* gamma, std::int64_t n, double center, double lo, double rstd,
             double* dgamma, double* dbeta, double& A, double& B)
{
    double a = 0, b = 0;
#pragma omp simd reduction(+ : a, b)
    for (std::int64_t i = 0; i < n; ++i) {
        const double g = static_cast<double>(dy[i]);
        const double gd = g * ((static_cast<double>(x[i]) - center) - lo);
        if constexpr (Gamma) {
            const double w = gamma[i];
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
    A += a;
    B += b;
}

// rowSums on four rows at once (row k: x[k], dy[k], its group's center[k], lo[k], rstd[k], adding into A[k],
// B[k]): each dgamma[i]/dbeta[i] is loaded and stored once per four rows instead of once per row, and
// gets the same four additions in the same order.
template <typename T, bool Gamma, bool Beta>
void fourRowSums(const T* const* x, const T* const* dy, const double* gamma, std::int64_t n, const double* center,
                 const double* lo, const double* rstd, double* dgamma, double* dbeta, double* A, double* B)
{
    const T *x0 = x[0], *x1 = x[1], *x2 = x[2], *x3 = x[3];
    const T *dy0 = dy[0], *dy1 = dy[1], *dy2 = dy[2], *dy3 = dy[3];
    const double c0 = center[0], c1 = center[1], c2 = center[2], c3 = center[3];
    const double l0 = lo[0], l1 = lo[1], l2 = lo[2], l3 = lo[3];
    const double r0 = rstd[0], r1 = rstd[1], r2 = rstd[2], r3 = rstd[3];
    double a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
#pragma omp simd reduction(+ : a0, a1, a2, a3, b0, b1, b2, b3)
    for (std::int64_t i = 0; i < n; ++i) {
        const double g0 = static_cast<double>(dy0[i]), g1 = static_cast<double>(dy1[i]);
        const double g2 = static_cast<double>(dy2[i]), g3 = static_cast<double>(dy3[i]);
        const double gd0 = g0 * ((static_cast<double>(x0[i]) - c0) - l0);
        const double gd1 = g1 * ((static_cast<double>(x1[i]) - c1) - l1);
        const double gd2 = g2 * ((static_cast<double>(x2[i]) - c2) - l2);
        const double gd3 = g3 * ((static_cast<double>(x3[i]) - c3) - l3);
        if constexpr (Gamma) {
            const double w = gamma[i];
            a0 += g0 * w;
            a1 += g1 * w;
            a2 += g2 * w;
            a3 += g3 * w;
            b0 += gd0 * w;
            b1 += gd1 * w;
            b2 += gd2 * w;
            b3 += gd3 * w;
            double dg = dgamma[i];
            dg += gd0 * r0;
            dg += gd1 * r1;
            dg += gd2 * r2;
            dg += gd3 * r3;
            dgamma[i] = dg;
        } else {
            a0 += g0;
            a1 += g1;
            a2 += g2;
            a3 += g3;
            b0 += gd0;
            b1 += gd1;
            b2 += gd2;
            b3 += gd3;
        }
        if constexpr (Beta) {
            double db = dbeta[i];
            db += g0;
            db += g1;
            db += g2;
            db += g3;
            dbeta[i] = db;
        }
    }
    A[0] += a0;
    A[1] += a1;
    A[2] += a2;
    A[3] += a3;
    B[0] += b0;
    B[1] += b1;
    B[2] += b2;
    B[3] += b3;
}

// dx = rstd * gamma * dy + shift + e * slope along a row.
template <typename T>
void rowInputGradient(const T* x, const T* dy, const double* gamma, const GradientOutput<T>& out, std::int64_t n,
                      double center, double rstd, double shift, double slope)
{
    if (!gamma) {
        inputGradient(x, dy, out, n, center, rstd, shift, slope);
        return;
    }
    out.write(n, [&](std::int64_t first, std::int64_t count, T* dst) {
#pragma omp simd
        for (std::int64_t j = 0; j < count; ++j)
            dst[j] = static_cast<T>(rstd * gamma[first + j] * static_cast<double>(dy[first + j]) + shift
                                    + (static_cast<double>(x[first + j]) - center) * slope);
    });
}

/// shift and slope of dx = rstd * g + shift + e * slope (e = x - center = d + lo), from A = sum(g) and
/// B = sum(g * d) over n.
struct InputGradientTerms {
    double shift = 0, slope = 0;
    InputGradientTerms(GradientFlow flow, double rstd, double n, double A, double B, double lo)
    {
        if (flow.throughVar)
            slope = -rstd * rstd * rstd * B / n;
        if (flow.throughMean)
            shift = -rstd * A / n;
        shift -= lo * slope;
    }
};

// Rows of per-element parameters are spread over this many blocks, each with its own dgamma/dbeta
// accumulators, summed in block order afterwards: parallel, yet the sums do not depend on the thread
// count. The block count depends only on the shape, bounded so the accumulators stay small, and each
// block gets at least 16 rows: fewer would leave the four-row sums unused and make zeroing and adding
// up the blocks' accumulators cost more than the rows (128 rows of 768 in 64 blocks: 1 MB of them).
std::int64_t blockCount(std::int64_t rows, std::int64_t rowLength)
{
    constexpr std::int64_t maxBlocks = 64;
    constexpr std::int64_t minRowsPerBlock = 16;
    constexpr std::int64_t maxAccumulators = std::int64_t(1) << 19;
    return std::max<std::int64_t>(1, std::min({rows / minRowsPerBlock, maxBlocks, maxAccumulators / rowLength}));
}

// Where the double copy of gamma and the blocks' dgamma/dbeta accumulators lie in one buffer (offsets
// in doubles from its start). rowSums loads gamma[i] and dbeta[i] right after storing dgamma[i]: a load
// whose address matches an earlier pending store in its low 12 bits waits for it as if they overlapped
// (4K aliasing), which separately allocated arrays of one size (page-aligned alike by malloc) hit on
// every vector: a tenth of the backward pass of LayerNorm(768) at 64x197. So every array starts on a
// cache line, each block's accumulators are a whole number of pages apart (rows longer than a line)
// and the three arrays sit a third of a page from each other.
struct ParameterBuffers {
    static constexpr std::int64_t line = kLineBytes / static_cast<std::int64_t>(sizeof(double));
    static constexpr std::int64_t page = 4096 / static_cast<std::int64_t>(sizeof(double));
    static constexpr std::int64_t third = page / 3 / line * line;
    std::int64_t stride, gamma = 0, dgamma, dbeta, size;

    ParameterBuffers(std::int64_t L, std::int64_t blocks)
        : stride(roundUp(L, L > line ? page : line)),
          dgamma(roundUp(L, page) + third),
          dbeta(dgamma + blocks * stride + third),
          size(dbeta + blocks * stride)
    {}

    static std::int64_t roundUp(std::int64_t n, std::int64_t unit) { return (n + unit - 1) / unit * unit; }
};

// LayerNorm/RMSNorm (and GroupNorm with G = 1 on (N, C)): gamma[i] belongs to the i-th element of
// every segment.
template <typename T, bool Gamma, bool Beta>
void elementwiseGradients(const StatsLayout& layout, const T* x, const T* dy, const double* mean, const double* meanLo,
                          const double* rstd, const T* gamma, GradientFlow flow, T* dx, double* dgamma, double* dbeta,
                          const Execution& exec)
{
    const std::int64_t G = layout.groupCount();
    const std::int64_t segments = layout.segmentCount();
    const std::int64_t L = layout.segmentLength();
    const double n = static_cast<double>(layout.groupSize());
    const BackwardPlan plan = backwardPlan(layout, static_cast<std::int64_t>(sizeof(T)), exec.caches);
    const std::int64_t blocks = blockCount(G, L);
    const int t = std::min<int>(threadsFor(exec.threads, G * layout.groupSize()), static_cast<int>(blocks));
    const ParameterBuffers buffers(L, blocks);
    // Starts on a cache line (aligned_allocator.h), and so does every array at its offsets.
    std::vector<double, AlignedAllocator<double>> arena(Gamma || Beta ? static_cast<std::size_t>(buffers.size) : 0);
    double* const base = Gamma || Beta ? arena.data() : nullptr;
    double* const w = Gamma ? base + buffers.gamma : nullptr;
    if constexpr (Gamma)
        std::copy(gamma, gamma + L, w);
    double* const blockDgamma = Gamma ? base + buffers.dgamma : nullptr;
    double* const blockDbeta = Beta ? base + buffers.dbeta : nullptr;

#pragma omp parallel num_threads(t)
    {
        // guided: see forward.cpp's group loops; which thread runs a block does not change its sums.
#pragma omp for schedule(guided) nowait
        for (std::int64_t b = 0; b < blocks; ++b) {
            double* dg = Gamma ? blockDgamma + b * buffers.stride : nullptr;
            double* db = Beta ? blockDbeta + b * buffers.stride : nullptr;
            const std::int64_t end = G * (b + 1) / blocks;
            for (std::int64_t g = G * b / blocks; g < end;) {
                // Four groups of one row each share one pass over the accumulators; the rest go one by one.
                // Which groups go together depends only on the shape.
                const std::int64_t rows = segments == 1 && end - g >= 4 ? 4 : 1;
                double A[4] = {0, 0, 0, 0}, B[4] = {0, 0, 0, 0};
                if (rows == 4) {
                    const T* xs[4];
                    const T* dys[4];
                    for (int k = 0; k < 4; ++k) {
                        const std::int64_t s = layout.segmentStart(g + k, 0);
                        xs[k] = x + s;
                        dys[k] = dy + s;
                    }
                    fourRowSums<T, Gamma, Beta>(xs, dys, w, L, mean + g, meanLo + g, rstd + g, dg, db, A, B);
                } else {
                    for (std::int64_t a = 0; a < segments; ++a) {
                        const std::int64_t s = layout.segmentStart(g, a);
                        rowSums<T, Gamma, Beta>(x + s, dy + s, w, L, mean[g], meanLo[g], rstd[g], dg, db, A[0], B[0]);
                    }
                }
                for (std::int64_t k = 0; k < rows; ++k, ++g) {
                    const double center = mean[g], lo = meanLo[g], r = rstd[g];
                    const InputGradientTerms terms(flow, r, n, A[k], B[k], lo);
                    // The next groups' rows are fetched a pass ahead (g + rows), where the plan says they fit.
                    const bool next = plan.fetchNextRows && g + rows < G;
                    for (std::int64_t a = 0; a < segments; ++a) {
                        const std::int64_t s = layout.segmentStart(g, a);
                        const GradientOutput<T> out{dx + s, plan.streamOutput, next ? x + s + rows * L : nullptr,
                                                    next ? dy + s + rows * L : nullptr};
                        rowInputGradient(x + s, dy + s, w, out, L, center, r, terms.shift, terms.slope);
                    }
                }
            }
        }
        if (plan.streamOutput)
            streamFence();
    }

    for (std::int64_t b = 0; b < blocks; ++b) {
        if constexpr (Gamma) {
            const double* dg = blockDgamma + b * buffers.stride;
#pragma omp simd
            for (std::int64_t i = 0; i < L; ++i)
                dgamma[i] += dg[i];
        }
        if constexpr (Beta) {
            const double* db = blockDbeta + b * buffers.stride;
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
                      const Execution& exec)
{
    const std::int64_t G = layout.groupCount();
    const std::int64_t segments = layout.segmentCount();
    const std::int64_t L = layout.segmentLength();
    const std::int64_t run = std::min(layout.paramInner(), L);
    const std::int64_t runs = L / run;
    const double n = static_cast<double>(layout.groupSize());
    const BackwardPlan plan = backwardPlan(layout, static_cast<std::int64_t>(sizeof(T)), exec.caches);
    const bool params = dgamma || dbeta;
    const bool sums = params || flow.throughMean || flow.throughVar;
    std::vector<double> runDy(params ? static_cast<std::size_t>(G * runs) : 0);
    std::vector<double> runDyXhat(params ? static_cast<std::size_t>(G * runs) : 0);
    const int t = threadsFor(exec.threads, G * layout.groupSize());
    // The sums fetch the next group's x where the plan says it fits beside the group (else dx does).
    const bool fetchXWithSums = sums && plan.fetchXWithSums;

#pragma omp parallel num_threads(t)
    {
        // guided: see forward.cpp's group loops; each group is computed whole by one thread.
#pragma omp for schedule(guided) nowait
        for (std::int64_t g = 0; g < G; ++g) {
            const double center = mean[g], lo = meanLo[g], r = rstd[g];
            const std::int64_t first = layout.segmentStart(g, 0);
            double A = 0, B = 0;
            if (sums) {
                for (std::int64_t k = 0; k < runs; ++k) {
                    double sumDy = 0, sumDyE = 0;
                    for (std::int64_t a = 0; a < segments; ++a) {
                        const std::int64_t s = layout.segmentStart(g, a) + k * run;
                        // Without a next group to fetch, the run's own lines: a hint, and no branch per line.
                        runSums(x + s, dy + s, run, center, fetchXWithSums && g + 1 < G ? x + s + L : x + s, sumDy,
                                sumDyE);
                    }
                    const double sumDyD = sumDyE - lo * sumDy;
                    const double w = gamma ? static_cast<double>(gamma[layout.paramOf(first + k * run)]) : 1.0;
                    A += w * sumDy;
                    B += w * sumDyD;
                    if (params) {
                        runDy[static_cast<std::size_t>(g * runs + k)] = sumDy;
                        runDyXhat[static_cast<std::size_t>(g * runs + k)] = sumDyD * r;
                    }
                }
            }
            const InputGradientTerms terms(flow, r, n, A, B, lo);
            for (std::int64_t k = 0; k < runs; ++k) {
                const double w = gamma ? static_cast<double>(gamma[layout.paramOf(first + k * run)]) : 1.0;
                for (std::int64_t a = 0; a < segments; ++a) {
                    const std::int64_t s = layout.segmentStart(g, a) + k * run;
                    const bool next = g + 1 < G;
                    // Without sums x is not read at all (scaledGradient).
                    const GradientOutput<T> out{dx + s, plan.streamOutput,
                                                next && sums && !fetchXWithSums ? x + s + L : nullptr,
                                                next ? dy + s + L : nullptr};
                    if (flow.throughVar)
                        inputGradient(x + s, dy + s, out, run, center, r * w, terms.shift, terms.slope);
                    else
                        scaledGradient(dy + s, out, run, r * w);
                }
            }
        }
        if (plan.streamOutput)
            streamFence();
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
    static void gradients(const StatsLayout& layout, const T* x, const T* dy, const double* mean, const double* meanLo,
                          const double* rstd, const T* gamma, GradientFlow flow, T* dx, double* dgamma, double* dbeta,
                          const Execution& exec)
    {
        if (!layout.paramsPerElement())
            channelGradients(layout, x, dy, mean, meanLo, rstd, gamma, flow, dx, dgamma, dbeta, exec);
        else if (!gamma)
            elementwiseGradients<T, false, false>(layout, x, dy, mean, meanLo, rstd, gamma, flow, dx, dgamma, dbeta,
                                                  exec);
        else if (!dbeta)
            elementwiseGradients<T, true, false>(layout, x, dy, mean, meanLo, rstd, gamma, flow, dx, dgamma, dbeta,
                                                 exec);
        else
            elementwiseGradients<T, true, true>(layout, x, dy, mean, meanLo, rstd, gamma, flow, dx, dgamma, dbeta,
                                                exec);
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
    detail::runBackward<detail::FastBackwardKernels>(spec, x, state, gradOutput, result, detail::executionOf(options));
}

template <typename T>
void backward(const NormSpec& spec, const Tensor<T>& x, const NormState<T>& state, const Tensor<T>& gradOutput,
              const ForwardResult<T>& forwardResult, BackwardResult<T>& result, const BackwardOptions& options)
{
    validate(spec, x.shape());
    validateState(spec, x.shape(), state);
    validateGradOutput(gradOutput.shape(), x.shape());
    const StatsLayout layout(spec, x.shape());
    const auto G = static_cast<std::size_t>(layout.groupCount());
    if (forwardResult.saved_mean.size() != G || forwardResult.saved_mean_lo.size() != G
        || forwardResult.saved_rstd.size() != G)
        throw Error("the forward result holds statistics for " + std::to_string(forwardResult.saved_rstd.size())
                    + " groups but " + toString(spec.kind) + " on an input of shape " + toString(x.shape()) + " has "
                    + std::to_string(G) + "; pass the result of forward() on this input");
    detail::runBackwardWithStatistics<detail::FastBackwardKernels>(
        spec, layout, x, state, gradOutput, forwardResult.saved_mean.data(), forwardResult.saved_mean_lo.data(),
        forwardResult.saved_rstd.data(), result, detail::executionOf(options));
}

template void backward(const NormSpec&, const Tensor<float>&, const NormState<float>&, const Tensor<float>&,
                       BackwardResult<float>&, const BackwardOptions&);
template void backward(const NormSpec&, const Tensor<float>&, const NormState<float>&, const Tensor<float>&,
                       const ForwardResult<float>&, BackwardResult<float>&, const BackwardOptions&);
template void backward(const NormSpec&, const Tensor<double>&, const NormState<double>&, const Tensor<double>&,
                       const ForwardResult<double>&, BackwardResult<double>&, const BackwardOptions&);
template void backward(const NormSpec&, const Tensor<double>&, const NormState<double>&, const Tensor<double>&,
                       BackwardResult<double>&, const BackwardOptions&);

} // namespace normscope
