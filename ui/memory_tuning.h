// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

namespace normscope::ui {

/**
 * Keeps freed large buffers in the process instead of returning them to the kernel. Every result of
 * a 6-million-element tensor allocates ~200 MB of fresh doubles; with glibc's defaults each of those
 * buffers is mmapped and page-faulted anew, which costs more than the forward pass itself. Call once
 * at start-up, before any thread is started; a no-op where the C library is not glibc.
 */
void keepLargeBuffersInProcess();

} // namespace normscope::ui
