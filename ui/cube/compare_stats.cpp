// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/cube/compare_stats.h"

#include <QEvent>
#include <QFontMetrics>
#include <QPainter>

#include <algorithm>

namespace normscope::ui {

namespace {

constexpr int kCellPadding = 1; ///< around each table cell
constexpr int kNameGap = 6;     ///< between a name and its value
const QColor kNameColor(0x55, 0x55, 0x55);
const QColor kErrorColor(0x8c, 0x00, 0x00);

bool operator==(const CompareStats::Content& a, const CompareStats::Content& b)
{
    return a.heading == b.heading && a.mode == b.mode && a.rows == b.rows && a.error == b.error;
}

} // namespace

CompareStats::CompareStats(QWidget* parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

bool CompareStats::setContent(Content content)
{
    if (content == content_)
        return false;
    content_ = std::move(content);
    relayout();
    update();
    return true;
}

QString CompareStats::plainText() const
{
    QStringList lines = content_.heading;
    if (!content_.mode.isEmpty())
        lines << content_.mode;
    for (const auto& [name, value] : content_.rows)
        lines << name + QLatin1Char('\t') + value;
    if (!content_.error.isEmpty())
        lines << content_.error;
    return lines.join(QLatin1Char('\n'));
}

QFont CompareStats::boldFont() const
{
    QFont bold = font();
    bold.setBold(true);
    return bold;
}

void CompareStats::relayout()
{
    const QFontMetrics plain(font());
    const QFontMetrics bold(boldFont());
    int width = 0;
    for (const QString& line : content_.heading)
        width = std::max(width, bold.horizontalAdvance(line));
    width = std::max(width, plain.horizontalAdvance(content_.mode));
    width = std::max(width, plain.horizontalAdvance(content_.error));
    nameWidth_ = valueWidth_ = 0;
    for (const auto& [name, value] : content_.rows) {
        nameWidth_ = std::max(nameWidth_, plain.horizontalAdvance(name));
        valueWidth_ = std::max(valueWidth_, bold.horizontalAdvance(value));
    }
    const int rows = static_cast<int>(content_.rows.size());
    if (rows > 0)
        width = std::max(width, nameWidth_ + kNameGap + valueWidth_ + 4 * kCellPadding);
    const int lines = static_cast<int>(content_.heading.size()) + (content_.mode.isEmpty() ? 0 : 1)
        + (content_.error.isEmpty() ? 0 : 1);
    lineHeight_ = std::max(plain.lineSpacing(), bold.lineSpacing());
    const QSize size(width + 2, lines * lineHeight_ + rows * (lineHeight_ + 2 * kCellPadding) + 2);
    if (size != size_) {
        size_ = size;
        updateGeometry();
    }
}

void CompareStats::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QFont bold = boldFont();
    const QColor text = palette().color(QPalette::WindowText);
    int y = 0;
    const auto centred = [&](const QString& line, const QFont& f, const QColor& color) {
        painter.setFont(f);
        painter.setPen(color);
        painter.drawText(QRect(0, y, width(), lineHeight_),
                         Qt::AlignHCenter | Qt::AlignVCenter | Qt::TextSingleLine | Qt::TextDontClip, line);
        y += lineHeight_;
    };
    for (const QString& line : content_.heading)
        centred(line, bold, text);
    if (!content_.mode.isEmpty())
        centred(content_.mode, font(), text);
    if (!content_.error.isEmpty())
        centred(content_.error, font(), kErrorColor);
    const int tableWidth = nameWidth_ + kNameGap + valueWidth_ + 4 * kCellPadding;
    const int nameX = (width() - tableWidth) / 2 + kCellPadding;
    const int valueX = nameX + nameWidth_ + kNameGap + 2 * kCellPadding;
    for (const auto& [name, value] : content_.rows) {
        const int rowY = y + kCellPadding;
        painter.setFont(font());
        painter.setPen(kNameColor);
        painter.drawText(QRect(nameX, rowY, nameWidth_, lineHeight_),
                         Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip, name);
        painter.setFont(bold);
        painter.setPen(text);
        painter.drawText(QRect(valueX, rowY, valueWidth_, lineHeight_),
                         Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip, value);
        y += lineHeight_ + 2 * kCellPadding;
    }
}

void CompareStats::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) // presenter mode, or smaller type for five columns
        relayout();
}

} // namespace normscope::ui
