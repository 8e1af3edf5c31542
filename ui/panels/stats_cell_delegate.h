// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/panels/text_widths.h"

#include <QStyledItemDelegate>

#include <memory>

namespace normscope::ui {

/**
 * Paints a statistics table cell as what it is, one line of plain text: the style's item panel
 * (selection, hover), the text in the model's alignment, elided only where the column is too narrow,
 * and the focus frame.
 *
 * QStyledItemDelegate lays every cell out as a rich paragraph (QTextLayout line breaking) after asking
 * the model for nine roles: half of a 1400x900 window's repaint after an eps change was the ~110
 * visible cells of this table. The look is the same (the style's text margin and colours).
 */
class StatsCellDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    /// widths: the view's, shared, so that the column fitting and the painting measure a text once.
    StatsCellDelegate(std::shared_ptr<TextWidths> widths, QObject* parent);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    std::shared_ptr<TextWidths> widths_;
};

} // namespace normscope::ui
