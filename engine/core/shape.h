// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace normscope {

using Shape = std::vector<std::int64_t>;

/// Number of elements of a shape; 1 for the empty (rank 0) shape. Every product of sizes goes through
/// here, so a shape whose product does not fit in int64 (or has a negative size) is refused: Error
/// with the exact element count, a limit of NormScope's own.
std::int64_t numel(const Shape& shape);

/// "(2, 3, 4)", as Python prints a tuple; "()" for rank 0, "(5,)" for rank 1.
std::string toString(const Shape& shape);

/// "[2, 3, 4]", as PyTorch prints torch.Size in its messages.
std::string toListString(const Shape& shape);

/// Parses "2,3,4" (spaces allowed). Throws Error naming the text if an entry is not a positive integer.
Shape parseShape(const std::string& text, const std::string& what);

} // namespace normscope
