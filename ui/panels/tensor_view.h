// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/result_snapshot.h"

#include <QString>
#include <QWidget>

#include <cstdint>

class QTextEdit;

namespace normscope::ui {
class TensorPictures;
}

namespace normscope::ui {

class Document;

/**
 * x, x-hat and y as PyTorch prints them (engine/report/torch_print.h: "tensor([[...]])", four
 * decimals, elided beyond 1000 elements), so the articles' printed tensors appear exactly as printed.
 * The lit group (of the hovered or selected element) is highlighted in all three, that element more.
 * For an image input (Experiment::image) the pictures of x and y come first (TensorPictures).
 */
class TensorView : public QWidget {
    Q_OBJECT

public:
    explicit TensorView(QWidget* parent = nullptr);

    /// Shows the document's result now and each one it publishes from then on (call once).
    void observe(Document* document);
    void setResult(normscope::ui::ResultPtr result);
    /// The element whose group is lit; -1 lights none.
    void setCell(std::int64_t flatIndex);
    std::int64_t cell() const { return cell_; }
    /// Picture mode: x and y drawn as pictures above the printed tensors (an image input).
    void setPicturesShown(bool on);
    bool picturesShown() const { return pictures_on_; }
    TensorPictures* pictures() const { return pictures_; }
    /// The three printed tensors as plain text, each after its name line, as last printed: a hidden
    /// view prints when it is shown.
    QString text() const;
    QString html() const { return html_; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    void refresh();

    ResultPtr result_;
    std::int64_t cell_ = -1;
    QString html_;
    QTextEdit* edit_ = nullptr;
    TensorPictures* pictures_ = nullptr;
    bool pictures_on_ = false;
    bool stale_ = false;         ///< a result or cell arrived while hidden
    bool picturesStale_ = false; ///< the pictures are not the current result's yet
};

} // namespace normscope::ui
