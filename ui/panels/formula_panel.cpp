// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/panels/formula_panel.h"

#include "ui/document/document.h"
#include "ui/document/cell_info.h"
#include "ui/document/layout_text.h"

#include <QEvent>
#include <QLabel>
#include <QTextDocument>
#include <QVBoxLayout>

namespace normscope::ui {

namespace {

/// A number as it appears inside a formula: negative numbers in parentheses.
QString term(double value)
{
    const QString s = formatNumber(value);
    return value < 0 ? QStringLiteral("(%1)").arg(s) : s;
}

QString sqrtOf(const QString& inner)
{
    return QStringLiteral("\u221a(%1)").arg(inner);
}

/// The backward pass for one element: dL/dx's formula, then with this element's numbers.
QString gradientHtml(const CellInfo& info)
{
    QString numbers;
    if (info.runningStats)
        numbers = QStringLiteral("%1 \u00b7 %2").arg(term(info.g), term(info.rstd));
    else if (info.rms)
        numbers = QStringLiteral("%1 \u00b7 (%2 \u2212 %3 \u00b7 %4)")
                      .arg(term(info.rstd), term(info.g), term(info.xhat), term(info.meanGXhat));
    else
        numbers = QStringLiteral("%1 \u00b7 (%2 \u2212 %3 \u2212 %4 \u00b7 %5)")
                      .arg(term(info.rstd), term(info.g), term(info.meanG), term(info.xhat), term(info.meanGXhat));
    QString html = FormulaPanel::tr("<p><b>Backward:</b> dL/dy = %1, g = dL/dy \u00b7 \u03b3 = %2")
                       .arg(formatNumber(info.dy), formatNumber(info.g));
    if (!info.runningStats) {
        html += info.rms
            ? FormulaPanel::tr(", over the group mean(g \u00b7 x-hat) = %1").arg(formatNumber(info.meanGXhat))
            : FormulaPanel::tr(", over the group mean(g) = %1, mean(g \u00b7 x-hat) = %2")
                  .arg(formatNumber(info.meanG), formatNumber(info.meanGXhat));
    }
    html += QStringLiteral("</p><p style='font-size:large'>dL/dx = %1<br>&nbsp;&nbsp;= %2 = <b>%3</b></p>")
                .arg(info.gradientFormula().toHtmlEscaped(), numbers.toHtmlEscaped(), formatNumber(info.dx));
    if (info.runningStats)
        html += FormulaPanel::tr("<p style='color:#444'>Eval with running statistics: the mean and the variance "
                                 "are constants, so dL/dy reaches x through this element alone.</p>");
    else
        html += FormulaPanel::tr("<p style='color:#444'>The statistics come from the input: dL/dy reaches every "
                                 "element of the group through mean(g) and mean(g \u00b7 x-hat).</p>");
    return html;
}

} // namespace

FormulaPanel::FormulaPanel(QWidget* parent) : QWidget(parent), label_(new QLabel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    label_->setTextFormat(Qt::RichText);
    label_->setWordWrap(true);
    label_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 1.15);
    label_->setFont(f);
    layout->addWidget(label_);
    layout->addStretch(1);
    refresh();
}

void FormulaPanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        QFont f = font();
        f.setPointSizeF(f.pointSizeF() * 1.15);
        label_->setFont(f);
    }
}

QFont FormulaPanel::formulaFont() const
{
    return label_->font();
}

void FormulaPanel::observe(Document* document)
{
    connect(document, &Document::resultChanged, this, &FormulaPanel::setResult);
    setResult(document->result());
}

void FormulaPanel::setResult(ResultPtr result)
{
    result_ = std::move(result);
    if (!result_ || cell_ >= result_->input.numel())
        cell_ = -1;
    refresh();
}

void FormulaPanel::setCell(std::int64_t flatIndex)
{
    cell_ = flatIndex < 0 ? -1 : flatIndex;
    refresh();
}

QString FormulaPanel::text() const
{
    QTextDocument doc;
    doc.setHtml(html_);
    return doc.toPlainText();
}

