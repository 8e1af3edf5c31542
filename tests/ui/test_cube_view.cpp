// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// The cube view on snapshots of real engine runs: highlight = the engine layout's group (and the
// norms' definitions), hover shows the engine's numbers, captions, subsampled large tensors,
// colours per value source, and every rank and an error snapshot render.

#include "ui/document/cell_info.h"
#include "ui/cube/color_bar.h"
#include "ui/cube/cube_view.h"

#include "tests/ui/norm_snapshots.h"

#include <QSignalSpy>
#include <QtTest>

#include <limits>
#include <set>
#include <memory>

using namespace normscope;
using namespace normscope::test;
using normscope::ui::CubeView;

Q_DECLARE_METATYPE(normscope::NormKind)
Q_DECLARE_METATYPE(normscope::Shape)

namespace {

/// A view of `size`, shown and exposed so that mouse events reach it.
std::unique_ptr<CubeView> shownView(const ui::ResultPtr& result, QSize size = {720, 560})
{
    auto view = std::make_unique<CubeView>();
    view->resize(size);
    view->setResult(result);
    view->show();
    if (!QTest::qWaitForWindowExposed(view.get()))
        return nullptr;
    return view;
}

/// Elements spread over the tensor: corners and the middle.
std::vector<std::int64_t> probeIndices(const Shape& shape)
{
    const std::int64_t count = numel(shape);
    return {0, 1, count / 3, count / 2, count - 1};
}

QColor pixelAt(const QImage& image, QPointF point)
{
    return image.pixelColor(point.toPoint());
}

/// The view's pixel at element i's drawn cell shows the colour map's colour of `value` (lit or
/// with nothing lit); a cell outside the lit group is dimmed, so it does not.
bool cellShows(const CubeView& view, const QImage& image, std::int64_t i, double value)
{
    const auto point = view.cellPosition(i);
    return point && showsOnAFace(pixelAt(image, *point), view.colorMap().color(value));
}

} // namespace

