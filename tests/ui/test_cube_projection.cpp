// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// The cube's 3D -> 2D geometry and hit testing, without any tensor or engine.

#include "ui/cube/cube_projection.h"

#include <QtTest>

#include <cmath>
#include <random>
#include <set>

using normscope::ui::CubeProjection;
using Cell = CubeProjection::Cell;

namespace {

CubeProjection makeProjection(int n, int c, int hw)
{
    CubeProjection p;
    p.setViewport(QRectF(0, 0, 600, 500));
    p.setCells(n, c, hw);
    return p;
}

/// Every cell with a visible, unoccluded point, checked to hit-test back to itself.
std::set<Cell> visibleCells(const CubeProjection& p)
{
    std::set<Cell> out;
    for (int n = 0; n < p.cells(0); ++n)
        for (int c = 0; c < p.cells(1); ++c)
            for (int s = 0; s < p.cells(2); ++s) {
                const Cell cell{n, c, s};
                if (const auto point = p.visiblePoint(cell)) {
                    if (p.hitTest(*point) != cell)
                        return {}; // a mismatch makes the caller's comparison fail loudly
                    out.insert(cell);
                }
            }
    return out;
}

/// Yaw and pitch rows: four views all round the cube, and with `extremes` two more (nearly from
/// above, a quarter turn).
void addViews(bool extremes)
{
    QTest::addColumn<double>("yaw");
    QTest::addColumn<double>("pitch");
    QTest::newRow("default") << CubeProjection::kDefaultYaw << CubeProjection::kDefaultPitch;
    QTest::newRow("from the left, below") << 40.0 << -30.0;
    QTest::newRow("from behind") << 160.0 << 25.0;
    QTest::newRow("from behind, below") << -150.0 << -20.0;
    if (extremes) {
        QTest::newRow("nearly from above") << 10.0 << 85.0;
        QTest::newRow("quarter turn") << 90.0 << 0.0;
    }
}

} // namespace

