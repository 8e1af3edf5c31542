// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/experiment.h"
#include "ui/document/upstream_gradient.h"

#include <memory>
#include <mutex>
#include <vector>

namespace normscope::ui {

/**
 * The input tensor of an experiment, generated (or cast from the loaded file) once and shared:
 * regenerating 6 million normals for every eps change would cost more than the forward pass.
 * The gradient view's dL/dy likewise, once per choice, shape and dtype, for the main result and
 * the five compare columns together.
 * Thread-safe; generation happens outside the lock so the GUI thread never waits for a worker's
 * large tensor.
 */
class InputCache {
public:
    std::shared_ptr<const AnyTensor> input(const Experiment& experiment);
    /// upstreamGradient(gradient, shape) in dtype, made once and shared. Throws normscope::Error as
    /// upstreamGradient does (nothing is kept then).
    std::shared_ptr<const AnyTensor> upstream(const UpstreamGradient& gradient, const Shape& shape, DType dtype);

private:
    struct Entry {
        InputRecipe recipe;
        Shape shape;
        DType dtype;
        std::shared_ptr<const AnyTensor> loaded;
        std::shared_ptr<const AnyTensor> tensor;
    };
    static bool matches(const Entry& entry, const Experiment& experiment);

    struct UpstreamEntry {
        UpstreamGradient gradient;
        Shape shape;
        DType dtype;
        std::shared_ptr<const AnyTensor> tensor;
    };

    std::mutex mutex_;
    std::vector<Entry> entries_;                 ///< most recent last
    std::vector<UpstreamEntry> upstreamEntries_; ///< most recent last
};

} // namespace normscope::ui
