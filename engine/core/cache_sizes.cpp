// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/core/cache_sizes.h"

#include <cctype>
#include <cstdlib>
#include <fstream>

#if defined(__unix__)
#include <unistd.h>
#endif

namespace normscope {

namespace {

// The size of the data or unified cache of `level` under cpu0's sysfs cache directory, or 0.
std::int64_t sysfsCacheSize(int level)
{
    for (int index = 0; index < 8; ++index) {
        const std::string dir = "/sys/devices/system/cpu/cpu0/cache/index" + std::to_string(index) + "/";
        std::ifstream levelFile(dir + "level"), typeFile(dir + "type"), sizeFile(dir + "size");
        int l = 0;
        std::string type, size;
        if (!(levelFile >> l) || !(typeFile >> type) || !(sizeFile >> size))
            continue;
        if (l == level && (type == "Data" || type == "Unified"))
            return parseCacheSize(size);
    }
    return 0;
}

std::int64_t sysconfCacheSize(int level)
{
    long size = 0;
#if defined(_SC_LEVEL1_DCACHE_SIZE) && defined(_SC_LEVEL2_CACHE_SIZE) && defined(_SC_LEVEL3_CACHE_SIZE)
    size = sysconf(level == 1 ? _SC_LEVEL1_DCACHE_SIZE : level == 2 ? _SC_LEVEL2_CACHE_SIZE : _SC_LEVEL3_CACHE_SIZE);
#else
    (void)level;
#endif
    return size > 0 ? static_cast<std::int64_t>(size) : 0;
}

std::int64_t reportedLevel(int level, const char* variable)
{
    if (const char* forced = std::getenv(variable)) {
        const std::int64_t bytes = parseCacheSize(forced);
        if (bytes > 0)
            return bytes;
    }
    const std::int64_t bytes = sysconfCacheSize(level);
    return bytes > 0 ? bytes : sysfsCacheSize(level);
}

} // namespace

CacheSizes withCacheFallbacks(const CacheSizes& reported)
{
    CacheSizes c = reported;
    if (c.l1d <= 0)
        c.l1d = std::int64_t(32) << 10;
    if (c.l3 <= 0)
        c.l3 = c.l2 > 0 ? c.l2 : std::int64_t(32) << 20;
    if (c.l2 <= 0)
        c.l2 = std::int64_t(1) << 20;
    return c;
}

std::int64_t parseCacheSize(const std::string& text)
{
    std::size_t i = 0;
    std::int64_t value = 0;
    for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
        if (value > (std::int64_t(1) << 40))
            return 0;
        value = value * 10 + (text[i] - '0');
    }
    if (i == 0)
        return 0;
    const std::string suffix = text.substr(i);
    if (suffix.empty())
        return value;
    if (suffix == "K" || suffix == "k")
        return value << 10;
    if (suffix == "M" || suffix == "m")
        return value << 20;
    return 0;
}

CacheSizes reportedCacheSizes()
{
    return {reportedLevel(1, "NORMSCOPE_CACHE_L1D"), reportedLevel(2, "NORMSCOPE_CACHE_L2"),
            reportedLevel(3, "NORMSCOPE_CACHE_L3")};
}

const CacheSizes& machineCacheSizes()
{
    static const CacheSizes sizes = withCacheFallbacks(reportedCacheSizes());
    return sizes;
}

} // namespace normscope
