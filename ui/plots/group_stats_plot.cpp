// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/plots/group_stats_plot.h"

#include "ui/document/document.h"
#include "ui/document/shown_follower.h"
#include "ui/plots/plot_style.h"
#include "ui/document/result_digest.h"

#include <QLocale>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace normscope::ui {

namespace {

void rangeOf(QCPAxis* axis, const std::vector<double>& a, const std::vector<double>& b, bool fromZero)
{
    double lo = fromZero ? 0.0 : INFINITY, hi = fromZero ? 0.0 : -INFINITY;
    for (const auto* v : {&a, &b})
        for (double x : *v)
            if (std::isfinite(x)) {
                lo = std::min(lo, x);
                hi = std::max(hi, x);
            }
    if (!(lo <= hi)) {
        lo = 0;
        hi = 1;
    }
    if (hi - lo < 1e-12 * std::max(1.0, std::abs(hi)))
        hi = lo + std::max(1.0, std::abs(lo) * 0.1); // all equal: give the bars room
    const double pad = 0.08 * (hi - lo);
    axis->setRange(fromZero && lo >= 0 ? 0.0 : lo - pad, hi + pad);
}

// "n=0, g=1 (c 2..3)" is too wide for a tick; the statsShape index is what tells groups apart.
QString shortLabel(const std::string& label)
{
    QString s = QString::fromStdString(label);
    const int paren = int(s.indexOf(QLatin1String(" (")));
    return paren > 0 ? s.left(paren) : s;
}

QString xAxisLabel(const ResultSnapshot& r)
{
    const std::vector<std::string> names = r.layout->statsAxisNames();
    if (names.empty())
        return QObject::tr("group (one for the whole tensor)");
    QStringList parts;
    for (const std::string& n : names)
        parts << QString::fromStdString(n);
    return names.size() == 1 ? QObject::tr("group (%1)").arg(parts.front())
                             : QObject::tr("group (%1, flattened)").arg(parts.join(QStringLiteral(", ")));
}

} // namespace

GroupStatsPlot::GroupStatsPlot(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this))
{
    plot_style::embed(this, plot_, QSize(200, 160));
    meanRect_ = plot_->axisRect();
    varRect_ = plot_style::addLowerPanel(plot_);
    title_ = plot_style::addTitle(plot_, tr("Per-group statistics of x"));
    subtitle_ = plot_style::addSubtitle(plot_);
    plot_style::legendAsStrip(plot_, 1);
    plot_style::setLegendVisible(plot_, false);

    // Left axes aligned so the two panels' group positions line up.
    auto* margins = new QCPMarginGroup(plot_);
    meanRect_->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    varRect_->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    connect(meanRect_->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged),
            varRect_->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::setRange));
    meanRect_->axis(QCPAxis::atBottom)->setTickLabels(false); // the lower panel names the groups for both
    for (QCPAxisRect* rect : {meanRect_, varRect_})
        rect->axis(QCPAxis::atBottom)->grid()->setZeroLinePen(Qt::NoPen); // group 0 is not an origin

    message_ = plot_style::addMessage(plot_);
    setResult(nullptr);
}

QString GroupStatsPlot::message() const
{
    return plot_style::message(message_);
}

