// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// The compare view: five cubes on the same input, each lighting its own norm's group for the same
// selected or hovered element, with each norm's statistics beneath.

#include "ui/document/cell_info.h"
#include "ui/cube/compare_view.h"
#include "ui/document/engine_runner.h"

#include "tests/ui/norm_snapshots.h"

#include <QScrollArea>
#include <QSignalSpy>
#include <QtTest>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <cmath>

using namespace normscope;
using namespace normscope::test;
using normscope::ui::CompareView;
using normscope::ui::CubeView;

namespace {

const NormKind kKinds[] = {NormKind::Batch, NormKind::Layer, NormKind::Instance, NormKind::Group, NormKind::Rms};
const Shape kShape{4, 6, 5, 5};
constexpr std::int64_t kGroups = 3;

struct Column {
    NormSpec spec;
    ui::ResultPtr result;
};

std::vector<Column> runAll(const Tensor<double>& x)
{
    std::vector<Column> out;
    for (const NormKind kind : kKinds) {
        const NormSpec spec = specFor(kind, x.shape(), kGroups);
        out.push_back({spec, runEngine(spec, x)});
    }
    return out;
}

std::vector<ui::ResultPtr> resultsOf(const std::vector<Column>& columns)
{
    std::vector<ui::ResultPtr> out;
    for (const Column& c : columns)
        out.push_back(c.result);
    return out;
}

/// Group count and size from the definitions, for N=4, C=6, H·W=25 and G=3.
std::pair<std::int64_t, std::int64_t> expectedGroups(NormKind kind)
{
    switch (kind) {
    case NormKind::Batch: return {6, 4 * 25};
    case NormKind::Instance: return {4 * 6, 25};
    case NormKind::Group: return {4 * kGroups, (6 / kGroups) * 25};
    case NormKind::Layer:
    case NormKind::Rms: return {4, 6 * 25};
    }
    return {};
}

} // namespace

