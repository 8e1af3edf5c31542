// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/tensor.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>

namespace normscope::ui {

/**
 * Input-sized buffers kept for the next run. At 6.4 million elements every change needs a new y (and
 * the compare view a scratch output per column); asking the system for 25 MB each time costs its
 * page faults, and keeping freed memory in the C library's heap instead fragments it (the window
 * once held 3 GB for 150 MB of live data). The pool hands back the buffers of results nobody shows
 * any more. Thread-safe.
 */
class TensorPool : public std::enable_shared_from_this<TensorPool> {
public:
    /// A tensor of this shape: a kept buffer of that dtype and size if there is one (its elements are
    /// stale: the caller overwrites every one), else a new one.
    template <typename T>
    Tensor<T> take(const Shape& shape);
    /// Keeps t for a later take() (or lets it go when it is small or the pool is full).
    void give(AnyTensor&& t);
    /// Shares t with the views; when the last reader lets go, it comes back to this pool (if the pool
    /// still exists).
    std::shared_ptr<const AnyTensor> share(AnyTensor&& t);

    /// How many buffers wait for a take().
    std::size_t keptCount();

    /// Buffers smaller than this are not worth keeping.
    static constexpr std::int64_t kPooledElements = std::int64_t(1) << 16;
    /// A result being shown, one being computed and one spare.
    static constexpr std::size_t kKept = 3;

private:
    std::mutex mutex_;
    std::deque<AnyTensor> free_; ///< oldest first
};

} // namespace normscope::ui
