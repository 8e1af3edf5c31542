// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/cube/color_bar.h"

#include "ui/document/number_text.h"

#include <QLinearGradient>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace normscope::ui {

QString formatTick(double value)
{
    // A tick computed as lo + i * step lands a rounding error away from zero: "1.388e-17" is noise.
    if (std::abs(value) < 1e-12)
        return QStringLiteral("0");
    return significantText(value, 4);
}

ColorBar::ColorBar(QWidget* parent) : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent, false);
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 1.05);
    setFont(f);
}

void ColorBar::setColorMap(const ColorMap& map)
{
    map_ = map;
    update();
}

void ColorBar::setTitle(const QString& title)
{
    title_ = title;
    update();
}

void ColorBar::setOrientation(Qt::Orientation orientation)
{
    orientation_ = orientation;
    updateGeometry();
    update();
}

void ColorBar::setSaturated(bool saturated)
{
    saturated_ = saturated;
    updateGeometry();
    update();
}

QString ColorBar::tickLabel(std::size_t i) const
{
    const auto t = ticks();
    const QString text = formatTick(t[i]);
    if (!saturated_)
        return text;
    if (i == 0)
        return QStringLiteral("\u2264 ") + text;
    if (i + 1 == t.size())
        return QStringLiteral("\u2265 ") + text;
    return text;
}

std::vector<double> ColorBar::ticks() const
{
    std::vector<double> out;
    constexpr int kSteps = 4;
    for (int i = 0; i <= kSteps; ++i)
        out.push_back(map_.lower() + (map_.upper() - map_.lower()) * i / kSteps);
    return out;
}

QSize ColorBar::sizeHint() const
{
    const QFontMetrics fm(font());
    const int labelWidth = fm.horizontalAdvance(QStringLiteral("-0.0000e-00"));
    if (orientation_ == Qt::Vertical)
        return {labelWidth + 34, 240};
    return {240, fm.height() * 2 + 18};
}

QSize ColorBar::minimumSizeHint() const
{
    const QSize hint = sizeHint();
    return orientation_ == Qt::Vertical ? QSize(hint.width(), 100) : QSize(120, hint.height());
}

void ColorBar::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    const QFontMetrics fm(font());
    const QColor ink(30, 30, 30);
    const auto ticks = this->ticks();

    if (orientation_ == Qt::Vertical) {
        const int titleHeight = title_.isEmpty() ? 0 : fm.height() + 6;
        const QRectF bar(4, titleHeight + fm.height() / 2.0, 16,
                         std::max(10.0, height() - titleHeight - fm.height() - 2.0));
        if (!title_.isEmpty()) {
            QFont bold = font();
            bold.setBold(true);
            p.setFont(bold);
            p.setPen(ink);
            p.drawText(QRectF(0, 0, width(), titleHeight), Qt::AlignLeft | Qt::AlignVCenter, title_);
            p.setFont(font());
        }
        QLinearGradient gradient(bar.bottomLeft(), bar.topLeft());
        for (int i = 0; i <= 16; ++i)
            gradient.setColorAt(i / 16.0, QColor::fromRgb(map_.colorAt(i / 16.0)));
        p.fillRect(bar, gradient);
        p.setPen(QPen(ink, 1));
        p.drawRect(bar);
        for (std::size_t i = 0; i < ticks.size(); ++i) {
            const double t = static_cast<double>(i) / (ticks.size() - 1);
            const double y = bar.bottom() - t * bar.height();
            p.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + 5, y));
            p.drawText(QRectF(bar.right() + 8, y - fm.height() / 2.0, width() - bar.right() - 8, fm.height()),
                       Qt::AlignLeft | Qt::AlignVCenter, tickLabel(i));
        }
        return;
    }

    // Horizontal: title on the left of the bar, numbers below it.
    const int titleWidth = title_.isEmpty() ? 0 : fm.horizontalAdvance(title_) + 10;
    const double margin = fm.horizontalAdvance(QStringLiteral("-0.000")) / 2.0;
    const QRectF bar(titleWidth + margin, 2, std::max(10.0, width() - titleWidth - 2 * margin), 12);
    if (!title_.isEmpty()) {
        QFont bold = font();
        bold.setBold(true);
        p.setFont(bold);
        p.setPen(ink);
        p.drawText(QRectF(0, 0, titleWidth, bar.bottom() + 2), Qt::AlignLeft | Qt::AlignVCenter, title_);
        p.setFont(font());
    }
    QLinearGradient gradient(bar.topLeft(), bar.topRight());
    for (int i = 0; i <= 16; ++i)
        gradient.setColorAt(i / 16.0, QColor::fromRgb(map_.colorAt(i / 16.0)));
    p.fillRect(bar, gradient);
    p.setPen(QPen(ink, 1));
    p.drawRect(bar);
    // Low, middle and high; a narrow bar (a compare column, presenter mode's large font) drops the
    // middle number rather than print the three over each other.
    const auto place = [&](std::size_t i) {
        const double x = bar.left() + static_cast<double>(i) / (ticks.size() - 1) * bar.width();
        const double w = fm.horizontalAdvance(tickLabel(i));
        return std::pair<double, double>(x, std::clamp(x - w / 2, 0.0, width() - w));
    };
    const std::size_t last = ticks.size() - 1;
    std::vector<std::size_t> shown = {0, last / 2, last};
    const double gap = fm.horizontalAdvance(QLatin1Char(' '));
    for (std::size_t k = 1; k < shown.size(); ++k) {
        const double rightOfPrevious = place(shown[k - 1]).second + fm.horizontalAdvance(tickLabel(shown[k - 1]));
        if (place(shown[k]).second < rightOfPrevious + gap) {
            shown = {0, last};
            break;
        }
    }
    for (const std::size_t i : shown) {
        const auto [x, left] = place(i);
        p.drawLine(QPointF(x, bar.bottom()), QPointF(x, bar.bottom() + 4));
        p.drawText(QPointF(left, bar.bottom() + 5 + fm.ascent()), tickLabel(i));
    }
}

} // namespace normscope::ui
