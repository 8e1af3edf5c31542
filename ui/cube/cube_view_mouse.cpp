// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// CubeView's mouse: hover, click to select, drag to turn, wheel to zoom (the state and painting are
// in cube_view.cpp).

#include "ui/cube/cube_view.h"

#include <QMouseEvent>
#include <QWheelEvent>

#include <cmath>

namespace normscope::ui {

namespace {

constexpr double kDragDegreesPerPixel = 0.45;
constexpr int kClickSlop = 4; ///< pixels a press may move and still be a click, not a drag

} // namespace

// --- interaction --------------------------------------------------------------------------------

void CubeView::setHover(std::int64_t flatIndex, const QPointF& pos)
{
    mousePos_ = pos;
    if (flatIndex == hovered_) {
        if (flatIndex >= 0)
            syncOverlay(); // the overlay follows the mouse
        return;
    }
    hovered_ = flatIndex;
    updateHoverText();
    if (highlightedGroup() != litGroup_)
        rebuildColors();
    updateTexts();
    update();
    Q_EMIT cellHovered(flatIndex);
}

void CubeView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    pressed_ = true;
    dragging_ = false;
    pressPos_ = event->position();
    pressYaw_ = projection_.yaw();
    pressPitch_ = projection_.pitch();
}

void CubeView::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF pos = event->position();
    if (pressed_ && (event->buttons() & Qt::LeftButton)) {
        const QPointF d = pos - pressPos_;
        if (!dragging_ && d.manhattanLength() > kClickSlop)
            dragging_ = true;
        if (dragging_) {
            mousePos_ = pos;
            syncOverlay();
            projection_.setRotation(pressYaw_ + d.x() * kDragDegreesPerPixel,
                                    pressPitch_ + d.y() * kDragDegreesPerPixel);
            updateCut();
            update();
            Q_EMIT viewChanged();
        }
        return;
    }
    setHover(cellAt(pos), pos);
}

void CubeView::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || !pressed_)
        return;
    const bool click = !dragging_;
    pressed_ = dragging_ = false;
    const std::int64_t cell = cellAt(event->position());
    if (click)
        selectCell(cell);
    setHover(cell, event->position());
    update();
}

void CubeView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    if (cellAt(event->position()) >= 0)
        return; // a double click on a cell is two clicks on it, not a reset
    resetView();
    Q_EMIT viewChanged();
}

void CubeView::wheelEvent(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0)
        return;
    projection_.setZoom(projection_.zoom() * std::pow(1.15, steps));
    setHover(cellAt(event->position()), event->position());
    update();
    Q_EMIT viewChanged();
    event->accept();
}

void CubeView::leaveEvent(QEvent*)
{
    if (!pressed_)
        setHover(-1, mousePos_);
}

void CubeView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        setCompact(compact_); // the colour bar's font, the texts and the layout follow the font
}

void CubeView::setLineScale(double scale)
{
    lineScale_ = scale;
    update();
}

QFont CubeView::axisLabelFont() const
{
    return CubeAxisLabels::font(font(), compact_);
}

QFont CubeView::captionFont() const
{
    return texts_.captionFont();
}

} // namespace normscope::ui
