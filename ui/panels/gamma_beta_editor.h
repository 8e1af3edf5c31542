// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/experiment.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace normscope::ui {

class Document;

/**
 * gamma and beta, one row per channel (per element of normalized_shape for LayerNorm/RMSNorm),
 * editable in place, plus Randomize and Reset. Edits go to the Document as undo steps.
 */
class GammaBetaEditor : public QWidget {
    Q_OBJECT

public:
    /// Above this many parameters the table is not built (randomize and reset still work).
    static constexpr std::int64_t kMaxRows = 4096;

    explicit GammaBetaEditor(Document* document, QWidget* parent = nullptr);

    QTableWidget* table() const { return table_; }
    QPushButton* randomizeButton() const { return randomize_; }
    /// Shown instead of the table when there is nothing to list (affine off, too many parameters).
    QLabel* note() const { return note_; }
    QPushButton* resetButton() const { return reset_; }

    /// Shows the experiment's values; rebuilds rows only when the parameter count changes.
    void refresh(const Experiment& experiment);

private:
    void onItemChanged(int row, int column);

    Document* document_;
    QTableWidget* table_;
    QLabel* note_;
    QPushButton* randomize_;
    QPushButton* reset_;
    std::vector<double> shownWeight_, shownBias_;
    Shape shownParamShape_;
    bool shownHasBias_ = true;
    DType shownDType_ = DType::Float32;
};

} // namespace normscope::ui
