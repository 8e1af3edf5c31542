// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/kernels/forward.h"
#include "engine/core/degenerate.h"
#include "engine/core/norm_spec.h"
#include "engine/core/stats_layout.h"
#include "engine/core/tensor.h"
#include "ui/document/element_reader.h"
#include "ui/document/result_tensor.h"
#include "ui/document/upstream_gradient.h"

#include <QMetaType>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace normscope::ui {

/**
 * One engine run as the views see it: immutable once published, shared by every view through a
 * ResultPtr, so a view never reads half of an old result and half of a new one. Input-sized tensors
 * keep the engine's dtype and the input is shared, not copied; x-hat (and, for the compare view's
 * columns, y) is computed element by element where it is shown. Small tensors are widened to double
 * for display only; every number here was computed by the engine.
 */
struct ResultSnapshot {
    std::uint64_t generation = 0; ///< increases with every request; views may ignore older ones
    NormSpec spec;
    Shape shape; ///< the input's shape
    DType dtype = DType::Float32;
    std::string error;              ///< non-empty: the engine refused the spec; only spec/shape/input are valid
    bool errorByPyTorch = false;    ///< the refusal is PyTorch's (else a limit of NormScope's own)
    NonFiniteCounts inputNonFinite; ///< NaN/inf in x (the histograms leave them out)
    /// A run PyTorch accepts but whose numbers are degenerate (non-finite input, eps <= 0): one
    /// sentence each, for the warning banner (engine/core/degenerate.h).
    std::vector<DegenerateWarning> warnings; ///< degenerateRun (engine/core/degenerate.h)
    std::optional<StatsLayout> layout;

    ResultTensor input;  ///< x: the input cache's tensor itself
    ResultTensor output; ///< y; empty where the run kept none (compare columns): read outputAt()
    /// x-hat = (x - mean) * rstd (RMSNorm: x * rstd) and y of single elements (null for a refused run).
    std::shared_ptr<const ElementReader> elements;
    Tensor<double> mean, var, rstd; ///< per group, layout->statsShape()
    Tensor<double> weight, bias;    ///< gamma, beta (empty when affine is off / RMSNorm bias)
    /// After this pass (empty when not tracked): in training mode the committed buffers moved by
    /// this pass, in eval mode the committed buffers. The statistics table shows these.
    Tensor<double> running_mean, running_var;
    std::int64_t num_batches_tracked = 0; ///< after this pass
    /// The committed buffers this pass starts from (what Step has made of them so far).
    Tensor<double> running_mean_before, running_var_before;
    std::int64_t num_batches_tracked_before = 0;
    /// running_mean / running_var after each training step since the last reset; entry 0 is the
    /// state before the first step. Empty when nothing is tracked.
    std::vector<Tensor<double>> running_mean_history, running_var_history;

    /// The gradient view (empty when no dL/dy is chosen or gradError says why there is none):
    /// dL/dy, dL/dx, dL/dgamma, dL/dbeta as PyTorch autograd computes them for this pass.
    ResultTensor grad_output, grad_input;
    Tensor<double> grad_weight, grad_bias;
    UpstreamGradient gradient; ///< how dL/dy was chosen (ones, a one-hot, ...): the code says so, not scans it
    /// Per group, statsShape(): mean(g) and mean(g * x-hat) with g = dy * gamma, the terms of dL/dx
    /// when the statistics come from the input (computed for display from the values above).
    Tensor<double> grad_mean_g, grad_mean_g_xhat;
    /// How many cells dL/dx reaches (non-zero) and its largest magnitude: where one dL/dy lands.
    std::int64_t grad_reached = 0;
    double grad_max_abs = 0;
    std::string gradError; ///< the gradient was asked for but refused (e.g. a file of another shape)

    bool ok() const { return error.empty() && layout.has_value() && elements != nullptr; }
    /// x-hat of element i (ok() only).
    double normalizedAt(std::int64_t i) const { return elements->normalized(i); }
    /// y of element i (ok() only): the stored output, or computed when the run kept none.
    double outputAt(std::int64_t i) const { return output.empty() ? elements->output(i) : output[i]; }
    /// This pass moves the running statistics (training mode with tracked statistics).
    bool passUpdatesRunningStats() const { return spec.updatesRunningStats(); }
    bool hasGradient() const { return ok() && grad_input.numel() == input.numel() && input.numel() > 0; }
};

using ResultPtr = std::shared_ptr<const ResultSnapshot>;

} // namespace normscope::ui

Q_DECLARE_METATYPE(normscope::ui::ResultPtr)
