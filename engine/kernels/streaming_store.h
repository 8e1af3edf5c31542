// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

// Internal to the engine: writing a large output a cache line at a time without reading it first.
// A plain store first reads the destination's line into cache (read for ownership), so an output
// larger than the caches costs a read and a write of memory; a streaming (non-temporal) store costs
// only the write, and does not evict the inputs. It is only worth it for outputs that will not be
// read again from cache soon: which outputs those are, the kernels' plan says from the cache sizes
// (kernel_plan.h). Elsewhere, and on targets without SSE2, writeLines stores plainly; the values
// written are the same either way.

#include "engine/core/aligned_allocator.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>

#if defined(__SSE2__)
#include <immintrin.h>
#endif

namespace normscope::detail {

constexpr auto kLineBytes = static_cast<std::int64_t>(AlignedAllocator<char>::kLineBytes);

/// Writes one line (dst aligned to kLineBytes) from `line` without reading dst into cache.
inline void streamLine(float* dst, const float* line)
{
#if defined(__AVX512F__)
    _mm512_stream_ps(dst, _mm512_load_ps(line));
#elif defined(__AVX__)
    _mm256_stream_ps(dst, _mm256_load_ps(line));
    _mm256_stream_ps(dst + 8, _mm256_load_ps(line + 8));
#elif defined(__SSE2__)
    for (int k = 0; k < 16; k += 4)
        _mm_stream_ps(dst + k, _mm_load_ps(line + k));
#else
    std::memcpy(dst, line, kLineBytes);
#endif
}

inline void streamLine(double* dst, const double* line)
{
#if defined(__AVX512F__)
    _mm512_stream_pd(dst, _mm512_load_pd(line));
#elif defined(__AVX__)
    _mm256_stream_pd(dst, _mm256_load_pd(line));
    _mm256_stream_pd(dst + 4, _mm256_load_pd(line + 4));
#elif defined(__SSE2__)
    for (int k = 0; k < 8; k += 2)
        _mm_stream_pd(dst + k, _mm_load_pd(line + k));
#else
    std::memcpy(dst, line, kLineBytes);
#endif
}

/// Orders this thread's streaming stores before its later stores: call it before other threads may
/// read what it streamed (streaming stores are weakly ordered).
inline void streamFence()
{
#if defined(__SSE2__)
    _mm_sfence();
#endif
}

/// Asks for the line holding p to be fetched into L2 for reading; a hint, never a fault.
inline void prefetchToL2(const void* p)
{
#if defined(__GNUC__)
    __builtin_prefetch(p, 0, 2);
#else
    (void)p;
#endif
}

/// The most whole lines writeLines hands to one call of its body when nothing is fetched between
/// lines: enough for the body's loop to run at full width instead of stopping to reload its captures
/// after every 64 bytes (LayerNorm (C, H, W)'s row-block output spent more on that than on its
/// arithmetic), few enough that the buffer they are streamed from stays in L1d. Where a line is
/// fetched before each line, the body still takes one line at a time: sixteen prefetches issued at
/// once, then sixteen lines computed, made BatchNorm, InstanceNorm and GroupNorm 5-28% slower.
constexpr std::int64_t kLinesPerPiece = 16;

/**
 * Writes out[0, n): body(first, count, dst) computes elements [first, first + count) into dst[0, count).
 * The whole lines of out go through a line buffer and streamLine when `stream`, else straight to out:
 * one line per call of body, after beforeLine(first) (which may prefetch what comes next), or with
 * no beforeLine (nullptr) kLinesPerPiece lines per call. The split into pieces depends only on n, out's
 * address and whether beforeLine is given, never on the thread count; each element's value depends on
 * none of them.
 */
template <typename T, typename Body, typename BeforeLine>
void writeLines(T* out, std::int64_t n, bool stream, Body&& body, BeforeLine&& beforeLine)
{
    constexpr auto line = kLineBytes / static_cast<std::int64_t>(sizeof(T));
    constexpr bool fetches = !std::is_same_v<std::decay_t<BeforeLine>, std::nullptr_t>;
    constexpr std::int64_t linesPerPiece = fetches ? 1 : kLinesPerPiece;
    const auto offset = static_cast<std::int64_t>(reinterpret_cast<std::uintptr_t>(out) % kLineBytes)
        / static_cast<std::int64_t>(sizeof(T));
    const std::int64_t head = std::min(n, (line - offset) % line);
    body(0, head, out);
    std::int64_t first = head;
    while (first + line <= n) {
        const std::int64_t lines = std::min(linesPerPiece, (n - first) / line);
        if constexpr (fetches)
            beforeLine(first);
        if (stream) {
            alignas(kLineBytes) T buffer[linesPerPiece * line];
            body(first, lines * line, buffer);
            for (std::int64_t k = 0; k < lines; ++k)
                streamLine(out + first + k * line, buffer + k * line);
        } else {
            body(first, lines * line, out + first);
        }
        first += lines * line;
    }
    body(first, n - first, out + first);
}

} // namespace normscope::detail
