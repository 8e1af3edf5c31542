// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/analysis/input_generator.h"
#include "engine/core/norm_spec.h"
#include "engine/core/norm_state.h"
#include "engine/core/shape.h"
#include "engine/core/spec_defaults.h"
#include "engine/core/tensor.h"
#include "ui/document/upstream_gradient.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace normscope::ui {

/**
 * Everything the user can edit: the module (spec and mode), the input (a generator recipe or a
 * loaded .npy tensor), gamma/beta and the module's running statistics. A value type: undo commands
 * keep a copy before and after each change, so it must stay cheap to copy (a loaded tensor is shared,
 * never copied).
 */
struct Experiment {
    NormSpec spec;
    Shape shape{4, 6, 5, 5}; ///< the input's shape (a loaded tensor's shape when loaded)
    DType dtype = DType::Float32;
    InputRecipe recipe; ///< used while nothing is loaded
    std::shared_ptr<const AnyTensor> loaded;
    std::string loadedPath;
    /// The loaded tensor is pictures (--image, File > Open image; N x C x H x W in [0, 1]): the
    /// Tensor view shows the input and output as pictures.
    bool image = false;

    /// gamma and beta, numel(affineShape) values each; empty: PyTorch's initial ones and zeros.
    std::vector<double> weight, bias;
    /// The module's buffers, C values each; empty: PyTorch's initial zeros and ones.
    std::vector<double> running_mean, running_var;
    std::int64_t num_batches_tracked = 0;
    /// Buffers after each Step since the last reset; entry 0 is the state before the first Step.
    std::vector<std::vector<double>> running_mean_history, running_var_history;
    /// The gradient view's dL/dy; off (None) unless chosen.
    UpstreamGradient gradient;

    /// The window's start: BatchNorm2d on 4x6x5x5 data whose channels differ in mean and spread.
    static Experiment demo();

    bool isLoaded() const { return loaded != nullptr; }
    std::int64_t channels() const { return shape.size() > 1 ? shape[1] : 1; }

    /// Drops gamma/beta and running statistics that no longer fit the spec and shape, as a new
    /// PyTorch module would start. Safe on a spec the engine refuses.
    void conform();

    /// Forgets the running statistics and their history (PyTorch's reset_running_stats()).
    void resetRunningStats();

    /// The module's parameters and buffers in the engine's form. The spec must be valid.
    template <typename T>
    NormState<T> state() const;

    /// Stores a state's buffers after a training pass, appending them to the history.
    template <typename T>
    void commitRunningStats(const NormState<T>& after);

    /// Same edits: a loaded tensor compares by identity, not by value.
    bool operator==(const Experiment& o) const;
    bool operator!=(const Experiment& o) const { return !(*this == o); }
};

bool sameSpec(const NormSpec& a, const NormSpec& b);

/// The largest generator seed the window takes (--seed): its seed field holds it exactly as a double.
constexpr std::uint64_t kMaxSeed = std::uint64_t(1) << 53;

// The window's picks for a new module's shape arguments live in the engine (normscope-cli compare
// uses them too).
using normscope::defaultGroupCount;
using normscope::defaultSpecFor;
using normscope::trailingDims;

} // namespace normscope::ui
