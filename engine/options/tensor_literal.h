// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#pragma once

#include "engine/core/shape.h"
#include "engine/core/tensor.h"

#include <cstdint>
#include <string>
#include <vector>

namespace normscope {

/// A tensor typed in: its shape (rank 1 to 5) and its values in row-major order, read as doubles.
struct TensorLiteral {
    Shape shape;
    std::vector<double> values;
};

/// The most elements a literal may hold (NormScope's limit, the window's largest input).
constexpr std::int64_t kMaxLiteralElements = std::int64_t(1) << 24;

/**
 * Reads a tensor as NumPy and PyTorch print it, so that an article's tensor can be pasted:
 *  - a nested list of rank 1 to 5: `[[0,1,2],[3,4,5]]`, `tensor([[0., 1.], [2., 3.]])`,
 *    `np.array([...])`, `torch.tensor([...], dtype=torch.float64)` (keyword arguments after the
 *    list are ignored; the dtype is the caller's); spaces and newlines anywhere between tokens;
 *    numbers in decimal or scientific notation (`1e-5`, `-2.5E+03`, `0.`), `nan`, `inf`, `-inf`;
 *  - `arange(n)` with an optional `.reshape(a, b, ...)` or `.view(...)`, also `torch.arange(12)`
 *    and `np.arange(12)`: the values 0 .. n-1.
 * Throws Error naming the character position (1-based) for a ragged list, a token that is not a
 * number, empty input, rank above 5, more than kMaxLiteralElements elements, or a reshape whose
 * element count differs from n.
 */
TensorLiteral parseTensorLiteral(const std::string& text);

/// The literal as a tensor of dtype (float32 rounds each value to float).
AnyTensor toTensor(const TensorLiteral& literal, DType dtype);

} // namespace normscope
