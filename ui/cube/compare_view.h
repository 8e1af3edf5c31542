// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/cube/compare_stats.h"
#include "ui/cube/cube_view.h"
#include "ui/document/result_snapshot.h"

#include <QString>
#include <QWidget>

#include <cstdint>
#include <vector>

class QGridLayout;

namespace normscope::ui {

class Document;

/**
 * The Group Normalization paper's figure, live: one small cube per norm (BatchNorm, LayerNorm,
 * InstanceNorm, GroupNorm, RMSNorm) on the same input, side by side. Selecting or hovering a cell in
 * one cube lights the group of that same element in every cube, and rotating one turns them all.
 * Beneath each cube: its number of groups, group size and the range of its groups' statistics.
 */
class CompareView : public QWidget {
    Q_OBJECT

public:
    explicit CompareView(QWidget* parent = nullptr);

    /// Shows the document's compare results now and each set it publishes from then on (call once).
    void observe(Document* document);
    /// One result per column, in the order given (the Document sends Batch, Layer, Instance, Group, Rms).
    void setResults(const std::vector<normscope::ui::ResultPtr>& results);
    int count() const { return static_cast<int>(results_.size()); }
    CubeView* cube(int column) const;
    /// The statistics line beneath a column, as plain text.
    QString statsText(int column) const;

    void setValueSource(CubeView::ValueSource source);
    void setHighlightMode(CubeView::HighlightMode mode);
    void setExploded(bool on, int axis);
    void resetView();
    /// Selects the same element in every cube; -1 clears.
    void selectCell(std::int64_t flatIndex);
    std::int64_t selectedCell() const { return selected_; }

Q_SIGNALS:
    void cellSelected(std::int64_t flatIndex);
    void cellHovered(std::int64_t flatIndex);

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    /// Every column's caption as tall as the tallest, so the cubes share one scale.
    void equalizeCaptions();
    void fitColumns();
    void arrange(int perRow); ///< the columns in rows of perRow (cube above its table)
    QFont statsFont() const;
    void ensureColumns(int count);
    static CompareStats::Content statsContent(const ResultPtr& result);

    std::vector<ResultPtr> results_;
    std::vector<CubeView*> cubes_;
    std::vector<CompareStats*> stats_;
    QGridLayout* grid_ = nullptr;
    CubeView::ValueSource source_ = CubeView::ValueSource::Input;
    CubeView::HighlightMode mode_ = CubeView::HighlightMode::HoveredGroup;
    bool exploded_ = false;
    int explodeAxis_ = 1;
    std::int64_t selected_ = -1;
    bool syncing_ = false;
    int perRow_ = 0;          ///< columns per row: all of them, or half in two rows (fitColumns)
    double statsScale_ = 1.0; ///< the tables' type, smaller where five columns would not fit (fitColumns)
};

} // namespace normscope::ui
