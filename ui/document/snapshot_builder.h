// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/result_snapshot.h"

#include "engine/kernels/forward.h"
#include "engine/core/norm_spec.h"
#include "engine/core/norm_state.h"
#include "engine/core/tensor.h"

#include <cstdint>
#include <string>

namespace normscope::ui {

/**
 * Fills a snapshot from one engine run: copies x, y and the statistics widened to double, asks the
 * engine for x-hat (normalizedInput) and the layout, and copies gamma/beta and the running
 * statistics of `stateAfter`. Leaves generation and the running-statistics history to the caller.
 */
template <typename T>
void fillSnapshot(ResultSnapshot& snapshot, const NormSpec& spec, const Tensor<T>& x, const ForwardResult<T>& result,
                  const NormState<T>& stateAfter);

/// Everything fillSnapshot fills except the three input-sized tensors (x, x-hat, y), for callers that
/// widen those concurrently (large inputs).
template <typename T>
void fillSnapshotExceptTensors(ResultSnapshot& snapshot, const NormSpec& spec, const Tensor<T>& x,
                               const ForwardResult<T>& result, const NormState<T>& stateAfter);

/// A published snapshot of one engine run (see fillSnapshot).
template <typename T>
ResultPtr buildSnapshot(std::uint64_t generation, const NormSpec& spec, const Tensor<T>& x,
                        const ForwardResult<T>& result, const NormState<T>& stateAfter);

/// A snapshot of a refused run: only spec, shape, dtype, input, the message and who refuses are set.
template <typename T>
ResultPtr buildErrorSnapshot(std::uint64_t generation, const NormSpec& spec, const Tensor<T>& x,
                             const std::string& message, bool byPyTorch = true);

} // namespace normscope::ui
