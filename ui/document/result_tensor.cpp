// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/result_tensor.h"

namespace normscope::ui {

ResultTensor::ResultTensor(std::shared_ptr<const AnyTensor> tensor) : tensor_(std::move(tensor))
{
    if (!tensor_)
        return;
    if (const auto* f = std::get_if<Tensor<float>>(tensor_.get())) {
        floats_ = f->data();
        numel_ = f->numel();
    } else {
        const auto& d = std::get<Tensor<double>>(*tensor_);
        doubles_ = d.data();
        numel_ = d.numel();
    }
}

const Shape& ResultTensor::shape() const
{
    static const Shape none;
    return tensor_ ? shapeOf(*tensor_) : none;
}

Tensor<double> ResultTensor::widened() const
{
    if (!tensor_)
        return Tensor<double>();
    return std::visit([](const auto& t) { return t.template cast<double>(); }, *tensor_);
}

} // namespace normscope::ui
