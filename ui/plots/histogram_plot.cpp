// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/plots/histogram_plot.h"

#include "ui/document/document.h"
#include "ui/document/shown_follower.h"
#include "ui/plots/plot_style.h"
#include "ui/document/result_digest.h"

#include <QLocale>

#include <qcustomplot.h>

#include <algorithm>

namespace normscope::ui {

namespace {

QCPCurve* makeCurve(QCustomPlot* plot, const QColor& color)
{
    auto* curve = new QCPCurve(plot->xAxis, plot->yAxis);
    curve->setPen(QPen(color, 2.0));
    QColor fill = color;
    fill.setAlpha(70);
    curve->setBrush(fill);
    return curve;
}

// The outline of the bars as one closed polygon: up at lo, across each bin, down at hi.
void setOutline(QCPCurve* curve, const Histogram& h)
{
    QVector<double> t, x, y;
    if (h.binned > 0) {
        const double w = h.binWidth();
        auto add = [&](double key, double value) {
            t.push_back(double(t.size()));
            x.push_back(key);
            y.push_back(value);
        };
        add(h.lo, 0);
        for (int b = 0; b < h.binCount(); ++b) {
            const double count = double(h.counts[std::size_t(b)]);
            add(h.lo + b * w, count);
            add(h.lo + (b + 1) * w, count);
        }
        add(h.hi, 0);
    }
    curve->setData(t, x, y, true);
}

std::int64_t maxCount(const Histogram& h)
{
    return h.counts.empty() ? 0 : *std::max_element(h.counts.begin(), h.counts.end());
}

} // namespace

HistogramPlot::HistogramPlot(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this))
{
    plot_style::embed(this, plot_, QSize(200, 160));
    title_ = plot_style::addTitle(plot_, tr("Histogram of x and y"));
    subtitle_ = plot_style::addSubtitle(plot_);
    plot_->xAxis->setLabel(tr("value"));
    plot_->yAxis->setLabel(tr("count"));
    plot_->yAxis->setNumberFormat(QStringLiteral("gb"));

    inputCurve_ = makeCurve(plot_, plot_style::inputColor());
    outputCurve_ = makeCurve(plot_, plot_style::outputColor());
    inputCurve_->setName(tr("input x"));
    outputCurve_->setName(tr("output y"));
    inputCurve_->addToLegend();
    plot_style::legendAsStrip(plot_, 1);
    plot_style::setLegendVisible(plot_, true);

    message_ = plot_style::addMessage(plot_);
    message_->position->setCoords(0.5, 0.4); // above the middle, where the y range leaves headroom
    setResult(nullptr);
}

void HistogramPlot::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    plot_style::fitHeight(plot_, height(), title_, subtitle_);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

QString HistogramPlot::message() const
{
    return plot_style::message(message_);
}

void HistogramPlot::observe(Document* document)
{
    ShownFollower::follow(
        document, this, [this] { return isVisible(); }, [this](ResultPtr r) { setResult(std::move(r)); });
}

void HistogramPlot::setResult(ResultPtr result)
{
    result_ = std::move(result);
    const DigestPtr digest = digestOf(result_);
    input_ = digest ? digest->input : Histogram{};
    output_ = digest && result_->ok() ? digest->output : Histogram{};

    setOutline(inputCurve_, input_);
    setOutline(outputCurve_, output_);
    inputCurve_->setVisible(input_.binned > 0);
    outputCurve_->setVisible(output_.binned > 0);
    if (output_.binned > 0)
        outputCurve_->addToLegend();
    else
        outputCurve_->removeFromLegend();
    plot_style::fitLegend(plot_);

    const QLocale locale(QLocale::English);
    note_.clear();
    if (input_.subsampled())
        note_ = tr("a sample of %1 of %2 values")
                    .arg(locale.toString(qlonglong(input_.read)), locale.toString(qlonglong(input_.total)));
    // Bins hold finite values only; say what they leave out (x's counts are exact, y's are of the values read).
    QStringList left;
    if (result_ && result_->inputNonFinite.any())
        left << tr("x: %1").arg(QString::fromStdString(describeNonFinite(result_->inputNonFinite)));
    if (output_.skipped > 0)
        left << tr("y: %1 NaN/inf").arg(locale.toString(qlonglong(output_.skipped)));
    if (!left.isEmpty()) {
        const QString leftOut = tr("%1 not shown").arg(left.join(QStringLiteral(", ")));
        note_ = note_.isEmpty() ? leftOut : note_ + QStringLiteral("; ") + leftOut;
    }
    plot_style::setSubtitle(subtitle_, note_, /*essential=*/true); // what the bars leave out, at every size

    plot_->xAxis->setTickLabels(input_.binned > 0);
    plot_->yAxis->setTickLabels(input_.binned > 0);
    if (!result_)
        plot_style::setMessage(message_, tr("No result yet"), false);
    else if (!result_->error.empty())
        plot_style::setMessage(message_, QString::fromStdString(result_->error), true);
    else
        plot_style::setMessage(message_, {}, false);

    // Both histograms on one axis: the union of their ranges, counts from zero.
    double lo = 0, hi = 1;
    bool any = false;
    for (const Histogram* h : {&input_, &output_}) {
        if (h->binned == 0)
            continue;
        lo = any ? std::min(lo, h->lo) : h->lo;
        hi = any ? std::max(hi, h->hi) : h->hi;
        any = true;
    }
    const double pad = 0.03 * (hi - lo);
    plot_->xAxis->setRange(lo - pad, hi + pad);
    const double top = double(std::max(maxCount(input_), maxCount(output_)));
    // Headroom for the legend-free top, and for the message when there is one.
    plot_->yAxis->setRange(0, top > 0 ? top * (message_->visible() ? 1.5 : 1.12) : 1.0);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace normscope::ui
