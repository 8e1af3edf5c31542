// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/figure_kind.h"

#include <QByteArray>
#include <QImage>
#include <QString>

class QWidget;

namespace normscope::ui {

/**
 * A view as a figure file. The widget and its visible children are painted into the target device
 * one by one: QWidget::render for each (the cube, its labels, the table, the window's frame), and
 * QCustomPlot::toPainter for the plots, whose own paint event would only blit a pixmap. So an SVG or
 * a PDF holds what each view draws as vectors (lines, polygons, text); the cube's face images stay
 * images, and so does the menu bar of a window in an SVG (Qt's SVG engine loses its clip). A PNG has
 * `scale` pixels per widget pixel.
 */
QByteArray renderFigure(QWidget* widget, FigureFormat format, int scale = 1, const QString& title = {});

/// The widget as an image at `scale` (a PNG figure, and Edit > Copy figure).
QImage renderFigureImage(QWidget* widget, int scale = 1);

} // namespace normscope::ui
