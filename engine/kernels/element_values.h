// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/kernels/forward.h"
#include "engine/core/stats_layout.h"

#include <cstdint>

namespace normscope {

/**
 * x-hat and y of single elements, bit for bit what normalizedInput() and forward() write there,
 * from the statistics the forward pass saved (result.saved_mean, saved_mean_lo, saved_rstd; the
 * result's output is not read and may have been released). A view that shows a few thousand cells
 * of millions reads them here instead of storing two more copies of the input.
 *
 * layout is the pass's (StatsLayout(spec, x.shape())); gamma and beta are the state's weight and
 * bias as the pass used them (null when the module has none).
 */
template <typename T>
T normalizedElement(const StatsLayout& layout, const T* x, const ForwardResult<T>& result, std::int64_t i);

template <typename T>
T outputElement(const StatsLayout& layout, const T* x, const T* gamma, const T* beta, const ForwardResult<T>& result,
                std::int64_t i);

} // namespace normscope
