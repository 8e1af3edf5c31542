// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/cube/cube_projection.h"

#include <algorithm>
#include <cmath>

namespace normscope::ui {

namespace {

constexpr double kPi = 3.14159265358979323846;

double radians(double degrees)
{
    return degrees * kPi / 180.0;
}

/// World directions of increasing n, c and hw: N to the right, C away from the viewer, H·W downwards.
Eigen::Matrix3d worldAxes()
{
    Eigen::Matrix3d axes;
    axes << 1, 0, 0, 0, 0, -1, 0, -1, 0;
    return axes;
}

Eigen::Vector2d toVector(const QPointF& p)
{
    return {p.x(), p.y()};
}

QPointF toPoint(const Eigen::Vector2d& v)
{
    return {v.x(), v.y()};
}

} // namespace

std::pair<double, double> CubeProjection::explodedRotation(int axis)
{
    switch (axis) {
    case AxisC: return {-62.0, 20.0};
    case AxisHW: return {kDefaultYaw, 40.0};
    default: return {kDefaultYaw, kDefaultPitch};
    }
}

// In an order that keeps images upright: a face across C shows N left to right and H·W top to
// bottom, the top face N and C, the side face C and H·W.
std::pair<int, int> CubeProjection::faceAxes(int axis)
{
    switch (axis) {
    case AxisN: return {AxisC, AxisHW};
    case AxisC: return {AxisN, AxisHW};
    default: return {AxisN, AxisC};
    }
}

Eigen::Matrix3d CubeProjection::viewRotation(double yawDegrees, double pitchDegrees)
{
    // A turntable: yaw about the world's vertical first, so vertical edges stay vertical on screen.
    const Eigen::AngleAxisd yaw(radians(yawDegrees), Eigen::Vector3d::UnitY());
    const Eigen::AngleAxisd pitch(radians(pitchDegrees), Eigen::Vector3d::UnitX());
    return (pitch * yaw).toRotationMatrix();
}

QPolygonF CubeProjection::Face::polygon() const
{
    return transform.map(QPolygonF(QRectF(0, 0, width, height)));
}

CubeProjection::CubeProjection()
{
    update();
}

void CubeProjection::setCells(int n, int c, int hw)
{
    cells_ = {std::max(1, n), std::max(1, c), std::max(1, hw)};
    cut_ = Cut(); // cut indices of other cells mean nothing here
    // Long axes are compressed (total length grows like sqrt(count)) so that a 4 x 6 x 64 cube still
    // reads as a box rather than a needle.
    const Eigen::Array3d count(cells_[0], cells_[1], cells_[2]);
    cellLength_ = count.sqrt() / count;
    update();
}

void CubeProjection::setExploded(bool on, int axis)
{
    exploded_ = on;
    explodeAxis_ = std::clamp(axis, 0, 2);
    update();
}

void CubeProjection::setRotation(double yawDegrees, double pitchDegrees)
{
    yaw_ = std::remainder(yawDegrees, 360.0);
    pitch_ = std::clamp(pitchDegrees, -89.0, 89.0);
    update();
}

void CubeProjection::setZoom(double zoom)
{
    zoom_ = std::clamp(zoom, 0.2, 20.0);
    update();
}

void CubeProjection::setViewport(const QRectF& rect)
{
    viewport_ = rect;
    update();
}

void CubeProjection::resetView()
{
    yaw_ = kDefaultYaw;
    pitch_ = kDefaultPitch;
    zoom_ = 1.0;
    update();
}

void CubeProjection::setCut(const Cut& cut)
{
    cut_ = cut;
    update();
}

CubeProjection::Box CubeProjection::sliceBox(int slice) const
{
    Box box{{0, 0, 0}, cells_};
    if (exploded_) {
        box.lo[static_cast<std::size_t>(explodeAxis_)] = slice;
        box.hi[static_cast<std::size_t>(explodeAxis_)] = slice + 1;
    }
    if (cut_.axis >= 0) {
        const auto a = static_cast<std::size_t>(cut_.axis);
        box.lo[a] = std::max(box.lo[a], cut_.lo);
        box.hi[a] = std::min(box.hi[a], cut_.hi);
    }
    return box;
}

bool CubeProjection::empty(const Box& box)
{
    for (std::size_t a = 0; a < 3; ++a)
        if (box.lo[a] >= box.hi[a])
            return true;
    return false;
}

double CubeProjection::facing(int axis, bool hiSide) const
{
    double f = 0;
    faceVisible(axis, hiSide, &f);
    return f;
}

std::vector<QLineF> CubeProjection::cubeEdges() const
{
    std::vector<QLineF> edges;
    const Eigen::Vector3d e = extent();
    for (int axis = 0; axis < 3; ++axis) {
        const int b = (axis + 1) % 3, d = (axis + 2) % 3;
        for (int corner = 0; corner < 4; ++corner) {
            Eigen::Vector3d p0 = Eigen::Vector3d::Zero();
            p0[b] = corner & 1 ? e[b] : 0;
            p0[d] = corner & 2 ? e[d] : 0;
            Eigen::Vector3d p1 = p0;
            p1[axis] = e[axis];
            edges.emplace_back(toScreen(p0), toScreen(p1));
        }
    }
    return edges;
}

double CubeProjection::start(int axis, int index) const
{
    return index * (cellLength_[axis] + gap_[axis]);
}

Eigen::Vector3d CubeProjection::lowCorner(const Box& box) const
{
    return {start(AxisN, box.lo[0]), start(AxisC, box.lo[1]), start(AxisHW, box.lo[2])};
}

Eigen::Vector3d CubeProjection::highCorner(const Box& box) const
{
    return {end(AxisN, box.hi[0] - 1), end(AxisC, box.hi[1] - 1), end(AxisHW, box.hi[2] - 1)};
}

QPointF CubeProjection::toScreen(const Eigen::Vector3d& cubePosition) const
{
    return toPoint((screenFromCube_ * cubePosition).head<2>());
}

QPointF CubeProjection::project(double n, double c, double hw) const
{
    const auto position = [this](int axis, double x) {
        const int last = cells(axis) - 1;
        const int index = std::clamp(static_cast<int>(std::floor(x)), 0, last);
        return start(axis, index) + (x - index) * cellLength_[axis];
    };
    return toScreen({position(AxisN, n), position(AxisC, c), position(AxisHW, hw)});
}

bool CubeProjection::faceVisible(int axis, bool hiSide, double* facing) const
{
    // The outward normal in view space; its z is the cosine with the direction towards the viewer.
    const Eigen::Vector3d normal = viewFromCube_.linear().col(axis) * (hiSide ? 1.0 : -1.0);
    if (facing)
        *facing = normal.z();
    return normal.z() > 1e-6;
}

void CubeProjection::update()
{
    gap_.setZero();
    if (exploded_) {
        // Wide enough gaps to look between the slices (a fraction of the slices' own size), but the
        // exploded cube stays within three times the joined cube's longest side.
        const int a = explodeAxis_;
        const Eigen::Array3d length = Eigen::Array3d(cells_[0], cells_[1], cells_[2]) * cellLength_;
        double others = 1e300;
        for (int k = 0; k < 3; ++k)
            if (k != a)
                others = std::min(others, length[k]);
        const int slices = cells(a);
        const double cap = slices > 1 ? (3.0 * length.maxCoeff() - length[a]) / (slices - 1) : 0.0;
        gap_[a] = std::max(0.4 * cellLength_[a], std::min(0.45 * others, cap));
    }

    // The camera. Cube positions are centred on the origin and turned into world axes, rotated into
    // view space, then scaled to pixels about the viewport's centre with y pointing down.
    const Eigen::Affine3d worldFromCube = Eigen::Affine3d(worldAxes()) * Eigen::Translation3d(-0.5 * extent());
    rotation_ = viewRotation(yaw_, pitch_);
    viewFromCube_ = rotation_ * worldFromCube;

    // Fit the cube's silhouette in its home view (the default one, or the exploded axis' own);
    // rotating keeps the scale, so the cube does not breathe while it is dragged.
    {
        const auto [homeYaw, homePitch] =
            exploded_ ? explodedRotation(explodeAxis_) : std::pair<double, double>(kDefaultYaw, kDefaultPitch);
        const Eigen::Affine3d defaultView = viewRotation(homeYaw, homePitch) * worldFromCube;
        Eigen::AlignedBox2d silhouette;
        for (int corner = 0; corner < 8; ++corner) {
            const Eigen::Vector3d which(corner & 1 ? 1 : 0, corner & 2 ? 1 : 0, corner & 4 ? 1 : 0);
            silhouette.extend((defaultView * extent().cwiseProduct(which)).head<2>());
        }
        const double w = std::max(1e-9, silhouette.sizes().x()), h = std::max(1e-9, silhouette.sizes().y());
        fitted_ = QSizeF(w, h);
        scale_ = std::min(viewport_.width() / w, viewport_.height() / h) * zoom_;
    }
    const QPointF centre = viewport_.center();
    screenFromCube_ =
        Eigen::Translation3d(centre.x(), centre.y(), 0.0) * Eigen::Scaling(scale_, -scale_, scale_) * viewFromCube_;

    boxes_.clear();
    for (int k = 0; k < sliceCount(); ++k)
        if (const Box box = sliceBox(k); !empty(box))
            boxes_.push_back(box);
    if (exploded_) {
        // Parallel slices: the one whose centre is farther from the viewer is painted first.
        const auto depth = [this](const Box& b) {
            return (viewFromCube_ * (0.5 * (lowCorner(b) + highCorner(b)))).z();
        };
        std::stable_sort(boxes_.begin(), boxes_.end(), [&](const Box& x, const Box& y) { return depth(x) < depth(y); });
    }

    faces_.clear();
    for (std::size_t b = 0; b < boxes_.size(); ++b) {
        const Box& box = boxes_[b];
        for (int axis = 0; axis < 3; ++axis) {
            for (const bool hiSide : {false, true}) {
                double facing = 0;
                if (!faceVisible(axis, hiSide, &facing))
                    continue;
                Face face;
                face.box = static_cast<int>(b);
                face.axis = axis;
                face.hiSide = hiSide;
                std::tie(face.uAxis, face.vAxis) = faceAxes(axis);
                const auto u = static_cast<std::size_t>(face.uAxis), v = static_cast<std::size_t>(face.vAxis);
                face.width = box.hi[u] - box.lo[u];
                face.height = box.hi[v] - box.lo[v];
                face.facing = facing;

                // Image pixel (i, j) is the cell i along u and j along v from the face's first corner.
                Eigen::Vector3d origin = lowCorner(box);
                if (hiSide)
                    origin[axis] = highCorner(box)[axis];
                Eigen::Matrix<double, 3, 2> cubeFromImage;
                cubeFromImage.col(0) = Eigen::Vector3d::Unit(face.uAxis) * cellLength_[face.uAxis];
                cubeFromImage.col(1) = Eigen::Vector3d::Unit(face.vAxis) * cellLength_[face.vAxis];
                face.screenFromImage.linear() = (screenFromCube_.linear() * cubeFromImage).topRows<2>();
                face.screenFromImage.translation() = (screenFromCube_ * origin).head<2>();
                // The same invertibility test QTransform::inverted() makes.
                if (std::abs(face.screenFromImage.linear().determinant()) <= 1e-12)
                    continue;
                face.imageFromScreen = face.screenFromImage.inverse(Eigen::Affine);
                const Eigen::Matrix3d& m = face.screenFromImage.matrix();
                face.transform = QTransform(m(0, 0), m(1, 0), m(0, 1), m(1, 1), m(0, 2), m(1, 2));
                faces_.push_back(face);
            }
        }
    }
}

CubeProjection::Cell CubeProjection::cellOnFace(const Face& face, int i, int j) const
{
    const Box& box = boxes_[static_cast<std::size_t>(face.box)];
    const auto a = static_cast<std::size_t>(face.axis);
    Cell cell{};
    cell[a] = face.hiSide ? box.hi[a] - 1 : box.lo[a];
    cell[static_cast<std::size_t>(face.uAxis)] = box.lo[static_cast<std::size_t>(face.uAxis)] + i;
    cell[static_cast<std::size_t>(face.vAxis)] = box.lo[static_cast<std::size_t>(face.vAxis)] + j;
    return cell;
}

std::optional<CubeProjection::Hit> CubeProjection::hitFace(const QPointF& point) const
{
    for (std::size_t k = faces_.size(); k-- > 0;) {
        const Face& face = faces_[k];
        const Eigen::Vector2d p = face.imageFromScreen * toVector(point);
        if (p.x() < 0 || p.y() < 0 || p.x() >= face.width || p.y() >= face.height)
            continue;
        Hit hit;
        hit.face = static_cast<int>(k);
        hit.i = static_cast<int>(p.x());
        hit.j = static_cast<int>(p.y());
        hit.cell = cellOnFace(face, hit.i, hit.j);
        return hit;
    }
    return std::nullopt;
}

std::optional<CubeProjection::Cell> CubeProjection::hitTest(const QPointF& point) const
{
    if (const auto hit = hitFace(point))
        return hit->cell;
    return std::nullopt;
}

std::optional<QPointF> CubeProjection::visiblePoint(const Cell& cell) const
{
    for (std::size_t k = faces_.size(); k-- > 0;) {
        const Face& face = faces_[k];
        const Box& box = boxes_[static_cast<std::size_t>(face.box)];
        const auto a = static_cast<std::size_t>(face.axis);
        const auto u = static_cast<std::size_t>(face.uAxis), v = static_cast<std::size_t>(face.vAxis);
        if (cell[a] != (face.hiSide ? box.hi[a] - 1 : box.lo[a]))
            continue;
        if (cell[u] < box.lo[u] || cell[u] >= box.hi[u] || cell[v] < box.lo[v] || cell[v] >= box.hi[v])
            continue;
        const Eigen::Vector2d centre(cell[u] - box.lo[u] + 0.5, cell[v] - box.lo[v] + 0.5);
        const QPointF p = toPoint(face.screenFromImage * centre);
        if (hitTest(p) == cell)
            return p;
    }
    return std::nullopt;
}

CubeProjection::AxisEdge CubeProjection::labelEdge(int axis) const
{
    const auto [b, d] = faceAxes(axis);
    const auto screen = [this](const Eigen::Vector3d& cubePosition) -> Eigen::Vector2d {
        return (screenFromCube_ * cubePosition).head<2>();
    };
    const Eigen::Vector2d centre = screen(0.5 * extent());
    Eigen::Vector2d from, to;
    double bestScore = -1e300;
    bool bestSilhouette = false;
    for (int corner = 0; corner < 4; ++corner) {
        const bool hiB = corner & 1, hiD = corner & 2;
        Eigen::Vector3d p0 = Eigen::Vector3d::Zero();
        p0[b] = hiB ? total(b) : 0;
        p0[d] = hiD ? total(d) : 0;
        Eigen::Vector3d p1 = p0;
        p1[axis] = total(axis);
        const Eigen::Vector2d s0 = screen(p0), s1 = screen(p1);
        const Eigen::Vector2d mid = 0.5 * (s0 + s1);
        const bool silhouette = faceVisible(b, hiB) != faceVisible(d, hiD);
        const double score = axis == AxisHW ? -mid.x() : mid.y();
        if ((silhouette && !bestSilhouette) || (silhouette == bestSilhouette && score > bestScore)) {
            bestScore = score;
            bestSilhouette = silhouette;
            from = s0;
            to = s1;
        }
    }
    // Away from the cube, perpendicular to the edge.
    Eigen::Vector2d along = to - from;
    const double len = along.norm();
    Eigen::Vector2d out = 0.5 * (from + to) - centre;
    if (len > 1e-9) {
        along /= len;
        out -= out.dot(along) * along;
    }
    const double outLen = out.norm();
    if (outLen > 1e-9)
        out /= outLen;
    else
        out = len > 1e-9 ? Eigen::Vector2d(along.y(), -along.x()) : Eigen::Vector2d(0, 1);
    return {toPoint(from), toPoint(to), toPoint(out)};
}

} // namespace normscope::ui
