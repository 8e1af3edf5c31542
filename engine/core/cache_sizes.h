// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include <cstdint>
#include <string>

namespace normscope {

/// The data caches one core sees, in bytes. The kernels take their tile sizes, "fits in cache" rules
/// and streaming thresholds from these (engine/kernels/kernel_plan.h), not from one machine's numbers.
struct CacheSizes {
    std::int64_t l1d = 0; ///< level-1 data cache of one core
    std::int64_t l2 = 0;  ///< level-2 cache of one core
    std::int64_t l3 = 0;  ///< level-3 cache, shared by the cores of a socket (or of an AMD CCX)

    friend bool operator==(const CacheSizes& a, const CacheSizes& b)
    {
        return a.l1d == b.l1d && a.l2 == b.l2 && a.l3 == b.l3;
    }
    friend bool operator!=(const CacheSizes& a, const CacheSizes& b) { return !(a == b); }
};

/// `reported` with every level the system did not report (0 or less) filled in: L1d 32 KiB, L2 1 MiB,
/// and L3 the L2 where an L2 but no L3 was reported (the L2 is then the last level), else 32 MiB.
/// Middle-of-the-road sizes of current x86 cores: a wrong guess costs speed, never a result.
CacheSizes withCacheFallbacks(const CacheSizes& reported);

/// A size as /sys/devices/system/cpu/cpu0/cache/index*/size writes it ("48K", "2048K", "300M", "512"),
/// in bytes; 0 for anything else.
std::int64_t parseCacheSize(const std::string& text);

/// What this machine reports, levels it does not report left 0: sysconf(_SC_LEVEL*_CACHE_SIZE), else
/// the sizes under /sys/devices/system/cpu/cpu0/cache. The environment variables NORMSCOPE_CACHE_L1D,
/// NORMSCOPE_CACHE_L2 and NORMSCOPE_CACHE_L3 (bytes, or with a K/M suffix) replace a level, so that a
/// benchmark can run the kernels as they would choose on another machine.
CacheSizes reportedCacheSizes();

/// reportedCacheSizes() with fallbacks, read once per process: what the kernels use by default.
const CacheSizes& machineCacheSizes();

} // namespace normscope
