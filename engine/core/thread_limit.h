// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

namespace normscope {

/// Caps the threads of the kernels' parallel regions started from the calling thread when they ask
/// for "all cores" (threads <= 0); other threads keep their own setting. An interactive caller runs
/// small tensors on one thread: waking a pool costs more than the work, and on a loaded machine a
/// descheduled pool thread stalls the whole region for a scheduler tick.
void limitThreadsOfCallingThread(int threads);

} // namespace normscope
