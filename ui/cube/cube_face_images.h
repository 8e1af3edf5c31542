// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#pragma once

#include "ui/cube/cube_projection.h"

#include <QImage>
#include <QLineF>
#include <QRgb>
#include <QVector>

#include <cstdint>
#include <vector>

class QPainter;

namespace normscope::ui {

class CubeGrid;

/**
 * The cube's faces as images, one pixel per drawn cell, and their painting. An image is built for
 * every face of every box (six per slice when exploded) when the colours or the slicing change, so
 * that rotating only draws: each visible face is one image under its face's transform, with grid
 * lines where the cells are large enough on screen and the outline of the lit group.
 */
class CubeFaceImages {
public:
    /// colors and lit hold one entry per drawn cell (CubeGrid::cellIndex); lit is read only with outline.
    void rebuild(const CubeGrid& grid, const CubeProjection& projection, const std::vector<QRgb>& colors,
                 const std::vector<std::uint8_t>& lit, bool outline);
    void clear() { images_.clear(); }
    /// The visible faces in painter's order; compact draws thinner edges, lineScale thicker ones.
    void paint(QPainter& p, const CubeProjection& projection, bool compact, double lineScale = 1.0) const;

private:
    struct FaceImage {
        QImage image;
        QVector<QLineF> litEdges; // outline of the lit group on this face, in image coordinates
    };
    const FaceImage* find(const CubeProjection& projection, const CubeProjection::Face& face) const;

    std::vector<FaceImage> images_; // (slice * 6 + face id)
};

} // namespace normscope::ui
