// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/panels/wheel_guard.h"

#include <QAbstractScrollArea>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QScrollBar>
#include <QWheelEvent>
#include <QWidget>

namespace normscope::ui {

namespace {

bool isWheelControl(const QWidget* w)
{
    // A scroll bar is a slider too, but scrolling is its job.
    return (qobject_cast<const QAbstractSpinBox*>(w) || qobject_cast<const QComboBox*>(w)
            || qobject_cast<const QAbstractSlider*>(w))
        && !qobject_cast<const QScrollBar*>(w);
}

} // namespace

WheelGuard* WheelGuard::protect(QWidget* root)
{
    auto* guard = root->findChild<WheelGuard*>(QString(), Qt::FindDirectChildrenOnly);
    if (!guard)
        guard = new WheelGuard(root);
    guard->guard(root);
    return guard;
}

void WheelGuard::guard(QWidget* root)
{
    for (QWidget* w : root->findChildren<QWidget*>()) {
        if (!isWheelControl(w))
            continue;
        w->setFocusPolicy(Qt::StrongFocus);
        w->removeEventFilter(this); // installing twice would filter twice
        w->installEventFilter(this);
    }
}

bool WheelGuard::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::Wheel)
        return false;
    auto* control = qobject_cast<QWidget*>(watched);
    if (!control)
        return false;
    // The window's focus widget, not hasFocus(): the latter is false in a window that is not active.
    QWidget* focus = control->window()->focusWidget();
    if (focus && (focus == control || control->isAncestorOf(focus)))
        return false;
    QAbstractScrollArea* area = nullptr;
    for (QWidget* p = control->parentWidget(); p && !area; p = p->parentWidget())
        area = qobject_cast<QAbstractScrollArea*>(p);
    if (area) {
        const auto* wheel = static_cast<QWheelEvent*>(event);
        QWidget* viewport = area->viewport();
        const QPointF position = control->mapTo(viewport, wheel->position());
        QWheelEvent forwarded(position, wheel->globalPosition(), wheel->pixelDelta(), wheel->angleDelta(),
                              wheel->buttons(), wheel->modifiers(), wheel->phase(), wheel->inverted(), wheel->source(),
                              wheel->pointingDevice());
        QCoreApplication::sendEvent(viewport, &forwarded);
    }
    return true; // an unfocused control never takes the wheel
}

} // namespace normscope::ui
