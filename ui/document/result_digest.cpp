// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/result_digest.h"

#include "ui/document/input_summary.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <mutex>
#include <string>
#include <utility>

namespace normscope::ui {

int histogramBinsFor(std::int64_t n)
{
    const double rice = 2.0 * std::cbrt(double(std::max<std::int64_t>(n, 1)));
    return std::clamp(static_cast<int>(std::lround(rice)), 8, 60);
}

namespace {

/// The digest of x (and y, same dtype) as T: the summary reads the data in the engine's dtype and the
/// small per-group arrays converted back to T, which is exact (they were T before the snapshot widened
/// them).
template <typename T>
ResultDigest digestTyped(const ResultSnapshot& result, const Tensor<T>& x, const Tensor<T>* y)
{
    ResultDigest digest;
    if (result.ok() && x.numel() == numel(result.layout->inputShape())) {
        const StatsLayout& layout = *result.layout;
        const Tensor<T> rstd = result.rstd.template cast<T>();
        const Tensor<T> runningMean = result.running_mean.template cast<T>();
        const Tensor<T> runningVar = result.running_var.template cast<T>();
        // x's columns depend on x and the grouping only: summarised once per input and layout.
        const auto [groups, segments, length] = layout.grouping();
        const std::string grouping =
            "rows " + std::to_string(groups) + " " + std::to_string(segments) + " " + std::to_string(length);
        const auto inputRows = InputSummary::of<std::vector<GroupRow>>(result.input.tensor(), grouping, [&] {
            GroupSummaryInput<T> xOnly;
            xOnly.x = x.data();
            xOnly.labels = false;
            return summarizeGroups(layout, xOnly);
        });
        GroupSummaryInput<T> in;
        in.x = x.data();
        in.inputRows = inputRows->data();
        in.labels = false; // StatsTableModel asks the layout for the rows it shows
        if (y)
            in.y = y->data();
        if (rstd.numel() == layout.groupCount())
            in.rstd = rstd.data();
        const std::int64_t channels = result.shape.size() > 1 ? result.shape[1] : 1;
        if (result.spec.hasRunningStats() && runningMean.numel() == channels && runningVar.numel() == channels) {
            in.runningMean = runningMean.data();
            in.runningVar = runningVar.data();
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
    options.bins = histogramBinsFor(std::min<std::int64_t>(x.numel(), options.maxValues));
    HistogramOptions inputOptions = options, outputOptions = options;
    rangeOf(false, inputOptions);
    rangeOf(true, outputOptions);
    // The input's range is every group's together: the same for any layout, so one per input.
    digest.input = *InputSummary::of<Histogram>(result.input.tensor(), "histogram",
                                                [&] { return histogram(x.data(), x.numel(), inputOptions); });
    if (y)
        digest.output = histogram(y->data(), y->numel(), outputOptions);
    return digest;
}

} // namespace

ResultDigest computeDigest(const ResultSnapshot& result)
{
    if (!result.input.tensor())
        return ResultDigest();
    const AnyTensor* y = result.output.tensor().get();
    const bool haveOutput = y && result.output.numel() == result.input.numel();
    return std::visit(
        [&](const auto& x) {
            using Typed = std::decay_t<decltype(x)>;
            return digestTyped(result, x, haveOutput ? std::get_if<Typed>(y) : nullptr);
        },
        *result.input.tensor());
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
