#include "engine/core/tensor.h"

namespace normscope {

const char* toString(DType dtype)
{
    return dtype == DType::Float32 ? "float32" : "float64";
}

} // namespace normscope
