// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#pragma once

class QAbstractButton;
class QAction;

namespace normscope::ui {

/**
 * Makes a button a second face of an action the window registered (ui/actions.h): a click triggers
 * the action, and the button's enabled state and tooltip follow it. The button keeps its own label,
 * which may be shorter than the menu text. A null action disables the button.
 */
void bindButtonToAction(QAbstractButton* button, QAction* action);

} // namespace normscope::ui
