// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// One meaning of the running statistics everywhere: the table, the plot's last point and the code's
// closing comment show them after the displayed pass; the counter says the count before and after;
// in eval the pass leaves them as they are. Checked after 0, 1 and 5 Steps in both modes against
// values computed here from x alone: running_mean after n training passes on one x from zeros with
// momentum 0.1 is (1 - 0.9^n) * batch mean.

#include "ui/document/document.h"
#include "ui/panels/controls_panel.h"
#include "ui/panels/pytorch_code_panel.h"
#include "ui/panels/stats_table_model.h"
#include "ui/plots/running_stats_plot.h"

#include <QLabel>
#include <QtTest>
#include <qcustomplot.h>

#include <cmath>

using namespace normscope;
using namespace normscope::ui;

class TestRunningStatsAgreement : public QObject {
    Q_OBJECT

private slots:
    void tableCounterPlotAndCodeAgree_data();
    void tableCounterPlotAndCodeAgree();
};

void TestRunningStatsAgreement::tableCounterPlotAndCodeAgree_data()
{
    QTest::addColumn<int>("steps");
    QTest::addColumn<bool>("eval");
    for (int steps : {0, 1, 5})
        for (bool eval : {false, true})
            QTest::addRow("%d steps, %s", steps, eval ? "eval" : "train") << steps << eval;
}

void TestRunningStatsAgreement::tableCounterPlotAndCodeAgree()
{
    QFETCH(int, steps);
    QFETCH(bool, eval);
    Experiment e = Experiment::demo();
    e.shape = {3, 4, 2, 3};
    e.dtype = DType::Float64;
    e.spec = defaultSpecFor(NormKind::Batch, e.shape);
    Document document(e);
    ControlsPanel controls(&document);
    RunningStatsPlot plot;
    StatsTableModel table;
    PyTorchCodePanel code;
    plot.observe(&document);
    code.observe(&document);
    plot.show(); // views follow the document while shown
    code.show();
    for (int s = 0; s < steps; ++s)
        document.step();
    if (eval)
        document.setMode(Mode::Eval);
    QVERIFY(document.waitUntilIdle());
    const ResultPtr r = document.result();
    QVERIFY(r && r->ok());
    table.setResult(r); // what StatsTableView does with each published result

    // Independent values: the batch mean of channel 0 from x itself, and the number of passes the
    // buffers have seen after the displayed one.
    const std::int64_t C = 4, spatial = 6;
    double sum = 0;
    for (std::int64_t n = 0; n < 3; ++n)
        for (std::int64_t i = 0; i < spatial; ++i)
            sum += r->input[(n * C + 0) * spatial + i];
    const double batchMean = sum / double(3 * spatial);
    const int after = eval ? steps : steps + 1;
    const double expectedAfter = (1.0 - std::pow(0.9, after)) * batchMean;

    // Table: channel 0's running mean after this pass.
    const int column = table.column(StatsTableModel::RunningMeanColumn);
    QVERIFY(column >= 0);
    QVERIFY(table.headerData(column, Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("after this pass")));
    double tableMean = NAN;
    for (int row = 0; row < table.rowCount(); ++row)
        if (table.rowAt(row).channel == 0)
            tableMean = table.data(table.index(row, column), StatsTableModel::SortRole).toDouble();
    QVERIFY2(std::abs(tableMean - expectedAfter) < 1e-12,
             qPrintable(QStringLiteral("%1 vs %2").arg(tableMean).arg(expectedAfter)));

    // Counter.
    QString counter;
    for (QLabel* label : controls.findChildren<QLabel*>())
        if (label->text().startsWith(QStringLiteral("num_batches_tracked")))
            counter = label->text();
    const QString expectedCounter = eval
        ? QStringLiteral("num_batches_tracked = %1 before and after this pass").arg(steps)
        : QStringLiteral("num_batches_tracked = %1 before this pass, %2 after this pass").arg(steps).arg(after);
    QVERIFY2(counter.startsWith(expectedCounter), qPrintable(counter));
    QCOMPARE(r->num_batches_tracked, std::int64_t(after));
    QCOMPARE(r->num_batches_tracked_before, std::int64_t(steps));

    // Plot: one point per committed state plus, in training, this pass's; the last is the table's.
    QCOMPARE(plot.stepCount(), after + 1);
    QCPGraph* mean0 = plot.plot()->graph(0);
    QCOMPARE(mean0->dataCount(), after + 1);
    QVERIFY(std::abs((mean0->data()->end() - 1)->value - expectedAfter) < 1e-12);
    QCOMPARE((mean0->data()->begin())->value, 0.0);

    // Code: the buffers before the pass, and the count after it.
    const QString text = code.code();
    if (steps > 0)
        QVERIFY(text.contains(QStringLiteral("bn.num_batches_tracked.fill_(%1)").arg(steps)));
    else
        QVERIFY(!text.contains(QStringLiteral("num_batches_tracked.fill_")));
    QVERIFY(text.contains(QStringLiteral("# running statistics before this pass: %1 training step").arg(steps)));
    if (!eval)
        QVERIFY(text.contains(QStringLiteral("# after this pass: num_batches_tracked == %1").arg(after)));
    else
        QVERIFY(text.contains(QStringLiteral("bn.eval()")));
}

QTEST_MAIN(TestRunningStatsAgreement)
#include "test_running_stats_agreement.moc"
