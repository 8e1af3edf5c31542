// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
// Each view observes the Document itself (observe()): built alone, without the main window, it shows
// the numbers of the document's newest result, including results computed on a worker thread.

#include "engine/analysis/input_generator.h"
#include "engine/core/stats_layout.h"
#include "engine/kernels/forward.h"
#include "ui/cube/compare_view.h"
#include "ui/cube/cube_view.h"
#include "ui/document/cell_info.h"
#include "ui/document/document.h"
#include "ui/panels/formula_panel.h"
#include "ui/panels/pytorch_code_panel.h"
#include "ui/panels/stats_table_model.h"
#include "ui/panels/stats_table_view.h"
#include "ui/plots/group_stats_plot.h"
#include "ui/plots/histogram_plot.h"
#include "ui/plots/running_stats_plot.h"

#include <QtTest>

#include <cmath>
#include <numeric>

using namespace normscope;
using namespace normscope::ui;

namespace {

/// 4 x 6 x 5 x 5 BatchNorm, every result on a worker thread so that nothing arrives synchronously.
Experiment demo()
{
    Experiment e = Experiment::demo();
    e.spec = defaultSpecFor(NormKind::Batch, e.shape);
    return e;
}

ForwardResult<float> engineForward(const Experiment& e)
{
    const Tensor<float> x = generateInput<float>(e.recipe, e.shape);
    NormState<float> state = e.state<float>();
    return forward(e.spec, x, state);
}

bool closeToFloat(double shown, float engine)
{
    return std::abs(shown - double(engine)) <= 1e-6 * std::max(1.0, std::abs(double(engine)));
}

} // namespace

