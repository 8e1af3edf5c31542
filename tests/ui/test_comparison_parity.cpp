// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// The window's compare view and normscope-cli compare get their specs and rows from the same engine
// functions: the comparison table made from the window's compare results equals the file the CLI
// writes for the same input, byte for byte.

#include "app/cli/compare_command.h"
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

class TestComparisonParity : public QObject {
    Q_OBJECT

private Q_SLOTS:
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
            rows.push_back(ui::engine_runner::comparisonRowOf(*ui::engine_runner::run(c, AnyTensor(x), 1, 1)));
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

QTEST_GUILESS_MAIN(TestComparisonParity)
#include "test_comparison_parity.moc"
