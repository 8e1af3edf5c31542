// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace normscope {

/**
 * Counts of values in equal-width bins, for display. Large arrays are sampled so that at most about
 * `maxValues` values are binned: runs of consecutive values, one run in every `stride` (the same
 * fraction of every channel, and a few cache lines instead of the whole array), so the picture
 * of 6.4M values is the picture of a regular ~1M sample, and the counts say so.
 */
struct Histogram {
    double lo = 0; ///< left edge of the first bin
    double hi = 1; ///< right edge of the last bin (its values count in the last bin)
    std::vector<std::int64_t> counts;
    std::int64_t total = 0;   ///< values offered
    std::int64_t stride = 1;  ///< one run (or value) in every `stride` was read
    std::int64_t read = 0;    ///< values read: total when not sampled
    std::int64_t binned = 0;  ///< values counted: sum of counts
    std::int64_t skipped = 0; ///< read but not counted: NaN, infinity, or outside a given range

    int binCount() const { return static_cast<int>(counts.size()); }
    double binWidth() const { return counts.empty() ? 0.0 : (hi - lo) / double(counts.size()); }
    double binCenter(int bin) const { return lo + (bin + 0.5) * binWidth(); }
    bool subsampled() const { return read < total; }
};

struct HistogramOptions {
    int bins = 40;
    std::int64_t maxValues = std::int64_t(1) << 20;
    std::int64_t run = 64; ///< consecutive values read together when sampling
    /// Fixed [lo, hi]; by default the read values' finite min and max (widened when they are equal).
    std::optional<double> lo, hi;
};

/// Bins `size` values (float or double), or a sample of them when there are more than options.maxValues.
template <typename T>
Histogram histogram(const T* values, std::int64_t size, const HistogramOptions& options = {});

/// One run in every `histogramStride` is read so that about maxValues of size values are binned.
std::int64_t histogramStride(std::int64_t size, std::int64_t maxValues);

} // namespace normscope
