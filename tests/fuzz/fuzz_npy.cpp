// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// libFuzzer harness: any bytes as a .npy file. readNpy must return a tensor or throw Error, never
// crash, read out of bounds or allocate beyond what the file holds; what it returns must have the
// element count its shape says.

#include "tests/fuzz/fuzz_file.h"
#include "engine/core/error.h"
#include "engine/io/npy.h"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string& path = normscope::fuzz::asFile(data, size);
    try {
        normscope::fuzz::checkTensor(normscope::readNpy(path));
    } catch (const normscope::Error&) {}
    return 0;
}
