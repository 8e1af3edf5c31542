// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#include "ui/cube/cube_cell_colors.h"

#include "ui/cube/color_map.h"
#include "ui/cube/cube_grid.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace normscope::ui {

namespace {

/// Smallest and largest finite value; (inf, -inf) when there is none. Written so the compiler
/// vectorises the common all-finite case (NaN fails both comparisons and drops out by itself).
std::pair<double, double> finiteRange(const double* v, std::int64_t count)
{
    constexpr double kInf = std::numeric_limits<double>::infinity();
    double lo[4] = {kInf, kInf, kInf, kInf}, hi[4] = {-kInf, -kInf, -kInf, -kInf};
    std::int64_t i = 0;
    for (; i + 4 <= count; i += 4)
        for (int k = 0; k < 4; ++k) {
            lo[k] = v[i + k] < lo[k] ? v[i + k] : lo[k];
            hi[k] = v[i + k] > hi[k] ? v[i + k] : hi[k];
        }
    for (; i < count; ++i) {
        lo[0] = v[i] < lo[0] ? v[i] : lo[0];
        hi[0] = v[i] > hi[0] ? v[i] : hi[0];
    }
    double a = std::min(std::min(lo[0], lo[1]), std::min(lo[2], lo[3]));
    double b = std::max(std::max(hi[0], hi[1]), std::max(hi[2], hi[3]));
    if (std::isfinite(a) && std::isfinite(b))
        return {a, b};
    // Rare: an infinity among the values. Take the slow path that skips it.
    a = kInf;
    b = -kInf;
    for (std::int64_t k = 0; k < count; ++k) {
        if (!std::isfinite(v[k]))
            continue;
        a = std::min(a, v[k]);
        b = std::max(b, v[k]);
    }
    return {a, b};
}

} // namespace

void CubeCellColors::clear()
{
    values_.clear();
    groups_.clear();
    colors_.clear();
    lit_.clear();
}

void CubeCellColors::setGroups(const CubeGrid& grid, const StatsLayout* layout)
{
    groups_.assign(static_cast<std::size_t>(grid.cellCount()), -1);
    if (!layout)
        return;
    for (std::int64_t cell = 0; cell < grid.cellCount(); ++cell)
        groups_[static_cast<std::size_t>(cell)] = layout->groupOf(grid.representative(cell));
}

std::pair<double, double> CubeCellColors::setValues(const CubeGrid& grid,
                                                    const std::function<double(std::int64_t)>& valueAt)
{
    values_.resize(static_cast<std::size_t>(grid.cellCount()));
    const CubeAxis& an = grid.axis(0);
    const CubeAxis& ac = grid.axis(1);
    const CubeAxis& as = grid.axis(2);
    std::size_t cell = 0;
    for (std::int64_t n = 0; n < an.bins; ++n)
        for (std::int64_t c = 0; c < ac.bins; ++c) {
            const std::int64_t row = (an.firstOf(n) * ac.length + ac.firstOf(c)) * as.length;
            for (std::int64_t s = 0; s < as.bins; ++s)
                values_[cell++] = valueAt(row + as.firstOf(s));
        }
    // The colour range of the drawn cells: every element when the tensor is drawn in full, the
    // sampled ones otherwise (a full pass over millions of values would cost more than the rest of
    // the update, and only drawn values need a colour).
    return finiteRange(values_.data(), static_cast<std::int64_t>(values_.size()));
}

void CubeCellColors::recolor(const ColorMap& map, bool byGroup, std::int64_t litGroup)
{
    const auto count = values_.size();
    colors_.resize(count);
    lit_.assign(count, 0);
    const double centre = map.centre(), half = 0.5 * (map.upper() - map.lower());
    for (std::size_t cell = 0; cell < count; ++cell) {
        const double v = values_[cell];
        const std::int64_t group = groups_.empty() ? -1 : groups_[cell];
        QRgb color = byGroup && group >= 0 ? ColorMap::groupColor(group, std::isfinite(v) ? (v - centre) / half : 0)
                                           : map.color(v);
        if (litGroup >= 0) {
            if (group == litGroup)
                lit_[cell] = 1;
            else
                color = ColorMap::dimmed(color, byGroup ? 0.6 : 0.82);
        }
        colors_[cell] = color;
    }
}

} // namespace normscope::ui
