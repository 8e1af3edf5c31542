// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#pragma once

#include "engine/core/stats_layout.h"
#include "engine/core/tensor.h"

#include <QRgb>

#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

namespace normscope::ui {

class ColorMap;
class CubeGrid;

/**
 * What each drawn cell of the cube shows, one entry per CubeGrid cell: its representative's value
 * and statistic group (per result), its colour and whether it is lit (per highlight). Sampling the
 * drawn cells once per result keeps a highlight change to a recolouring of at most 64³ cells.
 */
class CubeCellColors {
public:
    void clear();
    /// Each drawn cell's group from the layout; all -1 without one.
    void setGroups(const CubeGrid& grid, const StatsLayout* layout);
    /// Samples the drawn cells' representatives through valueAt (a flat index into the input's
    /// shape; x-hat and y are computed there, not stored); returns the smallest and largest finite
    /// one, (inf, -inf) when there is none.
    std::pair<double, double> setValues(const CubeGrid& grid, const std::function<double(std::int64_t)>& valueAt);
    void clearValues() { values_.clear(); }
    /// The drawn cells' values, in cell order.
    const std::vector<double>& values() const { return values_; }
    /// Colours every drawn cell by value, or byGroup by its group, dimming all but litGroup's cells
    /// when litGroup >= 0.
    void recolor(const ColorMap& map, bool byGroup, std::int64_t litGroup);

    bool empty() const { return colors_.empty(); }
    const std::vector<QRgb>& colors() const { return colors_; }
    const std::vector<std::uint8_t>& lit() const { return lit_; }

private:
    std::vector<double> values_;       // value of each drawn cell's representative
    std::vector<std::int64_t> groups_; // its statistic group, -1 without a layout
    std::vector<QRgb> colors_;
    std::vector<std::uint8_t> lit_;
};

} // namespace normscope::ui
