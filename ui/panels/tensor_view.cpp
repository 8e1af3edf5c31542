// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/panels/tensor_view.h"

#include "engine/report/torch_print.h"
#include "ui/document/document.h"
#include "ui/panels/tensor_pictures.h"

#include <QTextEdit>
#include <QVBoxLayout>

#include <vector>

namespace normscope::ui {

namespace {

/// One printed tensor as HTML: the lit group's elements on a yellow ground, the element itself orange.
/// litGroup -1 lights nothing; only the printed elements are looked up, so an elided tensor of
/// millions of elements costs what its few hundred printed ones cost.
QString printedHtml(const ElementAt& valueAt, const Shape& shape, DType dtype, const StatsLayout& layout,
                    std::int64_t litGroup, std::int64_t cell)
{
    const TorchPrint p = torchPrint(valueAt, shape, dtype);
    QString html;
    std::size_t at = 0;
    const auto plain = [&p, &html](std::size_t from, std::size_t to) {
        html += QString::fromStdString(p.text.substr(from, to - from)).toHtmlEscaped();
    };
    for (const PrintedElement& e : p.elements) {
        const bool isCell = e.flatIndex == cell;
        if (!isCell && (litGroup < 0 || layout.groupOf(e.flatIndex) != litGroup))
            continue;
        plain(at, e.offset);
        html += QStringLiteral("<span style='background:%1'>")
                    .arg(isCell ? QStringLiteral("#ffb74d") : QStringLiteral("#fff176"));
        plain(e.offset, e.offset + e.length);
        html += QStringLiteral("</span>");
        at = e.offset + e.length;
    }
    plain(at, p.text.size());
    return html;
}

} // namespace

TensorView::TensorView(QWidget* parent)
    : QWidget(parent),
      edit_(new QTextEdit(this)),
      pictures_(new TensorPictures(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    pictures_->setObjectName(QStringLiteral("tensorPictures"));
    pictures_->hide();
    layout->addWidget(pictures_);
    edit_->setReadOnly(true);
    edit_->setLineWrapMode(QTextEdit::NoWrap); // torch wraps at 80 columns itself
    edit_->setObjectName(QStringLiteral("tensorText"));
    layout->addWidget(edit_);
    refresh();
}

void TensorView::observe(Document* document)
{
    // The experiment says whether the input is pictures; the snapshot has only the numbers.
    connect(document, &Document::resultChanged, this, [this, document](ResultPtr result) {
        setPicturesShown(document->experiment().image);
        setResult(std::move(result));
    });
    setPicturesShown(document->experiment().image);
    setResult(document->result());
}

void TensorView::setPicturesShown(bool on)
{
    if (on == pictures_on_)
        return;
    pictures_on_ = on;
    picturesStale_ = true;
    refresh();
}

void TensorView::setResult(ResultPtr result)
{
    result_ = std::move(result);
    if (!result_ || cell_ >= result_->input.numel())
        cell_ = -1;
    picturesStale_ = true;
    refresh();
}

void TensorView::setCell(std::int64_t flatIndex)
{
    if (flatIndex == cell_)
        return;
    cell_ = flatIndex;
    if (result_ && cell_ >= result_->input.numel())
        cell_ = -1;
    refresh();
}

void TensorView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (stale_)
        refresh();
}

QString TensorView::text() const
{
    return edit_->toPlainText();
}

void TensorView::refresh()
{
    // Printing is only for the eye: a hidden tab waits until it is shown (every hover sets the cell).
    if (!isVisible()) {
        stale_ = true;
        return;
    }
    stale_ = false;
    if (picturesStale_) { // drawn per result, not per hovered cell
        picturesStale_ = false;
        pictures_->setResult(pictures_on_ ? result_ : ResultPtr());
        pictures_->setVisible(pictures_on_ && result_ && result_->ok());
    }
    if (!result_ || !result_->ok()) {
        html_ =
            QStringLiteral("<p>%1</p>").arg(tr("No result to print: the module refuses this input.").toHtmlEscaped());
        edit_->setHtml(html_);
        return;
    }
    const std::int64_t litGroup = cell_ >= 0 ? result_->layout->groupOf(cell_) : -1;
    // Only the printed elements are read: x-hat and y are computed for those.
    const ResultSnapshot& r = *result_;
    const struct {
        QString name;
        ElementAt valueAt;
    } parts[] = {{tr("x (the input)"), r.input.reader()},
                 {tr("x-hat (normalised)"), [&r](std::int64_t i) { return r.normalizedAt(i); }},
                 {tr("y (the output)"), [&r](std::int64_t i) { return r.outputAt(i); }}};
    html_.clear();
    for (const auto& part : parts) {
        html_ += QStringLiteral("<p><b>%1</b></p><pre>%2</pre>")
                     .arg(part.name.toHtmlEscaped(),
                          printedHtml(part.valueAt, r.shape, r.dtype, *r.layout, litGroup, cell_));
    }
    if (cell_ >= 0)
        html_ += QStringLiteral("<p><i>%1</i></p>")
                     .arg(tr("Highlighted: the group sharing one mean and variance; orange: the element itself.")
                              .toHtmlEscaped());
    edit_->setHtml(html_);
}

} // namespace normscope::ui
