// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/tensor_pool.h"

#include <utility>

namespace normscope::ui {

template <typename T>
Tensor<T> TensorPool::take(const Shape& shape)
{
    const std::int64_t n = numel(shape);
    if (n >= kPooledElements) {
        std::lock_guard<std::mutex> lock(mutex_);
        for (auto it = free_.begin(); it != free_.end(); ++it) {
            auto* kept = std::get_if<Tensor<T>>(&*it);
            if (kept && kept->numel() == n) {
                Tensor<T> t = std::move(*kept);
                free_.erase(it);
                t.resize(shape); // the same number of elements: the buffer stays
                return t;
            }
        }
    }
    return Tensor<T>(shape);
}

void TensorPool::give(AnyTensor&& t)
{
    if (numel(shapeOf(t)) < kPooledElements)
        return;
    std::lock_guard<std::mutex> lock(mutex_);
    free_.push_back(std::move(t));
    while (free_.size() > kKept)
        free_.pop_front();
}

std::size_t TensorPool::keptCount()
{
    std::lock_guard<std::mutex> lock(mutex_);
    return free_.size();
}

std::shared_ptr<const AnyTensor> TensorPool::share(AnyTensor&& t)
{
    return std::shared_ptr<const AnyTensor>(new AnyTensor(std::move(t)),
                                            [pool = weak_from_this()](const AnyTensor* shared) {
                                                std::unique_ptr<AnyTensor> owned(const_cast<AnyTensor*>(shared));
                                                if (const auto alive = pool.lock())
                                                    alive->give(std::move(*owned));
                                            });
}

template Tensor<float> TensorPool::take<float>(const Shape&);
template Tensor<double> TensorPool::take<double>(const Shape&);

} // namespace normscope::ui
