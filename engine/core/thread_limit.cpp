#include "engine/core/thread_limit.h"

#include <omp.h>

#include <algorithm>

namespace normscope {

void limitThreadsOfCallingThread(int threads)
{
    omp_set_num_threads(std::max(1, threads));
}

} // namespace normscope
