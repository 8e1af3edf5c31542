// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// normscope-cli bench keeps its contract: with --json the last stdout line is one JSON object with
// the documented keys and consistent values; bad options are refused. (No timing is asserted.)

#include "tests/support/fixture_case.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace normscope::test;

class TestCliBench : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void jsonLine_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("norm");
        QTest::newRow("batch") << QStringList{"--norm", "batch"} << "batch";
        QTest::newRow("group") << QStringList{"--norm", "group", "--num-groups", "2"} << "group";
        QTest::newRow("layer eval") << QStringList{"--norm", "layer", "--normalized-shape", "4,3", "--eval"} << "layer";
        QTest::newRow("instance backward") << QStringList{"--norm", "instance", "--backward"} << "instance";
        QTest::newRow("rms float64") << QStringList{"--norm", "rms", "--normalized-shape", "3", "--dtype", "float64"}
                                     << "rms";
    }

    void jsonLine()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, norm);
        const CliRun run =
            runCli(QStringList{"bench", "--shape", "2,4,4,3", "--repeat", "3", "--threads", "2", "--json"} + args);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QStringList lines = run.out.trimmed().split('\n');
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(lines.last().toUtf8(), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(lines.last()));
        QCOMPARE(o["norm"].toString(), norm);
        QCOMPARE(o["shape"].toArray(), (QJsonArray{2, 4, 4, 3}));
        QCOMPARE(o["threads"].toInt(), 2);
        QCOMPARE(o["repeat"].toInt(), 3);
        QVERIFY(o["min_ms"].toDouble() > 0);
        QVERIFY(o["median_ms"].toDouble() >= o["min_ms"].toDouble());
        // gbytes_per_s counts input read + output written (backward: + x, dy read, dx written).
        const double elementBytes = 2 * 4 * 4 * 3 * (args.contains("float64") ? 8.0 : 4.0);
        const double bytes = elementBytes * (args.contains("--backward") ? 5 : 2);
        QVERIFY(qAbs(o["gbytes_per_s"].toDouble() - bytes / (o["median_ms"].toDouble() * 1e6))
                <= 1e-3 * o["gbytes_per_s"].toDouble());
    }

    void refusals_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no shape") << QStringList{"--norm", "batch"} << "--shape";
        QTest::newRow("bad dtype") << QStringList{"--norm", "batch", "--shape", "2,3", "--dtype", "half"} << "'half'";
        QTest::newRow("bad groups") << QStringList{"--norm", "group", "--num-groups", "5", "--shape", "2,4"}
                                    << "num_groups (5)";
        QTest::newRow("bad repeat") << QStringList{"--norm", "batch", "--shape", "2,3", "--repeat", "0"} << "--repeat";
    }

    void refusals()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const CliRun run = runCli(QStringList{"bench"} + args);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QCOMPARE(run.err.trimmed().count('\n'), 0);
    }
};

QTEST_GUILESS_MAIN(TestCliBench)
#include "test_cli_bench.moc"
