// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/figure_export.h"

#include "engine/core/error.h"

#include <QBuffer>
#include <QPageSize>
#include <QPdfWriter>
#include <QMenuBar>
#include <QSvgGenerator>
#include <QTabBar>
#include <QWidget>

#include <qcustomplot.h>

#include <algorithm>

namespace normscope::ui {

namespace {

/**
 * Paints `widget` (a descendant of root, or root) and its visible children where they are in root,
 * each limited to the part its ancestors show (`visible`, in root's coordinates). Each widget is
 * rendered on its own, with Qt's offset rather than a painter translation: views that set their own
 * transform (the cube) stay in place, and no sibling's region is cut out of another, which Qt's
 * DrawChildren gets wrong on vector devices (the cube's caption lost under the tab bar in a PDF).
 * Plots are painted by QCustomPlot::toPainter, as vectors: their paint event only blits a pixmap.
 */
void paintTree(QCPPainter& painter, QWidget* root, QWidget* widget, const QRect& visible, bool menuBarAsPicture)
{
    const QPoint offset = widget->mapTo(root, QPoint());
    const QRect rect = QRect(offset, widget->size()) & visible;
    if (rect.isEmpty())
        return;
    if (auto* plot = qobject_cast<QCustomPlot*>(widget)) {
        painter.save();
        painter.setClipRect(rect, Qt::IntersectClip);
        painter.translate(offset);
        plot->toPainter(&painter, plot->width(), plot->height());
        painter.restore();
        return;
    }
    if (menuBarAsPicture && qobject_cast<QMenuBar*>(widget)) {
        // The menu bar clips each item and then fills the rest, a clip the SVG engine loses:
        // it would cover its own items. As a picture it keeps them.
        painter.drawPixmap(offset, widget->grab());
        return;
    }
    widget->render(&painter, offset, QRegion(rect.translated(-offset)),
                   widget == root ? QWidget::DrawWindowBackground : QWidget::RenderFlags());
    // A tab bar paints its selected tab on into the page below it, which a vector device does not
    // clip (and a painter clip would hide the cube, which sets its own transform): tab bars go
    // first, and the page covers the overflow.
    QList<QWidget*> children;
    for (QObject* object : widget->children()) {
        auto* child = qobject_cast<QWidget*>(object);
        if (child && !child->isWindow() && child->isVisibleTo(widget))
            children << child;
    }
    std::stable_partition(children.begin(), children.end(),
                          [](QWidget* child) { return qobject_cast<QTabBar*>(child) != nullptr; });
    for (QWidget* child : children)
        paintTree(painter, root, child, rect, menuBarAsPicture);
}

void paintTree(QCPPainter& painter, QWidget* widget, bool menuBarAsPicture = false)
{
    paintTree(painter, widget, widget, widget->rect(), menuBarAsPicture);
}

void paintVector(QPaintDevice* device, QWidget* widget, bool svg)
{
    QCPPainter painter(device);
    if (!painter.isActive())
        throw Error("cannot start painting the figure");
    // As QCustomPlot::savePdf: no pixel-grid tweaks, no cached layers.
    painter.setMode(QCPPainter::pmVectorized);
    painter.setMode(QCPPainter::pmNoCaching);
    painter.setRenderHint(QPainter::Antialiasing);
    paintTree(painter, widget, svg);
    painter.end();
}

} // namespace

QImage renderFigureImage(QWidget* widget, int scale)
{
    QImage image(widget->size() * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(Qt::white);
    QCPPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    paintTree(painter, widget);
    painter.end();
    return image;
}

QByteArray renderFigure(QWidget* widget, FigureFormat format, int scale, const QString& title)
{
    if (widget->size().isEmpty())
        throw Error("the view to export has no size yet");
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const QSize size = widget->size();
    // Fonts are in points: the vector device's resolution is the screen's, so text keeps its size
    // relative to the view.
    const int dpi = widget->logicalDpiX();
    switch (format) {
    case FigureFormat::Png:
        if (!renderFigureImage(widget, scale).save(&buffer, "PNG"))
            throw Error("cannot encode the figure as PNG");
        break;
    case FigureFormat::Svg: {
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(), size));
        svg.setResolution(dpi);
        svg.setTitle(title);
        svg.setDescription(QStringLiteral("NormScope"));
        paintVector(&svg, widget, true);
        break;
    }
    case FigureFormat::Pdf: {
        QPdfWriter pdf(&buffer);
        pdf.setCreator(QStringLiteral("NormScope"));
        pdf.setTitle(title);
        pdf.setResolution(dpi);
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setPageSize(QPageSize(QSizeF(size) * 72.0 / dpi, QPageSize::Point, QString(), QPageSize::ExactMatch));
        paintVector(&pdf, widget, false);
        break;
    }
    }
    buffer.close();
    if (bytes.isEmpty())
        throw Error("the figure came out empty");
    return bytes;
}

} // namespace normscope::ui
