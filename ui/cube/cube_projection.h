// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include <QLineF>
#include <QPointF>
#include <QPolygonF>
#include <QRectF>
#include <QSizeF>
#include <QTransform>

#include <Eigen/Geometry>

#include <array>
#include <optional>
#include <utility>
#include <vector>

namespace normscope::ui {

/**
 * The cube's geometry and camera: a grid of cells along three logical axes, N (horizontal, left to
 * right), C (depth, front to back) and H·W (vertical, top to bottom), drawn in an orthographic
 * projection after a yaw (around the vertical) and a pitch (tilting the top towards the viewer).
 *
 * The camera is one affine map, camera() = screen <- view <- cube: cube positions (layout units along
 * N, C, H·W, 0 at the cube's first boundary, gaps of an exploded cube included) are centred and turned
 * into world axes, rotated into view space (z towards the viewer), then scaled to pixels with y down.
 *
 * Orthographic projection maps every face of an axis-aligned box of cells affinely onto the screen,
 * so a face is drawn as one small image (one pixel per cell) under a QTransform, and hit testing is
 * that transform's inverse. In exploded mode the cube is split into one-cell-thick slices along one
 * axis with gaps between them; each slice is a box of its own. Knows nothing about tensors.
 */
class CubeProjection {
public:
    enum Axis { AxisN = 0, AxisC = 1, AxisHW = 2 };
    using Cell = std::array<int, 3>; ///< cell coordinates along N, C, H·W

    /// An axis-aligned block of cells [lo, hi) per axis.
    struct Box {
        Cell lo{}, hi{};
    };

    /// One visible face of a box. Pixel (i, j) of a width x height image (i along uAxis, j along
    /// vAxis) is the cell lo + i along uAxis, lo + j along vAxis, fixed index along `axis`;
    /// `transform` maps image coordinates to screen coordinates.
    struct Face {
        int box = 0;
        int axis = 0;        ///< the axis the face is perpendicular to
        bool hiSide = false; ///< the face at the box's high end of `axis`
        int uAxis = 0, vAxis = 0;
        int width = 0, height = 0;
        Eigen::Affine2d screenFromImage; ///< image coordinates -> screen coordinates
        Eigen::Affine2d imageFromScreen; ///< its inverse, for hit testing
        QTransform transform;            ///< screenFromImage, for the painter
        double facing = 0;               ///< cosine between the face normal and the view direction, in (0, 1]

        int id() const { return axis * 2 + (hiSide ? 1 : 0); }
        QPolygonF polygon() const;
    };

    /// A cube edge along one axis, chosen for its label: from index 0 to the last index, and the
    /// screen direction pointing away from the cube.
    struct AxisEdge {
        QPointF from, to;
        QPointF outward;
    };

    static constexpr double kDefaultYaw = -32.0;
    static constexpr double kDefaultPitch = 22.0;

    CubeProjection();

    /// (yaw, pitch) that looks between the slices of a cube exploded along `axis`: slices along C
    /// are seen from further to the side, slices along H·W from further above.
    static std::pair<double, double> explodedRotation(int axis);

    /// The two axes a face perpendicular to `axis` spans, as (u, v) of its image.
    static std::pair<int, int> faceAxes(int axis);

    /// Cells along N, C and H·W (each at least 1).
    void setCells(int n, int c, int hw);
    int cells(int axis) const { return cells_[static_cast<std::size_t>(axis)]; }

    /// Splits the cube into slices along `axis` (or joins it again).
    void setExploded(bool on, int axis);
    bool exploded() const { return exploded_; }
    int explodeAxis() const { return explodeAxis_; }

    /// Degrees. Pitch is clamped to [-89, 89] so the view never flips over.
    void setRotation(double yawDegrees, double pitchDegrees);
    double yaw() const { return yaw_; }
    double pitch() const { return pitch_; }
    /// 1 fits the cube into the viewport whatever its rotation; larger values magnify.
    void setZoom(double zoom);
    double zoom() const { return zoom_; }
    void setViewport(const QRectF& rect);
    const QRectF& viewport() const { return viewport_; }
    /// Size on screen of the cube in the default view (what the fit uses); at zoom 1 it fills the
    /// viewport in one direction.
    QSizeF fittedSize() const { return fitted_ * scale_; }
    /// The same in world units (its aspect ratio is what matters).
    QSizeF fittedWorldSize() const { return fitted_; }
    void resetView();

