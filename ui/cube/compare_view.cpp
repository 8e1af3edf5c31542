// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/cube/compare_view.h"

#include "ui/document/cell_info.h"
#include "ui/document/document.h"
#include "ui/document/engine_runner.h"
#include "ui/document/number_text.h"

#include <QGridLayout>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace normscope::ui {

namespace {

QString range(double lo, double hi)
{
    if (lo == hi || std::isnan(lo))
        return formatNumber(lo);
    return QStringLiteral("%1 \u2026 %2").arg(significantText(lo, 4), significantText(hi, 4));
}

} // namespace

CompareView::CompareView(QWidget* parent) : QWidget(parent), grid_(new QGridLayout(this))
{
    grid_->setContentsMargins(6, 6, 6, 6);
    grid_->setHorizontalSpacing(10);
    grid_->setVerticalSpacing(2);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
}

CubeView* CompareView::cube(int column) const
{
    return column >= 0 && column < static_cast<int>(cubes_.size()) ? cubes_[static_cast<std::size_t>(column)] : nullptr;
}

QString CompareView::statsText(int column) const
{
    if (column < 0 || column >= static_cast<int>(stats_.size()))
        return {};
    return stats_[static_cast<std::size_t>(column)]->plainText();
}

void CompareView::ensureColumns(int count)
{
    while (static_cast<int>(cubes_.size()) < count) {
        const int column = static_cast<int>(cubes_.size());
        auto* cube = new CubeView(this);
        cube->setCompact(true);
        cube->setValueSource(source_);
        cube->setHighlightMode(mode_);
        cube->setExploded(exploded_, explodeAxis_);
        auto* stats = new CompareStats(this);
        stats->setFont(statsFont());
        grid_->addWidget(cube, 0, column);
        grid_->addWidget(stats, 1, column);
        grid_->setColumnStretch(column, 1);
        // Spare height goes to the cubes, which centre themselves in it, and the numbers stay
        // right under them: no empty band below the columns.
        grid_->setRowStretch(0, 1);
        perRow_ = column + 1;

        connect(cube, &CubeView::cellSelected, this, [this](std::int64_t flatIndex) {
            if (syncing_)
                return;
            selectCell(flatIndex);
        });
        connect(cube, &CubeView::cellHovered, this, [this, cube](std::int64_t flatIndex) {
            for (CubeView* other : cubes_)
                if (other != cube)
                    other->setLinkedHover(flatIndex);
            Q_EMIT cellHovered(flatIndex);
        });
        connect(cube, &CubeView::viewChanged, this, [this, cube] {
            for (CubeView* other : cubes_) {
                if (other == cube)
                    continue;
                other->setRotation(cube->yaw(), cube->pitch());
                other->setZoom(cube->zoom());
            }
        });
        cubes_.push_back(cube);
        stats_.push_back(stats);
    }
    for (std::size_t k = 0; k < cubes_.size(); ++k) {
        const bool used = static_cast<int>(k) < count;
        cubes_[k]->setVisible(used);
        stats_[k]->setVisible(used);
    }
}

void CompareView::observe(Document* document)
{
    connect(document, &Document::compareResultsChanged, this, &CompareView::setResults);
    // Empty while compare is off; the first set arrives when the window turns it on.
    if (!document->compareResults().empty())
        setResults(document->compareResults());
}

void CompareView::setResults(const std::vector<ResultPtr>& results)
{
    const bool newColumns = results.size() != results_.size();
    results_ = results;
    ensureColumns(static_cast<int>(results.size()));
    // An eps change often leaves a column's numbers as they were (its groups' batch mean and var):
    // the columns are measured again only where one changed.
    bool textsChanged = newColumns;
    for (std::size_t k = 0; k < results.size(); ++k) {
        cubes_[k]->setResult(results[k]);
        textsChanged = stats_[k]->setContent(statsContent(results[k])) || textsChanged;
    }
    if (textsChanged)
        fitColumns();
    // Keep the selection if the new input still has that element.
    selectCell(selected_);
}

QFont CompareView::statsFont() const
{
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 0.95 * statsScale_); // five columns of it fit 1366 px
    return f;
}

void CompareView::fitColumns()
{
    const int n = count();
    if (n == 0)
        return;
    // The tables set the columns' width; where five of them do not fit the scroll area's width (a
    // large font in presenter mode, the side panels shown) they get smaller type, down to half,
    // rather than push the last column out of sight.
    // Narrower still (the side panels and a lesson beside the view), the five go in two rows.
    const auto widestNow = [&] {
        int w = 0;
        for (int k = 0; k < n; ++k)
            w = std::max(w, stats_[static_cast<std::size_t>(k)]->sizeHint().width());
        return w;
    };
    int widest = widestNow();
    const QMargins m = grid_->contentsMargins();
    const int shownWidth = parentWidget() ? parentWidget()->width() : width();
    const auto columnWidth = [&](int perRow) {
        return (shownWidth - m.left() - m.right() - grid_->horizontalSpacing() * (perRow - 1)) / double(perRow);
    };
    const double atFull = widest / statsScale_;
    const int perRow = n > 3 && columnWidth(n) < 0.75 * atFull ? (n + 1) / 2 : n;
    arrange(perRow);
    double scale = std::clamp(columnWidth(perRow) / atFull, 0.5, 1.0);
    // Text does not scale exactly with its size (hinting, and sizes that round to the same pixels):
    // while the widest is still over, smaller steps follow, each at least 2% smaller.
    for (int attempt = 0; attempt < 8; ++attempt) {
        if (attempt > 0 || std::abs(scale - statsScale_) > 0.01) {
            statsScale_ = scale;
            for (CompareStats* stats : stats_)
                stats->setFont(statsFont());
        }
        widest = widestNow();
        if (widest <= columnWidth(perRow) || scale <= 0.5)
            break;
        scale = std::max(0.5, std::min(scale * columnWidth(perRow) / widest, scale - 0.02));
    }
    // Equal columns, so that the five cubes are drawn at the same scale.
    for (std::size_t k = 0; k < cubes_.size(); ++k)
        grid_->setColumnMinimumWidth(static_cast<int>(k), static_cast<int>(k) < perRow_ ? widest : 0);
    equalizeCaptions();
}

