// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/core/tensor.h"

namespace normscope {

const char* toString(DType dtype)
{
    return dtype == DType::Float32 ? "float32" : "float64";
}

} // namespace normscope
