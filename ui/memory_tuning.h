// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

namespace normscope::ui {

/**
 * Gives every buffer of 1 MB or more its own mapping, returned to the system when freed, so the
 * window's resident memory follows what it holds. The buffers a change at millions of elements needs
 * are reused from ui/document/tensor_pool.h, so this costs no page faults per change; kept in the
 * C library's heap instead, they fragmented it (3 GB resident for 150 MB live in the compare view).
 * Call once at start-up, before any thread is started; a no-op where the C library is not glibc.
 */
void returnLargeBuffersToTheSystem();

} // namespace normscope::ui
