// The cube's 3D -> 2D geometry and hit testing, without any tensor or engine.

#include "ui/cube/cube_projection.h"

#include <QtTest>

#include <cmath>
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
                        return {};   // a mismatch makes the caller's comparison fail loudly
                    out.insert(cell);
                }
            }
    return out;
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

    void visibleCellsAreTheOuterSurface_data()
    {
        QTest::addColumn<double>("yaw");
        QTest::addColumn<double>("pitch");
        QTest::newRow("default") << CubeProjection::kDefaultYaw << CubeProjection::kDefaultPitch;
        QTest::newRow("from the left, below") << 40.0 << -30.0;
        QTest::newRow("from behind") << 160.0 << 25.0;
        QTest::newRow("from behind, below") << -150.0 << -20.0;
    }

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
            const bool onSurface = cell[0] == 0 || cell[0] == 4 || cell[1] == 0 || cell[1] == 5 || cell[2] == 0 || cell[2] == 6;
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

    void labelEdgesRunAlongTheirAxes()
    {
        const CubeProjection p = makeProjection(4, 6, 25);
        const QPointF centre = p.viewport().center();
        const auto hw = p.labelEdge(CubeProjection::AxisHW);
        QVERIFY(hw.to.y() > hw.from.y() + 50);            // s grows downwards
        QVERIFY(hw.from.x() < centre.x() && hw.outward.x() < 0);   // on the left, label further left
        const auto n = p.labelEdge(CubeProjection::AxisN);
        QVERIFY(n.to.x() > n.from.x());                   // n grows to the right
        QVERIFY(n.outward.y() > 0);                       // label below the cube
        const auto c = p.labelEdge(CubeProjection::AxisC);
        QVERIFY(c.to.y() < c.from.y());                   // c recedes up and away
    }
};

QTEST_GUILESS_MAIN(TestCubeProjection)
#include "test_cube_projection.moc"
