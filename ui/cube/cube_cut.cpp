// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#include "ui/cube/cube_cut.h"

#include "ui/cube/cube_grid.h"

#include <QCoreApplication>
#include <QPainter>

#include <algorithm>
#include <array>
#include <climits>

namespace normscope::ui {

CubeProjection::Cut cutToShow(const CubeProjection& projection, const CubeGrid& grid,
                              const std::vector<std::uint8_t>& lit)
{
    if (lit.empty())
        return {};
    // A group is a block of cells. It reads as a group when, along every axis it extends over, a
    // seen face shows one of its lines: BatchNorm's channel as a row on the top face and a column
    // on the side; an inner InstanceNorm column shows only its top cell, which is not enough.
    constexpr double kSeen = 0.1; // a face seen almost edge-on shows nothing readable
    std::array<int, 3> lo{INT_MAX, INT_MAX, INT_MAX}, hi{-1, -1, -1};
    bool onFace[3][2] = {}; // [axis][hiSide]: some lit cell lies on that face of its box
    for (int n = 0; n < projection.cells(0); ++n)
        for (int c = 0; c < projection.cells(1); ++c)
            for (int s = 0; s < projection.cells(2); ++s) {
                if (!lit[static_cast<std::size_t>(grid.cellIndex(n, c, s))])
                    continue;
                const std::array<int, 3> cell{n, c, s};
                for (std::size_t a = 0; a < 3; ++a) {
                    lo[a] = std::min(lo[a], cell[a]);
                    hi[a] = std::max(hi[a], cell[a]);
                    // Every cell of an exploded slice lies on the slice's faces.
                    const bool sliced = projection.exploded() && projection.explodeAxis() == int(a);
                    onFace[a][0] = onFace[a][0] || sliced || cell[a] == 0;
                    onFace[a][1] = onFace[a][1] || sliced || cell[a] == projection.cells(int(a)) - 1;
                }
            }
    if (hi[0] < 0)
        return {};
    // Whether a seen face across another axis than e holds some of the group's cells, and so its
    // lines along e (e = -1: any seen face).
    const auto shows = [&](int e) {
        for (int a = 0; a < 3; ++a)
            for (int side = 0; side < 2; ++side)
                if (a != e && onFace[a][side] && projection.facing(a, side == 1) > kSeen)
                    return true;
        return false;
    };
    std::array<bool, 3> missing{}; // axes the group extends over that no seen face shows
    bool anyMissing = false;
    for (int e = 0; e < 3; ++e) {
        missing[std::size_t(e)] = hi[std::size_t(e)] > lo[std::size_t(e)] && !shows(e);
        anyMissing = anyMissing || missing[std::size_t(e)];
    }
    if (!anyMissing && shows(-1))
        return {};
    // Open the cube across the axis whose face looks most towards the viewer (one that can show the
    // missing lines), down to the group's nearest cells: they become that face.
    int axis = -1;
    bool hiSide = false;
    for (int a = 0; a < 3; ++a)
        for (const bool side : {false, true})
            if (!missing[std::size_t(a)]
                && (axis < 0 || projection.facing(a, side) > projection.facing(axis, hiSide))) {
                axis = a;
                hiSide = side;
            }
    const auto a = static_cast<std::size_t>(std::max(axis, 0));
    if (axis < 0 || (hiSide ? hi[a] + 1 == projection.cells(axis) : lo[a] == 0))
        return {}; // the group already starts at that face: a cut would take nothing away
    CubeProjection::Cut cut;
    cut.axis = axis;
    cut.lo = hiSide ? 0 : lo[a];
    cut.hi = hiSide ? hi[a] + 1 : projection.cells(axis);
    return cut;
}

QString describeCut(const CubeProjection::Cut& cut, const CubeGrid& grid)
{
    if (cut.axis < 0)
        return {};
    // The first element of the cell at the cut (cells are bins of elements on long axes).
    const int cell = cut.lo > 0 ? cut.lo : cut.hi - 1;
    const std::int64_t index = grid.axis(cut.axis).firstOf(cell);
    const QString name = grid.axisName(cut.axis);
    return QCoreApplication::translate("CubeCut", "cut open at %1 = %2 to show the lit group")
        .arg(name.isEmpty() ? QCoreApplication::translate("CubeCut", "index") : name)
        .arg(index);
}

void paintCutEdges(QPainter& p, const CubeProjection& projection)
{
    if (projection.cut().axis < 0)
        return;
    p.save();
    QPen ghost(QColor(150, 150, 150), 1.0, Qt::DashLine);
    ghost.setCosmetic(true);
    p.setPen(ghost);
    const std::vector<QLineF> edges = projection.cubeEdges();
    p.drawLines(edges.data(), static_cast<int>(edges.size()));
    p.restore();
}

void paintCutText(QPainter& p, const QString& text, const QFont& font, const QRectF& rect)
{
    if (text.isEmpty())
        return;
    // Over the cube when they meet, on a light backing so that both stay readable.
    p.save();
    p.setFont(font);
    const int flags = Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap;
    const QRectF bounds = p.boundingRect(rect.adjusted(2, 0, -2, 0), flags, text).adjusted(-2, -1, 2, 1);
    p.fillRect(bounds, QColor(255, 255, 255, 215));
    p.setPen(QColor(90, 90, 90));
    p.drawText(rect.adjusted(2, 0, -2, 0), flags, text);
    p.restore();
}

} // namespace normscope::ui
