// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#include "ui/cube/cube_hover_overlay.h"

#include "ui/document/cell_info.h"

#include <QPainter>

#include <algorithm>

namespace normscope::ui {

CubeHoverOverlay::CubeHoverOverlay()
{
    doc_.setDocumentMargin(6);
}

void CubeHoverOverlay::setElement(const ResultPtr& result, std::int64_t flatIndex, bool binned, const QFont& font)
{
    doc_.setDefaultFont(font);
    QString html = CellInfo::from(result, flatIndex).toHtml();
    if (binned)
        html += QStringLiteral("<div style='color:#7a4a00'><i>the drawn cell shows this element,<br>"
                               "the first of its bin</i></div>");
    doc_.setHtml(html);
    doc_.adjustSize();
}

void CubeHoverOverlay::paint(QPainter& p, const QPointF& mouse, const QSizeF& widgetSize) const
{
    if (doc_.isEmpty())
        return;
    const QSizeF size = doc_.size();
    QPointF topLeft = mouse + QPointF(18, 18);
    if (topLeft.x() + size.width() > widgetSize.width() - 4)
        topLeft.setX(mouse.x() - 18 - size.width());
    if (topLeft.y() + size.height() > widgetSize.height() - 4)
        topLeft.setY(widgetSize.height() - 4 - size.height());
    topLeft.setX(std::max(4.0, topLeft.x()));
    topLeft.setY(std::max(4.0, topLeft.y()));
    const QRectF box(topLeft, size);
    p.save();
    p.setPen(QPen(QColor(90, 90, 90), 1));
    p.setBrush(QColor(255, 255, 250, 238));
    p.drawRoundedRect(box, 5, 5);
    p.translate(topLeft);
    doc_.drawContents(&p);
    p.restore();
}

} // namespace normscope::ui