class TestCompareView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void clickSelectsTheSameElementEverywhere()
    {
        const Tensor<double> x = randomTensor<double>(kShape, 17);
        const auto columns = runAll(x);
        CompareView view;
        view.resize(1500, 600);
        view.setResults(resultsOf(columns));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.count(), 5);
        QSignalSpy selected(&view, &CompareView::cellSelected);

        const std::int64_t i = (2 * 6 + 0) * 25 + 9; // n=2, c=0, s=9: on every cube's front face
        CubeView* first = view.cube(0);
        const auto point = first->cellPosition(i);
        QVERIFY(point.has_value());
        QTest::mouseClick(first, Qt::LeftButton, {}, point->toPoint());
        QCOMPARE(view.selectedCell(), i);
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.last().at(0).value<std::int64_t>(), i);
        for (int k = 0; k < 5; ++k) {
            const Column& c = columns[static_cast<std::size_t>(k)];
            QCOMPARE(view.cube(k)->selectedCell(), i);
            const auto lit = asSet(view.cube(k)->highlightedCells());
            QCOMPARE(lit, asSet(c.result->layout->elementsOf(c.result->layout->groupOf(i))));
            QCOMPARE(lit, sameGroupAs(c.spec, kShape, i));
        }
        // Each norm lights a different set: BatchNorm 100 elements, InstanceNorm 25, GroupNorm 50...
        QCOMPARE(view.cube(0)->highlightedCells().size(), std::size_t(100));
        QCOMPARE(view.cube(2)->highlightedCells().size(), std::size_t(25));
        QCOMPARE(view.cube(3)->highlightedCells().size(), std::size_t(50));

        // Selecting in another cube moves every selection.
        const std::int64_t j = (3 * 6 + 0) * 25 + 1;
        QTest::mouseClick(view.cube(3), Qt::LeftButton, {}, view.cube(3)->cellPosition(j)->toPoint());
        for (int k = 0; k < 5; ++k)
            QCOMPARE(view.cube(k)->selectedCell(), j);
        QCOMPARE(selected.count(), 2);

        // A new result keeps the selection.
        view.setResults(resultsOf(runAll(randomTensor<double>(kShape, 18))));
        for (int k = 0; k < 5; ++k)
            QCOMPARE(view.cube(k)->selectedCell(), j);
        QCOMPARE(selected.count(), 2);
    }

    void hoverLightsEveryCube()
    {
        const Tensor<double> x = randomTensor<double>(kShape, 3);
        const auto columns = runAll(x);
        CompareView view;
        view.resize(1500, 600);
        view.setResults(resultsOf(columns));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const std::int64_t i = (1 * 6 + 0) * 25 + 20;
        CubeView* hovered = view.cube(2);
        QTest::mouseMove(hovered, hovered->cellPosition(i)->toPoint());
        QCOMPARE(hovered->hoveredCell(), i);
        for (int k = 0; k < 5; ++k)
            QCOMPARE(asSet(view.cube(k)->highlightedCells()),
                     sameGroupAs(columns[static_cast<std::size_t>(k)].spec, kShape, i));
    }

    /// An eps drag changes every column's signature, and with it the widest table; at every width the
    /// five must still fit (text does not scale exactly with its size: a pixel over made a scroll bar).
    void everyEpsFitsEveryWidth()
    {
        const Tensor<double> x = randomTensor<double>(kShape, 9);
        QScrollArea area;
        auto* view = new CompareView;
        area.setWidget(view);
        area.setWidgetResizable(true);
        area.resize(1000, 900);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        int checked = 0;
        for (const double pointScale : {1.0, 1.15, 1.3})
            for (const double eps : {1e-5, 2e-8, 5e-7, 0.0002, 0.05, 2.0}) {
                QFont font = area.font();
                font.setPointSizeF(font.pointSizeF() * pointScale);
                view->setFont(font);
                std::vector<ui::ResultPtr> results;
                for (const NormKind kind : kKinds) {
                    NormSpec spec = specFor(kind, x.shape(), kGroups);
                    spec.eps = eps;
                    results.push_back(runEngine(spec, x));
                }
                view->setResults(results);
                for (int width = 700; width <= 1100; width += 11) {
                    area.resize(width, 900);
                    QCoreApplication::processEvents();
                    QVERIFY2(view->width() <= area.viewport()->width(),
                             qPrintable(QStringLiteral("eps %1, width %2: view %3 > viewport %4")
                                            .arg(eps)
                                            .arg(width)
                                            .arg(view->width())
                                            .arg(area.viewport()->width())));
                    ++checked;
                }
            }
        QCOMPARE(checked, 3 * 6 * 37);
    }

    void rotatingOneTurnsAll()
    {
        CompareView view;
        view.resize(1500, 600);
        view.setResults(resultsOf(runAll(randomTensor<double>(kShape, 3))));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        CubeView* cube = view.cube(1);
        const QPoint start = cube->rect().center();
        QTest::mousePress(cube, Qt::LeftButton, {}, start);
        QTest::mouseMove(cube, start + QPoint(40, 20));
        QTest::mouseRelease(cube, Qt::LeftButton, {}, start + QPoint(40, 20));
        QVERIFY(cube->yaw() != ui::CubeProjection::kDefaultYaw);
        for (int k = 0; k < 5; ++k) {
            QCOMPARE(view.cube(k)->yaw(), cube->yaw());
            QCOMPARE(view.cube(k)->pitch(), cube->pitch());
        }
        view.resetView();
        for (int k = 0; k < 5; ++k)
            QCOMPARE(view.cube(k)->yaw(), ui::CubeProjection::kDefaultYaw);
    }

    /// In a scroll area as the window has it: wide, one row; narrow or with large type (presenter
    /// mode), every column still inside the width, in two rows when one would be too tight; no
    /// module name broken inside a word.
    void columnsFitTheWidthTheyAreGiven()
    {
        const auto results = resultsOf(runAll(randomTensor<double>(kShape, 5)));
        for (const auto& [width, pointScale, rows] :
             std::vector<std::tuple<int, double, int>>{{1500, 1.0, 1}, {1000, 1.0, 1}, {600, 1.5, 2}}) {
            QScrollArea area;
            auto* view = new CompareView;
            area.setWidget(view);
            area.setWidgetResizable(true);
            QFont font = area.font();
            font.setPointSizeF(font.pointSizeF() * pointScale);
            view->setFont(font);
            view->setResults(results);
            area.resize(width, 900);
            area.show();
            QVERIFY(QTest::qWaitForWindowExposed(&area));
            QTRY_VERIFY(view->width() <= area.viewport()->width()); // nothing scrolled out of sight
            std::set<int> tops;
            for (int k = 0; k < view->count(); ++k) {
                CubeView* cube = view->cube(k);
                tops.insert(cube->y());
                QVERIFY2(cube->geometry().right() < area.viewport()->width(), qPrintable(QString::number(k)));
            }
            QCOMPARE(static_cast<int>(tops.size()), rows);
        }
    }

    void captionsAndStatistics()
    {
        const Tensor<double> x = randomTensor<double>(kShape, 23, 2.0, 1.5);
        const auto columns = runAll(x);
        CompareView view;
        view.setResults(resultsOf(columns));
        const char* names[] = {"BatchNorm", "LayerNorm", "InstanceNorm", "GroupNorm", "RMSNorm"};
        for (int k = 0; k < 5; ++k) {
            const Column& c = columns[static_cast<std::size_t>(k)];
            QCOMPARE(view.cube(k)->caption(), QString::fromStdString(c.result->layout->describe()));
            QVERIFY(view.cube(k)->caption().startsWith(QLatin1String(names[k])));
            QVERIFY(view.cube(k)->isCompact());

            const auto [count, size] = expectedGroups(c.spec.kind);
            const QString stats = view.statsText(k);
            QVERIFY2(stats.contains(QStringLiteral("groups %1").arg(count))
                         || stats.contains(QStringLiteral("groups\t%1").arg(count))
                         || stats.contains(QStringLiteral("groups\n%1").arg(count)),
                     qPrintable(stats));
            QVERIFY2(stats.contains(QString::number(size)), qPrintable(stats));

            // The range of the groups' statistics, each group's computed here from its members.
            std::vector<double> means, vars;
            for (std::int64_t g = 0; g < c.result->layout->groupCount(); ++g) {
                const auto [mean, var] = groupMeanVar(c.spec, x, c.result->layout->elementsOf(g).front());
                means.push_back(mean);
                vars.push_back(var);
            }
            const auto fmt = [](double v) { return QString::number(v, 'g', 4); };
            const auto [vlo, vhi] = std::minmax_element(vars.begin(), vars.end());
            QVERIFY2(stats.contains(fmt(*vlo) + QStringLiteral(" \u2026 ") + fmt(*vhi)), qPrintable(stats));
            if (c.spec.kind == NormKind::Rms) {
                QVERIFY(stats.contains(QStringLiteral("mean(x\u00b2)")));
            } else {
                const auto [mlo, mhi] = std::minmax_element(means.begin(), means.end());
                QVERIFY2(stats.contains(fmt(*mlo) + QStringLiteral(" \u2026 ") + fmt(*mhi)), qPrintable(stats));
            }
        }
    }

    void columnsFollowTheSpec()
    {
        // The window's module: GroupNorm(3, 6) with eps 0.5, no affine, in eval mode.
        const Tensor<double> x = randomTensor<double>(kShape, 31, 1.0, 2.0);
        ui::Experiment e;
        e.shape = kShape;
        e.dtype = DType::Float64;
        e.loaded = std::make_shared<const AnyTensor>(x);
        e.spec = specFor(NormKind::Group, kShape, kGroups);
        e.spec.eps = 0.5;
        e.spec.affine = false;
        e.spec.mode = Mode::Eval;
        std::vector<ui::ResultPtr> results;
        for (const ui::Experiment& c : ui::engine_runner::compareExperiments(e))
            results.push_back(ui::engine_runner::run(c, std::make_shared<const AnyTensor>(x), 1, 1));
        QCOMPARE(results.size(), std::size_t(5));
        CompareView view;
        view.resize(1500, 600);
        view.setResults(results);

        const char* modules[] = {"BatchNorm2d(6,", "LayerNorm([6, 5, 5],", "InstanceNorm2d(6,", "GroupNorm(3, 6,",
                                 "RMSNorm([6, 5, 5],"};
        for (int k = 0; k < 5; ++k) {
            const ui::ResultPtr& r = results[std::size_t(k)];
            QVERIFY2(r->ok(), r->error.c_str());
            QCOMPARE(r->spec.kind, kKinds[k]);
            QCOMPARE(r->spec.mode, Mode::Eval);
            QVERIFY(!r->spec.affine);
            // The column says what ran: the module, its non-default arguments and its mode.
            const QString stats = view.statsText(k);
            QVERIFY2(stats.contains(QLatin1String(modules[k])), qPrintable(stats));
            QVERIFY2(stats.contains(QStringLiteral("eps=0.5")), qPrintable(stats));
            // affine=False is InstanceNorm's default, so its signature leaves it out.
            QVERIFY2(stats.contains(QStringLiteral("affine=False")) == (kKinds[k] != NormKind::Instance),
                     qPrintable(stats));
            QVERIFY2(!stats.contains(QStringLiteral("affine=True")), qPrintable(stats));
            QVERIFY2(stats.contains(QStringLiteral("eval()")), qPrintable(stats));
            QVERIFY2(!stats.contains(QStringLiteral("train()")), qPrintable(stats));

            // eps 0.5 in every column's numbers, from the definitions: the eval BatchNorm's fresh
            // running statistics (0, 1), every other module its group's own statistics; no gamma/beta.
            const NormSpec independent = specFor(kKinds[k], kShape, kGroups);
            for (std::int64_t i = 0; i < x.numel(); ++i) {
                double mean = 0, var = 1;
                if (kKinds[k] != NormKind::Batch)
                    std::tie(mean, var) = groupMeanVar(independent, x, i);
                if (kKinds[k] == NormKind::Rms)
                    mean = 0;
                const double expected = (x.values()[std::size_t(i)] - mean) / std::sqrt(var + 0.5);
                QVERIFY2(std::abs(r->outputAt(i) - expected) <= 1e-12 * (1 + std::abs(expected)),
                         qPrintable(QStringLiteral("%1 at %2").arg(k).arg(i)));
            }
        }
        // num_groups 3 on C = 6: two channels per group, not the default G = 2's three.
        QCOMPARE(results[3]->spec.num_groups, kGroups);
        QVERIFY(view.statsText(3).contains(QStringLiteral("GroupNorm(3, 6")));
        const std::int64_t i = (1 * 6 + 3) * 25 + 7; // n=1, c=3
        view.selectCell(i);
        QCOMPARE(asSet(view.cube(3)->highlightedCells()),
                 sameGroupAs(specFor(NormKind::Group, kShape, kGroups), kShape, i));
        QCOMPARE(view.cube(3)->highlightedCells().size(), std::size_t(2 * 25));
    }

    void columnsShareParametersAndRunningStatistics()
    {
        // BatchNorm in eval mode with its own gamma, beta and running statistics: the columns whose
        // modules have (C,) parameters use them, LayerNorm and RMSNorm ((C, H, W)) keep theirs.
        const Tensor<double> x = randomTensor<double>(kShape, 41);
        ui::Experiment e;
        e.shape = kShape;
        e.dtype = DType::Float64;
        e.loaded = std::make_shared<const AnyTensor>(x);
        e.spec = specFor(NormKind::Batch, kShape);
        e.spec.mode = Mode::Eval;
        e.weight = {1, 2, 3, 4, 5, 6};
        e.bias = {-1, 0, 1, 2, 3, 4};
        e.running_mean = {0.5, -0.5, 1, -1, 2, -2};
        e.running_var = {1, 2, 3, 4, 5, 6};
        e.num_batches_tracked = 3;
        const auto columns = ui::engine_runner::compareExperiments(e);
        std::vector<ui::ResultPtr> results;
        for (const ui::Experiment& c : columns)
            results.push_back(ui::engine_runner::run(c, std::make_shared<const AnyTensor>(x), 1, 1));
        for (std::int64_t i = 0; i < x.numel(); ++i) {
            const std::size_t c = std::size_t(ncs(kShape, i).c);
            const double xi = x.values()[std::size_t(i)];
            const double batch =
                (xi - e.running_mean[c]) / std::sqrt(e.running_var[c] + 1e-5) * e.weight[c] + e.bias[c];
            QVERIFY(std::abs(results[0]->outputAt(i) - batch) <= 1e-12 * (1 + std::abs(batch)));
            for (const int k : {2, 3}) { // InstanceNorm, GroupNorm: gamma and beta are (C,) too
                const NormSpec spec = specFor(kKinds[k], kShape, columns[3].spec.num_groups);
                const auto [mean, var] = groupMeanVar(spec, x, i);
                const double y = (xi - mean) / std::sqrt(var + 1e-5) * e.weight[c] + e.bias[c];
                QVERIFY(std::abs(results[std::size_t(k)]->outputAt(i) - y) <= 1e-12 * (1 + std::abs(y)));
            }
        }
        QVERIFY(columns[1].weight.empty() && columns[4].weight.empty());
        QVERIFY(columns[2].running_mean.empty()); // InstanceNorm tracks nothing by default
        QCOMPARE(columns[0].num_batches_tracked, std::int64_t(3));
    }

    void innerGroupsAreCutOpenInEachColumn()
    {
        CompareView view;
        view.resize(1500, 600);
        view.setResults(resultsOf(runAll(randomTensor<double>(kShape, 9))));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const std::int64_t i = (1 * 6 + 2) * 25 + 18; // n=1, c=2: inside the cube
        view.selectCell(i);
        // InstanceNorm's and GroupNorm's groups of an inner (n, c) reach no face: those cubes open
        // at channel 2 and show the selected element; the others' groups reach the faces as they are.
        for (int k = 0; k < 5; ++k) {
            const bool inner = kKinds[k] == NormKind::Instance || kKinds[k] == NormKind::Group;
            QCOMPARE(view.cube(k)->cut().axis, inner ? int(ui::CubeProjection::AxisC) : -1);
            QCOMPARE(view.cube(k)->cellPosition(i).has_value(), inner);
        }
        QCOMPARE(view.cube(2)->cut().lo, 2);
        QCOMPARE(view.cube(3)->cut().lo, 2); // G = 3: channels {2, 3}
    }

    void refusedColumnShowsTheMessage()
    {
        const Tensor<double> x = randomTensor<double>(kShape, 5);
        auto results = resultsOf(runAll(x));
        results[3] = ui::buildErrorSnapshot(1, specFor(NormKind::Group, kShape, 4), x,
                                            "num_groups (4) must divide num_channels (6)");
        CompareView view;
        view.resize(1200, 500);
        view.setResults(results);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.statsText(3).contains(QStringLiteral("must divide")));
        view.selectCell(7);
        QVERIFY(view.cube(3)->highlightedCells().empty());
        QCOMPARE(view.cube(0)->highlightedCells().size(), std::size_t(100));
        // Drawn: the refused column's message box (pale red) and none in the others; BatchNorm's
        // column lights channel 0, the channel of element 7 = (n=0, c=0, s=7): its cells show their
        // colours, the other channels dimmed.
        const auto messagePixels = [](const QImage& image) {
            int count = 0;
            for (int py = 0; py < image.height(); ++py)
                for (int px = 0; px < image.width(); ++px)
                    count += image.pixel(px, py) == qRgb(255, 244, 244) ? 1 : 0;
            return count;
        };
        QVERIFY(messagePixels(view.cube(3)->grab().toImage()) > 500);
        QCOMPARE(messagePixels(view.cube(0)->grab().toImage()), 0);
        CubeView* batch = view.cube(0);
        const QImage batchImage = batch->grab().toImage();
        const auto lit = sameGroupAs(specFor(NormKind::Batch, kShape), kShape, 7);
        int litShown = 0, unlitShown = 0;
        for (std::int64_t i = 0; i < x.numel(); ++i) {
            const auto point = batch->cellPosition(i);
            if (!point || i == 7)
                continue;
            const bool shows = showsOnAFace(batchImage.pixelColor(point->toPoint()), batch->colorMap().color(x[i]));
            QVERIFY2(shows == (lit.count(i) > 0), qPrintable(QString::number(i)));
            ++(shows ? litShown : unlitShown);
        }
        QVERIFY(litShown >= 10 && unlitShown >= 10);

        // Fewer columns hide the rest; a null result draws no cube (no coloured pixel), no crash.
        view.setResults({results[0], nullptr});
        QCOMPARE(view.count(), 2);
        QVERIFY(!view.cube(2)->isVisibleTo(&view));
        QCOMPARE(colouredPixels(view.cube(1)->grab().toImage()), 0);
        QVERIFY(colouredPixels(view.cube(0)->grab().toImage()) > 1000);
        view.setValueSource(CubeView::ValueSource::Normalized);
        view.setHighlightMode(CubeView::HighlightMode::AllGroups);
        view.setExploded(true, 0);
        QVERIFY(view.cube(0)->isExploded());
        QCOMPARE(view.cube(0)->valueSource(), CubeView::ValueSource::Normalized);
        // All groups: each BatchNorm channel in its own hue, the same in every slice of the exploded cube.
        view.selectCell(-1);
        const QImage groups = view.cube(0)->grab().toImage();
        std::map<std::int64_t, std::vector<double>> hues; // channel -> hues of its drawn cells
        for (std::int64_t i = 0; i < x.numel(); ++i)
            if (const auto point = view.cube(0)->cellPosition(i))
                hues[ncs(kShape, i).c].push_back(groups.pixelColor(point->toPoint()).hslHueF());
        QVERIFY(hues.size() >= 2);
        std::vector<double> channelHue;
        for (const auto& [c, h] : hues) {
            const auto [lo, hi] = std::minmax_element(h.begin(), h.end());
            QVERIFY2(*hi - *lo < 0.02, qPrintable(QStringLiteral("c=%1: %2..%3").arg(c).arg(*lo).arg(*hi)));
            for (const double other : channelHue)
                QVERIFY(std::abs(other - h.front()) > 0.05);
            channelHue.push_back(h.front());
        }
    }
};

QTEST_MAIN(TestCompareView)
#include "test_compare_view.moc"
