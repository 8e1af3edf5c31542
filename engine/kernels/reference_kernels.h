#pragma once

// Internal to the engine: the plain reference kernels, element by element through
// StatsLayout::forEachElement, two-pass in long double. Deliberately simple; the fast kernels are
// tested against them. Shared by forward_reference.cpp and backward_reference.cpp.

#include "engine/core/stats_layout.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace normscope::detail {

struct ReferenceKernels {
    template <typename T>
    static void moments(const StatsLayout& layout, const T* x, bool subtractMean, double* mean, double* meanLo,
                        double* var, int)
    {
        const auto n = static_cast<long double>(layout.groupSize());
        for (std::int64_t g = 0; g < layout.groupCount(); ++g) {
            long double sum = 0;
            layout.forEachElement(g, [&](std::int64_t i) { sum += x[i]; });
            const long double m = subtractMean ? sum / n : 0.0L;
            // Even a long double holds the mean of offset data (mean 1e4, std 1e-2) only to ~1e-15,
            // 1e-13 of the deviations. The drift of the deviations about m (exact differences) gives
            // the rest, kept apart in meanLo like the fast kernels do.
            long double drift = 0, sq = 0;
            layout.forEachElement(g, [&](std::int64_t i) {
                const long double d = static_cast<long double>(x[i]) - m;
                drift += d;
                sq += d * d;
            });
            const long double correction = subtractMean ? drift / n : 0.0L;
            mean[g] = static_cast<double>(m);
            meanLo[g] = static_cast<double>((m - static_cast<long double>(mean[g])) + correction);
            var[g] = static_cast<double>(std::max(0.0L, sq / n - correction * correction));
        }
    }

    template <typename T>
    static void normalizeWithInputStats(const StatsLayout& layout, const T* x, bool subtractMean, T eps,
                                        const T* gamma, const T* beta, T* y, double* mean, double* meanLo,
                                        double* var, double* rstd, int threads)
    {
        moments(layout, x, subtractMean, mean, meanLo, var, threads);
        for (std::int64_t g = 0; g < layout.groupCount(); ++g)
            rstd[g] = static_cast<double>(1.0L / std::sqrt(static_cast<long double>(var[g]) + static_cast<long double>(eps)));
        normalize(layout, x, mean, meanLo, rstd, gamma, beta, y, threads);
    }

    template <typename T>
    static void normalize(const StatsLayout& layout, const T* x, const double* mean, const double* meanLo,
                          const double* rstd, const T* gamma, const T* beta, T* y, int)
    {
        for (std::int64_t g = 0; g < layout.groupCount(); ++g) {
            layout.forEachElement(g, [&](std::int64_t i) {
                const std::int64_t p = layout.paramOf(i);
                long double v = (static_cast<long double>(x[i]) - mean[g] - meanLo[g]) * rstd[g];
                if (gamma)
                    v *= gamma[p];
                if (beta)
                    v += beta[p];
                y[i] = static_cast<T>(v);
            });
        }
    }
};

} // namespace normscope::detail
