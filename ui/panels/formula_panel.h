// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/result_snapshot.h"

#include <QString>
#include <QWidget>

#include <cstdint>

class QLabel;

namespace normscope::ui {

class Document;

/**
 * The norm's formula, y = (x - mean) / sqrt(var + eps) * gamma + beta (RMSNorm: y = x /
 * sqrt(mean(x^2) + eps) * gamma), with the numbers of one element substituted: the engine's mean,
 * variance, x-hat and y from the snapshot, so the student can follow one element through it.
 */
class FormulaPanel : public QWidget {
    Q_OBJECT

public:
    explicit FormulaPanel(QWidget* parent = nullptr);

    /// Shows the document's result now and each one it publishes from then on (call once).
    void observe(Document* document);
    void setResult(normscope::ui::ResultPtr result);
    /// The element whose numbers are substituted; -1 shows the formula alone.
    void setCell(std::int64_t flatIndex);
    std::int64_t cell() const { return cell_; }
    /// What the panel shows, as plain text.
    QString text() const;
    QString html() const { return html_; }
    /// The formula's font (1.15 times the panel's).
    QFont formulaFont() const;

protected:
    void changeEvent(QEvent* event) override; ///< a new font (presenter mode) scales the formula too

private:
    void refresh();

    ResultPtr result_;
    std::int64_t cell_ = -1;
    QString html_;
    QLabel* label_ = nullptr;
};

} // namespace normscope::ui
