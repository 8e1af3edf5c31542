// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/kernels/forward.h"
#include "engine/analysis/input_generator.h"
#include "ui/document/app_options.h"
#include "ui/application.h"
#include "ui/document/cell_info.h"
#include "ui/cube/compare_view.h"
#include "ui/panels/controls_panel.h"
#include "ui/cube/cube_view.h"
#include "ui/panels/formula_panel.h"
#include "ui/main_window.h"
#include "ui/panels/pytorch_code_panel.h"
#include "ui/document/document.h"
#include "ui/panels/stats_table_model.h"
#include "ui/panels/stats_table_view.h"
#include "ui/plots/histogram_plot.h"
#include "ui/plots/running_stats_plot.h"
#include "tests/support/random_tensor.h"
#include "tests/support/reference_groups.h"

#include <QAbstractItemModelTester>
#include <QDockWidget>
#include <QImage>
#include <QLabel>
#include <QSlider>
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

using namespace normscope;
using namespace normscope::ui;

namespace {

Experiment demoWith(NormKind kind)
{
    Experiment e = Experiment::demo(); // 4 x 6 x 5 x 5, per-channel offsets
    e.spec = defaultSpecFor(kind, e.shape);
    return e;
}

ForwardResult<float> engineForward(const Experiment& e)
{
    const Tensor<float> x = generateInput<float>(e.recipe, e.shape);
    NormState<float> state = e.state<float>();
    return forward(e.spec, x, state);
}

double cellValue(const QAbstractItemModel* model, int row, int column)
{
    return model->data(model->index(row, column), StatsTableModel::SortRole).toDouble();
}

/// The table's statistics are the engine's group summary in double; forward() rounds them to float.
bool closeToFloat(double shown, float engine)
{
    return std::abs(shown - double(engine)) <= 1e-6 * std::max(1.0, std::abs(double(engine)));
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void tableShowsEngineStatistics_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("batch") << int(NormKind::Batch);
        QTest::newRow("layer") << int(NormKind::Layer);
        QTest::newRow("instance") << int(NormKind::Instance);
        QTest::newRow("group") << int(NormKind::Group);
        QTest::newRow("rms") << int(NormKind::Rms);
    }
    void tableShowsEngineStatistics()
    {
        QFETCH(int, kind);
        const Experiment e = demoWith(NormKind(kind));
        Document document(e);
        MainWindow window(&document);
        window.show();
        const StatsTableModel* model = window.statsTable()->statsModel();
        const ForwardResult<float> expected = engineForward(e);
        QCOMPARE(model->rowCount(), int(expected.mean.numel()));
        // RMSNorm's statistic is the mean square (the engine's var; its mean is 0): the table's own column.
        const bool rms = NormKind(kind) == NormKind::Rms;
        QCOMPARE(model->column(StatsTableModel::MeanSquareColumn) >= 0, rms);
        const int statColumn = model->column(rms ? StatsTableModel::MeanSquareColumn : StatsTableModel::MeanColumn);
        const int rstdColumn = model->column(StatsTableModel::RstdColumn);
        for (int row = 0; row < model->rowCount(); ++row) {
            QVERIFY(closeToFloat(cellValue(model, row, statColumn), rms ? expected.var[row] : expected.mean[row]));
            QVERIFY(closeToFloat(cellValue(model, row, rstdColumn), expected.rstd[row]));
        }
    }

    void epsSliderUpdatesTheTable()
    {
        Document document(demoWith(NormKind::Batch));
        MainWindow window(&document);
        window.show();
        window.controls()->epsSlider()->setValue(24); // eps = 1e-8 * 10^8 = 1
        QVERIFY(std::abs(*document.experiment().spec.eps - 1.0) < 1e-12);
        const ForwardResult<float> expected = engineForward(document.experiment());
        const StatsTableModel* model = window.statsTable()->statsModel();
        const int rstdColumn = model->column(StatsTableModel::RstdColumn);
        for (int row = 0; row < 6; ++row)
            QVERIFY(closeToFloat(cellValue(model, row, rstdColumn), expected.rstd[row]));
        QVERIFY(window.codePanel()->code().contains(QStringLiteral("eps=1")));
    }

