// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/result_digest.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <mutex>
#include <utility>

namespace normscope::ui {

int histogramBinsFor(std::int64_t n)
{
    const double rice = 2.0 * std::cbrt(double(std::max<std::int64_t>(n, 1)));
    return std::clamp(static_cast<int>(std::lround(rice)), 8, 60);
}

ResultDigest computeDigest(const ResultSnapshot& result)
{
    ResultDigest digest;
    const bool haveOutput = result.output.numel() > 0 && result.output.numel() == result.input.numel();

    if (result.ok() && result.input.numel() == numel(result.layout->inputShape())) {
        const StatsLayout& layout = *result.layout;
        GroupSummaryInput<double> in;
        in.x = result.input.data();
        in.labels = false; // StatsTableModel asks the layout for the rows it shows
        if (haveOutput)
            in.y = result.output.data();
        if (result.rstd.numel() == layout.groupCount())
            in.rstd = result.rstd.data();
        const std::int64_t channels = result.shape.size() > 1 ? result.shape[1] : 1;
        if (result.spec.hasRunningStats() && result.running_mean.numel() == channels
            && result.running_var.numel() == channels) {
            in.runningMean = result.running_mean.data();
            in.runningVar = result.running_var.data();
        }
        digest.groups = summarizeGroups(layout, in);
    }

    // The summary already saw every value: its min and max spare the histograms a pass.
    auto rangeOf = [&](bool output, HistogramOptions& options) {
        double lo = INFINITY, hi = -INFINITY;
        for (const GroupRow& row : digest.groups) {
            const double a = output ? row.output_min : row.min, b = output ? row.output_max : row.max;
            if (a < lo)
                lo = a;
            if (b > hi)
                hi = b;
        }
        if (lo <= hi && std::isfinite(lo) && std::isfinite(hi)) {
            options.lo = lo;
            options.hi = hi;
        }
    };
    HistogramOptions options;
    options.bins = histogramBinsFor(std::min<std::int64_t>(result.input.numel(), options.maxValues));
    HistogramOptions inputOptions = options, outputOptions = options;
    rangeOf(false, inputOptions);
    rangeOf(true, outputOptions);
    digest.input = histogram(result.input.data(), result.input.numel(), inputOptions);
    if (haveOutput)
        digest.output = histogram(result.output.data(), result.output.numel(), outputOptions);
    return digest;
}

DigestPtr digestOf(const ResultPtr& result)
{
    if (!result)
        return nullptr;

    // Keyed by the snapshot's address, checked through a weak_ptr so a recycled address of a
    // destroyed snapshot never matches. A handful of entries covers the current result plus the
    // compare view's five.
    struct Entry {
        std::weak_ptr<const ResultSnapshot> snapshot;
        const ResultSnapshot* address;
        DigestPtr digest;
    };
    static std::mutex mutex;
    static std::deque<Entry> cache;
    constexpr std::size_t kEntries = 8;

    {
        std::lock_guard<std::mutex> lock(mutex);
        for (const Entry& e : cache)
            if (e.address == result.get() && e.snapshot.lock() == result)
                return e.digest;
    }
    // Computed outside the lock: two threads may both compute the same digest once, which is
    // harmless, while a long computation never blocks a lookup of another snapshot.
    auto digest = std::make_shared<const ResultDigest>(computeDigest(*result));
    std::lock_guard<std::mutex> lock(mutex);
    cache.push_front(Entry{result, result.get(), digest});
    while (cache.size() > kEntries)
        cache.pop_back();
    return digest;
}

} // namespace normscope::ui
