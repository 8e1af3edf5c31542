// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

// Snapshots made by running the real engine, and an independent statement of which elements share
// a statistic (written from the norms' definitions, not from StatsLayout) for the cube tests.

#include "engine/kernels/forward.h"
#include "engine/core/norm_spec.h"
#include "engine/core/norm_state.h"
#include "engine/core/tensor.h"
#include "tests/support/random_tensor.h"
#include "tests/support/reference_groups.h"
#include "ui/document/result_snapshot.h"
#include "ui/document/snapshot_builder.h"

#include <cmath>
#include <cstdint>
#include <set>
#include <vector>

namespace normscope::test {

/// PyTorch's defaults for the kind; GroupNorm with `groups` groups; LayerNorm/RMSNorm normalise
/// over every dim but the first (over the whole tensor for rank 1).
inline NormSpec specFor(NormKind kind, const Shape& shape, std::int64_t groups = 2)
{
    NormSpec spec = NormSpec::defaults(kind);
    if (kind == NormKind::Group)
        spec.num_groups = groups;
    if (kind == NormKind::Layer || kind == NormKind::Rms)
        spec.normalized_shape = shape.size() > 1 ? Shape(shape.begin() + 1, shape.end()) : shape;
    return spec;
}

/// One training forward pass of the engine on x, published as the window would.
template <typename T>
ui::ResultPtr runEngine(const NormSpec& spec, const Tensor<T>& x, std::uint64_t generation = 1)
{
    NormState<T> state = NormState<T>::initial(spec, x.shape());
    const ForwardResult<T> result = forward(spec, x, state);
    return ui::buildSnapshot(generation, spec, x, result, state);
}

/// (n, c, s) of a flat index, s over the flattened trailing dims.
struct NcS {
    std::int64_t n, c, s;
};
inline NcS ncs(const Shape& shape, std::int64_t i)
{
    std::int64_t C = 1, S = 1;
    if (shape.size() == 1)
        return {0, i, 0};
    if (shape.size() >= 2)
        C = shape[1];
    for (std::size_t k = 2; k < shape.size(); ++k)
        S *= shape[k];
    return {i / (C * S), (i / S) % C, i % S};
}

/// The elements that share i's statistic, from the norms' definitions (tests/support/reference_groups.h).
inline std::set<std::int64_t> sameGroupAs(const NormSpec& spec, const Shape& shape, std::int64_t i)
{
    const std::vector<std::int64_t> members = referenceGroupOf(spec, shape, i);
    return {members.begin(), members.end()};
}

/// Mean and biased variance of i's group computed here in long double (RMSNorm: var = mean(x^2)).
inline std::pair<double, double> groupMeanVar(const NormSpec& spec, const Tensor<double>& x, std::int64_t i)
{
    long double sum = 0, sumSq = 0;
    const auto members = sameGroupAs(spec, x.shape(), i);
    for (const std::int64_t j : members)
        sum += x[j];
    const long double mean = sum / members.size();
    for (const std::int64_t j : members) {
        const long double d = spec.kind == NormKind::Rms ? x[j] : x[j] - mean;
        sumSq += d * d;
    }
    return {spec.kind == NormKind::Rms ? 0.0 : static_cast<double>(mean), static_cast<double>(sumSq / members.size())};
}

inline std::set<std::int64_t> asSet(const std::vector<std::int64_t>& v)
{
    return {v.begin(), v.end()};
}

} // namespace normscope::test
