// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// normscope-cli's writes are all or nothing, whatever the destinations are and whatever happens
// while they are written: refused destinations, a replaced file's permissions, symlinks, long names,
// the file size limit and signals during the write phase, and element counts that overflow.

#include "engine/io/npy.h"
#include "tests/support/file_helpers.h"
#include "tests/support/fixture_check.h"
#include "tests/support/random_tensor.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cmath>
#include <csignal>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace normscope;
using namespace normscope::test;

namespace {

mode_t modeOf(const QString& path)
{
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_mode : 0;
}

} // namespace

class TestCliOutputs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(inputs_.isValid());
        writeNpy(inputs_.filePath("x.npy").toStdString(), randomTensor<float>({2, 4, 3, 3}, 1));
        // Large enough that writing its outputs takes a while: the signal tests stop it there.
        writeNpy(inputs_.filePath("big.npy").toStdString(), randomTensor<float>({4, 16, 256, 256}, 2));
    }

    void fileAndDirectoryOfTheSameNameAreRefusedBeforeAnyWrite_data()
    {
        QTest::addColumn<QStringList>("outputs");
        QTest::newRow("state-out is the mean-out file")
            << QStringList{"--output", "y.npy", "--mean-out", "m.npy", "--state-out", "m.npy"};
        QTest::newRow("state-out is the output file") << QStringList{"--output", "y.npy", "--state-out", "y.npy"};
    }

    void fileAndDirectoryOfTheSameNameAreRefusedBeforeAnyWrite()
    {
        QFETCH(QStringList, outputs);
        QTemporaryDir out;
        QVERIFY(writeFileContents(out.filePath("y.npy"), "previous y"));
        QStringList args{"forward", "--norm", "batch", "--input", inputs_.filePath("x.npy")};
        for (int i = 0; i < outputs.size(); ++i)
            args << (i % 2 ? out.filePath(outputs[i]) : outputs[i]);
        const CliRun run = runCli(args);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.count('\n') == 1, qPrintable(run.err));
        QCOMPARE(fileContents(out.filePath("y.npy")), QByteArray("previous y"));
        QCOMPARE(entriesOf(out.path()), QStringList{"y.npy"});
    }

    void destinationsThatAreNotRegularFilesAreRefused_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("device") << "device";
        QTest::newRow("fifo") << "fifo";
        QTest::newRow("directory") << "directory";
    }

    void destinationsThatAreNotRegularFilesAreRefused()
    {
        QFETCH(QString, kind);
        QTemporaryDir out;
        QString target = "/dev/null";
        if (kind == "fifo") {
            target = out.filePath("pipe");
            QCOMPARE(::mkfifo(QFile::encodeName(target).constData(), 0644), 0);
        } else if (kind == "directory") {
            target = out.filePath("dir");
            QVERIFY(QDir().mkdir(target));
        }
        const mode_t before = modeOf(target);
        const CliRun run = runCli({"forward", "--norm", "batch", "--input", inputs_.filePath("x.npy"), "--output",
                                   out.filePath("y.npy"), "--mean-out", target});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(kind == "directory" ? "is a directory" : "is not a regular file"),
                 qPrintable(run.err));
        QCOMPARE(modeOf(target), before); // still the same kind of node, untouched
        QVERIFY(!QFile::exists(out.filePath("y.npy")));
    }

    void symlinkIsWrittenThrough()
    {
        QTemporaryDir out;
        const QString target = out.filePath("real.npy"), link = out.filePath("link.npy");
        QVERIFY(writeFileContents(target, "old"));
        QVERIFY(QFile::link(target, link));
        const CliRun run =
            runCli({"forward", "--norm", "batch", "--input", inputs_.filePath("x.npy"), "--output", link});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(QFileInfo(link).isSymLink());
        QCOMPARE(shapeOf(readNpy(target.toStdString())), (Shape{2, 4, 3, 3}));
        QCOMPARE(entriesOf(out.path()), (QStringList{"link.npy", "real.npy"}));
    }

    void replacedFileKeepsItsPermissions()
    {
        QTemporaryDir out;
        const QString y = out.filePath("y.npy");
        for (mode_t mode : {0600, 0640, 0604}) {
            QVERIFY(writeFileContents(y, "old"));
            QVERIFY(::chmod(QFile::encodeName(y).constData(), mode) == 0);
            const CliRun run =
                runCli({"forward", "--norm", "batch", "--input", inputs_.filePath("x.npy"), "--output", y});
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
            QCOMPARE(modeOf(y) & 07777, mode);
        }
    }

    void longFileNamesWork()
    {
        QTemporaryDir out;
        const QString y = out.filePath(QString(246, 'y') + ".npy"); // 250 characters, legal on ext4
        const CliRun run = runCli({"forward", "--norm", "batch", "--input", inputs_.filePath("x.npy"), "--output", y});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(shapeOf(readNpy(y.toStdString())), (Shape{2, 4, 3, 3}));
    }

    void fileSizeLimitIsAWriteError()
    {
        QTemporaryDir out;
        const QString y = out.filePath("y.npy");
        QVERIFY(writeFileContents(y, "previous y"));
        QProcess process;
        process.setChildProcessModifier([] {
            const rlimit limit{100000, 100000}; // bytes: the big output is 16 MB
            ::setrlimit(RLIMIT_FSIZE, &limit);
        });
        process.start(QStringLiteral(NORMSCOPE_CLI_PATH),
                      {"forward", "--norm", "batch", "--input", inputs_.filePath("big.npy"), "--output", y});
        QVERIFY(process.waitForFinished(120000));
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 2);
        QVERIFY2(err.contains("File too large"), qPrintable(err));
        QCOMPARE(fileContents(y), QByteArray("previous y"));
        QCOMPARE(entriesOf(out.path()), QStringList{"y.npy"});
    }

    void signalDuringTheWritePhaseLeavesNothingBehind_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }

    void signalDuringTheWritePhaseLeavesNothingBehind()
    {
        QFETCH(int, signal);
        QTemporaryDir out;
        const QString y = out.filePath("y.npy");
        QVERIFY(writeFileContents(y, "previous y"));
        QProcess process;
        process.start(QStringLiteral(NORMSCOPE_CLI_PATH),
                      {"forward", "--norm", "batch", "--input", inputs_.filePath("big.npy"), "--output", y,
                       "--grad-output", inputs_.filePath("big.npy"), "--grad-input-out", out.filePath("dx.npy")});
        QVERIFY(process.waitForStarted());
        // Freeze the process as soon as its first staging file appears, then signal it there.
        QElapsedTimer timer;
        timer.start();
        bool stopped = false;
        while (!stopped && timer.elapsed() < 60000 && process.state() == QProcess::Running) {
            for (const QString& name : entriesOf(out.path()))
                if (name.startsWith(".normscope-")) {
                    ::kill(static_cast<pid_t>(process.processId()), SIGSTOP);
                    stopped = true;
                }
            if (!stopped)
                QThread::usleep(200);
        }
        QVERIFY2(stopped, "the write phase was never seen");
        ::kill(static_cast<pid_t>(process.processId()), signal);
        ::kill(static_cast<pid_t>(process.processId()), SIGCONT);
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitStatus(), QProcess::CrashExit); // ended by the signal, as before
        QCOMPARE(fileContents(y), QByteArray("previous y"));
        QVERIFY2(entriesOf(out.path()) == QStringList{"y.npy"}, qPrintable(entriesOf(out.path()).join(" ")));
    }

    void elementCountsThatOverflowAreRefused_data()
    {
        QTest::addColumn<QString>("shape");
        QTest::addColumn<QString>("count");
        QTest::newRow("2^64") << "65536,65536,65536,65536"
                              << "18446744073709551616";
        QTest::newRow("(2^31-1)^3") << "2147483647,2147483647,2147483647"
                                    << "9903520300447984150353281023";
    }

    void elementCountsThatOverflowAreRefused()
    {
        QFETCH(QString, shape);
        QFETCH(QString, count);
        const CliRun run = runCli({"bench", "--norm", "batch", "--shape", shape});
        QVERIFY(!run.crashed);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(count + " elements"), qPrintable(run.err));
        QVERIFY2(!run.err.contains("PyTorch"), qPrintable(run.err)); // NormScope's own limit
    }

    void counterAtInt64MaxIsRefused()
    {
        QTemporaryDir out;
        const QStringList args{"forward",
                               "--norm",
                               "batch",
                               "--momentum",
                               "none",
                               "--input",
                               inputs_.filePath("x.npy"),
                               "--output",
                               out.filePath("y.npy"),
                               "--num-batches-tracked"};
        const CliRun atMax = runCli(args + QStringList{"9223372036854775807"});
        QCOMPARE(atMax.exitCode, 2);
        QVERIFY2(atMax.err.contains("num_batches_tracked (9223372036854775807)"), qPrintable(atMax.err));
        QVERIFY2(atMax.err.contains("NormScope's limit"), qPrintable(atMax.err));
        QCOMPARE(entriesOf(out.path()), QStringList{});
        const CliRun below = runCli(args + QStringList{"9223372036854775806"});
        QVERIFY2(below.exitCode == 0, qPrintable(below.err));
    }

    void subnormalEpsIsANumber()
    {
        QTemporaryDir out;
        const QStringList args{
            "forward", "--norm", "batch", "--input", inputs_.filePath("x.npy"), "--output", out.filePath("y.npy"),
            "--eps"};
        const CliRun subnormal = runCli(args + QStringList{"1e-320"});
        QVERIFY2(subnormal.exitCode == 0, qPrintable(subnormal.err));
        const CliRun huge = runCli(args + QStringList{"1e400"}); // inf, as Python reads it
        QCOMPARE(huge.exitCode, 2);
        QVERIFY2(huge.err.contains("eps must be a finite number"), qPrintable(huge.err));
        QVERIFY2(huge.err.contains("NormScope's limit"), qPrintable(huge.err));
    }

    /// A run PyTorch accepts but whose numbers are degenerate succeeds (exit 0, outputs written) and
    /// says why on stderr: the counts of NaN/inf in the input, eps <= 0.
    void degenerateRunsSucceedWithAWarning()
    {
        QTemporaryDir out;
        Tensor<float> x = randomTensor<float>({2, 4, 3, 3}, 7);
        x[0] = NAN;
        x[5] = NAN;
        x[9] = INFINITY;
        x[40] = -INFINITY;
        writeNpy(out.filePath("nonfinite.npy").toStdString(), x);
        const CliRun nonFinite = runCli({"forward", "--norm", "batch", "--input", out.filePath("nonfinite.npy"),
                                         "--output", out.filePath("y.npy"), "--var-out", out.filePath("v.npy")});
        QVERIFY2(nonFinite.exitCode == 0, qPrintable(nonFinite.err));
        QVERIFY2(nonFinite.err.contains("normscope-cli: warning: the input has 2 NaN, 1 inf, 1 -inf of 72 values"),
                 qPrintable(nonFinite.err));
        // Channel 0 holds the NaNs and the -inf, channel 1 the inf: their variance is NaN (PyTorch's),
        // channels 2 and 3 are finite.
        const auto var = std::get<Tensor<float>>(readNpy(out.filePath("v.npy").toStdString()));
        QVERIFY(std::isnan(var[0]) && std::isnan(var[1]));
        QVERIFY(std::isfinite(var[2]) && std::isfinite(var[3]));

        const CliRun eps0 = runCli({"forward", "--norm", "layer", "--normalized-shape", "3", "--eps", "0", "--input",
                                    inputs_.filePath("x.npy"), "--output", out.filePath("y0.npy")});
        QVERIFY2(eps0.exitCode == 0, qPrintable(eps0.err));
        QVERIFY2(eps0.err.contains("normscope-cli: warning: eps = 0: a group of equal values gives 0/0 = NaN"),
                 qPrintable(eps0.err));
        const CliRun epsNeg = runCli({"forward", "--norm", "group", "--num-groups", "2", "--eps", "-0.5", "--input",
                                      inputs_.filePath("x.npy"), "--output", out.filePath("yn.npy")});
        QVERIFY2(epsNeg.exitCode == 0, qPrintable(epsNeg.err));
        QVERIFY2(epsNeg.err.contains("eps = -0.5 is negative"), qPrintable(epsNeg.err));
        const CliRun clean = runCli(
            {"forward", "--norm", "batch", "--input", inputs_.filePath("x.npy"), "--output", out.filePath("yc.npy")});
        QCOMPARE(clean.exitCode, 0);
        QVERIFY2(!clean.err.contains("warning"), qPrintable(clean.err));
    }

    void dataAtTheEdgeOfFloat32GivesItsExactOutput()
    {
        // Finite float32 values up to +-FLT_MAX: the float lanes cannot hold their deviations, the
        // exact answer is finite (long double here, independent of the engine).
        QTemporaryDir out;
        const Shape shape{4, 3, 5, 5};
        Tensor<float> x(shape);
        for (std::int64_t i = 0; i < x.numel(); ++i)
            x[i] = static_cast<float>(((i * 7919) % 13 - 6) / 6.0L * 3.4e38L);
        writeNpy(out.filePath("edge.npy").toStdString(), x);
        const CliRun run = runCli(
            {"forward", "--norm", "batch", "--input", out.filePath("edge.npy"), "--output", out.filePath("y.npy")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const auto y = std::get<Tensor<float>>(readNpy(out.filePath("y.npy").toStdString()));
        const std::int64_t C = 3, inner = 25, n = 4 * inner;
        for (std::int64_t c = 0; c < C; ++c) {
            long double sum = 0, squares = 0;
            for (std::int64_t b = 0; b < 4; ++b)
                for (std::int64_t k = 0; k < inner; ++k)
                    sum += x[(b * C + c) * inner + k];
            const long double mean = sum / n;
            for (std::int64_t b = 0; b < 4; ++b)
                for (std::int64_t k = 0; k < inner; ++k)
                    squares += (x[(b * C + c) * inner + k] - mean) * (x[(b * C + c) * inner + k] - mean);
            const long double rstd = 1 / std::sqrt(squares / n + 1e-5L);
            for (std::int64_t b = 0; b < 4; ++b)
                for (std::int64_t k = 0; k < inner; ++k) {
                    const std::int64_t i = (b * C + c) * inner + k;
                    const long double expected = (x[i] - mean) * rstd;
                    QVERIFY2(std::isfinite(y[i]) && std::abs(y[i] - expected) < 1e-6L,
                             qPrintable(QString("y[%1] = %2, expected %3").arg(i).arg(y[i]).arg(double(expected))));
                }
        }
    }

private:
    QTemporaryDir inputs_;
};

QTEST_GUILESS_MAIN(TestCliOutputs)
#include "test_cli_outputs.moc"
