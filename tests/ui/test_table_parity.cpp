// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// The window's tables and normscope-cli's are made by the same engine functions from the same
// numbers: the statistics table made from a window snapshot's digest equals forward --table-out,
// and the comparison table made from the window's compare results equals compare --table-out, for
// the same state, byte for byte.

#include "app/cli/compare_command.h"
#include "app/cli/forward_command.h"
#include "engine/report/statistics_table.h"
#include "ui/document/result_digest.h"
#include "engine/io/npy.h"
#include "engine/report/comparison.h"
#include "engine/report/table_format.h"
#include "tests/support/file_helpers.h"
#include "tests/support/random_tensor.h"
#include "ui/document/engine_runner.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace normscope;
using namespace normscope::test;

class TestTableParity : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void windowAndCliWriteTheSameStatistics_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("file");
        QTest::newRow("batch, eval, running stats") << QStringList{"--norm", "batch", "--eval"} << "s.csv";
        QTest::newRow("batch, training") << QStringList{"--norm", "batch"} << "s.json";
        QTest::newRow("group") << QStringList{"--norm", "group", "--num-groups", "3"} << "s.tex";
        QTest::newRow("rms") << QStringList{"--norm", "rms", "--normalized-shape", "5,5"} << "s.md";
        QTest::newRow("instance tracked") << QStringList{"--norm", "instance", "--track-running-stats"} << "s.html";
    }
    void windowAndCliWriteTheSameStatistics()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, file);
        QTemporaryDir dir;
        const Shape shape{4, 6, 5, 5};
        const Tensor<float> x = randomTensor<float>(shape, 43, -1.0, 3.0);
        writeNpy(dir.filePath("x.npy").toStdString(), x);
        std::vector<std::string> args{"--input",     dir.filePath("x.npy").toStdString(),
                                      "--output",    dir.filePath("y.npy").toStdString(),
                                      "--table-out", dir.filePath(file).toStdString()};
        for (const QString& o : options)
            args.push_back(o.toStdString());
        runForwardCommand(args);

        // The window's state for the same command line: its snapshot, digest and table.
        ui::Experiment e;
        e.shape = shape;
        e.dtype = DType::Float32;
        e.loaded = std::make_shared<const AnyTensor>(x);
        e.spec = NormSpec::defaults(*parseNormKind(options[1].toStdString()));
        e.spec.num_groups = 3;
        e.spec.normalized_shape = {5, 5};
        e.spec.mode = options.contains("--eval") ? Mode::Eval : Mode::Training;
        if (options.contains("--track-running-stats"))
            e.spec.track_running_stats = true;
        const ui::ResultPtr snapshot = ui::engine_runner::run(e, std::make_shared<const AnyTensor>(x), 1, 1);
        QVERIFY2(snapshot->ok(), snapshot->error.c_str());
        const Table table =
            statisticsTable(snapshot->spec, snapshot->shape, snapshot->dtype, ui::digestOf(snapshot)->groups);
        QCOMPARE(fileContents(dir.filePath(file)).toStdString(),
                 writeTable(table, tableFormatForPath(file.toStdString())));
    }

    void windowAndCliWriteTheSameComparison_data()
    {
        QTest::addColumn<int>("current");
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("file");
        QTest::newRow("batch, csv") << int(NormKind::Batch) << QStringList{} << "c.csv";
        QTest::newRow("group 3, json") << int(NormKind::Group) << QStringList{"--num-groups", "3"} << "c.json";
        QTest::newRow("layer, md") << int(NormKind::Layer) << QStringList{} << "c.md";
    }
    void windowAndCliWriteTheSameComparison()
    {
        QFETCH(int, current);
        QFETCH(QStringList, options);
        QFETCH(QString, file);
        QTemporaryDir dir;
        const Shape shape{4, 6, 5, 5};
        const Tensor<float> x = randomTensor<float>(shape, 41, 1.5, 2.0);
        writeNpy(dir.filePath("x.npy").toStdString(), x);

        ui::Experiment e;
        e.shape = shape;
        e.dtype = DType::Float32;
        e.loaded = std::make_shared<const AnyTensor>(x);
        e.spec = defaultSpecFor(NormKind(current), shape);
        if (e.spec.kind == NormKind::Group)
            e.spec.num_groups = 3;
        if (e.spec.kind == NormKind::Layer)
            e.spec.normalized_shape = {6, 5, 5}; // every dim after N, the compare default
        std::vector<ComparisonRow> rows;
        for (const ui::Experiment& c : ui::engine_runner::compareExperiments(e))
            rows.push_back(ui::engine_runner::comparisonRowOf(
                *ui::engine_runner::run(c, std::make_shared<const AnyTensor>(x), 1, 1)));
        const Table table = comparisonTable(comparisonSettingsFor(e.spec, shape), shape, DType::Float32, rows);
        const std::string window = writeTable(table, tableFormatForPath(file.toStdString()));

        std::vector<std::string> args{"--input", dir.filePath("x.npy").toStdString(), "--table-out",
                                      dir.filePath(file).toStdString()};
        for (const QString& o : options)
            args.push_back(o.toStdString());
        runCompareCommand(args);
        QCOMPARE(fileContents(dir.filePath(file)).toStdString(), window);
        QVERIFY(window.find(NormKind(current) == NormKind::Group ? "GroupNorm(3, 6)" : "GroupNorm(2, 6)")
                != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestTableParity)
#include "test_table_parity.moc"
