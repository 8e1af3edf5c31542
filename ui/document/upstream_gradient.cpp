// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/upstream_gradient.h"

#include "engine/analysis/input_generator.h"
#include "engine/core/error.h"

#include <array>
#include <utility>

namespace normscope::ui {

namespace {

constexpr std::array<std::pair<GradKind, const char*>, 5> kNames{{
    {GradKind::None, "none"},
    {GradKind::Ones, "ones"},
    {GradKind::OneHot, "onehot"},
    {GradKind::Random, "random"},
    {GradKind::File, "file"},
}};

/// Moves the gradient's stream away from the input generator's for the same seed.
constexpr std::uint64_t kStreamOffset = 0x9E3779B97F4A7C15ull;

} // namespace

bool UpstreamGradient::operator==(const UpstreamGradient& o) const
{
    if (kind != o.kind)
        return false;
    switch (kind) {
    case GradKind::OneHot: return index == o.index;
    case GradKind::Random: return seed == o.seed;
    case GradKind::File: return loaded == o.loaded && loadedPath == o.loadedPath;
    default: return true;
    }
}

const char* gradKindName(GradKind kind)
{
    for (const auto& [k, name] : kNames)
        if (k == kind)
            return name;
    return "none";
}

std::optional<GradKind> parseGradKind(const std::string& name)
{
    for (const auto& [k, n] : kNames)
        if (name == n)
            return k;
    return std::nullopt;
}

template <typename T>
Tensor<T> upstreamGradient(const UpstreamGradient& gradient, const Shape& shape)
{
    switch (gradient.kind) {
    case GradKind::None: throw Error("no upstream gradient is chosen");
    case GradKind::Ones: return Tensor<T>(shape, T(1));
    case GradKind::OneHot: {
        Tensor<T> g(shape, T(0));
        if (gradient.index < 0 || gradient.index >= g.numel())
            throw Error("the one-hot gradient's index " + std::to_string(gradient.index) + " lies outside the input "
                        + toString(shape));
        g[gradient.index] = T(1);
        return g;
    }
    case GradKind::Random: {
        InputRecipe recipe;
        recipe.kind = GeneratorKind::Normal;
        recipe.seed = gradient.seed + kStreamOffset;
        return generateInput<T>(recipe, shape);
    }
    case GradKind::File: break;
    }
    if (!gradient.loaded)
        throw Error("no upstream gradient file is loaded");
    const Shape& loadedShape = shapeOf(*gradient.loaded);
    if (loadedShape != shape)
        throw Error("the upstream gradient '" + gradient.loadedPath + "' has shape " + toString(loadedShape)
                    + " but the input has shape " + toString(shape) + "; they must be equal");
    return std::visit([](const auto& t) { return t.template cast<T>(); }, *gradient.loaded);
}

template Tensor<float> upstreamGradient<float>(const UpstreamGradient&, const Shape&);
template Tensor<double> upstreamGradient<double>(const UpstreamGradient&, const Shape&);

} // namespace normscope::ui
