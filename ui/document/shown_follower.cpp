// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/shown_follower.h"

#include "ui/document/document.h"

#include <QEvent>

#include <utility>

namespace normscope::ui {

ShownFollower::ShownFollower(QObject* view, std::function<bool()> isShown, std::function<void(ResultPtr)> setResult)
    : QObject(view),
      isShown_(std::move(isShown)),
      setResult_(std::move(setResult))
{
    view->installEventFilter(this);
}

void ShownFollower::follow(Document* document, QObject* view, std::function<bool()> isShown,
                           std::function<void(ResultPtr)> setResult)
{
    auto* follower = new ShownFollower(view, std::move(isShown), std::move(setResult));
    connect(document, &Document::resultChanged, follower, &ShownFollower::take);
    follower->setResult_(document->result());
}

void ShownFollower::take(ResultPtr result)
{
    if (isShown_()) {
        hasPending_ = false;
        pending_.reset();
        setResult_(std::move(result));
        return;
    }
    pending_ = std::move(result); // only the newest: older ones would be shown for no frame
    hasPending_ = true;
}

bool ShownFollower::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Show && hasPending_) {
        hasPending_ = false;
        setResult_(std::exchange(pending_, nullptr));
    }
    return QObject::eventFilter(watched, event);
}

} // namespace normscope::ui
