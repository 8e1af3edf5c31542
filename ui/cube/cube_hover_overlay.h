// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#pragma once

#include "ui/document/result_snapshot.h"

#include <QTextDocument>
#include <QWidget>

#include <cstdint>

namespace normscope::ui {

/**
 * The box of numbers beside the mouse over a cube cell: the element's index, x, group, the group's
 * statistics, x-hat, gamma, beta and y (CellInfo). It is a child of the top-level window, not of the
 * cube, so it is drawn above the cube's colour bar and may extend past a narrow cube (a compare
 * column) instead of being clipped at its edge; it stays inside the window.
 */
class CubeHoverOverlay : public QWidget {
    Q_OBJECT
public:
    /// `host` is the cube; the overlay lives on host->window() and follows the host if it moves there.
    explicit CubeHoverOverlay(QWidget* host);

    /// The numbers of one element; binned adds that the drawn cell stands for its whole bin.
    void setElement(const ResultPtr& result, std::int64_t flatIndex, bool binned, const QFont& font);
    /// Shows the box beside `mouse` (host coordinates) where it fits in the window without
    /// covering `avoid` (host coordinates; the colour bar).
    void showNear(const QPointF& mouse, const QRect& avoid = {});

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QWidget* host_;
    QTextDocument doc_;
};

} // namespace normscope::ui
