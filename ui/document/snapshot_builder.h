// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/result_snapshot.h"

#include "engine/kernels/forward.h"
#include "engine/core/norm_spec.h"
#include "engine/core/norm_state.h"
#include "engine/core/tensor.h"

#include <cstdint>
#include <memory>
#include <string>

namespace normscope::ui {

/**
 * Fills a snapshot from one engine run on x (shared, not copied; it holds a Tensor<T>): keeps the
 * run's statistics for x-hat and y of single elements (and its output as y unless the caller took
 * it: then y is computed where read), widens the per-group statistics, gamma/beta and the running
 * statistics of `stateAfter` to double. Leaves generation and the running-statistics history to
 * the caller.
 */
template <typename T>
void fillSnapshot(ResultSnapshot& snapshot, const NormSpec& spec, const std::shared_ptr<const AnyTensor>& x,
                  ForwardResult<T>&& result, const NormState<T>& stateAfter);

/// A published snapshot of one engine run on a copy of x (tests and small inputs).
template <typename T>
ResultPtr buildSnapshot(std::uint64_t generation, const NormSpec& spec, const Tensor<T>& x,
                        const ForwardResult<T>& result, const NormState<T>& stateAfter);

/// A snapshot of a refused run: only spec, shape, dtype, input, the message and who refuses are set.
ResultPtr buildErrorSnapshot(std::uint64_t generation, const NormSpec& spec, const std::shared_ptr<const AnyTensor>& x,
                             const std::string& message, bool byPyTorch = true);

template <typename T>
ResultPtr buildErrorSnapshot(std::uint64_t generation, const NormSpec& spec, const Tensor<T>& x,
                             const std::string& message, bool byPyTorch = true)
{
    return buildErrorSnapshot(generation, spec, std::make_shared<const AnyTensor>(x), message, byPyTorch);
}

} // namespace normscope::ui
