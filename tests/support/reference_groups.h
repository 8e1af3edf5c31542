// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

// Which elements share one mean and variance, written here from the papers' definitions and the
// shapes of PyTorch's saved statistics, not from StatsLayout: tests that check the engine's
// grouping (kernels, group summaries, the window's lit group) take their expectations from here,
// so a wrong StatsLayout fails them instead of agreeing with itself.

#include "engine/core/norm_spec.h"
#include "engine/core/shape.h"
#include "engine/core/tensor.h"

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

namespace normscope::test {

/// The coordinates of a flat C-order index in `shape`.
inline std::vector<std::int64_t> unravel(const Shape& shape, std::int64_t flat)
{
    std::vector<std::int64_t> at(shape.size());
    for (std::size_t k = shape.size(); k-- > 0;) {
        at[k] = flat % shape[k];
        flat /= shape[k];
    }
    return at;
}

/// The statistic of element `flat`, numbered in C order over the statistics' shape:
///   BatchNorm (Ioffe & Szegedy): one per channel c, over N and the spatial dims: key c;
///   InstanceNorm (Ulyanov et al.): one per (n, c): key n * C + c;
///   GroupNorm (Wu & He): one per (n, group of C / G consecutive channels): key n * G + c / (C / G);
///   LayerNorm (Ba et al.) and RMSNorm (Zhang & Sennrich): one per index of the leading dims before
///   normalized_shape, in C order (a single one when normalized_shape is the whole input).
inline std::int64_t referenceGroupKey(const NormSpec& spec, const Shape& shape, std::int64_t flat)
{
    const std::vector<std::int64_t> at = unravel(shape, flat);
    const std::int64_t n = shape.size() > 1 ? at[0] : 0;
    const std::int64_t c = shape.size() > 1 ? at[1] : at[0];
    const std::int64_t C = shape.size() > 1 ? shape[1] : shape[0];
    switch (spec.kind) {
    case NormKind::Batch: return c;
    case NormKind::Instance: return n * C + c;
    case NormKind::Group: return n * spec.num_groups + c / (C / spec.num_groups);
    case NormKind::Layer:
    case NormKind::Rms: {
        const std::size_t lead = shape.size() - spec.normalized_shape.size();
        std::int64_t key = 0;
        for (std::size_t k = 0; k < lead; ++k)
            key = key * shape[k] + at[k];
        return key;
    }
    }
    return -1;
}

/// Every group's elements in increasing flat order, groups in key order.
inline std::vector<std::vector<std::int64_t>> referenceGroups(const NormSpec& spec, const Shape& shape)
{
    std::map<std::int64_t, std::vector<std::int64_t>> byKey;
    for (std::int64_t i = 0; i < numel(shape); ++i)
        byKey[referenceGroupKey(spec, shape, i)].push_back(i);
    std::vector<std::vector<std::int64_t>> out;
    out.reserve(byKey.size());
    for (auto& [key, members] : byKey)
        out.push_back(std::move(members));
    return out;
}

/// The elements that share element `flat`'s statistic, in increasing order.
inline std::vector<std::int64_t> referenceGroupOf(const NormSpec& spec, const Shape& shape, std::int64_t flat)
{
    const std::int64_t key = referenceGroupKey(spec, shape, flat);
    std::vector<std::int64_t> out;
    for (std::int64_t i = 0; i < numel(shape); ++i)
        if (referenceGroupKey(spec, shape, i) == key)
            out.push_back(i);
    return out;
}

/// BatchNorm's statistics of an (N, C, ...) tensor computed plainly from the definition: for each
/// channel, the mean and the unbiased variance (what running_var is updated with), in double.
template <typename T>
std::vector<std::pair<double, double>> channelMeanAndUnbiasedVar(const Tensor<T>& x)
{
    const Shape& shape = x.shape();
    const std::int64_t N = shape[0], C = shape[1], S = numel(shape) / (N * C);
    std::vector<std::pair<double, double>> out;
    for (std::int64_t c = 0; c < C; ++c) {
        double sum = 0, dev = 0;
        for (std::int64_t n = 0; n < N; ++n)
            for (std::int64_t i = 0; i < S; ++i)
                sum += double(x[(n * C + c) * S + i]);
        const double mean = sum / double(N * S);
        for (std::int64_t n = 0; n < N; ++n)
            for (std::int64_t i = 0; i < S; ++i)
                dev += (double(x[(n * C + c) * S + i]) - mean) * (double(x[(n * C + c) * S + i]) - mean);
        out.emplace_back(mean, dev / double(N * S - 1));
    }
    return out;
}

} // namespace normscope::test
