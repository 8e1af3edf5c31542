// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/report/group_summary.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace normscope {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::int64_t kBlock = 4096;

struct FirstPass {
    long double sum = 0;
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
};

// Eight lanes, each adding every eighth value: a fixed order (so the result does not depend on how the
// compiler vectorises) that the compiler turns into one vector of double adds, compares and selects.
// The selects keep the running bound when a value is NaN (NaN < lo is false).
constexpr int kLanes = 8;

// Sum, min and max of one contiguous run.
template <typename T>
void firstPass(const T* p, std::int64_t n, FirstPass& acc)
{
    for (std::int64_t from = 0; from < n; from += kBlock) {
        const std::int64_t to = std::min(n, from + kBlock);
        double sum[kLanes] = {}, lo[kLanes], hi[kLanes];
        for (int k = 0; k < kLanes; ++k) {
            lo[k] = acc.lo;
            hi[k] = acc.hi;
        }
        std::int64_t i = from;
        for (; i + kLanes <= to; i += kLanes) {
            const T* q = p + i;
#pragma omp simd
            for (int k = 0; k < kLanes; ++k) {
                const double v = double(q[k]);
                sum[k] += v;
                lo[k] = v < lo[k] ? v : lo[k];
                hi[k] = v > hi[k] ? v : hi[k];
            }
        }
        for (; i < to; ++i) {
            const double v = double(p[i]);
            sum[0] += v;
            lo[0] = v < lo[0] ? v : lo[0];
            hi[0] = v > hi[0] ? v : hi[0];
        }
        double total = 0;
        for (int k = 0; k < kLanes; ++k) {
            total += sum[k];
            acc.lo = std::min(acc.lo, lo[k]);
            acc.hi = std::max(acc.hi, hi[k]);
        }
        acc.sum += (long double)total;
    }
}

// Sum of squared deviations from mean of one run.
template <typename T>
long double secondPass(const T* p, std::int64_t n, double mean)
{
    long double total = 0;
    for (std::int64_t from = 0; from < n; from += kBlock) {
        const std::int64_t to = std::min(n, from + kBlock);
        double sq[kLanes] = {};
        std::int64_t i = from;
        for (; i + kLanes <= to; i += kLanes) {
            const T* q = p + i;
#pragma omp simd
            for (int k = 0; k < kLanes; ++k) {
                const double d = double(q[k]) - mean;
                sq[k] += d * d;
            }
        }
        for (; i < to; ++i) {
            const double d = double(p[i]) - mean;
            sq[0] += d * d;
        }
        double block = 0;
        for (int k = 0; k < kLanes; ++k)
            block += sq[k];
        total += (long double)block;
    }
    return total;
}

struct Moments {
    double mean = kNaN;
    double var = kNaN; // biased
    double unbiased = kNaN;
    double lo = kNaN, hi = kNaN;
};

// Two passes over the group's contiguous runs as the layout lays them out; a group's second pass
// mostly reads what the first left in cache.
template <typename T>
Moments momentsOf(const StatsLayout& layout, std::int64_t group, const T* data)
{
    const std::int64_t n = layout.groupSize();
    Moments m;
    if (n <= 0)
        return m;
    FirstPass first;
    for (std::int64_t a = 0; a < layout.segmentCount(); ++a)
        firstPass(data + layout.segmentStart(group, a), layout.segmentLength(), first);
    m.mean = double(first.sum / n);
    long double ss = 0;
    for (std::int64_t a = 0; a < layout.segmentCount(); ++a)
        ss += secondPass(data + layout.segmentStart(group, a), layout.segmentLength(), m.mean);
    m.var = double(ss / n);
    m.unbiased = n > 1 ? double(ss / (n - 1)) : kNaN;
    if (first.lo <= first.hi) {
        m.lo = first.lo;
        m.hi = first.hi;
    }
    return m;
}

} // namespace

template <typename T>
std::vector<GroupRow> summarizeGroups(const StatsLayout& layout, const GroupSummaryInput<T>& in)
{
    const std::int64_t groups = layout.groupCount();
    std::vector<GroupRow> rows(static_cast<std::size_t>(groups));
    const bool running = in.runningMean && in.runningVar;

    // Groups are independent and equally large; only big inputs are worth waking threads for.
    const bool parallel = numel(layout.inputShape()) >= (std::int64_t(1) << 18);
#pragma omp parallel for schedule(static) if (parallel)
    for (std::int64_t g = 0; g < groups; ++g) {
        GroupRow& row = rows[static_cast<std::size_t>(g)];
        row.group = g;
        row.count = layout.groupSize();

        if (in.inputRows) {
            const GroupRow& known = in.inputRows[g];
            row.mean = known.mean;
            row.var = known.var;
            row.var_unbiased = known.var_unbiased;
            row.mean_square = known.mean_square;
            row.min = known.min;
            row.max = known.max;
        } else {
            const Moments x = momentsOf(layout, g, in.x);
            row.mean = x.mean;
            row.var = x.var;
            row.var_unbiased = x.unbiased;
            row.mean_square = x.var + x.mean * x.mean;
            row.min = x.lo;
            row.max = x.hi;
        }
        row.rstd = in.rstd ? double(in.rstd[g]) : kNaN;

        if (in.y) {
            const Moments y = momentsOf(layout, g, in.y);
            row.output_mean = y.mean;
            row.output_var = y.var;
            row.output_std_unbiased = std::sqrt(y.unbiased);
            row.output_min = y.lo;
            row.output_max = y.hi;
        } else {
            row.output_mean = row.output_var = row.output_std_unbiased = kNaN;
            row.output_min = row.output_max = kNaN;
        }

        row.channel = layout.channelOfGroup(g);
        row.has_running = running;
        row.running_mean = running ? double(in.runningMean[row.channel]) : kNaN;
        row.running_var = running ? double(in.runningVar[row.channel]) : kNaN;
    }
    // Labels build strings: kept out of the parallel loop.
    if (in.labels)
        for (GroupRow& row : rows)
            row.label = layout.groupLabel(row.group);
    return rows;
}

template <typename T>
std::vector<GroupRow> summarizeGroups(const NormSpec& spec, const Tensor<T>& x, const ForwardResult<T>& result,
                                      const NormState<T>& state)
{
    const StatsLayout layout(spec, x.shape());
    GroupSummaryInput<T> in;
    in.x = x.data();
    if (result.output.numel() == x.numel())
        in.y = result.output.data();
    if (result.rstd.numel() == layout.groupCount())
        in.rstd = result.rstd.data();
    if (spec.hasRunningStats() && !state.running_mean.empty() && !state.running_var.empty()) {
        in.runningMean = state.running_mean.data();
        in.runningVar = state.running_var.data();
    }
    return summarizeGroups(layout, in);
}

template std::vector<GroupRow> summarizeGroups(const StatsLayout&, const GroupSummaryInput<float>&);
template std::vector<GroupRow> summarizeGroups(const StatsLayout&, const GroupSummaryInput<double>&);
template std::vector<GroupRow> summarizeGroups(const NormSpec&, const Tensor<float>&, const ForwardResult<float>&,
                                               const NormState<float>&);
template std::vector<GroupRow> summarizeGroups(const NormSpec&, const Tensor<double>&, const ForwardResult<double>&,
                                               const NormState<double>&);

} // namespace normscope