void CompareView::arrange(int perRow)
{
    if (perRow == perRow_)
        return;
    perRow_ = perRow;
    for (std::size_t k = 0; k < cubes_.size(); ++k) {
        grid_->removeWidget(cubes_[k]);
        grid_->removeWidget(stats_[k]);
    }
    for (int r = 0; r < grid_->rowCount(); ++r)
        grid_->setRowStretch(r, 0);
    for (std::size_t k = 0; k < cubes_.size(); ++k) {
        const int row = 2 * (static_cast<int>(k) / perRow);
        const int column = static_cast<int>(k) % perRow;
        grid_->addWidget(cubes_[k], row, column);
        grid_->addWidget(stats_[k], row + 1, column);
        grid_->setRowStretch(row, 1);
        grid_->setColumnStretch(static_cast<int>(k), static_cast<int>(k) < perRow ? 1 : 0);
    }
}

bool CompareView::eventFilter(QObject* watched, QEvent* event)
{
    // The scroll area's viewport: when it narrows below the columns' width this view is not resized.
    if (watched == parentWidget() && event->type() == QEvent::Resize)
        fitColumns();
    return QWidget::eventFilter(watched, event);
}

void CompareView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::ParentChange && parentWidget())
        parentWidget()->installEventFilter(this);
    if (event->type() == QEvent::FontChange) { // presenter mode: the tables follow the view's font
        for (CompareStats* stats : stats_)
            stats->setFont(statsFont());
        fitColumns();
    }
}

void CompareView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event); // the layout has already sized the columns
    equalizeCaptions();
}

void CompareView::equalizeCaptions()
{
    double tallest = 0;
    for (std::size_t k = 0; k < results_.size(); ++k)
        tallest = std::max(tallest, cubes_[k]->captionHeightAt(cubes_[k]->width()));
    for (CubeView* cube : cubes_)
        cube->setCaptionReserve(tallest);
}

void CompareView::selectCell(std::int64_t flatIndex)
{
    syncing_ = true;
    for (std::size_t k = 0; k < results_.size(); ++k)
        cubes_[k]->selectCell(flatIndex);
    syncing_ = false;
    const std::int64_t now = results_.empty() ? -1 : cubes_.front()->selectedCell();
    if (now == selected_)
        return;
    selected_ = now;
    Q_EMIT cellSelected(now);
}

void CompareView::setValueSource(CubeView::ValueSource source)
{
    source_ = source;
    for (CubeView* cube : cubes_)
        cube->setValueSource(source);
}

void CompareView::setHighlightMode(CubeView::HighlightMode mode)
{
    mode_ = mode;
    for (CubeView* cube : cubes_)
        cube->setHighlightMode(mode);
}

void CompareView::setExploded(bool on, int axis)
{
    exploded_ = on;
    explodeAxis_ = axis;
    for (CubeView* cube : cubes_)
        cube->setExploded(on, axis);
}

void CompareView::resetView()
{
    for (CubeView* cube : cubes_)
        cube->resetView();
}

CompareStats::Content CompareView::statsContent(const ResultPtr& result)
{
    if (!result)
        return {};
    const ResultSnapshot& r = *result;
    CompareStats::Content content;
    // What ran, as PyTorch would build it, and its mode: the column's numbers are this module's.
    // Keyword arguments (only those that differ from PyTorch's defaults) go on lines of their own, so
    // that the columns stay narrow.
    const QString module = QString::fromStdString(moduleSignature(r.spec, r.shape));
    content.heading = module.split(QRegularExpression(QStringLiteral("(?<=,) (?=[a-z_]+=)")));
    content.mode = r.spec.mode == Mode::Training ? tr("train()") : tr("eval()");
    if (!r.ok()) {
        content.error = QString::fromStdString(r.error);
        return content;
    }
    // The numbers are the engine's comparison row, as normscope-cli compare writes them (without
    // y's mean and std, which the column does not show).
    const ComparisonRow c = engine_runner::comparisonRowOf(r, false);
    const bool rms = !r.spec.subtractsMean();
    const bool running = !r.spec.usesInputStats();

    const QString per = QString::fromStdString(c.per);
    const auto row = [&content](const QString& name, const QString& value) { content.rows.emplace_back(name, value); };
    row(tr("groups"), per.isEmpty() ? QString::number(c.groups) : tr("%1 (per %2)").arg(c.groups).arg(per));
    row(tr("size"), QString::number(c.group_size));
    if (rms) {
        row(QStringLiteral("mean(x\u00b2)"), range(c.var_min, c.var_max));
    } else {
        // running_mean/running_var are PyTorch's names and stay; the batch's own statistics are words.
        row(running ? QStringLiteral("running_mean") : tr("mean"), range(c.mean_min, c.mean_max));
        row(running ? QStringLiteral("running_var") : tr("var"), range(c.var_min, c.var_max));
    }
    if (r.hasGradient()) {
        // Where the same dL/dy lands under each norm: how many cells it reaches, and how hard.
        row(tr("dL/dx \u2260 0"), tr("%1 of %2 cells").arg(r.grad_reached).arg(r.grad_input.numel()));
        row(QStringLiteral("max |dL/dx|"), formatNumber(r.grad_max_abs));
    }
    return content;
}

} // namespace normscope::ui
