// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/result_snapshot.h"

#include <QString>
#include <QWidget>

class QPlainTextEdit;
class QPushButton;

namespace normscope::ui {

class Document;

/**
 * The PyTorch code that builds the same module for the same input: constructor with every argument
 * as PyTorch names it, the mode, parameters or running statistics the user changed (when short
 * enough to list), and the reduction the module does, written as torch calls. Every number is a
 * literal that reads back bit for bit (pythonFloatText, ui/document/number_text.h): eps and momentum
 * as the Python floats PyTorch keeps them, tensor values in the tensor's dtype.
 */
class PyTorchCodePanel : public QWidget {
    Q_OBJECT

public:
    explicit PyTorchCodePanel(QWidget* parent = nullptr);

    /// Shows the document's result now and each one it publishes from then on (call once).
    void observe(Document* document);
    void setResult(ResultPtr result);
    ResultPtr result() const { return result_; }
    /// The text shown (empty without a result).
    QString code() const { return code_; }
    /// Copies code() to QGuiApplication::clipboard().
    void copyCode();

    /// The code for a snapshot; the panel shows this.
    static QString codeFor(const ResultSnapshot& result);
    /// Parameter and buffer values are listed when there are at most this many.
    static constexpr int kMaxListedValues = 32;

private:
    ResultPtr result_;
    QString code_;
    QPlainTextEdit* text_;
    QPushButton* copy_;
};

} // namespace normscope::ui