void GroupStatsPlot::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    plot_style::fitHeight(plot_, height(), title_, subtitle_);
    updateTicks();
    plot_style::fitLegend(plot_);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void GroupStatsPlot::updateTicks()
{
    QCPAxis* meanX = meanRect_->axis(QCPAxis::atBottom);
    QCPAxis* varX = varRect_->axis(QCPAxis::atBottom);
    const int count = labels_.size();
    groupLabels_ = false;
    QSharedPointer<QCPAxisTicker> ticker;
    if (count > 0) {
        // Room per group on the axis (the plot minus the left axis' labels), against the labels' widths.
        const QFontMetrics metrics(plot_style::tickFont());
        const double slot = double(std::max(std::max(width(), plot_->width()) - 70, 60)) / count;
        int oneLine = 0, twoLines = 0;
        for (const QString& label : labels_) {
            oneLine = std::max(oneLine, metrics.horizontalAdvance(label));
            for (const QString& part : label.split(QStringLiteral(", ")))
                twoLines = std::max(twoLines, metrics.horizontalAdvance(part));
        }
        const int gap = metrics.horizontalAdvance(QLatin1Char('m')) / 2;
        const bool split = oneLine + gap > slot;
        if (!split || twoLines + gap <= slot) {
            // Wrapped as the base type at once: converting QSharedPointer<Derived> trips GCC 12's
            // -Wuse-after-free false positive.
            auto* text = new QCPAxisTickerText;
            for (int g = 0; g < count; ++g) {
                QString label = labels_[g];
                text->addTick(g, split ? label.replace(QStringLiteral(", "), QStringLiteral("\n")) : label);
            }
            ticker = QSharedPointer<QCPAxisTicker>(text);
            groupLabels_ = true;
        }
    }
    if (ticker) {
        meanX->setTicker(ticker);
        varX->setTicker(ticker);
    } else {
        plot_style::useIntegerTicks(meanX);
        plot_style::useIntegerTicks(varX);
    }
}

void GroupStatsPlot::observe(Document* document)
{
    ShownFollower::follow(
        document, this, [this] { return isVisible(); }, [this](ResultPtr r) { setResult(std::move(r)); });
}

