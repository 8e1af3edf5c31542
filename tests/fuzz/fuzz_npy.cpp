// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// libFuzzer harness: any bytes as a .npy file. readNpy must return a tensor or throw Error, never
// crash, read out of bounds or allocate beyond what the file holds; what it returns must have the
// element count its shape says.

#include "engine/core/error.h"
#include "engine/io/npy.h"

#include <cstdint>
#include <cstdlib>
#include <string>

#include <sys/mman.h>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    // An in-memory file, read through the same path as a file on disk.
    static const int fd = ::memfd_create("fuzz.npy", 0);
    static const std::string path = "/proc/self/fd/" + std::to_string(fd);
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, data, size, 0) != static_cast<ssize_t>(size))
        std::abort();
    try {
        const normscope::AnyTensor t = normscope::readNpy(path);
        std::visit(
            [](const auto& tensor) {
                if (normscope::numel(tensor.shape()) != tensor.numel())
                    std::abort();
            },
            t);
    } catch (const normscope::Error&) {}
    return 0;
}
