// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

// Internal to the engine: the arithmetic of one output element, written once for the forward
// kernels' loops (forward.cpp) and for single elements read back (element_values.cpp), so both give
// the same bits. Every multiply-add goes through mulAdd, which nothing contracts: left to the
// compiler, a vectorised loop and a scalar call fused a * b + c into one rounding or left two as they
// pleased, and differed by an ulp.

#include "engine/core/stats_layout.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace normscope::detail {

// a * b + c, always two roundings: the kernels are compiled with -ffp-contract=off
// (engine/CMakeLists.txt), so no loop or call contracts it into one. std::fma would give one rounding
// everywhere, but in the row-block loop it halved LayerNorm (C,H,W)'s speed on one thread.
template <typename T>
inline T mulAdd(T a, T b, T c)
{
    return a * b + c;
}

// The type a group is redone in when T cannot hold its arithmetic.
template <typename T>
using WideOf = std::conditional_t<std::is_same_v<T, float>, double, long double>;

// Whether T's arithmetic would lose group g: a deviation x - center that can overflow T (every
// |x - mean| is at most sqrt(n * var)), or an rstd too small for T's normal range. Finite data near
// FLT_MAX needs this; ordinary data never does, so the fast path keeps its speed.
template <typename T>
bool needsWideNormalization(const StatsLayout& layout, double mean, double lo, double rstd)
{
    const double largestDeviation = 1.0 / rstd * std::sqrt(static_cast<double>(layout.groupSize())) + std::abs(lo);
    return std::isfinite(mean) && std::isfinite(rstd)
        && (largestDeviation > static_cast<double>(std::numeric_limits<T>::max()) / 4
            || rstd < static_cast<double>(std::numeric_limits<T>::min()) * 0x1p24);
}

// One element of a group T cannot hold, in the wide type.
template <typename T>
T wideElement(T x, double mean, double lo, double rstd, const T* gamma, const T* beta, std::int64_t p)
{
    using Wide = WideOf<T>;
    const Wide xhat =
        (static_cast<Wide>(x) - (static_cast<Wide>(mean) + static_cast<Wide>(lo))) * static_cast<Wide>(rstd);
    return static_cast<T>(
        mulAdd(xhat, gamma ? static_cast<Wide>(gamma[p]) : Wide(1), beta ? static_cast<Wide>(beta[p]) : Wide(0)));
}

// A run sharing one channel's gamma and beta: (x - center) * scale + shift, where the caller folded
// lo and gamma into scale and shift in double (see scaleShift in forward.cpp).
template <typename T>
inline T scaledElement(T x, T center, T scale, T shift)
{
    return mulAdd(x - center, scale, shift);
}

// gamma and beta varying along the group (LayerNorm, RMSNorm): ((x - center) * rstd + offset) * g + b.
template <typename T>
inline T affineElement(T x, T center, T rstd, T offset, T g, T b)
{
    return mulAdd(mulAdd(x - center, rstd, offset), g, b);
}

template <typename T>
inline T affineElement(T x, T center, T rstd, T offset, T g)
{
    return mulAdd(x - center, rstd, offset) * g;
}

// scale and shift of a run in channel p: rstd and lo folded with gamma[p] and beta[p] in double.
template <typename T>
inline void channelScaleShift(double rstd, double lo, const T* gamma, const T* beta, std::int64_t p, T& scale, T& shift)
{
    const double s = rstd * (gamma ? static_cast<double>(gamma[p]) : 1.0);
    scale = static_cast<T>(s);
    shift = static_cast<T>(mulAdd(-lo, s, beta ? static_cast<double>(beta[p]) : 0.0));
}

} // namespace normscope::detail
