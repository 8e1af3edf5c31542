// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/shape.h"
#include "engine/core/tensor.h"

#include <cstdint>
#include <optional>
#include <string>

namespace normscope {

/// How generated input values are distributed.
enum class GeneratorKind {
    Normal,          ///< every element ~ N(mean, std)
    Uniform,         ///< every element ~ U(low, high)
    ChannelOffset,   ///< channel c ~ N(mean + c * offset_step, std * (1 + c * scale_step))
    ConstantChannels ///< channel c holds the single value mean + c * offset_step
};

/**
 * A recipe for demo input: the distribution and the seed. The same recipe and shape give the same
 * values on every run of this build, so an undo step or a screenshot can regenerate them instead of
 * storing them. Channel means the input's axis 1 (axis 0 for a rank-1 input, which has one channel).
 */
struct InputRecipe {
    GeneratorKind kind = GeneratorKind::ChannelOffset;
    double mean = 0.0;
    double std = 1.0;
    double low = -1.0;
    double high = 1.0;
    double offset_step = 1.0; ///< ChannelOffset, ConstantChannels: mean shift from one channel to the next
    double scale_step = 0.5;  ///< ChannelOffset: relative growth of std from one channel to the next
    std::uint64_t seed = 0;

    bool operator==(const InputRecipe& o) const;
    bool operator!=(const InputRecipe& o) const { return !(*this == o); }
};

/// Fills a tensor of this shape from the recipe. Deterministic for a recipe and shape.
template <typename T>
Tensor<T> generateInput(const InputRecipe& recipe, const Shape& shape);

AnyTensor generateInput(const InputRecipe& recipe, const Shape& shape, DType dtype);

const char* toString(GeneratorKind kind); ///< "normal", "uniform", "channel-offset", "constant-channels"
std::optional<GeneratorKind> parseGeneratorKind(const std::string& name);

} // namespace normscope
