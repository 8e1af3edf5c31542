#include "ui/cube/cube_projection.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace normscope::ui {

namespace {

constexpr double kPi = 3.14159265358979323846;

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
    for (std::size_t a = 0; a < 3; ++a) {
        // Long axes are compressed (total length grows like sqrt(count)) so that a 4 x 6 x 64 cube
        // still reads as a box rather than a needle.
        const double count = cells_[a];
        cellLength_[a] = std::sqrt(count) / count;
    }
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

double CubeProjection::start(int axis, int index) const
{
    const auto a = static_cast<std::size_t>(axis);
    return index * (cellLength_[a] + gap_[a]);
}

CubeProjection::Vec3 CubeProjection::world(double pn, double pc, double phw) const
{
    // Centred at the origin; N to the right, H·W downwards from the top, C away from the viewer.
    return {pn - 0.5 * total(AxisN), 0.5 * total(AxisHW) - phw, 0.5 * total(AxisC) - pc};
}

CubeProjection::Vec3 CubeProjection::axisDirection(int axis) const
{
    switch (axis) {
    case AxisN: return {1, 0, 0};
    case AxisC: return {0, 0, -1};
    default: return {0, -1, 0};
    }
}

CubeProjection::Vec3 CubeProjection::rotate(const Vec3& v) const
{
    const auto& r = rotation_;
    return {r[0] * v[0] + r[1] * v[1] + r[2] * v[2],
            r[3] * v[0] + r[4] * v[1] + r[5] * v[2],
            r[6] * v[0] + r[7] * v[1] + r[8] * v[2]};
}

QPointF CubeProjection::toScreen(const Vec3& p) const
{
    return {viewport_.center().x() + scale_ * p[0], viewport_.center().y() - scale_ * p[1]};
}

QPointF CubeProjection::project(double n, double c, double hw) const
{
    const auto position = [this](int axis, double x) {
        const int last = cells(axis) - 1;
        const int index = std::clamp(static_cast<int>(std::floor(x)), 0, last);
        return start(axis, index) + (x - index) * cellLength_[static_cast<std::size_t>(axis)];
    };
    return toScreen(rotate(world(position(AxisN, n), position(AxisC, c), position(AxisHW, hw))));
}

bool CubeProjection::faceVisible(int axis, bool hiSide, double* facing) const
{
    Vec3 normal = axisDirection(axis);
    if (!hiSide)
        for (double& x : normal)
            x = -x;
    const double z = rotate(normal)[2];
    if (facing)
        *facing = z;
    return z > 1e-6;
}

void CubeProjection::update()
{
    const double yaw = yaw_ * kPi / 180.0, pitch = pitch_ * kPi / 180.0;
    const double cy = std::cos(yaw), sy = std::sin(yaw), cp = std::cos(pitch), sp = std::sin(pitch);
    rotation_ = {cy, 0, sy, sy * sp, cp, -cy * sp, -sy * cp, sp, cy * cp};

    gap_ = {0, 0, 0};
    if (exploded_) {
        // Wide enough gaps to look between the slices (a fraction of the slices' own size), but the
        // exploded cube stays within three times the joined cube's longest side.
        const auto a = static_cast<std::size_t>(explodeAxis_);
        double others = 1e300, longest = 0;
        for (std::size_t k = 0; k < 3; ++k) {
            const double length = cells_[k] * cellLength_[k];
            longest = std::max(longest, length);
            if (k != a)
                others = std::min(others, length);
        }
        const double own = cells_[a] * cellLength_[a];
        const double cap = cells_[a] > 1 ? (3.0 * longest - own) / (cells_[a] - 1) : 0.0;
        gap_[a] = std::max(0.4 * cellLength_[a], std::min(0.45 * others, cap));
    }

    // Fit the cube's silhouette in the default view; rotating keeps the scale, so the cube does not
    // breathe while it is dragged.
    {
        const double yaw0 = kDefaultYaw * kPi / 180.0, pitch0 = kDefaultPitch * kPi / 180.0;
        const double c0 = std::cos(yaw0), s0 = std::sin(yaw0), c1 = std::cos(pitch0), s1 = std::sin(pitch0);
        double minX = 1e300, maxX = -1e300, minY = 1e300, maxY = -1e300;
        for (int corner = 0; corner < 8; ++corner) {
            const Vec3 p = world(corner & 1 ? total(AxisN) : 0, corner & 2 ? total(AxisC) : 0,
                                 corner & 4 ? total(AxisHW) : 0);
            const double x = c0 * p[0] + s0 * p[2];
            const double y = s0 * s1 * p[0] + c1 * p[1] - c0 * s1 * p[2];
            minX = std::min(minX, x), maxX = std::max(maxX, x);
            minY = std::min(minY, y), maxY = std::max(maxY, y);
        }
        const double w = std::max(1e-9, maxX - minX), h = std::max(1e-9, maxY - minY);
        fitted_ = QSizeF(w, h);
        scale_ = std::min(viewport_.width() / w, viewport_.height() / h) * zoom_;
    }

    boxes_.clear();
    if (!exploded_) {
        boxes_.push_back({{0, 0, 0}, cells_});
    } else {
        const auto a = static_cast<std::size_t>(explodeAxis_);
        for (int k = 0; k < cells_[a]; ++k) {
            Box box{{0, 0, 0}, cells_};
            box.lo[a] = k;
            box.hi[a] = k + 1;
            boxes_.push_back(box);
        }
        // Parallel slices: the one whose centre is farther from the viewer is painted first.
        const auto depth = [this](const Box& b) {
            const Vec3 centre = world(0.5 * (start(AxisN, b.lo[0]) + end(AxisN, b.hi[0] - 1)),
                                      0.5 * (start(AxisC, b.lo[1]) + end(AxisC, b.hi[1] - 1)),
                                      0.5 * (start(AxisHW, b.lo[2]) + end(AxisHW, b.hi[2] - 1)));
            return rotate(centre)[2];
        };
        std::stable_sort(boxes_.begin(), boxes_.end(),
                         [&](const Box& x, const Box& y) { return depth(x) < depth(y); });
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

                std::array<double, 3> origin{};
                origin[u] = start(face.uAxis, box.lo[u]);
                origin[v] = start(face.vAxis, box.lo[v]);
                const auto ax = static_cast<std::size_t>(axis);
                origin[ax] = hiSide ? end(axis, box.hi[ax] - 1) : start(axis, box.lo[ax]);
                const QPointF o = toScreen(rotate(world(origin[0], origin[1], origin[2])));

                const auto linear = [this](const Vec3& d, double length) {
                    const Vec3 r = rotate(d);
                    return QPointF(scale_ * r[0] * length, -scale_ * r[1] * length);
                };
                const QPointF du = linear(axisDirection(face.uAxis), cellLength_[u]);
                const QPointF dv = linear(axisDirection(face.vAxis), cellLength_[v]);
                face.transform = QTransform(du.x(), du.y(), dv.x(), dv.y(), o.x(), o.y());
                bool invertible = false;
                face.inverse = face.transform.inverted(&invertible);
                if (invertible)
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
        const QPointF p = face.inverse.map(point);
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
        const QPointF p = face.transform.map(QPointF(cell[u] - box.lo[u] + 0.5, cell[v] - box.lo[v] + 0.5));
        if (hitTest(p) == cell)
            return p;
    }
    return std::nullopt;
}

CubeProjection::AxisEdge CubeProjection::labelEdge(int axis) const
{
    const auto [b, d] = faceAxes(axis);
    const QPointF centre = toScreen(rotate(world(0.5 * total(AxisN), 0.5 * total(AxisC), 0.5 * total(AxisHW))));
    AxisEdge best;
    double bestScore = -1e300;
    bool bestSilhouette = false;
    for (int corner = 0; corner < 4; ++corner) {
        const bool hiB = corner & 1, hiD = corner & 2;
        std::array<double, 3> p0{}, p1{};
        p0[static_cast<std::size_t>(b)] = p1[static_cast<std::size_t>(b)] = hiB ? total(b) : 0;
        p0[static_cast<std::size_t>(d)] = p1[static_cast<std::size_t>(d)] = hiD ? total(d) : 0;
        p0[static_cast<std::size_t>(axis)] = 0;
        p1[static_cast<std::size_t>(axis)] = total(axis);
        const QPointF from = toScreen(rotate(world(p0[0], p0[1], p0[2])));
        const QPointF to = toScreen(rotate(world(p1[0], p1[1], p1[2])));
        const QPointF mid = 0.5 * (from + to);
        const bool silhouette = faceVisible(b, hiB) != faceVisible(d, hiD);
        const double score = axis == AxisHW ? -mid.x() : mid.y();
        if ((silhouette && !bestSilhouette) || (silhouette == bestSilhouette && score > bestScore)) {
            bestScore = score;
            bestSilhouette = silhouette;
            best.from = from;
            best.to = to;
        }
    }
    // Away from the cube, perpendicular to the edge.
    QPointF along = best.to - best.from;
    const double len = std::hypot(along.x(), along.y());
    QPointF out = 0.5 * (best.from + best.to) - centre;
    if (len > 1e-9) {
        along /= len;
        out -= QPointF::dotProduct(out, along) * along;
    }
    const double outLen = std::hypot(out.x(), out.y());
    if (outLen > 1e-9)
        out /= outLen;
    else
        out = len > 1e-9 ? QPointF(along.y(), -along.x()) : QPointF(0, 1);
    best.outward = out;
    return best;
}

double CubeProjection::cellPixels(int axis) const
{
    const Vec3 r = rotate(axisDirection(axis));
    return scale_ * cellLength_[static_cast<std::size_t>(axis)] * std::hypot(r[0], r[1]);
}

} // namespace normscope::ui
