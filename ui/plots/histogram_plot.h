// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/analysis/histogram.h"
#include "ui/document/result_snapshot.h"

#include <QWidget>

class QCustomPlot;
class QCPCurve;
class QCPItemText;
class QCPTextElement;

namespace normscope::ui {

class Document;

/**
 * Histograms of the input x and the output y overlaid on one value axis, as translucent step
 * outlines. Binning happens once per result (ResultDigest) and reads at most ~1M values per tensor,
 * which the title says when it samples.
 */
class HistogramPlot : public QWidget {
    Q_OBJECT

public:
    explicit HistogramPlot(QWidget* parent = nullptr);

    /// Shows the document's result now and each one it publishes from then on while shown; hidden,
    /// the newest when shown again (ShownFollower; call once).
    void observe(Document* document);
    void setResult(ResultPtr result);
    ResultPtr result() const { return result_; }

    QCustomPlot* plot() const { return plot_; }
    /// The histograms drawn now (empty when none).
    const Histogram& inputHistogram() const { return input_; }
    const Histogram& outputHistogram() const { return output_; }
    /// The sampling note, e.g. "a sample of 917,504 of 6,422,528 values", and what the bins leave
    /// out ("x: 3 NaN, 1 inf not shown"), or empty.
    QString note() const { return note_; }
    /// The message over the plot (an engine refusal, "no result"), or empty.
    QString message() const;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    ResultPtr result_;
    QCustomPlot* plot_;
    QCPTextElement* title_;
    QCPTextElement* subtitle_;
    QCPCurve* inputCurve_;
    QCPCurve* outputCurve_;
    QCPItemText* message_;
    Histogram input_, output_;
    QString note_;
};

} // namespace normscope::ui
