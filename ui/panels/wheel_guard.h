// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include <QObject>

class QWidget;

namespace normscope::ui {

/**
 * The mouse wheel scrolls a panel of controls; a spin box, combo box or slider takes the wheel only
 * when it has focus (six notches over the momentum box used to set it to 0 while scrolling past).
 * protect() gives every such control below root Qt::StrongFocus (a wheel no longer focuses it) and
 * this filter, which sends a wheel over an unfocused control to the scroll area around it instead.
 * One guard per panel; controls added to root later call protect() again.
 */
class WheelGuard : public QObject {
    Q_OBJECT

public:
    /// Installs a guard (a child of root) on root's spin boxes, combo boxes and sliders.
    static WheelGuard* protect(QWidget* root);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    explicit WheelGuard(QObject* parent) : QObject(parent) {}
    void guard(QWidget* root);
};

} // namespace normscope::ui
