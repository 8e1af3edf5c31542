// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#include "ui/cube/cube_texts.h"

#include "ui/cube/scaled_font.h"
#include "ui/document/cell_info.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>

namespace normscope::ui {

CubeTexts::CubeTexts()
{
    for (QTextDocument* doc : {&caption_, &note_, &status_})
        doc->setDocumentMargin(0);
}

bool CubeTexts::set(const QString& caption, const QString& failedModule, const QString& note, const QString& statusHtml,
                    const QFont& base, bool compact)
{
    // A view sets its texts after every result; an eps change rarely changes them, and laying out
    // rich text for five compare columns cost milliseconds each time.
    const QStringList texts{caption, failedModule, note, statusHtml};
    if (texts == lastTexts_ && base == lastBase_ && compact == lastCompact_)
        return false;
    lastTexts_ = texts;
    lastBase_ = base;
    lastCompact_ = compact;
    const QColor ink(25, 25, 25);
    const QString style = QStringLiteral("<div style='color:%1'>").arg(ink.name());
    QString html;
    if (!caption.isEmpty()) {
        const int colon = caption.indexOf(QLatin1Char(':'));
        const QString name = colon > 0 ? caption.left(colon) : QString();
        const QString rest = colon > 0 ? caption.mid(colon + 1).trimmed() : caption;
        html = compact ? QStringLiteral("<div align='center'><b>%1</b><br>"
                                        "<span style='color:#333'>%2</span></div>")
                             .arg(name.toHtmlEscaped(), rest.toHtmlEscaped())
                       : QStringLiteral("<b>%1:</b> %2").arg(name.toHtmlEscaped(), rest.toHtmlEscaped());
    } else if (!failedModule.isEmpty()) {
        html = QStringLiteral("<b>%1</b>").arg(failedModule.toHtmlEscaped());
    }
    // The compare view's columns are read from the back of a room too: no smaller than the base font.
    captionFont_ = scaledFont(base, compact ? 1.05 : 1.3);
    captionName_ =
        compact && caption.indexOf(QLatin1Char(':')) > 0 ? caption.left(caption.indexOf(QLatin1Char(':'))) : QString();
    caption_.setDefaultFont(captionFont_);
    caption_.setHtml(style + html + QStringLiteral("</div>"));
    if (caption_.textWidth() > 0)
        fitCaption(caption_.textWidth()); // the width the view laid it out at

    note_.setDefaultFont(scaledFont(base, compact ? 0.9 : 0.95));
    note_.setHtml(note.isEmpty()
                      ? QString()
                      : QStringLiteral("<div align='%1' style='color:#7a4a00'><i>%2</i></div>")
                            .arg(compact ? QStringLiteral("center") : QStringLiteral("left"), note.toHtmlEscaped()));

    status_.setDefaultFont(scaledFont(base, 1.05));
    status_.setHtml(style + statusHtml + QStringLiteral("</div>"));
    return true;
}

QString CubeTexts::statusHtml(const ResultPtr& result, std::int64_t litGroup, bool allGroups)
{
    if (!result)
        return tr("No result yet.");
    if (!result->ok())
        return {};
    const bool rms = !result->spec.subtractsMean();
    if (litGroup >= 0) {
        const StatsLayout& layout = *result->layout;
        const CellInfo info = CellInfo::from(result, layout.segmentStart(litGroup, 0));
        QString numbers = rms
            ? QStringLiteral("%1 = %2").arg(info.varName(), formatNumber(info.var))
            : tr("%1 = %2, %3 = %4", "mean = 4, var = 6")
                  .arg(info.meanName(), formatNumber(info.mean), info.varName(), formatNumber(info.var));
        return tr("<b>Lit:</b> group %1 &mdash; the %2 elements that share one %3 (%4)")
            .arg(QString::fromStdString(layout.groupLabel(litGroup)).toHtmlEscaped())
            .arg(layout.groupSize())
            .arg(statisticsName(rms))
            .arg(numbers.toHtmlEscaped());
    }
    if (allGroups)
        return tr("Each colour is one of the %1 groups; hover a cell to pick its group out.")
            .arg(result->layout->groupCount());
    return tr("Hover a cell to light up every element that shares its %1; click to keep it lit.")
        .arg(statisticsName(rms));
}

double CubeTexts::captionHeight(double width, bool compact) const
{
    fitCaption(width);
    const double h = caption_.size().height();
    if (!compact)
        return h;
    const QFontMetricsF name(scaledFont(caption_.defaultFont(), 1.0, true));
    // Room for a four-line rule, so that the compare view's five cubes start at one height and are
    // drawn at one scale.
    const QFontMetricsF rule(caption_.defaultFont());
    return std::max(h, name.lineSpacing() + 4 * rule.lineSpacing());
}

void CubeTexts::fitCaption(double width) const
{
    // A compact column narrower than the module's name ("InstanceNorm" in presenter mode) gets
    // smaller type rather than the name broken in the middle of the word.
    QFont font = captionFont_;
    if (!captionName_.isEmpty() && width > 0) {
        QFont bold = font;
        bold.setBold(true);
        const double nameWidth = QFontMetricsF(bold).horizontalAdvance(captionName_) * 1.05;
        if (nameWidth > width)
            font.setPointSizeF(font.pointSizeF() * std::max(0.6, width / nameWidth));
    }
    if (caption_.defaultFont() != font)
        caption_.setDefaultFont(font);
    caption_.setTextWidth(width);
}

double CubeTexts::noteHeight(double width) const
{
    note_.setTextWidth(width);
    return note_.size().height();
}

double CubeTexts::statusHeight(double width) const
{
    status_.setTextWidth(width);
    // Two lines are reserved, so that hovering does not move the cube; more when the text needs
    // them (a third line, or a CJK fallback font's taller lines).
    return std::max(2 * QFontMetricsF(status_.defaultFont()).lineSpacing() + 2, status_.size().height());
}

void CubeTexts::paint(QPainter& p, const QRectF& captionRect, const QRectF& noteRect, const QRectF& statusRect) const
{
    if (!captionRect.isNull()) {
        p.save();
        p.translate(captionRect.topLeft());
        caption_.drawContents(&p);
        p.restore();
    }
    if (!noteRect.isNull()) {
        p.save();
        p.translate(noteRect.topLeft());
        note_.drawContents(&p);
        p.restore();
    }
    if (!statusRect.isNull()) {
        p.save();
        p.translate(statusRect.topLeft());
        status_.drawContents(&p, QRectF(QPointF(0, 0), statusRect.size()));
        p.restore();
    }
}

} // namespace normscope::ui
