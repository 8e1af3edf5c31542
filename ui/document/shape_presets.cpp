// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/shape_presets.h"

#include <algorithm>

namespace normscope::ui {

Shape shapeWithRank(const Shape& current, int rank)
{
    rank = std::clamp(rank, 2, 5);
    Shape shape{current.empty() ? 4 : current[0], current.size() > 1 ? current[1] : 6};
    const std::size_t spatialWanted = static_cast<std::size_t>(rank - 2);
    const std::size_t spatialHave = current.size() > 2 ? current.size() - 2 : 0;
    // The trailing spatial dims are kept: (N, C, H, W) -> (N, C, L) keeps W as L.
    for (std::size_t k = 0; k < spatialWanted; ++k) {
        const std::size_t fromEnd = spatialWanted - k; // 1 = last
        shape.push_back(fromEnd <= spatialHave ? current[current.size() - fromEnd] : 4);
    }
    return shape;
}

bool isTransformerLayout(const NormSpec& spec, const Shape& shape)
{
    return shape.size() == 3 && spec.kind == NormKind::Layer && spec.normalized_shape == Shape{shape[2]};
}

ShapePreset presetOf(const Experiment& e)
{
    const int rank = static_cast<int>(e.shape.size());
    if (isTransformerLayout(e.spec, e.shape))
        return ShapePreset::BTD;
    switch (rank) {
    case 2: return ShapePreset::NC;
    case 3: return ShapePreset::NCL;
    case 5: return ShapePreset::NCDHW;
    default: return ShapePreset::NCHW;
    }
}

void applyTransformerPreset(Experiment& e)
{
    const Mode mode = e.spec.mode;
    e.loaded.reset();
    e.loadedPath.clear();
    e.shape = {4, 8, 16};
    e.spec = defaultSpecFor(NormKind::Layer, e.shape);
    e.spec.normalized_shape = {16};
    e.spec.mode = mode;
    e.weight.clear();
    e.bias.clear();
    e.resetRunningStats();
}

} // namespace normscope::ui
