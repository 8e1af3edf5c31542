// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/tensor.h"

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace normscope {

/// One array of an .npz being written, member `key`.npy. Its data is borrowed, not copied: it must
/// outlive writeNpz().
struct NpzArray {
    std::string key;
    std::string descr; ///< '<f4', '<f8' or '<i8'
    Shape shape;
    const void* data = nullptr;
    std::int64_t bytes = 0;
};

template <typename T>
NpzArray npzArray(const std::string& key, const Tensor<T>& tensor);
NpzArray npzArray(const std::string& key, const AnyTensor& tensor);
/// An int64 scalar ('<i8', shape ()), as PyTorch's num_batches_tracked.
NpzArray npzScalar(const std::string& key, const std::int64_t& value);

/**
 * Writes the arrays as np.savez does: a zip (written by libzip, ZIP64 where sizes need it) of
 * stored members `key`.npy in the given order, each holding the bytes writeNpy writes for the array
 * (npyPreamble(), then the data straight from the tensor). The caller makes the write atomic: stage
 * it with StagedOutputs::stage, so an .npz is committed with the command's other outputs or not at
 * all, never half-written. Throws std::invalid_argument for an empty or repeated key and Error for a
 * failed write (the stream's reason through StagedOutputs).
 */
void writeNpz(std::ostream& out, const std::vector<NpzArray>& arrays);

} // namespace normscope
