// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

// Internal to the engine: float32 data widened to double eight elements at a time with AVX-512 (and
// float64 data loaded the same way), for the backward kernels, which compute every element in double
// (backward.cpp says why). Only defined where the compiler targets AVX-512; callers keep a plain loop
// for the rest.

#if defined(__AVX512F__)
#include <immintrin.h>

namespace normscope::detail {

// Float32 runs widened eight elements at a time, each load one vcvtps2pd from memory. GCC's own
// vectorisation of the kernels' plain loops loads sixteen floats and splits them before widening:
// one more shuffle per sixteen elements, on the two ports that all of this arithmetic competes for
// (3-6% of GroupNorm's forward+backward at 1 thread). The plain loops finish what these leave, and
// do all of double data and of other targets. (The zero-masked forms: GCC 12's unmasked ones start
// from _mm512_undefined_*(), which -Wuninitialized reports, GCC bug 105593. All lanes are kept.)
inline __m512d widen8(const float* p)
{
    return _mm512_maskz_cvtps_pd(0xff, _mm256_loadu_ps(p));
}

// Double data: a plain load, so that one loop serves both precisions.
inline __m512d widen8(const double* p)
{
    return _mm512_loadu_pd(p);
}

// v[0] + ... + v[7], in that order.
inline double laneSum(__m512d v)
{
    alignas(64) double lanes[8];
    _mm512_store_pd(lanes, v);
    double s = 0;
    for (double lane : lanes)
        s += lane;
    return s;
}

// Sixteen doubles rounded to floats and stored as one 64-byte vector, so that a streamed line's
// buffer (streaming_store.h) is forwarded to its streaming store from one store.
inline void narrow16(__m512d lo, __m512d hi, float* dst)
{
    const __m256d l = _mm256_castps_pd(_mm512_maskz_cvtpd_ps(0xff, lo));
    const __m256d h = _mm256_castps_pd(_mm512_maskz_cvtpd_ps(0xff, hi));
    const __m512d both =
        _mm512_maskz_insertf64x4(0xff, _mm512_maskz_insertf64x4(0xff, _mm512_setzero_pd(), l, 0), h, 1);
    _mm512_storeu_ps(dst, _mm512_castpd_ps(both));
}

} // namespace normscope::detail

#endif
