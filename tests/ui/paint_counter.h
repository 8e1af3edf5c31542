// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

// Counts the paint events of the widgets it is installed on: the UI tests that check a change
// repaints only what it changed (ui.controls, ui.live_path).

#include <QEvent>
#include <QObject>

#include <map>

namespace normscope::test {

struct PaintCounter : QObject {
    std::map<QObject*, int> paints; ///< per watched widget

    int total() const
    {
        int n = 0;
        for (const auto& entry : paints)
            n += entry.second;
        return n;
    }
    void reset() { paints.clear(); }

    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints[watched];
        return false;
    }
};

} // namespace normscope::test
