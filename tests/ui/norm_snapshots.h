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

#include <QColor>
#include <QImage>

#include <cmath>
#include <algorithm>
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

/// Whether a pixel of a cube shows `color`: a face across H·W as it is, faces across C and N
/// darkened to 244/256 and 222/256 (the cube's fixed shading, so it reads as a solid); within 2.
inline bool showsOnAFace(const QColor& seen, QRgb color)
{
    for (const int keep : {256, 244, 222}) {
        if (std::abs(seen.red() - (qRed(color) * keep >> 8)) <= 2
            && std::abs(seen.green() - (qGreen(color) * keep >> 8)) <= 2
            && std::abs(seen.blue() - (qBlue(color) * keep >> 8)) <= 2)
            return true;
    }
    return false;
}

/// Whether the 3 x 3 pixels around a point have one colour (inside a cell, clear of lines).
inline bool solidAround(const QImage& image, QPointF point)
{
    const QPoint p = point.toPoint();
    for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx)
            if (image.pixel(p + QPoint(dx, dy)) != image.pixel(p))
                return false;
    return true;
}

/// Pixels of a colour, neither white nor grey nor black (a cube cell; text and frames are grey).
inline int colouredPixels(const QImage& image)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            count += std::max({c.red(), c.green(), c.blue()}) - std::min({c.red(), c.green(), c.blue()}) > 24 ? 1 : 0;
        }
    return count;
}

inline std::set<std::int64_t> asSet(const std::vector<std::int64_t>& v)
{
    return {v.begin(), v.end()};
}

} // namespace normscope::test
