// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/tensor.h"

#include <ostream>
#include <string>

namespace normscope {

/// Reads a NumPy .npy file: format 1.0, 2.0 or 3.0; dtype '<f4' or '<f8'; C order, or Fortran order
/// (transposed into C order); rank 0 to 8. NaN and Inf values are returned as stored.
///
/// Every problem with the file (missing, not .npy, unsupported version or dtype, malformed header,
/// data shorter or longer than the shape needs) is a normscope::Error whose one-line message starts
/// with the path and names the problem, e.g.
/// `x.npy: data is truncated: shape (2, 3, 4) float32 needs 96 bytes, file has 40`.
/// The data size is checked against the real file size before anything is allocated.
AnyTensor readNpy(const std::string& path);

/// Writes t as format 1.0 (2.0 if the header needs it), '<f4' or '<f8', C order, any rank including
/// 0 (shape ()). Atomic: on failure any old file at path is left untouched. Throws normscope::Error
/// naming the path if the file cannot be written.
template <typename T>
void writeNpy(const std::string& path, const Tensor<T>& t);

void writeNpy(const std::string& path, const AnyTensor& t);

/// The same bytes to a stream (the caller makes the write atomic, e.g. StagedOutputs).
template <typename T>
void writeNpy(std::ostream& out, const Tensor<T>& t);

/// The largest rank readNpy accepts.
constexpr int kMaxNpyRank = 8;

/// The largest header readNpy accepts; numpy itself refuses headers above 10 KB by default.
constexpr std::int64_t kMaxNpyHeaderBytes = 1 << 20;

} // namespace normscope
