// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// libFuzzer harness: any bytes as an .npz file. NpzReader must list the keys and read every member
// (or refuse with Error), never crash, read out of bounds or allocate beyond what the archive can
// hold; what it returns must have the element count its shape says. Seeds: tests/fixtures/npz.

#include "engine/core/error.h"
#include "engine/io/npz_reader.h"

#include <cstdint>
#include <cstdlib>
#include <string>

#include <sys/mman.h>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    // An in-memory file, read through the same path as a file on disk.
    static const int fd = ::memfd_create("fuzz.npz", 0);
    static const std::string path = "/proc/self/fd/" + std::to_string(fd);
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, data, size, 0) != static_cast<ssize_t>(size))
        std::abort();
    try {
        normscope::NpzReader archive(path);
        try {
            archive.pick(std::nullopt);
        } catch (const normscope::Error&) {}
        // A few members are enough to reach every path; a crafted directory may list thousands.
        std::size_t tried = 0;
        for (const std::string& key : archive.keys()) {
            if (++tried > 8)
                break;
            try {
                const normscope::AnyTensor t = archive.read(key);
                std::visit(
                    [](const auto& tensor) {
                        if (normscope::numel(tensor.shape()) != tensor.numel())
                            std::abort();
                    },
                    t);
            } catch (const normscope::Error&) {}
        }
    } catch (const normscope::Error&) {}
    return 0;
}
