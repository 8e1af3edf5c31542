// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/core/thread_limit.h"

#include <omp.h>

#include <algorithm>

namespace normscope {

void limitThreadsOfCallingThread(int threads)
{
    omp_set_num_threads(std::max(1, threads));
}

} // namespace normscope
