// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/result_snapshot.h"

#include <QByteArray>
#include <QWidget>

class QCustomPlot;
class QCPAxisRect;
class QCPItemText;
class QCPTextElement;

namespace normscope::ui {

class Document;

/**
 * running_mean (top) and running_var (bottom) of every channel against the training step, from the
 * snapshot's history (entry 0 is the state before the first step). Says so when the spec tracks no
 * running statistics.
 */
class RunningStatsPlot : public QWidget {
    Q_OBJECT

public:
    explicit RunningStatsPlot(QWidget* parent = nullptr);

    /// Shows the document's result now and each one it publishes from then on while shown; hidden,
    /// the newest when shown again (ShownFollower; call once).
    void observe(Document* document);
    void setResult(ResultPtr result);
    ResultPtr result() const { return result_; }

    QCustomPlot* plot() const { return plot_; }
    QCPAxisRect* meanRect() const { return meanRect_; }
    QCPAxisRect* varRect() const { return varRect_; }
    /// Channels drawn (one line each per panel) and points per line: the committed history (entry 0
    /// before the first step), plus in training mode the buffers after this pass as the last point.
    int channelCount() const { return channels_; }
    int stepCount() const { return steps_; }
    QString message() const;

    /// Above this many channels the legend is hidden (the lines stay).
    static constexpr int kMaxLegendChannels = 8;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    ResultPtr result_;
    QByteArray shownKey_; ///< plot_style::ContentKey of what is drawn
    QCustomPlot* plot_;
    QCPTextElement* title_;
    QCPTextElement* subtitle_;
    QCPAxisRect* meanRect_;
    QCPAxisRect* varRect_;
    QCPItemText* message_;
    int channels_ = 0;
    int steps_ = 0;
};

} // namespace normscope::ui
