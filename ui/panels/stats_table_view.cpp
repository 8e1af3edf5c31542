// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/panels/stats_table_view.h"

#include "ui/document/document.h"
#include "ui/panels/stats_table_model.h"

#include <QClipboard>
#include <QContextMenuEvent>
#include <QGuiApplication>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QPainter>
#include <QStyle>

#include <algorithm>

namespace normscope::ui {

StatsTableView::StatsTableView(QWidget* parent) : QTableView(parent), model_(new StatsTableModel(this))
{
    setModel(model_);
    // Group order until the user clicks a header.
    horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    setSortingEnabled(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setAlternatingRowColors(true);
    setWordWrap(false);
    verticalHeader()->setVisible(false);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    // Widths come from font metrics (fitColumns), not ResizeToContents: measuring 1000 rows of
    // 100k costs ~200 ms per result.
    horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    horizontalHeader()->setStretchLastSection(false);
    setObjectName(QStringLiteral("statsTable"));
}

void StatsTableView::observe(Document* document)
{
    connect(document, &Document::resultChanged, this, &StatsTableView::setResult);
    setResult(document->result());
}

void StatsTableView::setResult(ResultPtr result)
{
    model_->setResult(std::move(result));
    // The sort follows its quantity, whose section may have moved with the spec.
    const int section = model_->sortColumn() >= 0 ? model_->column(StatsTableModel::Column(model_->sortColumn())) : -1;
    if (horizontalHeader()->sortIndicatorSection() != section)
        horizontalHeader()->setSortIndicator(section, model_->sortOrder());
    fitColumns();
    viewport()->update();
}

void StatsTableView::fitColumns()
{
    const QFontMetrics cells(font());
    const QFontMetrics header(horizontalHeader()->font());
    const int padding = 2 * style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, this) + 16; // margins, sort arrow
    // The widest six-significant-digit number: sign, six digits, point, exponent.
    const int number = cells.horizontalAdvance(QStringLiteral("-8.88888e-888"));
    for (int c = 0; c < model_->columnCount(); ++c) {
        int width = header.horizontalAdvance(model_->headerData(c, Qt::Horizontal).toString());
        switch (model_->columnKind(c)) {
        case StatsTableModel::GroupColumn:
            // Labels grow with the index: the last group's is the widest.
            if (model_->rowCount() > 0)
                for (int r : {0, model_->rowCount() - 1})
                    width = std::max(width, cells.horizontalAdvance(model_->label(r)));
            break;
        case StatsTableModel::CountColumn:
            if (model_->rowCount() > 0)
                width = std::max(width, cells.horizontalAdvance(QString::number(model_->rows().front().count)));
            break;
        default: width = std::max(width, number);
        }
        horizontalHeader()->resizeSection(c, width + padding);
    }
}

QString StatsTableView::selectionAsTsv() const
{
    std::vector<int> rows;
    if (selectionModel())
        for (const QModelIndex& index : selectionModel()->selectedRows())
            rows.push_back(index.row());
    if (rows.empty())
        for (int r = 0; r < model_->rowCount(); ++r)
            rows.push_back(r);
    std::sort(rows.begin(), rows.end()); // model rows: the order the user sees

    QStringList lines;
    QStringList cells;
    for (int c = 0; c < model_->columnCount(); ++c)
        cells << model_->headerData(c, Qt::Horizontal).toString();
    lines << cells.join(QLatin1Char('\t'));
    for (int r : rows) {
        cells.clear();
        for (int c = 0; c < model_->columnCount(); ++c)
            cells << model_->index(r, c).data(StatsTableModel::CopyRole).toString();
        lines << cells.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void StatsTableView::copySelection()
{
    QGuiApplication::clipboard()->setText(selectionAsTsv());
}

void StatsTableView::keyPressEvent(QKeyEvent* event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

void StatsTableView::contextMenuEvent(QContextMenuEvent* event)
{
    QMenu menu(this);
    QAction* copy = menu.addAction(tr("Copy as tab-separated text"));
    copy->setShortcut(QKeySequence::Copy);
    connect(copy, &QAction::triggered, this, &StatsTableView::copySelection);
    QAction* all = menu.addAction(tr("Select all"));
    connect(all, &QAction::triggered, this, &QAbstractItemView::selectAll);
    menu.exec(event->globalPos());
}

void StatsTableView::paintEvent(QPaintEvent* event)
{
    QTableView::paintEvent(event);
    if (model_->rowCount() > 0)
        return;
    // No rows: say why, in the empty viewport.
    const QString error = model_->errorMessage();
    const QString text = error.isEmpty() ? tr("No statistics yet") : tr("No statistics: %1").arg(error);
    QPainter painter(viewport());
    painter.setPen(error.isEmpty() ? palette().color(QPalette::PlaceholderText) : QColor(0xb0, 0x20, 0x20));
    painter.drawText(viewport()->rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, text);
}

} // namespace normscope::ui