    void selectedCellShowsItsStatistics_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("batch") << int(NormKind::Batch);
        QTest::newRow("layer") << int(NormKind::Layer);
        QTest::newRow("instance") << int(NormKind::Instance);
        QTest::newRow("group") << int(NormKind::Group);
        QTest::newRow("rms") << int(NormKind::Rms);
    }
    void selectedCellShowsItsStatistics()
    {
        QFETCH(int, kind);
        const Experiment e = demoWith(NormKind(kind));
        Document document(e);
        MainWindow window(&document);
        window.show();
        // Element (n=1, c=2, h=3, w=4) of the 4 x 6 x 5 x 5 input.
        const std::int64_t flat = ((1 * 6 + 2) * 5 + 3) * 5 + 4;
        window.cubeView()->selectCell(flat);

        // The group from the norms' definitions (tests/support/reference_groups.h), not StatsLayout.
        const std::int64_t group = test::referenceGroupKey(e.spec, e.shape, flat);
        const ForwardResult<float> expected = engineForward(e);
        const QString text = window.formulaPanel()->text();
        QVERIFY2(text.contains(formatNumber(double(expected.output[flat]))), qPrintable(text));
        QVERIFY2(text.contains(formatNumber(double(expected.var[group]))), qPrintable(text));
        if (NormKind(kind) != NormKind::Rms)
            QVERIFY2(text.contains(formatNumber(double(expected.mean[group]))), qPrintable(text));

        std::vector<std::int64_t> lit = window.cubeView()->highlightedCells();
        std::sort(lit.begin(), lit.end());
        QVERIFY(lit == test::referenceGroupOf(e.spec, e.shape, flat));
    }

    void refusedSpecShowsMessage()
    {
        Document document(demoWith(NormKind::Group)); // C = 6
        MainWindow window(&document);
        window.show();
        QVERIFY(window.errorText().isEmpty());
        document.setNumGroups(4);
        QVERIFY(!window.errorBanner()->isHidden());
        QVERIFY2(window.errorText().contains(QStringLiteral("num_groups (4) must divide num_channels (6)")),
                 qPrintable(window.errorText()));
        QCOMPARE(window.statsTable()->statsModel()->rowCount(), 0);
        document.undoStack()->undo();
        QVERIFY(window.errorBanner()->isHidden());
        QCOMPARE(window.statsTable()->statsModel()->rowCount(), 8);
    }

    /// The refusal banner says who refuses: PyTorch where PyTorch raises, NormScope for its own limits.
    void refusalBannerSaysWhoRefuses()
    {
        Document document(demoWith(NormKind::Group)); // C = 6
        MainWindow window(&document);
        window.show();
        document.setNumGroups(4);
        QVERIFY2(window.errorText().startsWith(QStringLiteral("PyTorch refuses: num_groups (4)")),
                 qPrintable(window.errorText()));
        document.undoStack()->undo();
        document.setNormKind(NormKind::Batch);
        document.setMomentum(std::nan("")); // PyTorch would take it; NormScope does not
        QVERIFY2(window.errorText().startsWith(QStringLiteral("NormScope's limit: momentum must be a finite number")),
                 qPrintable(window.errorText()));
        QVERIFY(!window.errorText().contains(QStringLiteral("PyTorch refuses")));
    }

    /// NaN and inf in the input: computed as PyTorch computes them, with a warning banner naming the
    /// counts (not the refusal banner) and a histogram note saying what the bins leave out.
    void nonFiniteInputIsComputedWithAWarning()
    {
        Experiment e = demoWith(NormKind::Batch);
        Tensor<double> x = test::randomTensor<double>({2, 3, 4, 4}, 3);
        x[0] = NAN;
        x[1] = NAN;
        x[5] = NAN;
        x[40] = INFINITY;
        e.shape = x.shape();
        e.loaded = std::make_shared<const AnyTensor>(x);
        Document document(e);
        MainWindow window(&document);
        window.show();
        QVERIFY(window.errorText().isEmpty());
        QVERIFY2(window.warningText().contains(QStringLiteral("the input has 3 NaN, 1 inf of 96 values")),
                 qPrintable(window.warningText()));
        const auto* histogram = window.findChild<HistogramPlot*>();
        QVERIFY(histogram);
        QVERIFY2(histogram->note().contains(QStringLiteral("x: 3 NaN, 1 inf"))
                     && histogram->note().contains(QStringLiteral("not shown")),
                 qPrintable(histogram->note()));
        // Channel 0 holds the NaNs and channel 2 the inf: their statistics are NaN, channel 1's finite.
        const ResultPtr r = document.result();
        QVERIFY(std::isnan(r->var[0]) && std::isnan(r->var[2]) && std::isfinite(r->var[1]));
        QVERIFY(std::isnan(r->running_var[0]) && std::isfinite(r->running_var[1]));

        document.setEps(0.0);
        QVERIFY2(window.warningText().contains(QStringLiteral("eps = 0")), qPrintable(window.warningText()));
    }

    void undoRedoShortcuts()
    {
        Document document(demoWith(NormKind::Batch));
        MainWindow window(&document);
        window.show();
        QApplication::setActiveWindow(&window);
        QVERIFY(QTest::qWaitForWindowActive(&window));
        const Experiment start = document.experiment();
        document.setNormKind(NormKind::Instance);
        document.setEps(0.1);
        const Experiment end = document.experiment();
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(document.experiment() == start);
        QCOMPARE(window.statsTable()->statsModel()->rowCount(), 6);
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(document.experiment() == end);
        QCOMPARE(window.statsTable()->statsModel()->rowCount(), 24);
        QTest::keyClick(&window, Qt::Key_F5); // Step: instance norm tracks nothing by default
        QVERIFY(document.waitUntilIdle());
        QCOMPARE(document.experiment().num_batches_tracked, std::int64_t(0));
    }

    void compareTab()
    {
        Document document(demoWith(NormKind::Batch));
        MainWindow window(&document);
        window.show();
        auto* stats = window.findChild<QDockWidget*>(QStringLiteral("statsDock"));
        QVERIFY(stats->isVisible());
        window.setCompareShown(true);
        QVERIFY(document.isCompareEnabled());
        QVERIFY(document.waitUntilIdle());
        QCOMPARE(window.compareView()->count(), 5);
        QVERIFY(!stats->isVisible());
        // Each compare cube lights its own norm's group of the same element.
        window.selectCell(7);
        for (int i = 0; i < 5; ++i) {
            const ResultPtr r = document.compareResults()[std::size_t(i)];
            std::vector<std::int64_t> lit = window.compareView()->cube(i)->highlightedCells();
            std::sort(lit.begin(), lit.end());
            QVERIFY(lit == test::referenceGroupOf(r->spec, r->input.shape(), 7));
        }
        window.setCompareShown(false);
        QVERIFY(!document.isCompareEnabled());
        QVERIFY(stats->isVisible());
    }

    void stepsWithEveryViewShown()
    {
        // Every view redraws for each step: the running-statistics plot gains a line per channel.
        Document document(demoWith(NormKind::Batch));
        MainWindow window(&document);
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (int i = 0; i < 3; ++i) {
            QTest::keyClick(&window, Qt::Key_F5);
            QVERIFY(document.waitUntilIdle());
            QApplication::processEvents();
        }
        QCOMPARE(document.experiment().num_batches_tracked, std::int64_t(3));
        QCOMPARE(document.result()->running_mean_history.size(), std::size_t(4));
        window.statsTable()->selectRow(1);
        document.step(true);
        QVERIFY(document.waitUntilIdle());
        window.grab(); // every view paints the stepped result

        // What the plot and the table show: 0.9 * running + 0.1 * batch (running_var with the
        // unbiased variance), from 0 and 1, over three passes on one batch, one on the next seed's
        // batch, and the displayed pass on that batch again; batch statistics computed here.
        const Experiment& e = document.experiment();
        QCOMPARE(e.num_batches_tracked, std::int64_t(4));
        const auto batchStats = [&](std::uint64_t seed) {
            InputRecipe recipe = e.recipe;
            recipe.seed = seed;
            return test::channelMeanAndUnbiasedVar(generateInput<float>(recipe, e.shape));
        };
        const auto first = batchStats(e.recipe.seed - 1), second = batchStats(e.recipe.seed);
        const auto* plot = window.findChild<RunningStatsPlot*>();
        QVERIFY(plot);
        QCOMPARE(plot->stepCount(), 6);
        const StatsTableModel* model = window.statsTable()->statsModel();
        const int meanColumn = model->column(StatsTableModel::RunningMeanColumn);
        const int varColumn = model->column(StatsTableModel::RunningVarColumn);
        const auto close = [](double a, double b) { return std::abs(a - b) <= 1e-5 * std::max(1.0, std::abs(b)); };
        for (std::size_t c = 0; c < 6; ++c) {
            double mean = 0, var = 1;
            for (int s = 0; s < 6; ++s) {
                if (s > 0) {
                    const auto& batch = (s <= 3 ? first : second)[c];
                    mean = 0.9 * mean + 0.1 * batch.first;
                    var = 0.9 * var + 0.1 * batch.second;
                }
                const double shownMean = plot->plot()->graph(2 * int(c))->data()->at(s)->value;
                const double shownVar = plot->plot()->graph(2 * int(c) + 1)->data()->at(s)->value;
                QVERIFY2(close(shownMean, mean),
                         qPrintable(QStringLiteral("c=%1 step %2: %3 vs %4").arg(c).arg(s).arg(shownMean).arg(mean)));
                QVERIFY2(close(shownVar, var),
                         qPrintable(QStringLiteral("c=%1 step %2: %3 vs %4").arg(c).arg(s).arg(shownVar).arg(var)));
            }
            QVERIFY(close(cellValue(model, int(c), meanColumn), mean));
            QVERIFY(close(cellValue(model, int(c), varColumn), var));
        }
    }

    void statsModelPassesTester()
    {
        Document document(demoWith(NormKind::Batch));
        MainWindow window(&document);
        QAbstractItemModelTester tester(window.statsTable()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester sourceTester(window.statsTable()->statsModel(),
                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        document.setNormKind(NormKind::Group);
        document.setNumGroups(4); // refused: no rows
        document.setNumGroups(3);
        document.step();
        document.setNormKind(NormKind::Batch);
        document.step();
        QVERIFY(document.waitUntilIdle());
        window.statsTable()->sortByColumn(2, Qt::DescendingOrder);
        document.undoStack()->undo();
    }

    void statusShowsEngineTime()
    {
        Document document(demoWith(NormKind::Batch));
        MainWindow window(&document);
        auto* status = window.findChild<QLabel*>(QStringLiteral("engineStatus"));
        QVERIFY(status);
        QVERIFY(status->text().contains(QStringLiteral("engine")));
    }

    void screenshotOption()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("shot.png"));
        const int status = runNormScope(
            {QStringLiteral("normscope"), QStringLiteral("--norm"), QStringLiteral("group"), QStringLiteral("--shape"),
             QStringLiteral("2,8,4,4"), QStringLiteral("--select"), QStringLiteral("1,3,2,2"), QStringLiteral("--size"),
             QStringLiteral("1000x700"), QStringLiteral("--screenshot"), path});
        QCOMPARE(status, 0);
        QVERIFY(QFileInfo(path).size() > 0);
        const QImage image(path);
        QCOMPARE(image.size(), QSize(1000, 700));
        // The window was drawn, not a blank frame: the cube's and colour bar's colours are in the
        // picture (the plots are a tab behind the table at this size; a blank frame has none).
        int coloured = 0;
        for (int y = 0; y < image.height(); y += 2)
            for (int x = 0; x < image.width(); x += 2) {
                const QColor c = image.pixelColor(x, y);
                coloured += std::max({c.red(), c.green(), c.blue()}) - std::min({c.red(), c.green(), c.blue()}) > 40;
            }
        QVERIFY2(coloured > 600, qPrintable(QString::number(coloured)));
    }

    void optionsNameTheModule()
    {
        const AppOptionsParse parsed = parseAppOptions({QStringLiteral("normscope"),
                                                        QStringLiteral("--norm"),
                                                        QStringLiteral("batch"),
                                                        QStringLiteral("--shape"),
                                                        QStringLiteral("2,8,4,4"),
                                                        QStringLiteral("--eps"),
                                                        QStringLiteral("1e-3"),
                                                        QStringLiteral("--momentum"),
                                                        QStringLiteral("none"),
                                                        QStringLiteral("--no-affine"),
                                                        QStringLiteral("--no-track-running-stats"),
                                                        QStringLiteral("--eval"),
                                                        QStringLiteral("--seed"),
                                                        QStringLiteral("7"),
                                                        QStringLiteral("--dtype"),
                                                        QStringLiteral("float64"),
                                                        QStringLiteral("--steps"),
                                                        QStringLiteral("3"),
                                                        QStringLiteral("--compare"),
                                                        QStringLiteral("--select"),
                                                        QStringLiteral("1,2,3,0")});
        QVERIFY2(parsed.options, qPrintable(parsed.error));
        const AppOptions& o = *parsed.options;
        const NormSpec& spec = o.experiment.spec;
        QCOMPARE(spec.kind, NormKind::Batch);
        QVERIFY((o.experiment.shape == Shape{2, 8, 4, 4}));
        QCOMPARE(*spec.eps, 1e-3);
        QVERIFY(!spec.momentum);
        QVERIFY(!spec.affine);
        QVERIFY(!spec.track_running_stats);
        QCOMPARE(spec.mode, Mode::Eval);
        QCOMPARE(o.experiment.recipe.seed, std::uint64_t(7));
        QCOMPARE(o.experiment.dtype, DType::Float64);
        QCOMPARE(o.steps, 3);
        QVERIFY(o.compare);
        QCOMPARE(o.select, std::int64_t(((1 * 8 + 2) * 4 + 3) * 4 + 0));

        // Defaults follow PyTorch's constructors: InstanceNorm has neither affine nor tracking.
        const AppOptionsParse instance =
            parseAppOptions({QStringLiteral("normscope"), QStringLiteral("--norm"), QStringLiteral("instance")});
        QVERIFY(instance.options);
        QVERIFY(!instance.options->experiment.spec.affine);
        QVERIFY(!instance.options->experiment.spec.track_running_stats);
        // A spec PyTorch refuses for the input is refused as normscope-cli refuses it (exit 2, its
        // message); edits in the window show such a message in a banner instead.
        const AppOptionsParse refused =
            parseAppOptions({QStringLiteral("normscope"), QStringLiteral("--norm"), QStringLiteral("group"),
                             QStringLiteral("--num-groups"), QStringLiteral("4")});
        QVERIFY(!refused.options);
        QCOMPARE(refused.error, QStringLiteral("num_groups (4) must divide num_channels (6)"));
    }

    void badOptionsExitWithTwo()
    {
        QCOMPARE(runNormScope({QStringLiteral("normscope"), QStringLiteral("--norm"), QStringLiteral("weight")}), 2);
        QCOMPARE(runNormScope({QStringLiteral("normscope"), QStringLiteral("--eps"), QStringLiteral("small")}), 2);
        QCOMPARE(runNormScope({QStringLiteral("normscope"), QStringLiteral("--select"), QStringLiteral("9,9,9,9")}), 2);
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