void FormulaPanel::refresh()
{
    if (!result_) {
        html_ = tr("<p>No result yet.</p>");
        label_->setText(html_);
        return;
    }
    const ResultSnapshot& r = *result_;
    if (!r.ok()) {
        html_ = tr("<p style='color:#8c0000'><b>Not computed:</b> %1</p>")
                    .arg(QString::fromStdString(r.error).toHtmlEscaped());
        label_->setText(html_);
        return;
    }

    const bool rms = !r.spec.subtractsMean();
    const bool running = !r.spec.usesInputStats();
    const bool gamma = r.spec.affine;
    const bool beta = r.spec.hasBias();
    const QString meanName = running ? QStringLiteral("running_mean") : QStringLiteral("mean");
    const QString varName = running ? QStringLiteral("running_var") : QStringLiteral("var");

    // The general formula.
    QString general = rms
        ? QStringLiteral("y = x / %1").arg(sqrtOf(QStringLiteral("mean(x\u00b2) + eps")))
        : QStringLiteral("y = (x \u2212 %1) / %2").arg(meanName, sqrtOf(varName + QStringLiteral(" + eps")));
    if (gamma)
        general += QStringLiteral(" \u00b7 \u03b3");
    if (beta)
        general += QStringLiteral(" + \u03b2");

    QString html = QStringLiteral("<p style='font-size:large'><b>%1</b></p>").arg(general.toHtmlEscaped());
    html += QStringLiteral("<p style='color:#444'>")
        + tr("%1.", "the layout's rule as a sentence").arg(layoutCaption(*r.layout).toHtmlEscaped());
    if (running)
        html += tr(" <b>Eval mode:</b> the statistics are the tracked running_mean and running_var of the "
                   "element's channel, not this batch's: their values before this pass, which eval "
                   "leaves as they are (num_batches_tracked = %1).")
                    .arg(r.num_batches_tracked_before);
    else if (r.passUpdatesRunningStats())
        html += tr(" This training pass normalises with the batch's statistics and moves running_mean and "
                   "running_var one step (num_batches_tracked %1 before this pass, %2 after it; the table "
                   "shows them after this pass).")
                    .arg(r.num_batches_tracked_before)
                    .arg(r.num_batches_tracked);
    if (!gamma)
        html += rms ? tr(" Affine is off: no \u03b3.") : tr(" Affine is off: no \u03b3 or \u03b2.");
    html += QStringLiteral("</p>");

    const CellInfo info = CellInfo::from(result_, cell_);
    if (!info.valid() || !info.hasResult) {
        html +=
            tr("<p style='color:#666'><i>Hover a cell of the cube to follow its numbers through the formula.</i></p>");
        html_ = html;
        label_->setText(html_);
        return;
    }

    const QString epsText = formatNumber(info.eps);
    QString substituted = rms
        ? QStringLiteral("y = %1 / %2")
              .arg(term(info.x), sqrtOf(formatNumber(info.var) + QStringLiteral(" + ") + epsText))
        : QStringLiteral("y = (%1 \u2212 %2) / %3")
              .arg(term(info.x), term(info.mean), sqrtOf(term(info.var) + QStringLiteral(" + ") + epsText));
    // "x-hat" rather than x with a combining circumflex: Qt's rich text misplaces combining marks.
    QString affineStep = QStringLiteral("x-hat");
    QString affineNumbers = term(info.xhat);
    if (gamma) {
        substituted += QStringLiteral(" \u00b7 ") + term(info.gamma.value_or(1.0));
        affineStep += QStringLiteral(" \u00b7 \u03b3");
        affineNumbers += QStringLiteral(" \u00b7 ") + term(info.gamma.value_or(1.0));
    }
    if (beta) {
        substituted += QStringLiteral(" + ") + term(info.beta.value_or(0.0));
        affineStep += QStringLiteral(" + \u03b2");
        affineNumbers += QStringLiteral(" + ") + term(info.beta.value_or(0.0));
    }

    html += tr("<p>Element (%1), x = <b>%2</b>, group %3 (%4 elements)%5:</p>")
                .arg(info.index.toHtmlEscaped(), formatNumber(info.x), info.groupLabel.toHtmlEscaped())
                .arg(info.groupSize)
                .arg(running ? tr(", statistics of channel c=%1").arg(info.channel) : QString());
    // The gradient view's backward step first: the forward pass below is the one it differentiates.
    if (info.hasGradient)
        html += gradientHtml(info);
    html += QStringLiteral("<p style='font-size:large'>%1<br>&nbsp;&nbsp;= %2 = %3<br>&nbsp;&nbsp;= <b>%4</b></p>")
                .arg(substituted.toHtmlEscaped(), affineStep.toHtmlEscaped(), affineNumbers.toHtmlEscaped(),
                     formatNumber(info.y));
    QString stats = rms
        ? QStringLiteral("mean(x\u00b2) = %1").arg(formatNumber(info.var))
        : QStringLiteral("%1 = %2, %3 = %4").arg(meanName, formatNumber(info.mean), varName, formatNumber(info.var));
    html += QStringLiteral("<p style='color:#444'>%1, eps = %2, rstd = 1/%3 = %4, x-hat = %5</p>")
                .arg(stats.toHtmlEscaped(), epsText,
                     sqrtOf(rms ? QStringLiteral("mean(x\u00b2) + eps") : varName + QStringLiteral(" + eps"))
                         .toHtmlEscaped(),
                     formatNumber(info.rstd), formatNumber(info.xhat));
    if (!r.gradError.empty())
        html +=
            tr("<p style='color:#8c0000'>No gradient: %1</p>").arg(QString::fromStdString(r.gradError).toHtmlEscaped());
    html_ = html;
    label_->setText(html_);
}

} // namespace normscope::ui
