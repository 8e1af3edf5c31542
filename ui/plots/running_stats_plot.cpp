// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/plots/running_stats_plot.h"

#include "ui/document/document.h"
#include "ui/document/shown_follower.h"
#include "ui/document/number_text.h"
#include "ui/plots/plot_style.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace normscope::ui {

namespace {

QString momentumText(const NormSpec& spec)
{
    if (!spec.momentum)
        return QObject::tr("momentum=None (cumulative average)");
    return QObject::tr("momentum=%1").arg(shortestText(*spec.momentum, DType::Float64)); // as in the code panel
}

void fitValues(QCPAxis* axis, const std::vector<Tensor<double>>& history)
{
    double lo = INFINITY, hi = -INFINITY;
    for (const Tensor<double>& t : history)
        for (double v : t.values())
            if (std::isfinite(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
    if (!(lo <= hi)) {
        lo = 0;
        hi = 1;
    }
    if (hi - lo < 1e-9 * std::max(1.0, std::abs(hi))) {
        lo -= 0.5;
        hi += 0.5;
    }
    const double pad = 0.08 * (hi - lo);
    axis->setRange(lo - pad, hi + pad);
}

} // namespace

RunningStatsPlot::RunningStatsPlot(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this))
{
    plot_style::embed(this, plot_, QSize(200, 160));
    meanRect_ = plot_->axisRect();
    varRect_ = plot_style::addLowerPanel(plot_);
    title_ = plot_style::addTitle(plot_, tr("Running statistics"));
    subtitle_ = plot_style::addSubtitle(plot_);

    auto* margins = new QCPMarginGroup(plot_);
    meanRect_->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    varRect_->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    meanRect_->axis(QCPAxis::atLeft)->setLabel(tr("mean"));
    varRect_->axis(QCPAxis::atLeft)->setLabel(tr("var"));
    varRect_->axis(QCPAxis::atBottom)->setLabel(tr("training step"));
    meanRect_->axis(QCPAxis::atBottom)->setTickLabels(false);
    for (QCPAxisRect* rect : {meanRect_, varRect_})
        plot_style::useIntegerTicks(rect->axis(QCPAxis::atBottom));
    plot_style::legendAsStrip(plot_, 1);
    plot_style::setLegendVisible(plot_, false);

    message_ = plot_style::addMessage(plot_);
    setResult(nullptr);
}

void RunningStatsPlot::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    plot_style::fitHeight(plot_, height(), title_, subtitle_);
    plot_style::fitLegend(plot_);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

QString RunningStatsPlot::message() const
{
    return plot_style::message(message_);
}

void RunningStatsPlot::observe(Document* document)
{
    ShownFollower::follow(
        document, this, [this] { return isVisible(); }, [this](ResultPtr r) { setResult(std::move(r)); });
}

void RunningStatsPlot::setResult(ResultPtr result)
{
    // Everything the plot draws comes from these: an eps change leaves them as they were.
    plot_style::ContentKey key;
    if (result) {
        const ResultSnapshot& r = *result;
        key << QString::fromStdString(r.error) << qint64(r.ok()) << qint64(r.spec.kind) << qint64(r.shape.size())
            << qint64(r.spec.hasRunningStats()) << qint64(r.passUpdatesRunningStats()) << momentumText(r.spec)
            << qint64(r.num_batches_tracked_before) << qint64(r.num_batches_tracked);
        for (const auto* history : {&r.running_mean_history, &r.running_var_history}) {
            key << qint64(history->size());
            for (const Tensor<double>& t : *history)
                key.numbers(t.data(), std::size_t(t.numel()));
        }
        for (const Tensor<double>* t : {&r.running_mean_before, &r.running_var_before, &r.running_mean, &r.running_var})
            key.numbers(t->data(), std::size_t(t->numel()));
    }
    const bool sameResult = result == result_;
    result_ = std::move(result);
    if (!plot_style::needsRebuild(shownKey_, key, sameResult))
        return;
    plot_->clearPlottables();
    plot_style::setLegendVisible(plot_, false);
    channels_ = 0;
    steps_ = 0;

    QString message;
    bool error = false;
    const ResultSnapshot* r = result_.get();
    if (!r) {
        message = tr("No result yet");
    } else if (!r->spec.hasRunningStats()) {
        message = tr("%1 keeps no running statistics")
                      .arg(QString::fromStdString(moduleName(r->spec.kind, int(r->shape.size()))));
        if (r->spec.traits().takesRunningStats)
            message += tr("\n(track_running_stats=False)");
        else
            message += tr("\n(only %1 can track them)")
                           .arg(QString::fromStdString(displayNamesWhere(&NormTraits::takesRunningStats)));
    } else if (r->running_var_history.size() != r->running_mean_history.size()
               || (r->running_mean_history.empty() && r->running_mean_before.empty())) {
        message = r->error.empty() ? tr("No running statistics recorded") : QString::fromStdString(r->error);
        error = !r->error.empty();
    }

    if (!message.isEmpty()) {
        plot_style::setMessage(message_, message, error);
        plot_style::setSubtitle(subtitle_, {});
        for (QCPAxisRect* rect : {meanRect_, varRect_}) {
            rect->axis(QCPAxis::atBottom)->setRange(0, 1);
            rect->axis(QCPAxis::atLeft)->setRange(0, 1);
            rect->axis(QCPAxis::atLeft)->setTickLabels(false);
        }
        varRect_->axis(QCPAxis::atBottom)->setTickLabels(false);
        plot_->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    plot_style::setMessage(message_, {}, false);
    for (QCPAxisRect* rect : {meanRect_, varRect_})
        rect->axis(QCPAxis::atLeft)->setTickLabels(true);
    varRect_->axis(QCPAxis::atBottom)->setTickLabels(true);

    // The committed history (entry 0: before the first step), then, in training mode, the buffers as
    // this pass leaves them: the statistics table's "after this pass" values, one step further.
    std::vector<Tensor<double>> means = r->running_mean_history;
    std::vector<Tensor<double>> vars = r->running_var_history;
    if (means.empty()) { // nothing committed yet: the buffers this pass starts from are entry 0
        means.push_back(r->running_mean_before);
        vars.push_back(r->running_var_before);
    }
    const bool pending = r->passUpdatesRunningStats() && r->ok();
    if (pending) {
        means.push_back(r->running_mean);
        vars.push_back(r->running_var);
    }
    steps_ = int(means.size());
    channels_ = int(means.front().numel());
    const bool markers = steps_ <= 40;

    QVector<double> keys(steps_);
    for (int s = 0; s < steps_; ++s)
        keys[s] = s;
    for (int c = 0; c < channels_; ++c) {
        const QColor color = plot_style::spread(c, channels_);
        const double width = channels_ <= 16 ? 2.0 : 1.2;
        for (int panel = 0; panel < 2; ++panel) {
            const auto& history = panel == 0 ? means : vars;
            QCPAxisRect* rect = panel == 0 ? meanRect_ : varRect_;
            QVector<double> values(steps_);
            for (int s = 0; s < steps_; ++s) {
                const Tensor<double>& t = history[std::size_t(s)];
                values[s] = c < t.numel() ? t[c] : NAN;
            }
            auto* g = new QCPGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
            g->setPen(QPen(color, width));
            if (markers && channels_ <= 16)
                g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, color, Qt::white, 6));
            g->setData(keys, values, true);
            g->setName(tr("c=%1").arg(c));
            if (panel == 0 && channels_ <= kMaxLegendChannels)
                g->addToLegend();
        }
    }
    plot_style::setLegendVisible(plot_, channels_ <= kMaxLegendChannels);

    // The same count as the controls' counter and the table: num_batches_tracked before and after.
    const std::int64_t before = r->num_batches_tracked_before;
    const QString subtitle = pending
        ? tr("num_batches_tracked %1 before this pass, %2 after it (last point), %3")
              .arg(before)
              .arg(r->num_batches_tracked)
              .arg(momentumText(r->spec))
        : tr("num_batches_tracked %1 before and after this pass (eval), %2").arg(before).arg(momentumText(r->spec));
    plot_style::setSubtitle(subtitle_, subtitle);
    plot_style::fitLegend(plot_);
    const double right = std::max(1, steps_ - 1);
    for (QCPAxisRect* rect : {meanRect_, varRect_})
        rect->axis(QCPAxis::atBottom)->setRange(-0.2, right + 0.2);
    fitValues(meanRect_->axis(QCPAxis::atLeft), means);
    fitValues(varRect_->axis(QCPAxis::atLeft), vars);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace normscope::ui