void GroupStatsPlot::setResult(ResultPtr result)
{
    // Everything the plot draws comes from these: an eps change leaves them as they were.
    plot_style::ContentKey key;
    const DigestPtr shown = result && result->ok() ? digestOf(result) : nullptr;
    key << qint64(result ? 1 : 0) << (result ? QString::fromStdString(result->error) : QString());
    if (shown && !shown->groups.empty()) {
        key << qint64(result->spec.kind) << qint64(result->spec.subtractsMean())
            << qint64(result->spec.usesInputStats()) << QString::fromStdString(result->layout->describe())
            << xAxisLabel(*result);
        std::vector<double> numbers;
        for (const GroupRow& row : shown->groups)
            numbers.insert(numbers.end(),
                           {double(row.count), row.mean, row.var, row.mean_square, row.has_running ? 1.0 : 0.0,
                            row.running_mean, row.running_var});
        key << numbers;
    }
    const bool sameResult = result == result_;
    result_ = std::move(result);
    if (!plot_style::needsRebuild(shownKey_, key, sameResult))
        return;
    plot_->clearPlottables();
    plot_style::setLegendVisible(plot_, false);
    means_.clear();
    vars_.clear();
    labels_.clear();

    QCPAxis* meanX = meanRect_->axis(QCPAxis::atBottom);
    QCPAxis* meanY = meanRect_->axis(QCPAxis::atLeft);
    QCPAxis* varX = varRect_->axis(QCPAxis::atBottom);
    QCPAxis* varY = varRect_->axis(QCPAxis::atLeft);
    const bool rms = result_ && !result_->spec.subtractsMean();
    meanY->setLabel(tr("mean"));
    varY->setLabel(rms ? tr("E[x²]") : tr("var"));

    const DigestPtr digest = result_ && result_->ok() ? digestOf(result_) : nullptr;
    if (!result_)
        plot_style::setMessage(message_, tr("No result yet"), false);
    else if (!result_->error.empty())
        plot_style::setMessage(message_, QString::fromStdString(result_->error), true);
    else
        plot_style::setMessage(message_, {}, false);

    if (!digest || digest->groups.empty()) {
        plot_style::setSubtitle(subtitle_, {});
        updateTicks();
        varX->setLabel(QString());
        for (QCPAxis* axis : {meanY, varX, varY})
            axis->setTickLabels(false);
        plot_->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    for (QCPAxis* axis : {meanY, varX, varY})
        axis->setTickLabels(true);

    const auto& groups = digest->groups;
    const int count = int(groups.size());
    const bool running = groups.front().has_running;
    QVector<double> keys(count), meanValues(count), varValues(count), runMean, runVar;
    for (int g = 0; g < count; ++g) {
        const GroupRow& row = groups[std::size_t(g)];
        keys[g] = double(g);
        meanValues[g] = row.mean;
        varValues[g] = rms ? row.mean_square : row.var;
        if (running) {
            runMean.push_back(row.running_mean);
            runVar.push_back(row.running_var);
        }
    }
    means_.assign(meanValues.begin(), meanValues.end());
    vars_.assign(varValues.begin(), varValues.end());

    const QLocale english(QLocale::English);
    plot_style::setSubtitle(subtitle_,
                            (count == 1 ? tr("%1 group of n = %2; %3") : tr("%1 groups of n = %2; %3"))
                                .arg(english.toString(count))
                                .arg(english.toString(qlonglong(groups.front().count)))
                                .arg(rms ? tr("RMSNorm subtracts no mean") : tr("var is biased (÷n)")));

    const bool bars = count <= kMaxBars;
    auto addSeries = [&](QCPAxisRect* rect, const QVector<double>& values, const QColor& color, const QString& name) {
        QCPAxis* x = rect->axis(QCPAxis::atBottom);
        QCPAxis* y = rect->axis(QCPAxis::atLeft);
        if (bars) {
            auto* b = new QCPBars(x, y);
            b->setWidth(0.7);
            QColor fill = color;
            fill.setAlpha(170);
            b->setBrush(fill);
            b->setPen(QPen(color.darker(120), 1.0));
            b->setData(keys, values, true);
            b->setName(name);
            return static_cast<QCPAbstractPlottable*>(b);
        }
        // Thousands of groups: a thin, aliased line (a wide antialiased zigzag costs the raster
        // engine ~100 ms per 1000 points; adaptive sampling keeps the point count near the width).
        auto* line = new QCPGraph(x, y);
        line->setPen(QPen(color, 0));
        line->setAntialiased(false);
        line->setAdaptiveSampling(true);
        line->setData(keys, values, true);
        line->setName(name);
        return static_cast<QCPAbstractPlottable*>(line);
    };
    auto addRunning = [&](QCPAxisRect* rect, const QVector<double>& values) {
        auto* g = new QCPGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        g->setData(keys, values, true);
        g->setName(tr("running"));
        if (bars) {
            g->setLineStyle(QCPGraph::lsNone);
            g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, plot_style::runningColor().darker(110),
                                               plot_style::runningColor(), count <= 16 ? 11 : 7));
        } else {
            g->setPen(QPen(plot_style::runningColor(), 0));
            g->setAntialiased(false);
        }
        return g;
    };

    // Both panels are statistics of x: one colour; the running buffers in another.
    const QString batchName = result_->spec.usesInputStats() ? tr("batch") : tr("batch (eval uses running)");
    QCPAbstractPlottable* batch = addSeries(meanRect_, meanValues, plot_style::inputColor(), batchName);
    addSeries(varRect_, varValues, plot_style::inputColor(), batchName);
    if (running) {
        // A legend only when there is something to tell apart.
        batch->addToLegend();
        addRunning(meanRect_, runMean)->addToLegend();
        addRunning(varRect_, runVar);
        plot_style::setLegendVisible(plot_, true);
        plot_style::fitLegend(plot_);
    }

    if (count <= kMaxLabelledGroups)
        for (int g = 0; g < count; ++g)
            labels_ << shortLabel(result_->layout->groupLabel(g));
    updateTicks();
    varX->setLabel(xAxisLabel(*result_));

    const double half = bars ? 0.6 : 0.0;
    meanX->setRange(-half, count - 1 + half + (count == 1 && !bars ? 1 : 0));
    varX->setRange(meanX->range());
    rangeOf(meanY, means_, std::vector<double>(runMean.begin(), runMean.end()), true);
    rangeOf(varY, vars_, std::vector<double>(runVar.begin(), runVar.end()), true);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace normscope::ui
