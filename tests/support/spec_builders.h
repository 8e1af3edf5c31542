// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#pragma once

// The specs the engine tests build again and again: PyTorch's defaults with one argument changed.

#include "engine/core/norm_spec.h"

#include <cstdint>
#include <utility>

namespace normscope::test {

inline NormSpec specOf(NormKind kind, Mode mode = Mode::Training)
{
    NormSpec s = NormSpec::defaults(kind);
    s.mode = mode;
    return s;
}

inline NormSpec groupSpec(std::int64_t G)
{
    NormSpec s = specOf(NormKind::Group);
    s.num_groups = G;
    return s;
}

inline NormSpec normalizedSpec(NormKind kind, Shape normalized, bool affine = true)
{
    NormSpec s = specOf(kind);
    s.normalized_shape = std::move(normalized);
    s.affine = affine;
    return s;
}

} // namespace normscope::test
