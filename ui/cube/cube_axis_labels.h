// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#pragma once

#include <QFont>
#include <QSizeF>

class QPainter;

namespace normscope::ui {

class CubeGrid;
class CubeProjection;

/**
 * The axis names around the cube (N, C, H·W with their sizes), each beside the edge that
 * CubeProjection::labelEdge picks, with an arrow from index 0 towards the last index. The compact
 * form uses smaller type and turns the H·W label to run along its edge.
 */
class CubeAxisLabels {
public:
    struct Margins {
        double left = 0, right = 0, bottom = 0;
    };
    /// The labels' font for a widget whose font is base.
    static QFont font(const QFont& base, bool compact);
    /// Room to keep free around a cube drawn in width x height for the labels as the default view
    /// places them: H·W on the left, N below, C below on the right.
    static Margins margins(const QFont& base, const CubeGrid& grid, bool compact, double width, double height);
    /// Draws the labels, kept inside a widget of this size; base is the widget's font.
    static void paint(QPainter& p, const QFont& base, const CubeGrid& grid, const CubeProjection& projection,
                      bool compact, const QSizeF& widgetSize);
};

} // namespace normscope::ui
