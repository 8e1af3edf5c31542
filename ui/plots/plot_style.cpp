// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/plots/plot_style.h"

#include <QLabel>
#include <QTextDocument>
#include <QVBoxLayout>

#include <QApplication>

#include <qcustomplot.h>

#include <QFontMetrics>

#include <algorithm>

namespace normscope::ui::plot_style {

namespace {

QFont sized(double extra, bool bold = false)
{
    QFont f = QApplication::font();
    const double base = f.pointSizeF() > 0 ? f.pointSizeF() : 10.0;
    f.setPointSizeF(std::max(base + extra, 9.0 + extra));
    f.setBold(bold);
    return f;
}

} // namespace

QFont tickFont()
{
    return sized(1);
}
QFont labelFont()
{
    return sized(2);
}
QFont titleFont()
{
    return sized(3, true);
}
QFont noteFont()
{
    return sized(0);
}

QColor inputColor()
{
    return QColor(0x1f, 0x77, 0xb4);
}
QColor outputColor()
{
    return QColor(0xe6, 0x6a, 0x00);
}
QColor runningColor()
{
    return QColor(0x2c, 0xa0, 0x2c);
}

QColor categorical(int index)
{
    static const QColor palette[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                                     QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                                     QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22),
                                     QColor(0x17, 0xbe, 0xcf)};
    constexpr int n = int(sizeof(palette) / sizeof(palette[0]));
    return palette[((index % n) + n) % n];
}

QColor spread(int index, int count)
{
    if (count <= 10)
        return categorical(index);
    return QColor::fromHsvF(0.9 * double(index) / double(count), 0.75, 0.8);
}

void styleAxisRect(QCPAxisRect* rect)
{
    for (QCPAxis* axis : rect->axes()) {
        axis->setTickLabelFont(tickFont());
        axis->setLabelFont(labelFont());
        axis->setBasePen(QPen(QColor(0x60, 0x60, 0x60)));
        axis->setTickPen(QPen(QColor(0x60, 0x60, 0x60)));
        axis->setSubTickPen(QPen(QColor(0x90, 0x90, 0x90)));
        axis->grid()->setPen(QPen(QColor(0xe4, 0xe4, 0xe4), 0, Qt::SolidLine));
        axis->grid()->setZeroLinePen(QPen(QColor(0xb0, 0xb0, 0xb0), 0, Qt::SolidLine));
    }
}

void apply(QCustomPlot* plot)
{
    plot->setAntialiasedElements(QCP::aeAll);
    plot->setNotAntialiasedElements(QCP::aeAxes | QCP::aeGrid);
    plot->setBackground(Qt::white);
    plot->setNoAntialiasingOnDrag(true);
    // Legend entries are added on purpose: a hidden legend with entries still claims its row.
    plot->setAutoAddPlottableToLegend(false);
    QObject::connect(plot, &QCustomPlot::afterLayout, plot, [plot] { fitTickCounts(plot); });
    if (plot->axisRect())
        styleAxisRect(plot->axisRect());
    if (plot->legend) {
        plot->legend->setFont(noteFont());
        plot->legend->setBrush(QColor(255, 255, 255, 220));
        plot->legend->setBorderPen(QPen(QColor(0xc0, 0xc0, 0xc0)));
    }
}

void embed(QWidget* owner, QCustomPlot* plot, QSize minimumSize)
{
    auto* layout = new QVBoxLayout(owner);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot);
    owner->setMinimumSize(minimumSize);
    apply(plot);
}

QCPAxisRect* addLowerPanel(QCustomPlot* plot)
{
    auto* rect = new QCPAxisRect(plot);
    plot->plotLayout()->addElement(1, 0, rect);
    styleAxisRect(rect);
    return rect;
}

QCPTextElement* addTitle(QCustomPlot* plot, const QString& text)
{
    plot->plotLayout()->insertRow(0);
    auto* title = new QCPTextElement(plot, text, titleFont());
    title->setTextColor(QColor(0x30, 0x30, 0x30));
    plot->plotLayout()->addElement(0, 0, title);
    return title;
}

QCPTextElement* addSubtitle(QCustomPlot* plot)
{
    auto* subtitle = new QCPTextElement(plot, QString(), noteFont());
    subtitle->setTextColor(QColor(0x60, 0x60, 0x60));
    subtitle->setMargins(QMargins(4, 0, 4, 2));
    return subtitle; // enters the layout with its first text
}

