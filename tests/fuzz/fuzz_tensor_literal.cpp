// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// libFuzzer harness: any bytes as a tensor literal (the window's --tensor). The parser must return a
// shape of rank 1 to 5 whose element count is its number of values and at most NormScope's limit, or
// throw Error, never crash.

#include "engine/core/error.h"
#include "engine/options/tensor_literal.h"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const normscope::TensorLiteral t = normscope::parseTensorLiteral(text);
        if (t.shape.empty() || t.shape.size() > 5
            || normscope::numel(t.shape) != static_cast<std::int64_t>(t.values.size())
            || normscope::numel(t.shape) > normscope::kMaxLiteralElements)
            std::abort();
    } catch (const normscope::Error&) {}
    return 0;
}
