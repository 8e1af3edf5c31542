// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#pragma once

// Bit-for-bit equality (NaN payloads and -0 included), for the tests that hold results identical
// across thread counts and cache sizes.

#include "engine/core/tensor.h"
#include "engine/kernels/forward.h"

#include <cstring>
#include <utility>
#include <vector>

namespace normscope::test {

template <typename T>
bool sameBits(const Tensor<T>& a, const Tensor<T>& b)
{
    // An empty tensor's data() may be null, which memcmp must not be given even for 0 bytes.
    return a.shape() == b.shape()
        && (a.numel() == 0 || std::memcmp(a.data(), b.data(), sizeof(T) * static_cast<std::size_t>(a.numel())) == 0);
}

inline bool sameBits(const std::vector<double>& a, const std::vector<double>& b)
{
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), sizeof(double) * a.size()) == 0);
}

/// The first field of two forward results that differs in a bit (output, the statistics in T, then
/// those kept for backward() in double); null when they are the same.
template <typename T>
const char* firstDifference(const ForwardResult<T>& a, const ForwardResult<T>& b)
{
    using R = ForwardResult<T>;
    const std::pair<const char*, Tensor<T> R::*> tensors[] = {
        {"output", &R::output}, {"mean", &R::mean}, {"var", &R::var}, {"rstd", &R::rstd}};
    const std::pair<const char*, std::vector<double> R::*> saved[] = {
        {"saved_mean", &R::saved_mean}, {"saved_mean_lo", &R::saved_mean_lo}, {"saved_rstd", &R::saved_rstd}};
    for (const auto& [name, field] : tensors)
        if (!sameBits(a.*field, b.*field))
            return name;
    for (const auto& [name, field] : saved)
        if (!sameBits(a.*field, b.*field))
            return name;
    return nullptr;
}

} // namespace normscope::test
