// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

// Deterministic test data without the engine's own generator, so tests do not share code with what
// they check.

#include "engine/core/norm_spec.h"
#include "engine/core/norm_state.h"
#include "engine/core/tensor.h"

#include <cstdint>
#include <algorithm>
#include <cmath>
#include <random>

namespace normscope::test {

/// offset + scale * N(0, 1), from a fixed seed.
template <typename T>
Tensor<T> randomTensor(const Shape& shape, std::uint64_t seed, double offset = 0.0, double scale = 1.0)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    Tensor<T> t(shape);
    for (std::int64_t i = 0; i < t.numel(); ++i)
        t[i] = static_cast<T>(offset + scale * normal(rng));
    return t;
}

/// The module's state with every tensor it holds random: gamma around 1, beta around 0, the running
/// mean around offset and the running variance near the data's (scale²), so eval normalises sensibly.
template <typename T>
NormState<T> randomState(const NormSpec& spec, const Shape& shape, double offset, double scale)
{
    NormState<T> state = NormState<T>::initial(spec, shape);
    if (!state.weight.empty())
        state.weight = randomTensor<T>(state.weight.shape(), 7, 1.0, 0.5);
    if (!state.bias.empty())
        state.bias = randomTensor<T>(state.bias.shape(), 8, 0.0, 0.5);
    if (!state.running_mean.empty()) {
        state.running_mean = randomTensor<T>(state.running_mean.shape(), 9, offset, scale);
        state.running_var = randomTensor<T>(state.running_var.shape(), 10, 1.5 * scale * scale, 0.0);
    }
    return state;
}

/// Largest |a - b| / max(1, |b|) over two tensors of the same shape.
template <typename A, typename B>
double maxRelativeError(const Tensor<A>& a, const Tensor<B>& b)
{
    double worst = 0;
    for (std::int64_t i = 0; i < a.numel(); ++i) {
        const double x = static_cast<double>(a[i]), y = static_cast<double>(b[i]);
        const double e = std::abs(x - y) / std::max(1.0, std::abs(y));
        worst = std::max(worst, std::isnan(e) ? INFINITY : e);
    }
    return worst;
}

} // namespace normscope::test
