// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/report/comparison.h"
#include "ui/document/experiment.h"
#include "ui/document/result_snapshot.h"
#include "ui/document/tensor_pool.h"

#include <cstdint>
#include <vector>

namespace normscope::ui {

class InputCache;

/// Pure functions between an Experiment and the engine; callable from any thread.
namespace engine_runner {

struct RunOptions {
    /// Compute the snapshot's digest (digestOf: the table's and plots' numbers) here, so the GUI
    /// thread finds it ready.
    bool withDigest = true;
    /// Keep y; without, the snapshot reads y element by element (outputAt) where it is shown.
    bool keepOutput = true;
    /// Where the input-sized buffers come from and go back to (null: allocated and freed).
    TensorPool* pool = nullptr;
    /// Where the gradient view's dL/dy comes from, made once per choice (null: made for this run).
    InputCache* inputs = nullptr;
};

/**
 * Runs the experiment's module on x as a look, not a step: the forward pass works on a copy of the
 * module's state, so the experiment's buffers do not move. The snapshot's running_mean/var are the
 * copy's after this pass (what a Step would commit), its history the committed buffers. The
 * snapshot shares x. A spec or state the engine refuses gives a snapshot whose error holds the
 * engine's message. engineMs, when given, receives the time spent in forward().
 */
ResultPtr run(const Experiment& experiment, const std::shared_ptr<const AnyTensor>& x, std::uint64_t generation,
              int threads, double* engineMs = nullptr, const RunOptions& options = {});

/// One training forward pass (whatever the displayed mode) whose running statistics are committed
/// into the returned experiment. Throws normscope::Error if the engine refuses the spec.
Experiment step(const Experiment& experiment, const AnyTensor& x, int threads);

/// The same input under BatchNorm, LayerNorm, InstanceNorm, GroupNorm and RMSNorm, each following the
/// current spec where it applies to that module (the engine's comparisonSettingsFor and
/// comparisonSpecs: eps, affine, the mode, num_groups when it divides C or the current module is
/// GroupNorm, normalized_shape when the current module takes one, else everything but N, momentum),
/// with gamma/beta where their shapes match and the running statistics where both modules keep
/// them. Other arguments are PyTorch's defaults (InstanceNorm tracks nothing unless it is the
/// current module).
std::vector<Experiment> compareExperiments(const Experiment& experiment);

/// One compare column's numbers (engine/report/comparison.h), as normscope-cli compare computes
/// them: the compare view prints them, and the comparison table is made of them. A snapshot with an
/// error gives its refusal. Without withOutput, y_mean and y_std are left NaN: the compare view does
/// not show them, and they cost a pass over the whole output on the GUI thread.
ComparisonRow comparisonRowOf(const ResultSnapshot& result, bool withOutput = true);

} // namespace engine_runner

} // namespace normscope::ui
