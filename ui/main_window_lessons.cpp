// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// MainWindow's Lessons dock: its place in the window and its height (built in main_window.cpp).

#include "ui/main_window.h"

#include "ui/actions.h"
#include "ui/document/document.h"
#include "ui/panels/lessons_panel.h"

#include <QDockWidget>
#include <QTimer>

#include <algorithm>

namespace normscope::ui {

/// The paragraph is what a class reads: the Lessons dock takes the height it needs; the formula
/// panel above keeps at least its formula (it scrolls).
void MainWindow::fitLessonsDock()
{
    auto* lessonsDock = findChild<QDockWidget*>(QStringLiteral("lessonsDock"));
    auto* formulaDock = findChild<QDockWidget*>(QStringLiteral("formulaDock"));
    if (!lessonsDock || !lessonsDock->isVisible() || !formulaDock || !formulaDock->isVisible()
        || lessonsDock->isFloating() || formulaDock->isFloating())
        return;
    const int column = lessonsDock->height() + formulaDock->height();
    const int titleBar = lessonsDock->height() - lessons_->height();
    // The formula panel keeps its formula and a line or two; it scrolls.
    const int formulaKeeps = std::min(column / 3, 6 * fontMetrics().lineSpacing());
    const int wanted = std::min(lessons_->heightForWholeText() + titleBar, column - formulaKeeps);
    resizeDocks({formulaDock, lessonsDock}, {column - wanted, wanted}, Qt::Vertical);
}

void MainWindow::placeLessonsColumn()
{
    auto* lessonsDock = findChild<QDockWidget*>(QStringLiteral("lessonsDock"));
    if (!lessonsDock || !isVisible()) // closing: the docks are hidden with the window
        return;
    setCorner(Qt::BottomRightCorner,
              lessonsDock->isVisible() && !lessonsDock->isFloating() ? Qt::RightDockWidgetArea
                                                                     : Qt::BottomDockWidgetArea);
}

} // namespace normscope::ui
