// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// libFuzzer harness: any bytes as an .npz file. NpzReader must list the keys and read every member
// (or refuse with Error), never crash, read out of bounds or allocate beyond what the archive can
// hold; what it returns must have the element count its shape says. Seeds: tests/fixtures/npz.

#include "tests/fuzz/fuzz_file.h"
#include "engine/core/error.h"
#include "engine/io/npz_reader.h"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string& path = normscope::fuzz::asFile(data, size);
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
                normscope::fuzz::checkTensor(archive.read(key));
            } catch (const normscope::Error&) {}
        }
    } catch (const normscope::Error&) {}
    return 0;
}
