// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#pragma once

#include "ui/document/result_snapshot.h"

#include <QTextDocument>

#include <cstdint>

class QPainter;

namespace normscope::ui {

/**
 * The box of numbers beside the mouse over a cube cell: the element's index, x, group, the group's
 * statistics, x-hat, gamma, beta and y (CellInfo), placed so it stays inside the widget.
 */
class CubeHoverOverlay {
public:
    CubeHoverOverlay();

    /// The numbers of one element; binned adds that the drawn cell stands for its whole bin.
    void setElement(const ResultPtr& result, std::int64_t flatIndex, bool binned, const QFont& font);
    void clear() { doc_.clear(); }
    bool isEmpty() const { return doc_.isEmpty(); }
    /// Draws the box below and right of the mouse, or where it fits inside the widget.
    void paint(QPainter& p, const QPointF& mouse, const QSizeF& widgetSize) const;

private:
    mutable QTextDocument doc_; // drawContents is not const
};

} // namespace normscope::ui
