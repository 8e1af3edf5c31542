// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include <QDoubleSpinBox>

namespace normscope::ui {

/**
 * A spin box for a Python float: it shows the value's shortest exact text (ui/document/number_text.h)
 * and never rounds it to a number of decimals, so the number shown is the number used. The arrows
 * step by singleStep and land on a multiple of it (0.1 + 0.05 shows 0.15, not 0.15000000000000002).
 * Text reads in the C locale, like the command line and the PyTorch code.
 */
class ExactSpinBox : public QDoubleSpinBox {
    Q_OBJECT

public:
    /// The range is that of a finite double unless setRange narrows it.
    explicit ExactSpinBox(QWidget* parent = nullptr);

    QString textFromValue(double value) const override;
    double valueFromText(const QString& text) const override;
    QValidator::State validate(QString& text, int& pos) const override;
    void fixup(QString& text) const override;
    void stepBy(int steps) override;
    /// Whole numbers only (a seed): a fraction is not acceptable input.
    void setIntegral(bool on) { integral_ = on; }
    /// As wide as the value shown (at least "-0.0000"), not as the range's ends (DBL_MAX's digits).
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

private:
    QSize fitToValue(QSize hint) const;

    bool integral_ = false;
};

} // namespace normscope::ui
