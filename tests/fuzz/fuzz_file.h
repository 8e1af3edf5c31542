// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#pragma once

#include "engine/core/shape.h"
#include "engine/core/tensor.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <variant>

#include <sys/mman.h>
#include <unistd.h>

namespace normscope::fuzz {

/// The fuzzer's bytes as a file path, so a file parser is fuzzed through the same path as a file on
/// disk: one in-memory file per process, rewritten for each input.
inline const std::string& asFile(const std::uint8_t* data, std::size_t size)
{
    static const int fd = ::memfd_create("fuzz-input", 0);
    static const std::string path = "/proc/self/fd/" + std::to_string(fd);
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, data, size, 0) != static_cast<ssize_t>(size))
        std::abort();
    return path;
}

/// What a reader returns must hold the element count its shape says.
inline void checkTensor(const AnyTensor& t)
{
    std::visit(
        [](const auto& tensor) {
            if (numel(tensor.shape()) != tensor.numel())
                std::abort();
        },
        t);
}

} // namespace normscope::fuzz
