// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/result_snapshot.h"

#include <QTableView>

namespace normscope::ui {

class Document;
class StatsTableModel;

/**
 * The statistics table as a widget: owns a StatsTableModel, which sorts itself numerically on a
 * header click (and keeps that sort across results). Ctrl+C and the context menu copy the header
 * and the selected rows (all rows when nothing is selected) as tab-separated text, in the order
 * shown, with full precision.
 */
class StatsTableView : public QTableView {
    Q_OBJECT

public:
    explicit StatsTableView(QWidget* parent = nullptr);

    /// Shows the document's result now and each one it publishes from then on (call once).
    void observe(Document* document);
    void setResult(ResultPtr result);

    StatsTableModel* statsModel() const { return model_; }

    /// The text copySelection() puts on the clipboard.
    QString selectionAsTsv() const;
    /// The width that shows every column without a horizontal scroll bar.
    int contentWidth() const;
    /// Copies selectionAsTsv() to QGuiApplication::clipboard().
    void copySelection();

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    void fitColumns();

    StatsTableModel* model_;
};

} // namespace normscope::ui
