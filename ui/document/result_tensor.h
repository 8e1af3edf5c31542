// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/tensor.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <utility>

namespace normscope::ui {

/**
 * An input-sized tensor of a result in the dtype the engine computed it in, immutable and shared:
 * the input is the input cache's own tensor, not a copy, and a float32 output stays 4 bytes an
 * element. Views read elements as double (operator[]); passes over all of them visit the typed data.
 */
class ResultTensor {
public:
    ResultTensor() = default;
    explicit ResultTensor(std::shared_ptr<const AnyTensor> tensor);
    template <typename T>
    explicit ResultTensor(Tensor<T>&& tensor) : ResultTensor(std::make_shared<const AnyTensor>(std::move(tensor)))
    {}

    double operator[](std::int64_t i) const { return floats_ ? static_cast<double>(floats_[i]) : doubles_[i]; }
    std::int64_t numel() const { return numel_; }
    bool empty() const { return numel_ == 0; }
    /// The shape; an empty shape when there is no tensor.
    const Shape& shape() const;
    /// The tensor itself (for typed passes and exports); null when there is none.
    const std::shared_ptr<const AnyTensor>& tensor() const { return tensor_; }
    /// A double copy, for the few readers that need one (small tensors, tests).
    Tensor<double> widened() const;
    /// Element i as double, for readers that take a function.
    std::function<double(std::int64_t)> reader() const
    {
        return [this](std::int64_t i) { return (*this)[i]; };
    }

private:
    std::shared_ptr<const AnyTensor> tensor_;
    const float* floats_ = nullptr;
    const double* doubles_ = nullptr;
    std::int64_t numel_ = 0;
};

} // namespace normscope::ui
