// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/tensor.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace normscope {

/**
 * An .npz archive opened for reading: a zip (read by libzip) of .npy members, as np.savez (stored)
 * and np.savez_compressed (deflated) write it, ZIP64 included. Each member is read by readNpy's code
 * (npy.h), with its checks and messages, straight from the archive into the tensor.
 *
 * Every problem is a normscope::Error with a one-line message naming the file: missing or not a
 * regular file, not a zip archive, a damaged archive (libzip's reason), a missing key (the keys are
 * listed), an encrypted member or one compressed otherwise than stored or deflated, a member that is
 * not a valid .npy (`x.npz: member 'y.npy': data is truncated: ...`), a CRC mismatch. As for .npy,
 * nothing is allocated beyond what the archive can hold: a member's declared size must agree with
 * its stored bytes (equal when stored, at most deflate's largest expansion when deflated) and with
 * its .npy header before its data is read.
 */
class NpzReader {
public:
    explicit NpzReader(const std::string& path);
    NpzReader(const NpzReader&) = delete;
    NpzReader& operator=(const NpzReader&) = delete;
    ~NpzReader();

    /// The keys as numpy lists them (`NpzFile.files`): member names without ".npy", in archive order.
    const std::vector<std::string>& keys() const { return keys_; }

    /// The array of member `key` (named `key` + ".npy", or `key` itself).
    AnyTensor read(const std::string& key);

    /// The key an input is read from: `key` if given (it must exist), else the only member, else `x`.
    std::string pick(const std::optional<std::string>& key) const;

private:
    std::string listedKeys() const;
    std::size_t indexOf(const std::string& key) const; ///< the member's index; throws Error listing the keys

    std::string path_;
    struct Archive;
    std::unique_ptr<Archive> archive_;
    std::vector<std::string> keys_;
};

/// Whether `path` names an .npz file (its extension, any case): the contract's `X.npz`.
bool isNpzPath(const std::string& path);

/// An array file as --input takes it: an .npz's member chosen by NpzReader::pick(key), or a .npy
/// file. A key for a .npy file is an Error.
AnyTensor readArrayFile(const std::string& path, const std::optional<std::string>& key = std::nullopt);

} // namespace normscope