class TestCubeProjection : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaultViewShowsFrontRightAndTop()
    {
        const CubeProjection p = makeProjection(4, 6, 25);
        std::set<std::pair<int, bool>> faces;
        for (const auto& face : p.faces())
            faces.insert({face.axis, face.hiSide});
        // Front = the C face at c = 0, right = the N face at n = N-1, top = the H·W face at s = 0.
        const std::set<std::pair<int, bool>> expected{
            {CubeProjection::AxisC, false}, {CubeProjection::AxisN, true}, {CubeProjection::AxisHW, false}};
        QCOMPARE(faces, expected);
    }

    void straightOnShowsOnlyTheFront()
    {
        CubeProjection p = makeProjection(5, 6, 7);
        p.setRotation(0, 0);
        QCOMPARE(p.faces().size(), std::size_t(1));
        QCOMPARE(p.faces().front().axis, int(CubeProjection::AxisC));
        // The viewport centre is the middle of the front face: n = 2 of 5, s = 3 of 7, c = 0.
        const auto hit = p.hitTest(p.viewport().center());
        QVERIFY(hit.has_value());
        QCOMPARE(*hit, (Cell{2, 0, 3}));
        // Going right increases n, going down increases s.
        QCOMPARE((*p.hitTest(p.viewport().center() + QPointF(40, 0)))[0] > 2, true);
        QCOMPARE((*p.hitTest(p.viewport().center() + QPointF(0, 40)))[2] > 3, true);
        QVERIFY(!p.hitTest(QPointF(1, 1)).has_value());
    }

    void visibleCellsAreTheOuterSurface_data() { addViews(false); }

    void visibleCellsAreTheOuterSurface()
    {
        QFETCH(double, yaw);
        QFETCH(double, pitch);
        CubeProjection p = makeProjection(5, 6, 7);
        p.setRotation(yaw, pitch);
        // Three faces are visible from any oblique view; by inclusion-exclusion they hold
        // 5*7 + 6*7 + 5*6 - 5 - 6 - 7 + 1 cells, all on the outer surface.
        const auto cells = visibleCells(p);
        QCOMPARE(cells.size(), std::size_t(5 * 7 + 6 * 7 + 5 * 6 - 5 - 6 - 7 + 1));
        for (const Cell& cell : cells) {
            const bool onSurface =
                cell[0] == 0 || cell[0] == 4 || cell[1] == 0 || cell[1] == 5 || cell[2] == 0 || cell[2] == 6;
            QVERIFY(onSurface);
        }
    }

    void explodedRevealsInnerCells_data()
    {
        QTest::addColumn<int>("axis");
        QTest::newRow("N") << int(CubeProjection::AxisN);
        QTest::newRow("C") << int(CubeProjection::AxisC);
        QTest::newRow("HW") << int(CubeProjection::AxisHW);
    }

    void explodedRevealsInnerCells()
    {
        QFETCH(int, axis);
        CubeProjection p = makeProjection(4, 6, 5);
        p.setExploded(true, axis);
        const auto [yaw, pitch] = CubeProjection::explodedRotation(axis);
        p.setRotation(yaw, pitch);
        QCOMPARE(p.boxes().size(), std::size_t(p.cells(axis)));
        const auto cells = visibleCells(p);
        QVERIFY(!cells.empty());
        // Some cell inside the joined cube (not on its outer surface) is now visible.
        bool inner = false;
        for (const Cell& cell : cells)
            inner = inner || (cell[0] > 0 && cell[0] < 3 && cell[1] > 0 && cell[1] < 5 && cell[2] > 0 && cell[2] < 4);
        QVERIFY(inner);
    }

    void slicesArePaintedBackToFront()
    {
        CubeProjection p = makeProjection(4, 6, 5);
        p.setExploded(true, CubeProjection::AxisC);
        // In the default view c = 0 is nearest the viewer, so it is painted last.
        for (std::size_t k = 0; k < p.boxes().size(); ++k)
            QCOMPARE(p.boxes()[k].lo[1], int(p.boxes().size() - 1 - k));
        p.setRotation(180 + CubeProjection::kDefaultYaw, CubeProjection::kDefaultPitch);
        for (std::size_t k = 0; k < p.boxes().size(); ++k)
            QCOMPARE(p.boxes()[k].lo[1], int(k));
    }

    void zoomScalesAboutTheCentre()
    {
        CubeProjection p = makeProjection(4, 6, 5);
        const QPointF centre = p.viewport().center();
        const QPointF a = p.project(0, 0, 0) - centre;
        p.setZoom(2.0);
        const QPointF b = p.project(0, 0, 0) - centre;
        QVERIFY(std::abs(b.x() - 2 * a.x()) < 1e-9);
        QVERIFY(std::abs(b.y() - 2 * a.y()) < 1e-9);
        p.resetView();
        QCOMPARE(p.zoom(), 1.0);
        QCOMPARE(p.yaw(), CubeProjection::kDefaultYaw);
    }

    void cubeFitsTheViewport()
    {
        const CubeProjection p = makeProjection(32, 64, 64);
        for (const auto& face : p.faces()) {
            const QRectF bounds = face.polygon().boundingRect();
            QVERIFY(p.viewport().adjusted(-1, -1, 1, 1).contains(bounds));
        }
    }

    void explodedCubeFitsTheViewportInItsView_data()
    {
        QTest::addColumn<int>("axis");
        QTest::newRow("N") << int(CubeProjection::AxisN);
        QTest::newRow("C") << int(CubeProjection::AxisC);
        QTest::newRow("HW") << int(CubeProjection::AxisHW);
    }

    void explodedCubeFitsTheViewportInItsView()
    {
        // A long exploded axis seen from its own camera (C turns the cube to -62 degrees) used to be
        // fitted for the default camera and ran out of the viewport into the colour bar.
        QFETCH(int, axis);
        CubeProjection p = makeProjection(2, 32, 36);
        p.setExploded(true, axis);
        const auto [yaw, pitch] = CubeProjection::explodedRotation(axis);
        p.setRotation(yaw, pitch);
        QRectF all;
        for (const auto& face : p.faces())
            all = all.united(face.polygon().boundingRect());
        QVERIFY2(p.viewport().adjusted(-1, -1, 1, 1).contains(all),
                 qPrintable(QStringLiteral("faces span %1..%2 x, viewport %3..%4")
                                .arg(all.left())
                                .arg(all.right())
                                .arg(p.viewport().left())
                                .arg(p.viewport().right())));
        // and it is fitted, not merely small: one side touches the viewport
        QVERIFY(all.width() > 0.98 * p.viewport().width() || all.height() > 0.98 * p.viewport().height());
    }

    void labelEdgesRunAlongTheirAxes()
    {
        const CubeProjection p = makeProjection(4, 6, 25);
        const QPointF centre = p.viewport().center();
        const auto hw = p.labelEdge(CubeProjection::AxisHW);
        QVERIFY(hw.to.y() > hw.from.y() + 50);                   // s grows downwards
        QVERIFY(hw.from.x() < centre.x() && hw.outward.x() < 0); // on the left, label further left
        const auto n = p.labelEdge(CubeProjection::AxisN);
        QVERIFY(n.to.x() > n.from.x()); // n grows to the right
        QVERIFY(n.outward.y() > 0);     // label below the cube
        const auto c = p.labelEdge(CubeProjection::AxisC);
        QVERIFY(c.to.y() < c.from.y()); // c recedes up and away
    }

    void projectedFaceCentresHitTheirCells_data() { addViews(true); }

    void projectedFaceCentresHitTheirCells()
    {
        // project() and the faces' hit testing are two routes through the camera; they must agree at
        // the centre of every cell of every visible face of the joined cube (whose faces never overlap).
        QFETCH(double, yaw);
        QFETCH(double, pitch);
        CubeProjection p = makeProjection(4, 3, 6);
        p.setRotation(yaw, pitch);
        int checked = 0;
        for (const auto& face : p.faces()) {
            for (int i = 0; i < face.width; ++i) {
                for (int j = 0; j < face.height; ++j) {
                    const Cell cell = p.cellOnFace(face, i, j);
                    double at[3];
                    for (int a = 0; a < 3; ++a)
                        at[a] = cell[static_cast<std::size_t>(a)] + 0.5;
                    at[face.axis] = face.hiSide ? p.cells(face.axis) : 0;
                    const auto hit = p.hitTest(p.project(at[0], at[1], at[2]));
                    QVERIFY(hit.has_value());
                    QCOMPARE(*hit, cell);
                    ++checked;
                }
            }
        }
        QVERIFY(checked >= 3 * 6); // at least the front face's 4 x 6 cells, or a side's 3 x 6
    }

    void aQuarterTurnShowsOneSide()
    {
        // Yaw 90 degrees turns the n = 0 face towards the viewer; -90 the n = N-1 face.
        CubeProjection p = makeProjection(4, 3, 6);
        p.setRotation(90, 0);
        QCOMPARE(p.faces().size(), std::size_t(1));
        QCOMPARE(p.faces().front().axis, int(CubeProjection::AxisN));
        QCOMPARE(p.faces().front().hiSide, false);
        p.setRotation(-90, 0);
        QCOMPARE(p.faces().size(), std::size_t(1));
        QCOMPARE(p.faces().front().hiSide, true);
    }

    void verticalEdgesStayVertical()
    {
        // A turntable camera: yaw turns about the world's vertical before pitch tilts, so the cube's
        // H·W edges are drawn upright at any angle (pitch first would lean them sideways).
        CubeProjection p = makeProjection(4, 3, 6);
        for (const auto& [yaw, pitch] : {std::pair{-32.0, 22.0}, {40.0, -30.0}, {160.0, 25.0}, {-75.0, 60.0}}) {
            p.setRotation(yaw, pitch);
            for (const auto& [n, c] : {std::pair{0.0, 0.0}, {4.0, 0.0}, {0.0, 3.0}, {4.0, 3.0}}) {
                const QPointF top = p.project(n, c, 0), bottom = p.project(n, c, 6);
                QVERIFY(std::abs(top.x() - bottom.x()) < 1e-9);
                QVERIFY(bottom.y() - top.y() > 1);
            }
        }
    }

    void rotationStaysOrthonormalAfterManyDrags()
    {
        CubeProjection p = makeProjection(5, 6, 7);
        std::mt19937 rng(11);
        std::uniform_real_distribution<double> step(-40.0, 40.0);
        for (int drag = 0; drag < 5000; ++drag)
            p.setRotation(p.yaw() + step(rng), p.pitch() + step(rng));
        QVERIFY(p.yaw() > -180.0 && p.yaw() <= 180.0);
        QVERIFY(p.pitch() >= -89.0 && p.pitch() <= 89.0);
        const Eigen::Matrix3d& r = p.rotation();
        QVERIFY((r.transpose() * r - Eigen::Matrix3d::Identity()).cwiseAbs().maxCoeff() < 1e-12);
        QVERIFY(std::abs(r.determinant() - 1.0) < 1e-12);
        QVERIFY(r.isApprox(CubeProjection::viewRotation(p.yaw(), p.pitch()), 1e-12));
        // Whatever the rotation, the cube's centre stays at the viewport's centre.
        const QPointF centre = p.project(2.5, 3.0, 3.5);
        QVERIFY(std::abs(centre.x() - p.viewport().center().x()) < 1e-9);
        QVERIFY(std::abs(centre.y() - p.viewport().center().y()) < 1e-9);
    }
};

QTEST_GUILESS_MAIN(TestCubeProjection)
#include "test_cube_projection.moc"
