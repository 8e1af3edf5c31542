// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/panels/stats_table_view.h"

#include "engine/core/error.h"
#include "engine/report/table_format.h"
#include "ui/document/document.h"
#include "ui/document/result_tables.h"
#include "ui/panels/stats_cell_delegate.h"
#include "ui/panels/stats_table_model.h"
#include "ui/panels/text_widths.h"

#include <QClipboard>
#include <QContextMenuEvent>
#include <QGuiApplication>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QMimeData>
#include <QPainter>
#include <QScrollBar>
#include <QStyle>
#include <QStyleOptionHeader>

#include <algorithm>

namespace normscope::ui {

namespace {

// How much narrower the style makes a section's label when the section draws a sort arrow: in Qt's
// common styles half the header's height and two margins, so a two-line header in presenter mode
// needs ~37 pixels where PM_HeaderMarkSize says 16, and the sorted header's text was cut.
int sortArrowRoom(const QHeaderView* header)
{
    QStyleOptionHeader option;
    option.initFrom(header);
    option.orientation = Qt::Horizontal;
    option.state |= QStyle::State_Horizontal;
    option.rect = QRect(0, 0, 1000, header->sizeHint().height());
    const int plain = header->style()->subElementRect(QStyle::SE_HeaderLabel, &option, header).width();
    option.sortIndicator = QStyleOptionHeader::SortDown;
    const int withArrow = header->style()->subElementRect(QStyle::SE_HeaderLabel, &option, header).width();
    return std::max(0, plain - withArrow);
}

} // namespace

StatsTableView::StatsTableView(QWidget* parent)
    : QTableView(parent),
      model_(new StatsTableModel(this)),
      cellWidths_(std::make_shared<TextWidths>(font()))
{
    setModel(model_);
    setItemDelegate(new StatsCellDelegate(cellWidths_, this));
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
    // Only the sorted column draws an arrow, so only it is widened for one (fitColumns).
    connect(horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, &StatsTableView::fitColumnsWhenShown);
    setObjectName(QStringLiteral("statsTable"));
}

StatsTableView::~StatsTableView() = default;

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
    fitColumnsWhenShown();
    viewport()->update();
}

void StatsTableView::fitColumnsWhenShown()
{
    // The widths are for the eye: a hidden table (another tab in front, the compare view shown)
    // measures them when it is shown.
    if (isVisible())
        fitColumns();
    else
        columnsStale_ = true;
}

void StatsTableView::showEvent(QShowEvent* event)
{
    if (columnsStale_) {
        columnsStale_ = false;
        fitColumns();
    }
    QTableView::showEvent(event);
}

void StatsTableView::fitColumns()
{
    columnsStale_ = false;
    cellWidths_->use(font());
    const TextWidths& cells = *cellWidths_;
    const QFontMetrics header(horizontalHeader()->font());
    const int margin = 2 * style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, this) + 6;
    // Measuring every cell of 100k rows cost ~200 ms per result, and each number is still formatted to
    // be measured: up to kMeasuredRows the widths follow the texts shown, beyond that the widest
    // six-significant-digit number.
    constexpr int kMeasuredRows = 2000;
    const int rows = model_->rowCount();
    const bool measure = rows <= kMeasuredRows;
    const int widestNumber = cells.width(QStringLiteral("-8.88888e-888"));
    const int sorted = horizontalHeader()->isSortIndicatorShown() ? horizontalHeader()->sortIndicatorSection() : -1;
    for (int c = 0; c < model_->columnCount(); ++c) {
        // A header's lines are measured one by one; the sorted column also draws its arrow. Room for
        // an arrow in every column cost English presenter mode its last column at 1920 pixels.
        int width = 0;
        for (const QString& line : model_->headerData(c, Qt::Horizontal).toString().split(QLatin1Char('\n')))
            width = std::max(width, header.horizontalAdvance(line));
        if (c == sorted)
            width += sortArrowRoom(horizontalHeader());
        const StatsTableModel::Column kind = model_->columnKind(c);
        if (kind == StatsTableModel::GroupColumn && !measure) {
            // Labels grow with the index: the last group's is the widest.
            for (int r : {0, rows - 1})
                width = std::max(width, cells.width(model_->label(r)));
        } else if (measure) {
            for (int r = 0; r < rows; ++r)
                width = std::max(width, cells.width(model_->index(r, c).data().toString()));
        } else if (kind != StatsTableModel::CountColumn) {
            width = std::max(width, widestNumber);
        } else {
            width = std::max(width, cells.width(QString::number(model_->rows().front().count)));
        }
        horizontalHeader()->resizeSection(c, width + margin);
    }
}

int StatsTableView::contentWidth()
{
    if (columnsStale_)
        fitColumns();
    return horizontalHeader()->length() + 2 * frameWidth() + verticalScrollBar()->sizeHint().width();
}

std::vector<int> StatsTableView::selectedGroups() const
{
    std::vector<int> rows;
    if (selectionModel())
        for (const QModelIndex& index : selectionModel()->selectedRows())
            rows.push_back(index.row());
    if (rows.empty())
        for (int r = 0; r < model_->rowCount(); ++r)
            rows.push_back(r);
    std::sort(rows.begin(), rows.end()); // model rows: the order the user sees
    std::vector<int> groups;
    groups.reserve(rows.size());
    for (int r : rows)
        groups.push_back(static_cast<int>(model_->rowAt(r).group));
    return groups;
}

QString StatsTableView::selectionAs(int format) const
{
    if (model_->rowCount() == 0)
        return {};
    try {
        const Table table = result_tables::statistics(model_->result(), selectedGroups());
        return QString::fromStdString(writeTable(table, static_cast<TableFormat>(format)));
    } catch (const Error&) {
        return {}; // no rows to copy: the model shows none either
    }
}

QString StatsTableView::selectionAsTsv() const
{
    return selectionAs(static_cast<int>(TableFormat::Tsv));
}

QString StatsTableView::selectionAsHtml() const
{
    return selectionAs(static_cast<int>(TableFormat::Html));
}

QMimeData* StatsTableView::selectionMimeData() const
{
    auto* mime = new QMimeData;
    mime->setText(selectionAsTsv());
    mime->setHtml(selectionAsHtml());
    return mime;
}

void StatsTableView::copySelection()
{
    if (model_->rowCount() > 0)
        QGuiApplication::clipboard()->setMimeData(selectionMimeData());
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
    QAction* copy = menu.addAction(tr("Copy (as text and as a table)"));
    copy->setShortcut(QKeySequence::Copy);
    connect(copy, &QAction::triggered, this, &StatsTableView::copySelection);
    QAction* all = menu.addAction(tr("Select all"));
    connect(all, &QAction::triggered, this, &QAbstractItemView::selectAll);
    menu.exec(event->globalPos());
}

void StatsTableView::changeEvent(QEvent* event)
{
    QTableView::changeEvent(event);
    // Presenter mode's larger font: rows and columns sized for the old one would elide the numbers.
    if (event->type() == QEvent::FontChange) {
        verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
        fitColumns();
    }
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
