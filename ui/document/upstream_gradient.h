// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/shape.h"
#include "engine/core/tensor.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace normscope::ui {

/// Which upstream gradient dL/dy the gradient view feeds to the backward pass.
enum class GradKind {
    None,   ///< no gradient view: the backward pass does not run
    Ones,   ///< all ones: L = sum(y)
    OneHot, ///< 1 at one element, 0 elsewhere: L = y[i]
    Random, ///< N(0, 1) values of a seed
    File    ///< loaded from an .npy of the input's shape
};

/**
 * The gradient view's choice of dL/dy, part of the Experiment (undoable, saved in sessions). The
 * values are made from it on each run (upstreamGradient), as the input is made from its recipe.
 */
struct UpstreamGradient {
    GradKind kind = GradKind::None;
    std::int64_t index = 0;                  ///< OneHot: the flat index of the 1
    std::uint64_t seed = 1;                  ///< Random
    std::shared_ptr<const AnyTensor> loaded; ///< File
    std::string loadedPath;                  ///< File: where it came from

    bool on() const { return kind != GradKind::None; }
    bool operator==(const UpstreamGradient& o) const;
    bool operator!=(const UpstreamGradient& o) const { return !(*this == o); }
};

const char* gradKindName(GradKind kind); ///< "none", "ones", "onehot", "random", "file"
std::optional<GradKind> parseGradKind(const std::string& name);

/**
 * dL/dy for an input of this shape. Random draws N(0, 1) from a stream apart from the input
 * generator's (the same seed would otherwise give dy equal to the input's noise). Throws Error when
 * a loaded gradient's shape is not the input's, or a one-hot index lies outside it.
 */
template <typename T>
Tensor<T> upstreamGradient(const UpstreamGradient& gradient, const Shape& shape);

} // namespace normscope::ui
