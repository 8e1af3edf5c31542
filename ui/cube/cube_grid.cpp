// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/cube/cube_grid.h"

#include <QStringList>

namespace normscope::ui {

namespace {

CubeAxis makeAxis(std::int64_t length, std::int64_t maxCells)
{
    CubeAxis axis;
    axis.length = std::max<std::int64_t>(1, length);
    axis.binSize = axis.length <= maxCells ? 1 : (axis.length + maxCells - 1) / maxCells;
    axis.bins = (axis.length + axis.binSize - 1) / axis.binSize;
    return axis;
}

} // namespace

CubeGrid::CubeGrid(const Shape& shape, std::int64_t maxCellsPerAxis) : shape_(shape)
{
    const std::size_t rank = shape.size();
    std::int64_t n = 1, c = 1, s = 1;
    if (rank == 1) {
        c = shape[0]; // a lone vector is read as channels, as StatsLayout::axisNames(1) does
    } else if (rank >= 2) {
        n = shape[0];
        c = shape[1];
        for (std::size_t i = 2; i < rank; ++i)
            s *= shape[i];
    }
    axes_ = {makeAxis(n, maxCellsPerAxis), makeAxis(c, maxCellsPerAxis), makeAxis(s, maxCellsPerAxis)};
}

std::array<std::int64_t, 3> CubeGrid::cellCoords(std::int64_t cell) const
{
    const std::int64_t s = cell % axes_[2].bins;
    const std::int64_t nc = cell / axes_[2].bins;
    return {nc / axes_[1].bins, nc % axes_[1].bins, s};
}

std::int64_t CubeGrid::representative(std::int64_t cell) const
{
    const auto [n, c, s] = cellCoords(cell);
    return (axes_[0].firstOf(n) * axes_[1].length + axes_[1].firstOf(c)) * axes_[2].length + axes_[2].firstOf(s);
}

std::array<std::int64_t, 3> CubeGrid::elementCoords(std::int64_t flatIndex) const
{
    const std::int64_t s = flatIndex % axes_[2].length;
    const std::int64_t nc = flatIndex / axes_[2].length;
    return {nc / axes_[1].length, nc % axes_[1].length, s};
}

std::int64_t CubeGrid::cellOf(std::int64_t flatIndex) const
{
    const auto [n, c, s] = elementCoords(flatIndex);
    return cellIndex(axes_[0].binOf(n), axes_[1].binOf(c), axes_[2].binOf(s));
}

QString CubeGrid::axisName(int a) const
{
    if (tokenNames_ && shape_.size() == 3)
        return a == AxisN ? QStringLiteral("B") : a == AxisC ? QStringLiteral("T") : QStringLiteral("D");
    switch (a) {
    case AxisN: return shape_.size() >= 2 ? QStringLiteral("N") : QString();
    case AxisC: return shape_.empty() ? QString() : QStringLiteral("C");
    default:
        switch (shape_.size()) {
        case 3: return QStringLiteral("L");
        case 4: return QStringLiteral("H\u00b7W");
        case 5: return QStringLiteral("D\u00b7H\u00b7W");
        default: return QString();
        }
    }
}

QString CubeGrid::axisLabel(int a) const
{
    const QString name = axisName(a);
    if (name.isEmpty())
        return {};
    return QStringLiteral("%1 = %2").arg(name).arg(axis(a).length);
}

QString CubeGrid::note() const
{
    QStringList parts;
    for (int a = 0; a < 3; ++a) {
        const CubeAxis& ax = axis(a);
        if (!ax.binned())
            continue;
        const bool even = ax.length % ax.binSize == 0;
        parts << (even ? tr("%1: %2 shown as %3 bins of %4") : tr("%1: %2 shown as %3 bins of up to %4"))
                     .arg(axisName(a))
                     .arg(ax.length)
                     .arg(ax.bins)
                     .arg(ax.binSize);
    }
    if (parts.isEmpty())
        return {};
    return parts.join(tr("; ")) + tr("; each cell shows the first element of its bin");
}

} // namespace normscope::ui