    /// Cells kept along one axis, [lo, hi): the rest is cut away, opening the cube at an inner
    /// slice so that cells inside it face the viewer. axis -1 keeps every cell.
    struct Cut {
        int axis = -1;
        int lo = 0, hi = 0;
        bool operator==(const Cut& o) const { return axis == o.axis && (axis < 0 || (lo == o.lo && hi == o.hi)); }
        bool operator!=(const Cut& o) const { return !(*this == o); }
    };
    void setCut(const Cut& cut);
    const Cut& cut() const { return cut_; }
    /// Slices of the cube: one when joined, cells(explodeAxis()) when exploded.
    int sliceCount() const { return exploded_ ? cells(explodeAxis_) : 1; }
    /// The cells of one slice that the cut keeps; empty() when it keeps none.
    Box sliceBox(int slice) const;
    static bool empty(const Box& box);
    /// Cosine between the outward normal of the cube's face (axis, hiSide) and the direction towards
    /// the viewer: > 0 when the face is seen.
    double facing(int axis, bool hiSide) const;
    /// The twelve edges of the whole cube (cut cells included), for drawing what a cut took away.
    std::vector<QLineF> cubeEdges() const;

    /// Boxes in painter's order (back to front): one box, or one per slice when exploded; the cut
    /// drops or shortens them.
    const std::vector<Box>& boxes() const { return boxes_; }
    /// Visible faces of every box in painter's order. A box's visible faces never overlap.
    const std::vector<Face>& faces() const { return faces_; }

    /// The front-most cell drawn at this screen point, if any.
    std::optional<Cell> hitTest(const QPointF& point) const;
    /// The front-most face under a point and the cell's pixel (i, j) on it.
    struct Hit {
        int face = -1;
        int i = 0, j = 0;
        Cell cell{};
    };
    std::optional<Hit> hitFace(const QPointF& point) const;
    /// Cell on a face's pixel (i, j).
    Cell cellOnFace(const Face& face, int i, int j) const;
    /// A screen point inside a visible, unoccluded face of this cell; nothing if it is hidden.
    std::optional<QPointF> visiblePoint(const Cell& cell) const;

    /// Screen position of a point given in cell units along N, C, H·W (0 = the cube's first
    /// boundary, cells(axis) = its last), following the gaps of an exploded cube.
    QPointF project(double n, double c, double hw) const;
    /// The edge of the (whole) cube along this axis that best carries its label.
    AxisEdge labelEdge(int axis) const;

    /// The view rotation for these angles (degrees): yaw about the vertical, then pitch about the
    /// horizontal screen axis. World x is N to the right, y up, z towards the viewer.
    static Eigen::Matrix3d viewRotation(double yawDegrees, double pitchDegrees);
    /// World -> view: the current viewRotation(yaw(), pitch()).
    const Eigen::Matrix3d& rotation() const { return rotation_; }
    /// Cube positions -> screen: pixels in x and y, depth (towards the viewer) in z.
    const Eigen::Affine3d& camera() const { return screenFromCube_; }

private:
    double start(int axis, int index) const; // cube position of a cell's low boundary
    double end(int axis, int index) const { return start(axis, index) + cellLength_[axis]; }
    double total(int axis) const { return end(axis, cells(axis) - 1); }
    Eigen::Vector3d extent() const { return {total(AxisN), total(AxisC), total(AxisHW)}; }
    Eigen::Vector3d lowCorner(const Box& box) const; // cube positions of a box's first and last boundaries
    Eigen::Vector3d highCorner(const Box& box) const;
    QPointF toScreen(const Eigen::Vector3d& cubePosition) const;
    bool faceVisible(int axis, bool hiSide, double* facing = nullptr) const;
    void update();

    Cell cells_{{1, 1, 1}};
    Eigen::Array3d cellLength_ = Eigen::Array3d::Ones(); // cube units per cell
    Eigen::Array3d gap_ = Eigen::Array3d::Zero();        // between the slices of an exploded cube
    bool exploded_ = false;
    int explodeAxis_ = AxisC;
    Cut cut_;
    double yaw_ = kDefaultYaw, pitch_ = kDefaultPitch, zoom_ = 1.0;
    QRectF viewport_{0, 0, 400, 400};
    double scale_ = 1.0;
    QSizeF fitted_{1, 1}; // default-view bounding box in world units
    Eigen::Matrix3d rotation_ = Eigen::Matrix3d::Identity();
    Eigen::Affine3d viewFromCube_ = Eigen::Affine3d::Identity();   // centred, world axes, rotated
    Eigen::Affine3d screenFromCube_ = Eigen::Affine3d::Identity(); // viewFromCube_, then to pixels
    std::vector<Box> boxes_;
    std::vector<Face> faces_;
};

} // namespace normscope::ui
