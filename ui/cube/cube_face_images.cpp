// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#include "ui/cube/cube_face_images.h"

#include "ui/cube/cube_grid.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace normscope::ui {

namespace {

/// A fixed darkening per face direction so the cube reads as a solid (top face lightest).
void shadeImage(QImage& image, int axis)
{
    const int keep = axis == CubeProjection::AxisHW ? 256 : axis == CubeProjection::AxisN ? 222 : 244;
    if (keep == 256)
        return;
    for (int j = 0; j < image.height(); ++j) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(j));
        for (int i = 0; i < image.width(); ++i) {
            const QRgb c = line[i];
            line[i] = qRgb(qRed(c) * keep >> 8, qGreen(c) * keep >> 8, qBlue(c) * keep >> 8);
        }
    }
}

/// The border of the lit cells of a w x h face (lit[j * w + i]), as few straight segments as
/// possible: runs of cell edges along a row or column are merged.
QVector<QLineF> litBorder(const std::vector<std::uint8_t>& lit, int w, int h)
{
    const auto isLit = [&](int i, int j) {
        return i >= 0 && j >= 0 && i < w && j < h && lit[static_cast<std::size_t>(j) * w + i];
    };
    QVector<QLineF> out;
    // Horizontal edges at y = j (between rows j - 1 and j).
    for (int j = 0; j <= h; ++j) {
        int runStart = -1;
        for (int i = 0; i <= w; ++i) {
            const bool edge = i < w && isLit(i, j - 1) != isLit(i, j);
            if (edge && runStart < 0)
                runStart = i;
            if (!edge && runStart >= 0) {
                out.append(QLineF(runStart, j, i, j));
                runStart = -1;
            }
        }
    }
    // Vertical edges at x = i.
    for (int i = 0; i <= w; ++i) {
        int runStart = -1;
        for (int j = 0; j <= h; ++j) {
            const bool edge = j < h && isLit(i - 1, j) != isLit(i, j);
            if (edge && runStart < 0)
                runStart = j;
            if (!edge && runStart >= 0) {
                out.append(QLineF(i, runStart, i, j));
                runStart = -1;
            }
        }
    }
    return out;
}

} // namespace

void CubeFaceImages::rebuild(const CubeGrid& grid, const CubeProjection& projection, const std::vector<QRgb>& colors,
                             const std::vector<std::uint8_t>& lit, bool outline)
{
    images_.clear();
    if (colors.empty())
        return;
    const int slices = projection.sliceCount();
    images_.resize(static_cast<std::size_t>(slices) * 6);

    for (int slice = 0; slice < slices; ++slice) {
        // The projection's boxes: a cut cube shows the cells at its cut as its face.
        const CubeProjection::Box box = projection.sliceBox(slice);
        if (CubeProjection::empty(box))
            continue;
        for (int axis = 0; axis < 3; ++axis) {
            const auto [uAxis, vAxis] = CubeProjection::faceAxes(axis);
            const auto a = static_cast<std::size_t>(axis), u = static_cast<std::size_t>(uAxis),
                       v = static_cast<std::size_t>(vAxis);
            const int w = box.hi[u] - box.lo[u], h = box.hi[v] - box.lo[v];
            for (const bool hiSide : {false, true}) {
                FaceImage& fi = images_[static_cast<std::size_t>(slice * 6 + axis * 2 + (hiSide ? 1 : 0))];
                fi.image = QImage(w, h, QImage::Format_RGB32);
                CubeProjection::Cell cell{};
                cell[a] = hiSide ? box.hi[a] - 1 : box.lo[a];
                std::vector<std::uint8_t> faceLit(outline ? static_cast<std::size_t>(w) * h : 0);
                for (int j = 0; j < h; ++j) {
                    auto* line = reinterpret_cast<QRgb*>(fi.image.scanLine(j));
                    cell[v] = box.lo[v] + j;
                    for (int i = 0; i < w; ++i) {
                        cell[u] = box.lo[u] + i;
                        const auto index = static_cast<std::size_t>(grid.cellIndex(cell[0], cell[1], cell[2]));
                        line[i] = colors[index];
                        if (outline)
                            faceLit[static_cast<std::size_t>(j) * w + i] = lit[index];
                    }
                }
                shadeImage(fi.image, axis);
                if (outline)
                    fi.litEdges = litBorder(faceLit, w, h);
            }
        }
    }
}

const CubeFaceImages::FaceImage* CubeFaceImages::find(const CubeProjection& projection,
                                                      const CubeProjection::Face& face) const
{
    const auto& box = projection.boxes()[static_cast<std::size_t>(face.box)];
    const int slice = projection.exploded() ? box.lo[static_cast<std::size_t>(projection.explodeAxis())] : 0;
    const auto index = static_cast<std::size_t>(slice * 6 + face.id());
    return index < images_.size() ? &images_[index] : nullptr;
}

void CubeFaceImages::paint(QPainter& p, const CubeProjection& projection, bool compact, double lineScale) const
{
    // Antialiased strokes and image edges are costly in the raster engine (they split into many
    // spans); only the few outline strokes get antialiasing, the cells and grid lines are drawn
    // pixel-exact.
    p.save();
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    QPen gridPen(QColor(128, 128, 128), 0);
    QPen edgePen(QColor(40, 40, 40), (compact ? 1.0 : 1.4) * lineScale);
    edgePen.setCosmetic(true);
    edgePen.setJoinStyle(Qt::MiterJoin);
    QPen litPen(QColor(15, 15, 15), (compact ? 2.0 : 2.8) * lineScale);
    litPen.setCosmetic(true);
    litPen.setCapStyle(Qt::SquareCap);
    QVector<QLineF> gridLines;

    for (const CubeProjection::Face& face : projection.faces()) {
        const FaceImage* fi = find(projection, face);
        if (!fi)
            continue;
        const QTransform& t = face.transform;
        p.setTransform(t);
        p.setRenderHint(QPainter::Antialiasing, false);
        p.drawImage(QPointF(0, 0), fi->image);

        // Grid lines only where the cells are large enough on screen to keep them apart.
        const double det = std::abs(t.m11() * t.m22() - t.m12() * t.m21());
        const double spacingU = det / std::max(1e-9, std::hypot(t.m21(), t.m22()));
        const double spacingV = det / std::max(1e-9, std::hypot(t.m11(), t.m12()));
        gridLines.clear();
        if (spacingU >= 6)
            for (int i = 1; i < face.width; ++i)
                gridLines.append(QLineF(i, 0, i, face.height));
        if (spacingV >= 6)
            for (int j = 1; j < face.height; ++j)
                gridLines.append(QLineF(0, j, face.width, j));
        if (!gridLines.isEmpty()) {
            p.setPen(gridPen);
            p.drawLines(gridLines);
        }

        p.setRenderHint(QPainter::Antialiasing, true);
        if (!fi->litEdges.isEmpty()) {
            p.setPen(litPen);
            p.drawLines(fi->litEdges);
        }
        p.setPen(edgePen);
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRectF(0, 0, face.width, face.height));
    }
    p.restore();
}

} // namespace normscope::ui