void setSubtitle(QCPTextElement* subtitle, const QString& text, bool essential)
{
    subtitle->setText(text);
    subtitle->setProperty("essential", essential);
    // An empty text element still claims a line, so the row comes and goes with the text. A short
    // plot drops its explanatory line, but never one that says what the plot leaves out.
    QCPLayoutGrid* layout = subtitle->parentPlot()->plotLayout();
    const bool inLayout = subtitle->layout() != nullptr;
    const bool show = !text.isEmpty() && (essential || !subtitle->parentPlot()->property("compact").toBool());
    if (essential)
        subtitle->setTextColor(QColor(0x8a, 0x4b, 0x00));
    else
        subtitle->setTextColor(QColor(0x60, 0x60, 0x60));
    if (!show && inLayout) {
        layout->take(subtitle);
        layout->simplify();
    } else if (show && !inLayout) {
        const bool titled = layout->rowCount() > 0 && qobject_cast<QCPTextElement*>(layout->element(0, 0));
        const int row = titled ? 1 : 0;
        layout->insertRow(row);
        layout->addElement(row, 0, subtitle);
        layout->setRowStretchFactor(row, 0.001);
    }
}

void fitHeight(QCustomPlot* plot, int height, QCPTextElement* title, QCPTextElement* subtitle)
{
    // Three sizes: the full title; a smaller one below 320 px; none below 240 px, where the two
    // panels need every line and the dock's tab already names the plots.
    const int size = height < 240 ? 0 : height < 320 ? 1 : 2;
    if (plot->property("titleSize").isValid() && plot->property("titleSize").toInt() == size)
        return;
    plot->setProperty("titleSize", size);
    plot->setProperty("compact", size < 2);
    QFont font = size == 1 ? labelFont() : titleFont();
    font.setBold(true);
    title->setFont(font);
    QCPLayoutGrid* layout = plot->plotLayout();
    const bool inLayout = title->layout() != nullptr;
    if (size == 0 && inLayout) {
        layout->take(title);
        layout->simplify();
    } else if (size > 0 && !inLayout) {
        layout->insertRow(0);
        layout->addElement(0, 0, title);
        layout->setRowStretchFactor(0, 0.001);
    }
    if (subtitle)
        setSubtitle(subtitle, subtitle->text(), subtitle->property("essential").toBool());
}

void fitTickCounts(QCustomPlot* plot)
{
    // QCustomPlot does not avoid overlapping tick labels: fewer ticks on short or narrow axes.
    const QFontMetrics metrics(tickFont());
    for (QCPAxisRect* rect : plot->axisRects()) {
        const int vertical = std::clamp(rect->height() / (2 * metrics.height()), 2, 6);
        const int horizontal =
            std::clamp(rect->width() / (metrics.horizontalAdvance(QStringLiteral("-0.000")) * 2), 2, 8);
        for (QCPAxis* axis : rect->axes()) {
            const int count = axis->orientation() == Qt::Vertical ? vertical : horizontal;
            if (axis->ticker() && axis->ticker()->tickCount() != count)
                axis->ticker()->setTickCount(count);
        }
    }
}

namespace {

QLabel* legendLabel(QCustomPlot* plot)
{
    return plot->property("legendLabel").value<QLabel*>();
}

/// A legend entry's sample: a square for bars and filled curves, a diamond for scatter-only
/// graphs, a dash for lines; in the plottable's own colour.
QString entryHtml(const QCPAbstractPlottable* plottable)
{
    QString symbol = QStringLiteral("\u2501"); // a line
    QColor color = plottable->pen().color();
    if (qobject_cast<const QCPBars*>(plottable) || plottable->brush().style() != Qt::NoBrush) {
        symbol = QStringLiteral("\u25a0");
        if (plottable->brush().style() != Qt::NoBrush)
            color = plottable->brush().color();
        color.setAlpha(255);
    } else if (const auto* graph = qobject_cast<const QCPGraph*>(plottable);
               graph && graph->lineStyle() == QCPGraph::lsNone) {
        symbol = QStringLiteral("\u25c6");
        color = graph->scatterStyle().brush().color();
    }
    return QStringLiteral("<span style='color:%1'>%2</span>&nbsp;%3")
        .arg(color.name(), symbol,
             plottable->name().toHtmlEscaped().replace(QLatin1Char(' '), QStringLiteral("&nbsp;")));
}

} // namespace

void fitLegend(QCustomPlot* plot)
{
    // The legend is a wrapping label under the plot (legendAsStrip): Qt's layout gives each of its
    // lines room, where QCustomPlot's row sizing cut a wrapped legend in half in a short plot.
    QLabel* label = legendLabel(plot);
    if (!label)
        return;
    QStringList entries;
    if (plot->property("legendShown").toBool())
        for (int i = 0; i < plot->legend->itemCount(); ++i)
            if (auto* item = qobject_cast<QCPPlottableLegendItem*>(plot->legend->item(i)))
                entries << entryHtml(item->plottable());
    label->setText(entries.join(QStringLiteral("&nbsp;&nbsp;&nbsp; ")));
    label->setVisible(!entries.isEmpty());
}

