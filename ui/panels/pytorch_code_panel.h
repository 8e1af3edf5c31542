// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/result_snapshot.h"

#include <QString>
#include <QWidget>

#include <memory>
#include <vector>

class QPlainTextEdit;
class QPushButton;

namespace normscope::ui {

class Document;

/// The code and the tensors too long to spell out, each a .npy file the code loads from its folder.
struct PyTorchCode {
    struct SideFile {
        QString fileName;                        ///< e.g. "normscope_x.npy", beside the .py
        std::shared_ptr<const AnyTensor> values; ///< in the result's dtype
    };
    QString text;
    std::vector<SideFile> sideFiles;
};

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

    /// Shows the document's result now and each one it publishes from then on while shown; hidden,
    /// the newest when shown again (ShownFollower; call once).
    void observe(Document* document);
    void setResult(ResultPtr result);
    ResultPtr result() const { return result_; }
    /// The text shown (empty without a result).
    QString code() const { return code_; }
    /// Copies code() to QGuiApplication::clipboard().
    void copyCode();

    /// The code for a snapshot; the panel shows this. Run with python3 and torch it rebuilds x, the
    /// module with its parameters and the running statistics before this pass, the mode, and y.
    /// Tensors of more than kMaxListedValues elements are loaded from side files named
    /// baseName_x.npy, baseName_weight.npy, ... (exportPyTorchCode writes them).
    static PyTorchCode codeFor(const ResultSnapshot& result, const QString& baseName = QStringLiteral("normscope"));
    /// Tensors are written as literals when they have at most this many values.
    static constexpr int kMaxListedValues = 1000;

private:
    ResultPtr result_;
    QString code_;
    QPlainTextEdit* text_;
    QPushButton* copy_;
};

} // namespace normscope::ui
