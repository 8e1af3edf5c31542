// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/analysis/input_generator.h"

#include <cmath>
#include <random>

namespace normscope {

namespace {

constexpr double kTwoPi = 6.283185307179586476925286766559;

/// Normal and uniform draws from mt19937_64 with our own transforms: std::normal_distribution is
/// implementation-defined, so these keep a recipe's values the same across standard libraries.
class Source {
public:
    explicit Source(std::uint64_t seed) : rng_(seed) {}

    /// Uniform on [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(rng_() >> 11) * 0x1.0p-53; }

    /// Standard normal by Box-Muller; the second value of each pair is kept for the next call.
    double normal()
    {
        if (hasSpare_) {
            hasSpare_ = false;
            return spare_;
        }
        const double u1 = 1.0 - uniform(); // in (0, 1], so log is finite
        const double u2 = uniform();
        const double r = std::sqrt(-2.0 * std::log(u1));
        spare_ = r * std::sin(kTwoPi * u2);
        hasSpare_ = true;
        return r * std::cos(kTwoPi * u2);
    }

private:
    std::mt19937_64 rng_;
    double spare_ = 0.0;
    bool hasSpare_ = false;
};

} // namespace

bool InputRecipe::operator==(const InputRecipe& o) const
{
    return kind == o.kind && mean == o.mean && std == o.std && low == o.low && high == o.high
        && offset_step == o.offset_step && scale_step == o.scale_step && seed == o.seed;
}

template <typename T>
Tensor<T> generateInput(const InputRecipe& recipe, const Shape& shape)
{
    Tensor<T> x(shape);
    const std::size_t rank = shape.size();
    const std::int64_t channels = rank > 1 ? shape[1] : 1;
    std::int64_t inner = 1; // elements per (n, c) slice
    for (std::size_t i = 2; i < rank; ++i)
        inner *= shape[i];

    Source source(recipe.seed);
    T* out = x.data();
    const std::int64_t total = x.numel();
    for (std::int64_t i = 0; i < total; ++i) {
        const double c = static_cast<double>((i / inner) % channels);
        double v = 0.0;
        switch (recipe.kind) {
        case GeneratorKind::Normal: v = recipe.mean + recipe.std * source.normal(); break;
        case GeneratorKind::Uniform: v = recipe.low + (recipe.high - recipe.low) * source.uniform(); break;
        case GeneratorKind::ChannelOffset:
            v = recipe.mean + c * recipe.offset_step + recipe.std * (1.0 + c * recipe.scale_step) * source.normal();
            break;
        case GeneratorKind::ConstantChannels: v = recipe.mean + c * recipe.offset_step; break;
        }
        out[i] = static_cast<T>(v);
    }
    return x;
}

template Tensor<float> generateInput<float>(const InputRecipe&, const Shape&);
template Tensor<double> generateInput<double>(const InputRecipe&, const Shape&);

AnyTensor generateInput(const InputRecipe& recipe, const Shape& shape, DType dtype)
{
    if (dtype == DType::Float32)
        return generateInput<float>(recipe, shape);
    return generateInput<double>(recipe, shape);
}

const char* toString(GeneratorKind kind)
{
    switch (kind) {
    case GeneratorKind::Normal: return "normal";
    case GeneratorKind::Uniform: return "uniform";
    case GeneratorKind::ChannelOffset: return "channel-offset";
    case GeneratorKind::ConstantChannels: return "constant-channels";
    }
    return "?";
}

std::optional<GeneratorKind> parseGeneratorKind(const std::string& name)
{
    for (GeneratorKind k :
         {GeneratorKind::Normal, GeneratorKind::Uniform, GeneratorKind::ChannelOffset, GeneratorKind::ConstantChannels})
        if (name == toString(k))
            return k;
    return std::nullopt;
}

} // namespace normscope
