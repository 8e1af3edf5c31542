// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#include "ui/panels/action_button.h"

#include <QAbstractButton>
#include <QAction>

namespace normscope::ui {

void bindButtonToAction(QAbstractButton* button, QAction* action)
{
    if (!action) {
        button->setEnabled(false);
        return;
    }
    const auto follow = [button, action] {
        button->setEnabled(action->isEnabled());
        button->setToolTip(action->toolTip());
    };
    QObject::connect(button, &QAbstractButton::clicked, action, &QAction::trigger);
    QObject::connect(action, &QAction::changed, button, follow);
    follow();
}

} // namespace normscope::ui
