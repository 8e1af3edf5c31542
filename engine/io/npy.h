// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/tensor.h"

#include <cstdint>
#include <ostream>
#include <string>

namespace normscope {

/// Where readNpy's bytes come from: a file, or a member of an .npz archive (npz_reader.h).
class NpyInput {
public:
    virtual ~NpyInput() = default;
    /// Every byte the input holds, known before reading: the header's sizes are checked against it,
    /// so a lying header never makes readNpy allocate more than the input holds.
    virtual std::int64_t size() const = 0;
    /// Reads exactly `bytes` more bytes into `into`, or throws Error with a message that does not
    /// name the input (readNpy prefixes the name).
    virtual void read(void* into, std::int64_t bytes) = 0;
};

/// Reads a NumPy .npy file: format 1.0, 2.0 or 3.0; dtype '<f4' or '<f8'; C order, or Fortran order
/// (transposed into C order); rank 0 to 8. NaN and Inf values are returned as stored.
///
/// Every problem with the file (missing, not .npy, unsupported version or dtype, malformed header,
/// data shorter or longer than the shape needs) is a normscope::Error whose one-line message starts
/// with the path and names the problem, e.g.
/// `x.npy: data is truncated: shape (2, 3, 4) float32 needs 96 bytes, file has 40`.
/// The data size is checked against the real file size before anything is allocated.
AnyTensor readNpy(const std::string& path);

/// The same reading, checks and messages for any input; every message starts with `name`
/// (`x.npz: member 'y.npy'`).
AnyTensor readNpy(NpyInput& input, const std::string& name);

/// Writes t as format 1.0 (2.0 if the header needs it), '<f4' or '<f8', C order, any rank including
/// 0 (shape ()). Atomic: on failure any old file at path is left untouched. Throws normscope::Error
/// naming the path if the file cannot be written.
template <typename T>
void writeNpy(const std::string& path, const Tensor<T>& t);

void writeNpy(const std::string& path, const AnyTensor& t);

/// The same bytes to a stream (the caller makes the write atomic, e.g. StagedOutputs).
template <typename T>
void writeNpy(std::ostream& out, const Tensor<T>& t);

/// What numpy writes before the data of an array of this descr ('<f4', '<f8', '<i8') and shape in C
/// order: the magic, format version 1.0 (2.0 if the header needs it), the header length and the
/// header dict padded so that the data starts at a multiple of 64 bytes. writeNpy and the .npz
/// writer write exactly this, then the data.
std::string npyPreamble(const std::string& descr, const Shape& shape);

/// The largest rank readNpy accepts.
constexpr int kMaxNpyRank = 8;

/// The largest header readNpy accepts; numpy itself refuses headers above 10 KB by default.
constexpr std::int64_t kMaxNpyHeaderBytes = 1 << 20;

} // namespace normscope
