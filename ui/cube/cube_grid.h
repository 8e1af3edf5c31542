// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/shape.h"

#include <QCoreApplication>
#include <QString>

#include <array>
#include <cstdint>

namespace normscope::ui {

/// One of the cube's three axes: `length` entries of the tensor drawn as `bins` cells of `binSize`.
struct CubeAxis {
    std::int64_t length = 1;
    std::int64_t bins = 1;
    std::int64_t binSize = 1;

    std::int64_t binOf(std::int64_t index) const { return index / binSize; }
    std::int64_t firstOf(std::int64_t bin) const { return bin * binSize; }
    bool binned() const { return binSize > 1; }
};

/**
 * How a tensor of rank 0..5 maps onto the drawn cube: N (axis 0), C (axis 1) and the product of
 * the trailing (spatial) dims H·W (axis 2), so flat index = (n * C + c) * HW + s exactly as in
 * C order. An axis longer than maxCellsPerAxis is drawn in bins; each drawn cell stands for the
 * first element of its bin (its representative), so colour, hover and highlight all describe one
 * real element. Display geometry only: it knows nothing about statistics.
 */
class CubeGrid {
    Q_DECLARE_TR_FUNCTIONS(CubeGrid)

public:
    enum Axis { AxisN = 0, AxisC = 1, AxisHW = 2 };
    static constexpr std::int64_t kMaxCellsPerAxis = 64;

    CubeGrid() = default;
    explicit CubeGrid(const Shape& shape, std::int64_t maxCellsPerAxis = kMaxCellsPerAxis);

    const Shape& shape() const { return shape_; }
    const CubeAxis& axis(int a) const { return axes_[static_cast<std::size_t>(a)]; }
    int cells(int a) const { return static_cast<int>(axes_[static_cast<std::size_t>(a)].bins); }
    std::int64_t cellCount() const { return axes_[0].bins * axes_[1].bins * axes_[2].bins; }
    bool binned() const { return axes_[0].binned() || axes_[1].binned() || axes_[2].binned(); }

    /// Index of a drawn cell from its (n, c, s) cell coordinates.
    std::int64_t cellIndex(std::int64_t n, std::int64_t c, std::int64_t s) const
    {
        return (n * axes_[1].bins + c) * axes_[2].bins + s;
    }
    std::array<std::int64_t, 3> cellCoords(std::int64_t cell) const;
    /// Flat tensor index of the element a drawn cell stands for.
    std::int64_t representative(std::int64_t cell) const;
    /// The drawn cell that contains this element.
    std::int64_t cellOf(std::int64_t flatIndex) const;
    /// (n, c, s) of an element in the three-axis view.
    std::array<std::int64_t, 3> elementCoords(std::int64_t flatIndex) const;

    /// Axis name as drawn: "N", "C", "H·W" (rank 4), "L" (rank 3), "D·H·W" (rank 5), "" (rank <= 2).
    QString axisName(int a) const;
    /// A transformer's (B, T, D) input (ui/document/shape_presets.h): the axes are named B, T, D.
    void setTokenNames(bool on) { tokenNames_ = on; }
    bool tokenNames() const { return tokenNames_; }
    /// "N = 4", "H·W = 25"; empty for a spatial axis the tensor does not have.
    QString axisLabel(int a) const;
    /// Empty when every element is drawn, else e.g. "H·W: 3136 shown as 64 bins of 49; each cell
    /// shows the first element of its bin".
    QString note() const;

private:
    Shape shape_;
    std::array<CubeAxis, 3> axes_{};
    bool tokenNames_ = false;
};

} // namespace normscope::ui
