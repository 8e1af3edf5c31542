// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/core/spec_defaults.h"

#include <algorithm>

namespace normscope {

std::int64_t defaultGroupCount(std::int64_t channels)
{
    for (std::int64_t g : {32, 16, 8, 4, 2})
        if (g < channels && channels % g == 0)
            return g;
    return 1;
}

Shape trailingDims(const Shape& shape, int dims)
{
    const std::size_t k = std::min(shape.size(), static_cast<std::size_t>(std::max(dims, 0)));
    return Shape(shape.end() - static_cast<std::ptrdiff_t>(k), shape.end());
}

NormSpec defaultSpecFor(NormKind kind, const Shape& shape)
{
    NormSpec spec = NormSpec::defaults(kind);
    spec.num_groups = defaultGroupCount(shape.size() > 1 ? shape[1] : 1);
    spec.normalized_shape = trailingDims(shape, std::clamp(static_cast<int>(shape.size()) - 1, 1, 3));
    return spec;
}

} // namespace normscope
