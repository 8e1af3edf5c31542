// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/experiment.h"

#include <memory>
#include <mutex>
#include <vector>

namespace normscope::ui {

/**
 * The input tensor of an experiment, generated (or cast from the loaded file) once and shared:
 * regenerating 6 million normals for every eps change would cost more than the forward pass.
 * Thread-safe; generation happens outside the lock so the GUI thread never waits for a worker's
 * large tensor.
 */
class InputCache {
public:
    std::shared_ptr<const AnyTensor> input(const Experiment& experiment);

private:
    struct Entry {
        InputRecipe recipe;
        Shape shape;
        DType dtype;
        std::shared_ptr<const AnyTensor> loaded;
        std::shared_ptr<const AnyTensor> tensor;
    };
    static bool matches(const Entry& entry, const Experiment& experiment);

    std::mutex mutex_;
    std::vector<Entry> entries_; ///< most recent last
};

} // namespace normscope::ui
