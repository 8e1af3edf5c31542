// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/result_snapshot.h"

#include <QTableView>

#include <memory>
#include <vector>

class QMimeData;

namespace normscope::ui {

class Document;
class StatsTableModel;
class TextWidths;

/**
 * The statistics table as a widget: owns a StatsTableModel, which sorts itself numerically on a
 * header click (and keeps that sort across results). Ctrl+C and the context menu copy the header
 * and the selected rows (all rows when nothing is selected), in the order shown, with full precision:
 * the engine's statistics table (ui/document/result_tables.h) as TSV (text/plain) and as an HTML
 * table (text/html), so a paste into a spreadsheet or a word processor gives a table.
 */
class StatsTableView : public QTableView {
    Q_OBJECT

public:
    explicit StatsTableView(QWidget* parent = nullptr);
    ~StatsTableView() override;

    /// Shows the document's result now and each one it publishes from then on (call once).
    void observe(Document* document);
    void setResult(ResultPtr result);

    StatsTableModel* statsModel() const { return model_; }

    /// The groups (engine rows) of the selected rows, all rows when nothing is selected, in view order.
    std::vector<int> selectedGroups() const;
    /// The text/plain copySelection() puts on the clipboard (empty without rows).
    QString selectionAsTsv() const;
    /// Its text/html: the same rows as an HTML table.
    QString selectionAsHtml() const;
    /// Both, as copySelection() puts them on the clipboard (the caller owns it).
    QMimeData* selectionMimeData() const;
    /// The width that shows every column without a horizontal scroll bar (fitting them first if a
    /// result came while the table was hidden).
    int contentWidth();
    /// Copies selectionMimeData() to QGuiApplication::clipboard().
    void copySelection();

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void changeEvent(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void fitColumns();
    /// fitColumns now if the table is shown, else when it is (showEvent).
    void fitColumnsWhenShown();
    QString selectionAs(int format) const;

    StatsTableModel* model_;
    std::shared_ptr<TextWidths> cellWidths_; ///< the cells' font's, for fitColumns and the delegate
    bool columnsStale_ = false;              ///< a result came while hidden: fit when shown
};

} // namespace normscope::ui
