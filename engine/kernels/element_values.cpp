// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/kernels/element_values.h"

#include "engine/kernels/normalize_element.h"

namespace normscope {

template <typename T>
T outputElement(const StatsLayout& layout, const T* x, const T* gamma, const T* beta, const ForwardResult<T>& result,
                std::int64_t i)
{
    using namespace detail;
    const auto g = static_cast<std::size_t>(layout.groupOf(i));
    const double mean = result.saved_mean[g], lo = result.saved_mean_lo[g], rstd = result.saved_rstd[g];
    const std::int64_t p = layout.paramOf(i);
    if (needsWideNormalization<T>(layout, mean, lo, rstd))
        return wideElement(x[i], mean, lo, rstd, gamma, beta, p);
    const T center = static_cast<T>(mean);
    // The kernels' two loops (forward.cpp): per-element gamma folds rstd and lo into the element,
    // a channel's gamma folds them into one scale and shift.
    if (layout.paramsPerElement()) {
        const T offset = static_cast<T>(-lo * rstd);
        if (!gamma)
            return scaledElement(x[i], center, static_cast<T>(rstd), offset);
        return beta ? affineElement(x[i], center, static_cast<T>(rstd), offset, gamma[p], beta[p])
                    : affineElement(x[i], center, static_cast<T>(rstd), offset, gamma[p]);
    }
    T scale, shift;
    channelScaleShift(rstd, lo, gamma, beta, p, scale, shift);
    return scaledElement(x[i], center, scale, shift);
}

template <typename T>
T normalizedElement(const StatsLayout& layout, const T* x, const ForwardResult<T>& result, std::int64_t i)
{
    return outputElement<T>(layout, x, nullptr, nullptr, result, i);
}

#define NORMSCOPE_INSTANTIATE(T)                                                                                       \
    template T outputElement<T>(const StatsLayout&, const T*, const T*, const T*, const ForwardResult<T>&,             \
                                std::int64_t);                                                                         \
    template T normalizedElement<T>(const StatsLayout&, const T*, const ForwardResult<T>&, std::int64_t);
NORMSCOPE_INSTANTIATE(float)
NORMSCOPE_INSTANTIATE(double)
#undef NORMSCOPE_INSTANTIATE

} // namespace normscope
