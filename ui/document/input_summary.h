// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/tensor.h"

#include <functional>
#include <memory>
#include <string>

namespace normscope::ui {

/**
 * What a result's numbers need of x alone (its NaN/inf counts, its histogram, its per-group columns
 * for one layout): eps, momentum, gamma, beta and the mode do not change them, so each is computed
 * once per input and shared by every result on it. Dragging eps over 6.4 million elements then reads
 * only y again. Keyed by the input tensor itself, held weakly (an entry dies with its input), and by
 * a name for what was computed. Thread-safe; two threads asking at once may both compute.
 */
class InputSummary {
public:
    template <typename V>
    static std::shared_ptr<const V> of(const std::shared_ptr<const AnyTensor>& x, const std::string& what,
                                       const std::function<V()>& compute)
    {
        return std::static_pointer_cast<const V>(
            lookup(x, what, [&compute] { return std::shared_ptr<const void>(std::make_shared<const V>(compute())); }));
    }

private:
    static std::shared_ptr<const void> lookup(const std::shared_ptr<const AnyTensor>& x, const std::string& what,
                                              const std::function<std::shared_ptr<const void>()>& compute);
};

} // namespace normscope::ui
