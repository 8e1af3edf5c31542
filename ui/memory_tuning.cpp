// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/memory_tuning.h"

#include <cstdlib> // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace normscope::ui {

void returnLargeBuffersToTheSystem()
{
#if defined(__GLIBC__)
    // A fixed threshold also stops glibc from raising it after the first large free (its default),
    // after which 25 MB buffers would come from the heap and fragment it.
    constexpr int kOneMiB = 1 << 20;
    mallopt(M_MMAP_THRESHOLD, kOneMiB);
#endif
}

} // namespace normscope::ui