void legendAsStrip(QCustomPlot* plot, int)
{
    // QCustomPlot's own legend keeps the entries (their names, order and colours); it is never drawn.
    plot->legend->setVisible(false);
    auto* label = new QLabel(plot->parentWidget());
    label->setObjectName(QStringLiteral("plotLegend"));
    label->setTextFormat(Qt::RichText);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignCenter);
    label->setFont(noteFont());
    label->setContentsMargins(6, 0, 6, 2);
    label->setAutoFillBackground(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::Window, Qt::white);
    label->setPalette(palette);
    label->hide();
    label->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum); // the plot takes the spare height
    if (auto* layout = qobject_cast<QVBoxLayout*>(plot->parentWidget()->layout())) {
        layout->setSpacing(0);
        layout->setStretch(0, 1);
        layout->addWidget(label, 0);
    }
    plot->setProperty("legendLabel", QVariant::fromValue(label));
}

void setLegendVisible(QCustomPlot* plot, bool visible)
{
    plot->setProperty("legendShown", visible);
    fitLegend(plot);
}

QString legendText(const QCustomPlot* plot)
{
    const QLabel* label = plot->property("legendLabel").value<QLabel*>();
    if (!label || label->isHidden())
        return {};
    QTextDocument doc;
    doc.setHtml(label->text());
    return doc.toPlainText();
}

void useIntegerTicks(QCPAxis* axis)
{
    auto* ticker = new QCPAxisTickerFixed;
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    axis->setTicker(QSharedPointer<QCPAxisTicker>(ticker)); // as the base type: see GroupStatsPlot::updateTicks
}

QCPItemText* addMessage(QCustomPlot* plot)
{
    // Centred on the whole plot: a two-panel plot's message may be taller than one panel.
    auto* item = new QCPItemText(plot);
    item->setClipToAxisRect(false);
    item->position->setType(QCPItemPosition::ptViewportRatio);
    item->position->setCoords(0.5, 0.55);
    item->setPositionAlignment(Qt::AlignCenter);
    item->setTextAlignment(Qt::AlignCenter);
    item->setFont(labelFont());
    item->setPadding(QMargins(10, 6, 10, 6));
    item->setBrush(QColor(255, 255, 255, 230));
    item->setVisible(false);
    return item;
}

void setMessage(QCPItemText* item, const QString& text, bool error)
{
    // QCPItemText does not wrap; long engine messages are broken at spaces.
    QString wrapped;
    int lineLength = 0;
    for (const QString& word : text.split(QLatin1Char(' '))) {
        if (lineLength > 0 && lineLength + word.size() > 56) {
            wrapped += QLatin1Char('\n');
            lineLength = 0;
        } else if (lineLength > 0) {
            wrapped += QLatin1Char(' ');
            ++lineLength;
        }
        wrapped += word;
        lineLength += int(word.size());
    }
    item->setText(wrapped);
    item->setProperty("message", text);
    item->setColor(error ? QColor(0xb0, 0x20, 0x20) : QColor(0x50, 0x50, 0x50));
    item->setVisible(!text.isEmpty());
    // A message replaces the plot: no empty axes or stale bars behind it. The axes and data are
    // hidden one by one: hiding the axis rects would hide the message with them.
    QCustomPlot* plot = item->parentPlot();
    for (QCPAxisRect* rect : plot->axisRects())
        for (QCPAxis* axis : rect->axes(QCPAxis::atLeft | QCPAxis::atBottom))
            axis->setVisible(text.isEmpty());
    if (!text.isEmpty()) // the plots set their data's visibility themselves with each result
        for (int i = 0; i < plot->plottableCount(); ++i)
            plot->plottable(i)->setVisible(false);
}

QString message(const QCPItemText* item)
{
    return item->visible() ? item->property("message").toString() : QString();
}

ContentKey& ContentKey::operator<<(const QString& text)
{
    *this << qint64(text.size());
    bytes_.append(reinterpret_cast<const char*>(text.utf16()), text.size() * qsizetype(sizeof(char16_t)));
    return *this;
}

ContentKey& ContentKey::operator<<(double value)
{
    bytes_.append(reinterpret_cast<const char*>(&value), sizeof value); // the bits: NaN equals NaN
    return *this;
}

ContentKey& ContentKey::operator<<(qint64 value)
{
    bytes_.append(reinterpret_cast<const char*>(&value), sizeof value);
    return *this;
}

ContentKey& ContentKey::numbers(const double* values, std::size_t count)
{
    *this << qint64(count);
    bytes_.append(reinterpret_cast<const char*>(values), qsizetype(count * sizeof(double)));
    return *this;
}

bool needsRebuild(QByteArray& shownKey, const ContentKey& key, bool sameResult)
{
    if (!sameResult && !shownKey.isEmpty() && key.bytes() == shownKey)
        return false;
    shownKey = key.bytes();
    return true;
}

} // namespace normscope::ui::plot_style
