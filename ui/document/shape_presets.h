// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/experiment.h"

namespace normscope::ui {

/// The controls' layout choices: the generator's ranks and the transformer preset.
enum class ShapePreset { NC, NCL, NCHW, NCDHW, BTD };
constexpr int kShapePresetCount = 5;

/// The current shape at another rank: N and C kept, spatial dims kept where the rank has them, new
/// ones 4 (so a rank-5 cube stays small enough to read). Ranks 2 to 5.
Shape shapeWithRank(const Shape& current, int rank);

/// A transformer's (B, T, D): LayerNorm over the last dim of a rank-3 input.
bool isTransformerLayout(const NormSpec& spec, const Shape& shape);

/// The preset a shape and spec show as: (B, T, D) for LayerNorm over the last dim of a rank-3 input,
/// else the rank's (N, C, ...).
ShapePreset presetOf(const Experiment& e);

/// Applies a preset: a rank keeps the norm (its spec refitted by the caller's shape edit); BTD is a
/// transformer's LayerNorm(D) on (B, T, D) = (4, 8, 16), normalising each token's D features.
void applyTransformerPreset(Experiment& e);

} // namespace normscope::ui
