// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// The window's own limits: a window side, the number of steps, an element count that overflows and
// one the window cannot hold are refused at the command line with a message that names the value
// and says the limit is NormScope's; values inside the limits are taken.

#include "ui/document/app_options.h"

#include <QtTest>

using namespace normscope::ui;

class TestWindowLimits : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void refused_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("side over 16384") << QStringList{"--size", "16385x900"} << "16384";
        QTest::newRow("2000000 px") << QStringList{"--size", "2000000x900"} << "'2000000x900'";
        QTest::newRow("40000 square") << QStringList{"--size", "40000x40000"} << "16384";
        QTest::newRow("steps past int") << QStringList{"--steps", "2147483648"} << "got 2147483648";
        QTest::newRow("steps past the maximum") << QStringList{"--steps", "1000001"} << "between 1 and 1000000";
        QTest::newRow("count overflows int64")
            << QStringList{"--shape", "65536,65536,65536,65536"} << "18446744073709551616 elements";
        QTest::newRow("count over the window's")
            << QStringList{"--shape", "64,64,64,64,64"} << "1073741824 elements; the window takes at most 16777216";
        QTest::newRow("select past the end") << QStringList{"--shape", "2,3,4", "--select", "24"} << "--select";
    }

    void refused()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const AppOptionsParse parsed = parseAppOptions(QStringList{"normscope"} + args);
        QVERIFY(!parsed.options);
        QVERIFY2(parsed.error.contains(message), qPrintable(parsed.error));
        QVERIFY2(!parsed.error.contains("PyTorch"), qPrintable(parsed.error));
    }

    void limitsThemselvesAreTaken()
    {
        const AppOptionsParse parsed =
            parseAppOptions({"normscope", "--size", "16384x200", "--shape", "16,16,256,256", "--steps", "3"});
        QVERIFY2(parsed.options, qPrintable(parsed.error));
        QCOMPARE(parsed.options->size, QSize(16384, 200));
        QCOMPARE(parsed.options->experiment.shape, (normscope::Shape{16, 16, 256, 256})); // 2^24 elements
    }
};

QTEST_GUILESS_MAIN(TestWindowLimits)
#include "test_window_limits.moc"
