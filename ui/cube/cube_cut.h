// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#pragma once

#include "ui/cube/cube_projection.h"

#include <QFont>
#include <QRectF>
#include <QString>

#include <cstdint>
#include <vector>

class QPainter;

namespace normscope::ui {

class CubeGrid;

/**
 * Opening the cube to show a lit group that the whole cube hides. A group is a block of cells; it
 * reads as a group when, along every axis it extends over, a face seen by the viewer shows one of its
 * lines (BatchNorm's channel: a row on the top face and a column on the side). An InstanceNorm or
 * GroupNorm group of an inner (n, c) shows only its top cell; then the cells in front of it are cut
 * away along the axis whose face looks most towards the viewer, and the group's nearest cells
 * become that face. The whole cube's edges stay drawn, dashed, with a line saying where it is cut.
 */

/// The cut that shows the lit drawn cells (lit: one entry per CubeGrid cell), or no cut (axis -1)
/// when the whole cube shows them or nothing is lit.
CubeProjection::Cut cutToShow(const CubeProjection& projection, const CubeGrid& grid,
                              const std::vector<std::uint8_t>& lit);

/// "cut open at C = 3 to show the lit group"; empty without a cut.
QString describeCut(const CubeProjection::Cut& cut, const CubeGrid& grid);

/// The whole cube's edges, dashed (nothing without a cut): painted before the faces, they show where
/// the cut-away cells were.
void paintCutEdges(QPainter& p, const CubeProjection& projection);
/// The cut's description (nothing when empty) at the top left of rect, after the faces.
void paintCutText(QPainter& p, const QString& text, const QFont& font, const QRectF& rect);

} // namespace normscope::ui
