// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/analysis/histogram.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace normscope {

std::int64_t histogramStride(std::int64_t size, std::int64_t maxValues)
{
    if (maxValues <= 0 || size <= maxValues)
        return 1;
    return (size + maxValues - 1) / maxValues;
}

namespace {

// Calls f(value) for every value the sample reads.
template <typename T, typename F>
void forEachSampled(const T* values, std::int64_t total, std::int64_t stride, std::int64_t run, F&& f)
{
    if (stride <= 1) {
        for (std::int64_t i = 0; i < total; ++i)
            f(static_cast<double>(values[i]));
        return;
    }
    for (std::int64_t start = 0; start < total; start += stride * run) {
        const std::int64_t end = std::min(total, start + run);
        for (std::int64_t i = start; i < end; ++i)
            f(static_cast<double>(values[i]));
    }
}

} // namespace

template <typename T>
Histogram histogram(const T* values, std::int64_t size, const HistogramOptions& options)
{
    Histogram h;
    h.total = std::max<std::int64_t>(size, 0);
    h.stride = histogramStride(h.total, options.maxValues);
    const std::int64_t run = std::max<std::int64_t>(options.run, 1);
    h.counts.assign(static_cast<std::size_t>(std::max(options.bins, 1)), 0);

    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    if (!options.lo || !options.hi) {
        forEachSampled(values, h.total, h.stride, run, [&](double v) {
            if (std::isfinite(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
        });
        if (!(lo <= hi)) { // nothing finite
            lo = 0;
            hi = 1;
        }
    }
    if (options.lo)
        lo = *options.lo;
    if (options.hi)
        hi = *options.hi;
    if (!(hi > lo)) {
        // One value (a constant channel, a zero output): a bin of width 1 around it still shows where it is.
        const double half = std::max(0.5, std::abs(lo) * 1e-3);
        lo -= half;
        hi += half;
    }
    h.lo = lo;
    h.hi = hi;

    // Four interleaved count arrays: consecutive values often fall in the same bin, and one array
    // would make every increment wait for the previous one.
    const int bins = h.binCount();
    const double scale = bins / (hi - lo);
    std::vector<std::int64_t> lanes(4 * static_cast<std::size_t>(bins), 0);
    std::int64_t read = 0, skipped = 0;
    forEachSampled(values, h.total, h.stride, run, [&](double v) {
        const std::size_t lane = static_cast<std::size_t>(read++ & 3);
        if (!(v >= lo && v <= hi)) { // also NaN and infinities
            ++skipped;
            return;
        }
        const int bin = std::min(bins - 1, static_cast<int>((v - lo) * scale));
        ++lanes[lane * static_cast<std::size_t>(bins) + static_cast<std::size_t>(bin)];
    });
    for (std::size_t lane = 0; lane < 4; ++lane)
        for (std::size_t b = 0; b < static_cast<std::size_t>(bins); ++b)
            h.counts[b] += lanes[lane * static_cast<std::size_t>(bins) + b];
    h.read = read;
    h.skipped = skipped;
    h.binned = read - skipped;
    return h;
}

template Histogram histogram(const float*, std::int64_t, const HistogramOptions&);
template Histogram histogram(const double*, std::int64_t, const HistogramOptions&);

} // namespace normscope