class TestObservers : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void formulaPanelFollowsEps()
    {
        Document document(demo());
        document.setAsyncThreshold(0);
        FormulaPanel panel;
        panel.observe(&document);
        const std::int64_t flat = ((1 * 6 + 2) * 5 + 3) * 5 + 4; // n=1, c=2, h=3, w=4
        panel.setCell(flat);
        const ForwardResult<float> before = engineForward(document.experiment());
        QVERIFY2(panel.text().contains(formatNumber(double(before.output[flat]))), qPrintable(panel.text()));

        document.setEps(0.5);
        QVERIFY(document.waitUntilIdle());
        const ForwardResult<float> after = engineForward(document.experiment());
        QVERIFY(formatNumber(double(after.output[flat])) != formatNumber(double(before.output[flat])));
        const QString text = panel.text();
        QVERIFY2(text.contains(formatNumber(double(after.output[flat]))), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("+ 0.5)")), qPrintable(text));
        QCOMPARE(panel.cell(), flat);
    }

    void statsTableFollowsEps()
    {
        Document document(demo());
        document.setAsyncThreshold(0);
        StatsTableView table;
        table.observe(&document);
        document.setEps(1.0);
        QVERIFY(document.waitUntilIdle());
        const ForwardResult<float> expected = engineForward(document.experiment());
        const StatsTableModel* model = table.statsModel();
        QCOMPARE(model->rowCount(), 6);
        const int rstd = model->column(StatsTableModel::RstdColumn);
        for (int row = 0; row < 6; ++row) {
            const double shown = model->data(model->index(row, rstd), StatsTableModel::SortRole).toDouble();
            QVERIFY(closeToFloat(shown, expected.rstd[row]));
            // rstd = 1 / sqrt(var + eps), with eps = 1 now.
            QVERIFY(std::abs(shown - 1.0 / std::sqrt(double(expected.var[row]) + 1.0)) < 1e-5 * shown);
        }
        document.setNormKind(NormKind::Instance);
        QVERIFY(document.waitUntilIdle());
        QCOMPARE(model->rowCount(), 4 * 6);
    }

    void codePanelFollowsTheSpec()
    {
        Document document(demo());
        PyTorchCodePanel code;
        code.observe(&document);
        code.show(); // a hidden view takes results when shown (hiddenViewsCatchUpWhenShown)
        QVERIFY(code.code().contains(QStringLiteral("nn.BatchNorm2d(6")));
        document.setNormKind(NormKind::Group);
        document.setEps(0.25);
        QVERIFY(document.waitUntilIdle());
        QVERIFY2(code.code().contains(QStringLiteral("nn.GroupNorm(")), qPrintable(code.code()));
        QVERIFY2(code.code().contains(QStringLiteral("eps=0.25")), qPrintable(code.code()));
        QCOMPARE(code.result(), document.result());
    }

    void plotsFollowTheDocument()
    {
        Document document(demo());
        document.setAsyncThreshold(0);
        HistogramPlot histogram;
        GroupStatsPlot groups;
        RunningStatsPlot running;
        histogram.observe(&document);
        groups.observe(&document);
        running.observe(&document);
        for (QWidget* view : std::initializer_list<QWidget*>{&histogram, &groups, &running})
            view->show();
        // Nothing committed yet: the fresh buffers and the ones after the displayed pass.
        QCOMPARE(running.stepCount(), 2);

        document.step();
        document.step();
        QVERIFY(document.waitUntilIdle());
        // PyTorch's initial state, one entry per Step, and the buffers after the displayed pass.
        QCOMPARE(running.stepCount(), 4);
        QCOMPARE(running.channelCount(), 6);

        document.setNormKind(NormKind::Group);
        document.setNumGroups(3); // N * G = 12 statistics
        QVERIFY(document.waitUntilIdle());
        const Experiment& e = document.experiment();
        const ForwardResult<float> expected = engineForward(e);
        QCOMPARE(groups.plottedVars().size(), std::size_t(4 * 3));
        for (std::size_t g = 0; g < 12; ++g) {
            QVERIFY(closeToFloat(groups.plottedVars()[g], expected.var[std::int64_t(g)]));
            QVERIFY(closeToFloat(groups.plottedMeans()[g], expected.mean[std::int64_t(g)]));
        }
        const Histogram& h = histogram.inputHistogram();
        QCOMPARE(std::accumulate(h.counts.begin(), h.counts.end(), std::int64_t(0)), numel(e.shape));
        QCOMPARE(histogram.result(), document.result());
        QVERIFY(running.message().contains(QStringLiteral("keeps no running statistics")));
    }

    // The table, plots and code sit in tabbed docks: a hidden one skips the results published while
    // it is hidden and shows the newest as soon as it is shown, before it is painted.
    void hiddenViewsCatchUpWhenShown()
    {
        Document document(demo());
        document.setAsyncThreshold(0);
        PyTorchCodePanel code;
        HistogramPlot histogram;
        code.observe(&document);
        histogram.observe(&document);
        const ResultPtr first = document.result();
        QCOMPARE(code.result(), first); // the current result at once, shown or not
        QCOMPARE(histogram.result(), first);

        document.setNormKind(NormKind::Layer);
        document.setEps(0.25);
        QVERIFY(document.waitUntilIdle());
        QVERIFY(document.result() != first);
        QCOMPARE(code.result(), first); // hidden: nothing rebuilt
        QCOMPARE(histogram.result(), first);
        QVERIFY(!code.code().contains(QStringLiteral("nn.LayerNorm(")));

        code.show();
        histogram.show();
        QCOMPARE(code.result(), document.result()); // the newest, on the Show event
        QCOMPARE(histogram.result(), document.result());
        QVERIFY2(code.code().contains(QStringLiteral("nn.LayerNorm(")), qPrintable(code.code()));
        QVERIFY2(code.code().contains(QStringLiteral("eps=0.25")), qPrintable(code.code()));

        document.setEps(0.5); // shown: at once
        QVERIFY(document.waitUntilIdle());
        QCOMPARE(code.result(), document.result());
        QCOMPARE(histogram.result(), document.result());
        QVERIFY(code.code().contains(QStringLiteral("eps=0.5")));
    }

    void cubeAndCompareViewFollowTheDocument()
    {
        Document document(demo());
        CubeView cube;
        CompareView compare;
        cube.observe(&document);
        compare.observe(&document);
        QCOMPARE(cube.result(), document.result());
        QCOMPARE(compare.count(), 0); // compare is off

        document.setNormKind(NormKind::Layer);
        QVERIFY(document.waitUntilIdle());
        QCOMPARE(cube.result(), document.result());
        cube.selectCell(7);
        // LayerNorm over (C, H, W): element 7 shares its statistics with the 150 elements of n = 0.
        QCOMPARE(cube.highlightedCells().size(), std::size_t(6 * 5 * 5));

        document.setCompareEnabled(true);
        QVERIFY(document.waitUntilIdle());
        QCOMPARE(compare.count(), 5);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(compare.cube(i)->result(), document.compareResults()[std::size_t(i)]);
    }
};

QTEST_MAIN(TestObservers)
#include "test_observers.moc"
