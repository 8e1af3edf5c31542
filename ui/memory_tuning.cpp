// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/memory_tuning.h"

#include <cstdlib> // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace normscope::ui {

void keepLargeBuffersInProcess()
{
#if defined(__GLIBC__)
    constexpr int kOneGiB = 1 << 30;
    mallopt(M_MMAP_THRESHOLD, kOneGiB);
    mallopt(M_TRIM_THRESHOLD, kOneGiB);
    // Worker threads would get their own arenas, which hand out buffers this large by mmap again.
    mallopt(M_ARENA_MAX, 1);
#endif
}

} // namespace normscope::ui
