// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/norm_spec.h"
#include "engine/core/shape.h"

#include <cstdint>

namespace normscope {

/// GroupNorm's num_groups NormScope picks for C channels (the window's new modules, the compare
/// view, normscope-cli compare): the largest of 32, 16, ..., 2 that divides C and is smaller than C,
/// so groups hold more than one channel; 1 when there is none.
std::int64_t defaultGroupCount(std::int64_t channels);

/// The spec a new module of this kind gets on this shape: PyTorch's defaults, num_groups from
/// defaultGroupCount, normalized_shape the trailing dims after N (at most 3).
NormSpec defaultSpecFor(NormKind kind, const Shape& shape);

/// The trailing `dims` entries of shape (clamped to the rank).
Shape trailingDims(const Shape& shape, int dims);

} // namespace normscope
