// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include <QGroupBox>

#include <cstdint>

class QComboBox;
class QLabel;
class QPushButton;

namespace normscope::ui {

class Document;
class ExactSpinBox;

/**
 * The gradient view's control: which upstream gradient dL/dy the backward pass gets (off, one-hot
 * at the selected cell, all ones, random of a seed, or an .npy file). Each choice is an edit of the
 * Experiment (undoable, saved in sessions); the box shows what the Document holds afterwards.
 */
class GradientBox : public QGroupBox {
    Q_OBJECT

public:
    explicit GradientBox(Document* document, QWidget* parent = nullptr);

    QComboBox* kindCombo() const { return kind_; }
    ExactSpinBox* seedSpin() const { return seed_; }

    /// The cube's selection: with a one-hot gradient, the 1 moves to this cell (an undo step).
    void setSelectedCell(std::int64_t flatIndex);

protected:
    void changeEvent(QEvent* event) override;

private:
    void refresh();
    void apply(int comboIndex);
    void loadFile();

    Document* document_;
    QComboBox* kind_ = nullptr;
    ExactSpinBox* seed_ = nullptr;
    QLabel* seedLabel_ = nullptr;
    QPushButton* file_ = nullptr;
    QLabel* note_ = nullptr;
    std::int64_t selected_ = -1;
};

} // namespace normscope::ui