class TestCubeView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void highlightIsTheLayoutsGroup_data()
    {
        QTest::addColumn<NormKind>("kind");
        QTest::addColumn<Shape>("shape");
        const std::pair<const char*, NormKind> kinds[] = {{"batch", NormKind::Batch},
                                                          {"layer", NormKind::Layer},
                                                          {"instance", NormKind::Instance},
                                                          {"group", NormKind::Group},
                                                          {"rms", NormKind::Rms}};
        for (const auto& [name, kind] : kinds) {
            QTest::addRow("%s 4x6x5x5", name) << kind << Shape{4, 6, 5, 5};
            QTest::addRow("%s 3x4x7", name) << kind << Shape{3, 4, 7};
            QTest::addRow("%s 2x4x2x3x2", name) << kind << Shape{2, 4, 2, 3, 2};
            QTest::addRow("%s 2x130x3 (binned C)", name) << kind << Shape{2, 130, 3};
        }
        QTest::addRow("batch 5x3") << NormKind::Batch << Shape{5, 3};
        QTest::addRow("layer 5x3") << NormKind::Layer << Shape{5, 3};
    }

    void highlightIsTheLayoutsGroup()
    {
        QFETCH(NormKind, kind);
        QFETCH(Shape, shape);
        const NormSpec spec = specFor(kind, shape);
        const auto result = runEngine(spec, randomTensor<double>(shape, 11));
        QVERIFY(result->ok());
        CubeView view;
        view.resize(500, 400);
        view.setResult(result);
        QSignalSpy selected(&view, &CubeView::cellSelected);
        for (const std::int64_t i : probeIndices(shape)) {
            view.selectCell(i);
            QCOMPARE(view.selectedCell(), i);
            const auto lit = asSet(view.highlightedCells());
            QCOMPARE(lit, asSet(result->layout->elementsOf(result->layout->groupOf(i))));
            QCOMPARE(lit, sameGroupAs(spec, shape, i));
        }
        QCOMPARE(selected.count(), int(probeIndices(shape).size()));
        view.selectCell(-1);
        QVERIFY(view.highlightedCells().empty());
        QCOMPARE(selected.last().at(0).value<std::int64_t>(), std::int64_t(-1));
    }

    void captionNamesTheRule_data()
    {
        QTest::addColumn<NormKind>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("batch") << NormKind::Batch
                               << QStringLiteral("BatchNorm: one mean and variance per channel, over N, H, W");
        QTest::newRow("layer") << NormKind::Layer << QStringLiteral("LayerNorm");
        QTest::newRow("instance") << NormKind::Instance << QStringLiteral("InstanceNorm");
        QTest::newRow("group") << NormKind::Group << QStringLiteral("GroupNorm");
        QTest::newRow("rms") << NormKind::Rms << QStringLiteral("RMSNorm");
    }

    void captionNamesTheRule()
    {
        QFETCH(NormKind, kind);
        QFETCH(QString, expected);
        const Shape shape{2, 4, 3, 3};
        const auto result = runEngine(specFor(kind, shape), randomTensor<double>(shape, 5));
        CubeView view;
        view.setResult(result);
        QCOMPARE(view.caption(), QString::fromStdString(result->layout->describe()));
        QVERIFY2(view.caption().startsWith(expected), qPrintable(view.caption()));
        QVERIFY(view.note().isEmpty());
    }

    void hoverShowsTheEnginesNumbers_data()
    {
        QTest::addColumn<NormKind>("kind");
        QTest::newRow("batch") << NormKind::Batch;
        QTest::newRow("layer") << NormKind::Layer;
        QTest::newRow("instance") << NormKind::Instance;
        QTest::newRow("group") << NormKind::Group;
        QTest::newRow("rms") << NormKind::Rms;
    }

    void hoverShowsTheEnginesNumbers()
    {
        QFETCH(NormKind, kind);
        const Shape shape{4, 6, 5, 5};
        const NormSpec spec = specFor(kind, shape, 3);
        const Tensor<double> x = randomTensor<double>(shape, 21, 0.5, 2.0);
        const auto result = runEngine(spec, x);
        auto view = shownView(result);
        QVERIFY(view);
        QSignalSpy hovered(view.get(), &CubeView::cellHovered);

        // (n=1, c=0, s=7) lies on the front face (c = 0) in the default view.
        const std::int64_t i = (1 * 6 + 0) * 25 + 7;
        const auto point = view->cellPosition(i);
        QVERIFY(point.has_value());
        QTest::mouseMove(view.get(), point->toPoint());
        QCOMPARE(view->hoveredCell(), i);
        QVERIFY(!hovered.isEmpty());
        QCOMPARE(hovered.last().at(0).value<std::int64_t>(), i);
        QCOMPARE(asSet(view->highlightedCells()), sameGroupAs(spec, shape, i));

        // The numbers shown are the snapshot's, and those agree with the definitions.
        const ui::CellInfo info = ui::CellInfo::from(result, i);
        const auto [mean, var] = groupMeanVar(spec, x, i);
        QVERIFY(std::abs(info.mean - mean) < 1e-12 * (1 + std::abs(mean)));
        QVERIFY(std::abs(info.var - var) < 1e-12 * (1 + var));
        const double eps = spec.eps ? *spec.eps : std::numeric_limits<double>::epsilon();
        QVERIFY(std::abs(info.rstd - 1 / std::sqrt(var + eps)) < 1e-9 * info.rstd);
        QCOMPARE(info.x, x[i]);
        const QString text = view->hoverText();
        QVERIFY2(text.contains(QStringLiteral("n=1, c=0, h=1, w=2")), qPrintable(text));
        QVERIFY(text.contains(ui::formatNumber(x[i])));
        QVERIFY(text.contains(ui::formatNumber(result->var[info.group])));
        QVERIFY(text.contains(ui::formatNumber(result->rstd[info.group])));
        QVERIFY(text.contains(ui::formatNumber(result->normalizedAt(i))));
        QVERIFY(text.contains(ui::formatNumber(result->output[i])));
        QVERIFY(text.contains(QString::fromStdString(result->layout->groupLabel(info.group))));
        if (kind == NormKind::Rms) {
            QVERIFY(text.contains(QStringLiteral("mean(x\u00b2)")));
        } else {
            QVERIFY(text.contains(QStringLiteral("mean: ") + ui::formatNumber(result->mean[info.group])));
            QVERIFY(text.contains(QStringLiteral("beta")));
        }
        QVERIFY(text.contains(QStringLiteral("gamma")));

        // Leaving the cube clears the hover but keeps nothing lit (no selection was made).
        QTest::mouseMove(view.get(), QPoint(3, view->height() - 3));
        QCOMPARE(view->hoveredCell(), std::int64_t(-1));
        QVERIFY(view->hoverText().isEmpty());
        QVERIFY(view->highlightedCells().empty());
        QCOMPARE(hovered.last().at(0).value<std::int64_t>(), std::int64_t(-1));
    }

    void clickSelectsAndDragRotates()
    {
        const Shape shape{4, 6, 5, 5};
        const auto result = runEngine(specFor(NormKind::Group, shape, 3), randomTensor<double>(shape, 2));
        auto view = shownView(result);
        QVERIFY(view);
        QSignalSpy selected(view.get(), &CubeView::cellSelected);
        const std::int64_t i = (2 * 6 + 0) * 25 + 12;
        const QPoint point = view->cellPosition(i)->toPoint();
        QTest::mouseClick(view.get(), Qt::LeftButton, {}, point);
        QCOMPARE(view->selectedCell(), i);
        QCOMPARE(selected.count(), 1);

        const double yaw = view->yaw();
        QTest::mousePress(view.get(), Qt::LeftButton, {}, point);
        QTest::mouseMove(view.get(), point + QPoint(60, 0));
        QTest::mouseRelease(view.get(), Qt::LeftButton, {}, point + QPoint(60, 0));
        QVERIFY(std::abs(view->yaw() - yaw) > 10);
        QCOMPARE(view->selectedCell(), i); // a drag is not a click
        QCOMPARE(selected.count(), 1);

        view->resetView();
        QCOMPARE(view->yaw(), ui::CubeProjection::kDefaultYaw);
        QCOMPARE(view->zoom(), 1.0);

        // A click outside the cube clears the selection.
        QTest::mouseClick(view.get(), Qt::LeftButton, {}, QPoint(4, view->height() / 2));
        QCOMPARE(view->selectedCell(), std::int64_t(-1));
        QCOMPARE(selected.count(), 2);
    }

    void largeTensorIsSubsampled()
    {
        const Shape shape{2, 64, 56, 56};
        const NormSpec spec = specFor(NormKind::Group, shape, 8);
        const auto result = runEngine(spec, randomTensor<float>(shape, 3));
        auto view = shownView(result, {800, 600});
        QVERIFY(view);
        QVERIFY(view->note().contains(QStringLiteral("H\u00b7W: 3136 shown as 64 bins of 49")));
        QCOMPARE(view->grid().cells(2), 64);
        QCOMPARE(view->grid().cells(1), 64);

        // Highlight is still the whole group, not just the drawn cells.
        const std::int64_t i = (1 * 64 + 17) * 3136 + 1000;
        view->selectCell(i);
        QCOMPARE(asSet(view->highlightedCells()), sameGroupAs(spec, shape, i));

        // Hovering the drawn cell that contains i hovers a representative from the same bin: the
        // first element of 49 consecutive spatial positions.
        const auto point = view->cellPosition((1 * 64 + 0) * 3136 + 1000); // c = 0: front face
        QVERIFY(point.has_value());
        QTest::mouseMove(view.get(), point->toPoint());
        const std::int64_t h = view->hoveredCell();
        QVERIFY(h >= 0);
        const NcS hovered = ncs(shape, h);
        QCOMPARE(hovered.n, std::int64_t(1));
        QCOMPARE(hovered.c, std::int64_t(0));
        QCOMPARE(hovered.s, std::int64_t(1000 / 49 * 49));
        QCOMPARE(asSet(view->highlightedCells()), sameGroupAs(spec, shape, h));
        QVERIFY(view->hoverText().contains(QStringLiteral("first of its bin")));

        // What is drawn: with the hovered group selected (the overlay gone), a drawn cell of the
        // group (n=1, channels 0-7) shows the colour of its bin's first element; the same cell of
        // n=0, another group, is dimmed.
        QTest::mouseMove(view.get(), QPoint(3, view->height() - 3));
        view->selectCell(h);
        const QImage image = view->grab().toImage();
        const Tensor<double> x = result->input.widened();
        const std::int64_t lit = (1 * 64 + 0) * 3136 + 40 * 49, unlit = (0 * 64 + 0) * 3136 + 40 * 49;
        QVERIFY(sameGroupAs(spec, shape, h).count(lit) && !sameGroupAs(spec, shape, h).count(unlit));
        QVERIFY2(cellShows(*view, image, lit, x[lit]), qPrintable(pixelAt(image, *view->cellPosition(lit)).name()));
        QVERIFY(cellShows(*view, image, lit + 48, x[lit])); // the same bin: its first element's colour
        QVERIFY(view->cellPosition(unlit));
        QVERIFY2(!cellShows(*view, image, unlit, x[unlit]),
                 qPrintable(pixelAt(image, *view->cellPosition(unlit)).name()));
        view->selectCell(-1);
        QVERIFY(cellShows(*view, view->grab().toImage(), unlit, x[unlit]));
    }

    void largeChannelAxisNote()
    {
        const Shape shape{2, 130, 3};
        const auto result = runEngine(specFor(NormKind::Batch, shape), randomTensor<double>(shape, 3));
        CubeView view;
        view.setResult(result);
        QVERIFY2(view.note().contains(QStringLiteral("C: 130 shown as 44 bins of up to 3")), qPrintable(view.note()));
    }

    void valueSourceChangesTheColour()
    {
        // BatchNorm on two channels: channel 0 holds 100 and 101, channel 1 holds 0 and 1.
        // As input, 100 is near the top of [0, 101]: red. Normalised it is its channel's lower
        // value, x-hat = -0.5 / sqrt(0.25 + eps) ~ -1, the bottom of the symmetric range: blue.
        const Shape shape{2, 2, 1, 1};
        const Tensor<double> x(shape, std::vector<double>{100, 0, 101, 1});
        const auto result = runEngine(specFor(NormKind::Batch, shape), x);
        auto view = shownView(result, {600, 480});
        QVERIFY(view);
        const auto point = view->cellPosition(0);
        QVERIFY(point.has_value());

        QColor input = pixelAt(view->grab().toImage(), *point);
        QVERIFY2(input.red() > input.blue() + 60, qPrintable(input.name()));
        QCOMPARE(view->colorBar()->title(), QStringLiteral("x"));
        QCOMPARE(view->colorMap().lower(), 0.0);
        QCOMPARE(view->colorMap().upper(), 101.0);

        view->setValueSource(CubeView::ValueSource::Normalized);
        QColor normalized = pixelAt(view->grab().toImage(), *point);
        QVERIFY2(normalized.blue() > normalized.red() + 60, qPrintable(normalized.name()));
        QVERIFY(std::abs(view->colorMap().upper() + view->colorMap().lower()) < 1e-12); // symmetric
        QVERIFY(std::abs(view->colorMap().upper() - 0.5 / std::sqrt(0.25 + 1e-5)) < 1e-9);

        view->setValueSource(CubeView::ValueSource::Output);
        QColor output = pixelAt(view->grab().toImage(), *point);
        QVERIFY(output.blue() > output.red() + 60); // gamma 1, beta 0: y = x-hat
        QCOMPARE(view->colorBar()->title(), QStringLiteral("y"));
    }

    void allGroupsModeColoursEachGroup()
    {
        // BatchNorm on constant data: every value colour is the same white, so any difference in
        // colour between channels comes from the group hues.
        const Shape shape{2, 3, 2, 2};
        const auto result = runEngine(specFor(NormKind::Batch, shape), Tensor<double>(shape, 1.0));
        auto view = shownView(result, {600, 480});
        QVERIFY(view);
        // Both on the top face (s = 0): (n=0, c=0) and (n=0, c=1) are in different groups.
        const auto a = view->cellPosition(0), b = view->cellPosition(4);
        QVERIFY(a && b);
        QImage image = view->grab().toImage();
        QCOMPARE(pixelAt(image, *a), pixelAt(image, *b));
        view->setHighlightMode(CubeView::HighlightMode::AllGroups);
        QCOMPARE(view->cellPosition(0), a); // the cube stays where it was
        image = view->grab().toImage();
        const QColor ca = pixelAt(image, *a), cb = pixelAt(image, *b);
        QVERIFY2(std::abs(ca.hslHueF() - cb.hslHueF()) > 0.1, qPrintable(ca.name() + QLatin1Char(' ') + cb.name()));
        QVERIFY(!view->colorBar()->isVisible());
    }

    void dimmedOutsideTheLitGroup()
    {
        const Shape shape{2, 3, 2, 2};
        const Tensor<double> x(
            shape, std::vector<double>{-3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8});
        const auto result = runEngine(specFor(NormKind::Instance, shape), x);
        auto view = shownView(result, {600, 480});
        QVERIFY(view);
        const auto lit = view->cellPosition(0);    // (n=0, c=0, s=0)
        const auto other = view->cellPosition(12); // (n=1, c=0, s=0): same value, other group
        QVERIFY(lit && other);
        QCOMPARE(pixelAt(view->grab().toImage(), *lit), pixelAt(view->grab().toImage(), *other));
        view->selectCell(0);
        const QImage image = view->grab().toImage();
        const QColor l = pixelAt(image, *lit), o = pixelAt(image, *other);
        // The lit cell keeps its saturated blue; the other is greyed out.
        QVERIFY2(l.hsvSaturationF() > o.hsvSaturationF() + 0.2, qPrintable(l.name() + QLatin1Char(' ') + o.name()));
    }

    void explodedShowsInnerCells()
    {
        const Shape shape{4, 6, 5, 5};
        const NormSpec spec = specFor(NormKind::Batch, shape);
        const auto result = runEngine(spec, randomTensor<double>(shape, 8));
        auto view = shownView(result);
        QVERIFY(view);
        view->setExploded(true, 1);
        QVERIFY(view->isExploded());
        // Some element strictly inside the cube can now be seen and hovered.
        std::int64_t inner = -1;
        for (std::int64_t i = 0; i < numel(shape) && inner < 0; ++i) {
            const NcS p = ncs(shape, i);
            if (p.n > 0 && p.n < 3 && p.c > 0 && p.c < 5 && p.s > 4 && p.s < 20 && view->cellPosition(i))
                inner = i;
        }
        QVERIFY(inner >= 0);
        const QPointF point = *view->cellPosition(inner);
        QCOMPARE(view->cellAt(point), inner);
        QTest::mouseMove(view.get(), point.toPoint());
        QCOMPARE(view->hoveredCell(), inner);
        QCOMPARE(asSet(view->highlightedCells()), sameGroupAs(spec, shape, inner));

        // Drawn: the other visible inner cells show their values' colours, undimmed in the lit
        // channel and dimmed in the others (the hover overlay moved away, the group kept selected).
        QTest::mouseMove(view.get(), QPoint(3, view->height() - 3));
        view->selectCell(inner);
        const QImage image = view->grab().toImage();
        const auto group = sameGroupAs(spec, shape, inner);
        int litSeen = 0, unlitSeen = 0;
        for (std::int64_t i = 0; i < numel(shape); ++i) {
            const NcS p = ncs(shape, i);
            if (i == inner || p.n == 0 || p.n == 3 || p.c == 0 || p.c == 5 || p.s < 5 || p.s >= 20
                || !view->cellPosition(i))
                continue;
            const bool shows = cellShows(*view, image, i, result->input[i]);
            QVERIFY2(shows == (group.count(i) > 0), qPrintable(QString::number(i)));
            ++(shows ? litSeen : unlitSeen);
        }
        QVERIFY2(litSeen >= 3 && unlitSeen >= 3, qPrintable(QStringLiteral("%1 %2").arg(litSeen).arg(unlitSeen)));
        view->setExploded(false, 1);
        QVERIFY(!view->cellPosition(inner).has_value());
    }

    void interiorGroupIsCutOpen_data()
    {
        QTest::addColumn<NormKind>("kind");
        QTest::newRow("instance") << NormKind::Instance;
        QTest::newRow("group") << NormKind::Group;
    }

    // An InstanceNorm or GroupNorm group of an inner (n, c) reaches none of the faces a whole cube
    // shows: the cube is cut open at the group's first channel, which becomes the front face.
    void interiorGroupIsCutOpen()
    {
        QFETCH(NormKind, kind);
        const Shape shape{4, 6, 5, 5};
        const NormSpec spec = specFor(kind, shape, 3); // GroupNorm: channels {2, 3} share a group
        const Tensor<double> x = randomTensor<double>(shape, 12);
        auto view = shownView(runEngine(spec, x));
        QVERIFY(view);
        const std::int64_t i = (1 * 6 + 2) * 25 + 3 * 5 + 3; // n=1, c=2, h=3, w=3
        const std::set<std::int64_t> group = sameGroupAs(spec, shape, i);
        for (const std::int64_t j : group)
            QVERIFY(!view->cellPosition(j) || ncs(shape, j).s == 0); // at most its top row shows
        QCOMPARE(view->cut().axis, -1);

        view->selectCell(i);
        QCOMPARE(view->cut().axis, int(ui::CubeProjection::AxisC));
        QCOMPARE(view->cut().lo, 2);
        QCOMPARE(view->cut().hi, 6);
        QVERIFY2(view->cutText().contains(QStringLiteral("C = 2")), qPrintable(view->cutText()));
        // Every element of the group in channel 2 is drawn, lit: its own colour (shaded as a face
        // across C is), not the dimmed colour of the cells outside the group.
        const QImage image = view->grab().toImage();
        int drawn = 0;
        for (const std::int64_t j : group) {
            if (ncs(shape, j).c != 2)
                continue;
            const auto point = view->cellPosition(j);
            QVERIFY2(point, qPrintable(QString::number(j)));
            QCOMPARE(view->cellAt(*point), j);
            ++drawn;
            if (j == i || ncs(shape, j).s == 0)
                continue; // the selection outline covers the cell's middle; s = 0 may be found on top
            const QRgb c = view->colorMap().color(x.values()[std::size_t(j)]);
            const QColor expected(qRed(c) * 244 >> 8, qGreen(c) * 244 >> 8, qBlue(c) * 244 >> 8);
            const QColor seen = pixelAt(image, *point);
            QVERIFY2(std::abs(seen.red() - expected.red()) <= 2 && std::abs(seen.green() - expected.green()) <= 2
                         && std::abs(seen.blue() - expected.blue()) <= 2,
                     qPrintable(seen.name() + QLatin1Char(' ') + expected.name()));
        }
        QCOMPARE(drawn, 25);
        // The channels in front are gone from the picture: channel 1 of the same sample is hidden.
        QVERIFY(!view->cellPosition((1 * 6 + 1) * 25 + 18));

        // Turned so that the side across N faces the viewer most, the cube opens along N instead.
        view->setRotation(-80, 10);
        QCOMPARE(view->cut().axis, int(ui::CubeProjection::AxisN));
        QVERIFY(view->cellPosition(i).has_value());
        view->setRotation(ui::CubeProjection::kDefaultYaw, ui::CubeProjection::kDefaultPitch);

        // A group that reaches a visible face needs no cut; nor does no selection.
        view->selectCell((1 * 6 + 0) * 25 + 18); // c = 0: the front face
        QCOMPARE(view->cut().axis, -1);
        view->selectCell(i);
        QVERIFY(view->cut().axis >= 0);
        view->selectCell(-1);
        QCOMPARE(view->cut().axis, -1);
        QVERIFY(view->cutText().isEmpty());
    }

    void batchAndLayerGroupsNeedNoCut()
    {
        const Shape shape{4, 6, 5, 5};
        const std::int64_t i = (1 * 6 + 2) * 25 + 18;
        for (const NormKind kind : {NormKind::Batch, NormKind::Layer}) {
            auto view = shownView(runEngine(specFor(kind, shape), randomTensor<double>(shape, 2)));
            QVERIFY(view);
            view->selectCell(i);
            QCOMPARE(view->cut().axis, -1); // a channel reaches the top face, a sample the side
        }
    }

    void rendersEveryRank_data()
    {
        QTest::addColumn<NormKind>("kind");
        QTest::addColumn<Shape>("shape");
        QTest::newRow("layer rank 1") << NormKind::Layer << Shape{7};
        QTest::newRow("batch rank 2") << NormKind::Batch << Shape{8, 16};
        QTest::newRow("batch rank 3") << NormKind::Batch << Shape{4, 6, 10};
        QTest::newRow("instance rank 4") << NormKind::Instance << Shape{2, 3, 4, 4};
        QTest::newRow("group rank 5") << NormKind::Group << Shape{2, 4, 3, 4, 5};
        QTest::newRow("rms rank 3") << NormKind::Rms << Shape{3, 4, 5};
    }

    void rendersEveryRank()
    {
        QFETCH(NormKind, kind);
        QFETCH(Shape, shape);
        const auto result = runEngine(specFor(kind, shape), randomTensor<double>(shape, 4));
        auto view = shownView(result, {500, 400});
        QVERIFY(view);
        // Every visible cell shows its own value's colour (nothing is lit yet). Cells of a few pixels
        // are checked where the cube's edge lines leave them a solid 3 x 3 patch.
        const QImage image = view->grab().toImage();
        int seen = 0;
        for (std::int64_t i = 0; i < numel(shape); ++i) {
            if (!view->cellPosition(i) || !solidAround(image, *view->cellPosition(i)))
                continue;
            QVERIFY2(cellShows(*view, image, i, result->input[i]),
                     qPrintable(QStringLiteral("%1: %2").arg(i).arg(pixelAt(image, *view->cellPosition(i)).name())));
            ++seen;
        }
        QVERIFY(seen >= 3);
        QVERIFY(!view->caption().isEmpty());
        // Each drawn cell is an element; hit testing the middle of the widget finds one.
        const std::int64_t count = numel(shape);
        const std::int64_t last = count - 1;
        view->selectCell(last);
        QCOMPARE(asSet(view->highlightedCells()), sameGroupAs(specFor(kind, shape), shape, last));
        if (shape.size() == 4)
            QVERIFY(view->grid().axisLabel(2) == QStringLiteral("H\u00b7W = 16"));
        if (shape.size() == 3)
            QVERIFY(view->grid().axisLabel(2).startsWith(QStringLiteral("L = ")));
        if (shape.size() == 5)
            QVERIFY(view->grid().axisLabel(2) == QStringLiteral("D\u00b7H\u00b7W = 60"));
    }

    void errorAndNullSnapshots()
    {
        const Shape shape{2, 6, 3, 3};
        const Tensor<double> x = randomTensor<double>(shape, 1);
        NormSpec spec = specFor(NormKind::Group, shape, 4); // 4 does not divide 6
        const auto error = ui::buildErrorSnapshot(2, spec, x, "num_groups (4) must divide num_channels (6)");
        auto view = shownView(runEngine(specFor(NormKind::Batch, shape), x), {500, 400});
        QVERIFY(view);
        view->selectCell(5);
        view->setResult(error);
        QVERIFY(view->caption().isEmpty());
        QVERIFY(view->highlightedCells().empty());
        view->selectCell(3);
        QVERIFY(view->highlightedCells().empty());
        view->setValueSource(CubeView::ValueSource::Output);

        // The refused input stays drawn under a white veil (alpha 170) with the message in a pale
        // red box over the cube's middle: a cell away from the box shows its value's colour veiled.
        const QImage image = view->grab().toImage();
        int veiled = 0;
        for (std::int64_t i = 0; i < x.numel(); ++i) {
            const auto point = view->cellPosition(i);
            if (!point || std::abs(point->y() - view->height() / 2.0) < 60)
                continue;
            // Each face's shading, then the veil over it.
            const QRgb c = view->colorMap().color(x[i]);
            const QColor seen = pixelAt(image, *point);
            bool shows = false;
            for (const int keep : {256, 244, 222}) {
                const auto veiledChannel = [&](int v) { return ((v * keep >> 8) * 85 + 255 * 170) / 255; };
                shows = shows
                    || (std::abs(seen.red() - veiledChannel(qRed(c))) <= 3
                        && std::abs(seen.green() - veiledChannel(qGreen(c))) <= 3
                        && std::abs(seen.blue() - veiledChannel(qBlue(c))) <= 3);
            }
            QVERIFY2(shows, qPrintable(QStringLiteral("%1: %2").arg(i).arg(seen.name())));
            ++veiled;
        }
        QVERIFY(veiled >= 3);
        int messageBox = 0;
        for (int py = 0; py < image.height(); ++py)
            for (int px = 0; px < image.width(); ++px)
                messageBox += image.pixel(px, py) == qRgb(255, 244, 244) ? 1 : 0;
        QVERIFY2(messageBox > 1000, qPrintable(QString::number(messageBox)));

        // No result: no cube, only the grey "No tensor yet".
        view->setResult(nullptr);
        QVERIFY(view->highlightedCells().empty());
        QCOMPARE(view->cellAt(QPointF(250, 200)), std::int64_t(-1));
        QCOMPARE(colouredPixels(view->grab().toImage()), 0);
    }

    void keepsSelectionAcrossResults()
    {
        const Shape shape{2, 4, 3, 3};
        const Tensor<double> x = randomTensor<double>(shape, 9);
        CubeView view;
        view.setResult(runEngine(specFor(NormKind::Batch, shape), x));
        view.selectCell(10);
        const NormSpec layer = specFor(NormKind::Layer, shape);
        view.setResult(runEngine(layer, x));
        QCOMPARE(view.selectedCell(), std::int64_t(10));
        QCOMPARE(asSet(view.highlightedCells()), sameGroupAs(layer, shape, 10));
    }
};

QTEST_MAIN(TestCubeView)
#include "test_cube_view.moc"
