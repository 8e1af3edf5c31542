// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/result_snapshot.h"

#include <QObject>

#include <functional>

namespace normscope::ui {

class Document;

/**
 * Connects a view to the document's results so that it takes them while it is shown.
 *
 * The statistics table, the plots and the code share tabbed docks, and the compare view hides them
 * all; on an eps drag every one of them rebuilt itself per frame for nobody (a plot's replot, the
 * code's text, the table's column widths). A view that is not shown keeps only the newest result and
 * takes it in its Show event, before it is painted. The view's own setResult stays immediate for
 * whoever calls it (tests, exports). Without widgets here, "shown" is the view's to say.
 */
class ShownFollower : public QObject {
    Q_OBJECT

public:
    /// Gives view the document's current result now (shown or not) and each later one while
    /// isShown() holds; owned by view.
    static void follow(Document* document, QObject* view, std::function<bool()> isShown,
                       std::function<void(ResultPtr)> setResult);

    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    ShownFollower(QObject* view, std::function<bool()> isShown, std::function<void(ResultPtr)> setResult);
    void take(ResultPtr result);

    std::function<bool()> isShown_;
    std::function<void(ResultPtr)> setResult_;
    ResultPtr pending_;
    bool hasPending_ = false;
};

} // namespace normscope::ui
