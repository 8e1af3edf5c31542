// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/shape.h"
#include "engine/core/tensor.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace normscope {

/// PyTorch's print options (torch.set_printoptions); the defaults are its "default" profile.
struct TorchPrintOptions {
    int precision = 4;
    std::int64_t threshold = 1000; ///< more elements than this are elided with "..."
    std::int64_t edgeitems = 3;    ///< kept at each end of an elided dimension
    int linewidth = 80;
};

/// One element as printed: where its text is and which element of the tensor it is.
struct PrintedElement {
    std::int64_t flatIndex = 0; ///< row-major index into the tensor
    std::size_t offset = 0;     ///< first character of its text (padding included)
    std::size_t length = 0;
};

/// A tensor as torch 1.13's repr prints it, and where each shown element is in that text.
struct TorchPrint {
    std::string text;
    std::vector<PrintedElement> elements; ///< in printing order; elided elements are absent
};

/**
 * The text of `print(torch.tensor(values).reshape(shape))` for a floating tensor of dtype, as torch
 * 1.13's _tensor_str writes it: "tensor([[...]])", one width for all elements (integer mode "1.",
 * fixed "1.0000" or scientific "1.0000e-05", chosen from the shown nonzero finite values), lines
 * wrapped at linewidth, elided with "..." beyond threshold elements, ", dtype=torch.float64" for
 * float64 (float32 is torch's default dtype). values holds numel(shape) doubles (a float32 tensor's
 * values exactly as floats). Rank 0 prints the scalar; a tensor with no element prints "tensor([])".
 */
TorchPrint torchPrint(const double* values, const Shape& shape, DType dtype, const TorchPrintOptions& options = {});

/// Element i (flat) of the printed tensor; only the printed ones (and the formatter's) are asked for,
/// so a view can compute them where they are shown.
using ElementAt = std::function<double(std::int64_t)>;

/// torchPrint reading its elements through valueAt.
TorchPrint torchPrint(const ElementAt& valueAt, const Shape& shape, DType dtype, const TorchPrintOptions& options = {});

/// torchPrint's text only.
std::string torchRepr(const Tensor<double>& tensor, DType dtype, const TorchPrintOptions& options = {});

} // namespace normscope
