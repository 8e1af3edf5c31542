// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#include "ui/cube/cube_hover_overlay.h"

#include "ui/document/cell_info.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace normscope::ui {

CubeHoverOverlay::CubeHoverOverlay(QWidget* host) : QWidget(host->window()), host_(host)
{
    setObjectName(QStringLiteral("cubeHoverOverlay"));
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_TranslucentBackground);
    setFocusPolicy(Qt::NoFocus);
    doc_.setDocumentMargin(6);
    hide();
}

void CubeHoverOverlay::setElement(const ResultPtr& result, std::int64_t flatIndex, bool binned, const QFont& font)
{
    doc_.setDefaultFont(font);
    QString html = CellInfo::from(result, flatIndex).toHtml();
    if (binned)
        html += QStringLiteral("<div style='color:#7a4a00'><i>%1</i></div>")
                    .arg(tr("the drawn cell shows this element,<br>the first of its bin"));
    doc_.setHtml(html);
    doc_.adjustSize();
    resize(static_cast<int>(std::ceil(doc_.size().width())) + 2, static_cast<int>(std::ceil(doc_.size().height())) + 2);
}

void CubeHoverOverlay::showNear(const QPointF& mouse, const QRect& avoid)
{
    QWidget* top = host_->window();
    if (parentWidget() != top)
        setParent(top); // the cube moved to another window (or was docked): follow it
    const QPoint m = host_->mapTo(top, mouse.toPoint());
    const QRect keepOut = avoid.isValid() ? QRect(host_->mapTo(top, avoid.topLeft()), avoid.size()) : QRect();
    const QRect area = top->rect().adjusted(4, 4, -4, -4);
    // Beside the mouse, never under it: right and below first, then the other places; the first
    // that fits in the window and leaves the colour bar visible wins.
    constexpr int gap = 18;
    // Past the colour bar comes before the left side: there it covers the formula panel, which
    // shows the same numbers, rather than the cube and its lit group.
    const QPoint pastBar = keepOut.isValid() ? QPoint(keepOut.right() + gap / 2, m.y() + gap) : m + QPoint(gap, gap);
    const QPoint corners[] = {m + QPoint(gap, gap), pastBar, QPoint(m.x() - gap - width(), m.y() + gap),
                              QPoint(m.x() + gap, m.y() - gap - height()),
                              QPoint(m.x() - gap - width(), m.y() - gap - height())};
    auto clamped = [&](QPoint p) {
        p.setX(std::clamp(p.x(), area.left(), std::max(area.left(), area.right() - width())));
        p.setY(std::clamp(p.y(), area.top(), std::max(area.top(), area.bottom() - height())));
        return p;
    };
    // Each place is slid into the window; the first that then covers neither the mouse nor the
    // colour bar wins, else the first that leaves the mouse free.
    QPoint chosen = clamped(corners[0]);
    bool found = false;
    for (const QPoint& corner : corners) {
        const QRect box(clamped(corner), size());
        if (!box.contains(m) && !box.intersects(keepOut)) {
            chosen = box.topLeft();
            found = true;
            break;
        }
    }
    if (!found)
        for (const QPoint& corner : corners)
            if (!QRect(clamped(corner), size()).contains(m)) {
                chosen = clamped(corner);
                break;
            }
    move(chosen);
    raise();
    show();
}

void CubeHoverOverlay::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(QColor(90, 90, 90), 1));
    p.setBrush(QColor(255, 255, 250)); // opaque: it may lie over the formula panel's text
    p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 5, 5);
    doc_.drawContents(&p);
}

} // namespace normscope::ui
