// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#include "ui/cube/cube_axis_labels.h"

#include "ui/cube/cube_grid.h"
#include "ui/cube/cube_projection.h"
#include "ui/cube/scaled_font.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace normscope::ui {

namespace {

QFont labelFont(const QFont& base, bool compact)
{
    return scaledFont(base, compact ? 0.9 : 1.1, true);
}

} // namespace

QFont CubeAxisLabels::font(const QFont& base, bool compact)
{
    return labelFont(base, compact);
}

CubeAxisLabels::Margins CubeAxisLabels::margins(const QFont& base, const CubeGrid& grid, bool compact, double width,
                                                double height)
{
    const QFontMetricsF fm(labelFont(base, compact));
    const QString hwLabel = grid.axisLabel(CubeGrid::AxisHW);
    const double hwWidth = compact ? fm.height() : fm.horizontalAdvance(hwLabel);
    const double cap = width * 0.3;
    Margins m;
    m.left = std::min(cap, hwLabel.isEmpty() ? 12.0 : hwWidth + 24);
    m.right = std::min(cap, std::max(12.0, 0.5 * fm.horizontalAdvance(grid.axisLabel(CubeGrid::AxisC)) + 10));
    m.bottom = std::min(height * 0.3, fm.height() + 22);
    return m;
}

void CubeAxisLabels::paint(QPainter& p, const QFont& base, const CubeGrid& grid, const CubeProjection& projection,
                           bool compact, const QSizeF& widgetSize)
{
    p.save();
    const QFont f = labelFont(base, compact);
    p.setFont(f);
    const QFontMetricsF fm(f);
    const QColor ink(30, 30, 30);
    for (int axis = 0; axis < 3; ++axis) {
        const QString label = grid.axisLabel(axis);
        if (label.isEmpty())
            continue;
        const auto edge = projection.labelEdge(axis);
        const QPointF offset = edge.outward * (compact ? 7.0 : 11.0);
        const QPointF from = edge.from + offset, to = edge.to + offset;
        const QPointF along = to - from;
        const double length = std::hypot(along.x(), along.y());
        if (length > 14) {
            // An arrow from index 0 towards the last index.
            const QPointF dir = along / length;
            const QPointF normal(-dir.y(), dir.x());
            p.setPen(QPen(ink, 1.3));
            p.drawLine(from + dir * 2, to - dir * 2);
            QPainterPath head;
            head.moveTo(to);
            head.lineTo(to - dir * 8 + normal * 3.5);
            head.lineTo(to - dir * 8 - normal * 3.5);
            head.closeSubpath();
            p.fillPath(head, ink);
        }
        // In the narrow compact form the vertical axis' label is turned to run along its edge.
        const bool upright = compact && axis == CubeGrid::AxisHW;
        const QSizeF text(fm.horizontalAdvance(label) + 4, fm.height());
        const QSizeF size = upright ? text.transposed() : text;
        const double distance =
            std::abs(edge.outward.x()) * size.width() / 2 + std::abs(edge.outward.y()) * size.height() / 2;
        QRectF box(QPointF(0, 0), size);
        box.moveCenter(0.5 * (from + to) + edge.outward * (distance + 5));
        // Never off the widget, even for a long exploded cube.
        box.moveLeft(std::clamp(box.left(), 2.0, std::max(2.0, widgetSize.width() - box.width() - 2)));
        box.moveTop(std::clamp(box.top(), 2.0, std::max(2.0, widgetSize.height() - box.height() - 2)));
        p.setPen(ink);
        if (upright) {
            p.save();
            p.translate(box.center());
            p.rotate(-90);
            p.drawText(QRectF(QPointF(-text.width() / 2, -text.height() / 2), text), Qt::AlignCenter, label);
            p.restore();
        } else {
            p.drawText(box, Qt::AlignCenter, label);
        }
    }
    p.restore();
}

} // namespace normscope::ui
