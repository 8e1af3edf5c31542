// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/result_snapshot.h"

#include <QStringList>
#include <QByteArray>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QCPAxisRect;
class QCPItemText;
class QCPTextElement;

namespace normscope::ui {

class Document;

/**
 * Per-group mean (top) and biased variance (bottom) of x against the group index, from the
 * engine's group summary: bars for a few groups, a thin line for many; the group labels ("c=3")
 * name the ticks when they fit. RMSNorm's bottom panel shows the mean square E[x^2] it divides by;
 * tracked running statistics appear as markers beside the batch statistics.
 */
class GroupStatsPlot : public QWidget {
    Q_OBJECT

public:
    explicit GroupStatsPlot(QWidget* parent = nullptr);

    /// Shows the document's result now and each one it publishes from then on while shown; hidden,
    /// the newest when shown again (ShownFollower; call once).
    void observe(Document* document);
    void setResult(ResultPtr result);
    ResultPtr result() const { return result_; }

    QCustomPlot* plot() const { return plot_; }
    QCPAxisRect* meanRect() const { return meanRect_; }
    QCPAxisRect* varRect() const { return varRect_; }
    /// What is plotted now, one entry per group (empty on error or without a result).
    const std::vector<double>& plottedMeans() const { return means_; }
    const std::vector<double>& plottedVars() const { return vars_; }
    /// True when the tick labels are the layout's group labels.
    bool usesGroupLabels() const { return groupLabels_; }
    QString message() const;

    /// At most this many groups are drawn as bars (and labelled up to kMaxLabelledGroups).
    static constexpr int kMaxBars = 64;
    static constexpr int kMaxLabelledGroups = 16;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    /// Group labels on one line, on two, or group indices: whatever fits the width.
    void updateTicks();

    ResultPtr result_;

    QByteArray shownKey_; ///< plot_style::ContentKey of what is drawn
    QCustomPlot* plot_;
    QCPTextElement* title_;
    QCPTextElement* subtitle_;
    QCPAxisRect* meanRect_;
    QCPAxisRect* varRect_;
    QCPItemText* message_;
    std::vector<double> means_, vars_;
    QStringList labels_; ///< short group labels when there are few groups
    bool groupLabels_ = false;
};

} // namespace normscope::ui
