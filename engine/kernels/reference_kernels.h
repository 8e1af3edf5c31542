// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

// Internal to the engine: the plain reference kernels, the maths as written, two-pass, as Eigen array
// expressions in long double over each group of the statistics layout. Deliberately simple, in the
// manner of oneDNN's ref_*_normalization; the fast kernels are tested against them. Shared by
// forward_reference.cpp and backward_reference.cpp.

#include "engine/core/stats_layout.h"
#include "engine/kernels/kernel_plan.h"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <type_traits>

namespace normscope::detail {

namespace reference {

using ArrayXl = Eigen::Array<long double, Eigen::Dynamic, 1>;
using ArrayXXl = Eigen::Array<long double, Eigen::Dynamic, Eigen::Dynamic>;

/// The elements of group g, in place: an inner x outer array whose column a is the group's a-th
/// contiguous run (StatsLayout: segmentLength elements, segmentStride apart). Column-major, so a
/// reduction over it runs in memory order.
template <typename T>
auto groupOf(const StatsLayout& layout, T* data, std::int64_t g)
{
    using Array = Eigen::Array<std::remove_const_t<T>, Eigen::Dynamic, Eigen::Dynamic>;
    using Mapped = Eigen::Map<std::conditional_t<std::is_const_v<T>, const Array, Array>, 0, Eigen::OuterStride<>>;
    return Mapped(data + layout.segmentStart(g, 0), layout.segmentLength(), layout.segmentCount(),
                  Eigen::OuterStride<>(layout.segmentStride()));
}

/// (x - mean - meanLo) * rstd over group g, unevaluated. x - mean is exact; meanLo carries the digits of
/// the mean that a double cannot hold.
template <typename T>
auto xhatOf(const StatsLayout& layout, const T* x, std::int64_t g, const double* mean, const double* meanLo,
            const double* rstd)
{
    return (groupOf(layout, x, g).template cast<long double>() - static_cast<long double>(mean[g])
            - static_cast<long double>(meanLo[g]))
        * static_cast<long double>(rstd[g]);
}

/// Parameters per run: every run of a group covers the same k consecutive parameters, each for
/// paramInner consecutive elements (k = 1 for BatchNorm and InstanceNorm, C/G for GroupNorm, the whole
/// normalized_shape for LayerNorm and RMSNorm).
inline std::int64_t paramsPerRun(const StatsLayout& layout)
{
    return layout.segmentLength() / layout.paramInner();
}

/// gamma or beta along one run of group g, one value per element of the run.
template <typename T>
ArrayXl paramAlongRun(const StatsLayout& layout, const T* param, std::int64_t g)
{
    const std::int64_t k = paramsPerRun(layout);
    const std::int64_t first = layout.paramOf(layout.segmentStart(g, 0));
    const Eigen::Map<const Eigen::Array<T, 1, Eigen::Dynamic>> params(param + first, k);
    ArrayXl run(layout.segmentLength());
    // The run seen as paramInner x k: column j is parameter first + j.
    Eigen::Map<ArrayXXl>(run.data(), layout.paramInner(), k) =
        params.template cast<long double>().replicate(layout.paramInner(), 1);
    return run;
}

/// Sums of a group's values (laid out as groupOf) per parameter of its runs: over the runs, then over
/// each parameter's paramInner elements.
template <typename Derived>
ArrayXl sumPerParam(const StatsLayout& layout, const Eigen::ArrayBase<Derived>& values)
{
    const ArrayXl overRuns = values.rowwise().sum();
    const Eigen::Map<const ArrayXXl> perParamColumns(overRuns.data(), layout.paramInner(), paramsPerRun(layout));
    return perParamColumns.colwise().sum().transpose();
}

/// The sum in memory order, started from +0 like a plain loop: Eigen starts from the first element, so
/// a group of -0 would get the mean -0 and normalise to +0 rather than -0.
template <typename Derived>
long double sum(const Eigen::ArrayBase<Derived>& values)
{
    return 0.0L + values.sum();
}

} // namespace reference

struct ReferenceKernels {
    template <typename T>
    static void moments(const StatsLayout& layout, const T* x, bool subtractMean, double* mean, double* meanLo,
                        double* var, const Execution&)
    {
        const auto n = static_cast<long double>(layout.groupSize());
        for (std::int64_t g = 0; g < layout.groupCount(); ++g) {
            const auto xg = reference::groupOf(layout, x, g).template cast<long double>();
            const long double m = subtractMean ? reference::sum(xg) / n : 0.0L;
            // Even a long double holds the mean of offset data (mean 1e4, std 1e-2) only to ~1e-15,
            // 1e-13 of the deviations. The drift of the deviations about m (exact differences) gives
            // the rest, kept apart in meanLo like the fast kernels do.
            const auto d = xg - m;
            const long double correction = subtractMean ? reference::sum(d) / n : 0.0L;
            mean[g] = static_cast<double>(m);
            // An infinite mean has nothing left over (inf - inf would make it NaN): PyTorch's mean is inf.
            meanLo[g] = std::isfinite(mean[g])
                ? static_cast<double>((m - static_cast<long double>(mean[g])) + correction)
                : 0.0;
            // Clamped only below zero (rounding): a NaN or infinite group keeps variance NaN, as in
            // PyTorch (std::max(0, NaN) would be 0).
            const long double v = reference::sum(d.square()) / n - correction * correction;
            var[g] = static_cast<double>(v < 0 ? 0.0L : v);
        }
    }

    template <typename T>
    static void normalizeWithInputStats(const StatsLayout& layout, const T* x, bool subtractMean, T eps, const T* gamma,
                                        const T* beta, T* y, double* mean, double* meanLo, double* var, double* rstd,
                                        const Execution& run)
    {
        moments(layout, x, subtractMean, mean, meanLo, var, run);
        const auto G = static_cast<Eigen::Index>(layout.groupCount());
        const auto varG = Eigen::Map<const Eigen::ArrayXd>(var, G).cast<long double>();
        Eigen::Map<Eigen::ArrayXd>(rstd, G) =
            (1.0L / (varG + static_cast<long double>(eps)).sqrt()).template cast<double>();
        normalize(layout, x, mean, meanLo, rstd, gamma, beta, y, run);
    }

    template <typename T>
    static void normalize(const StatsLayout& layout, const T* x, const double* mean, const double* meanLo,
                          const double* rstd, const T* gamma, const T* beta, T* y, const Execution&)
    {
        for (std::int64_t g = 0; g < layout.groupCount(); ++g) {
            const auto xhat = reference::xhatOf(layout, x, g, mean, meanLo, rstd);
            auto yg = reference::groupOf(layout, y, g);
            // Absent gamma and beta are left out rather than taken as 1 and 0: -0 + 0 would be +0.
            if (gamma && beta) {
                const reference::ArrayXl gammaRun = reference::paramAlongRun(layout, gamma, g);
                const reference::ArrayXl betaRun = reference::paramAlongRun(layout, beta, g);
                yg = ((xhat.colwise() * gammaRun).colwise() + betaRun).template cast<T>();
            } else if (gamma) {
                const reference::ArrayXl gammaRun = reference::paramAlongRun(layout, gamma, g);
                yg = (xhat.colwise() * gammaRun).template cast<T>();
            } else if (beta) {
                const reference::ArrayXl betaRun = reference::paramAlongRun(layout, beta, g);
                yg = (xhat.colwise() + betaRun).template cast<T>();
            } else {
                yg = xhat.template cast<T>();
            }
        }
    }
};

} // namespace normscope::detail
