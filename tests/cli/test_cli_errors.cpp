// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// normscope-cli refuses bad input the way the contract says: exit status 2, one line on stderr that
// names the offending values, and no output file created or changed.

#include "engine/io/npy.h"
#include "engine/options/module_options.h"
#include "tests/support/fixture_check.h"
#include "tests/support/random_tensor.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace normscope;
using namespace normscope::test;

class TestCliErrors : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(inputs_.isValid());
        writeNpy(path("x.npy").toStdString(), randomTensor<float>({2, 4, 3, 3}, 1));
        writeNpy(path("w3.npy").toStdString(), randomTensor<float>({3}, 2));
        writeNpy(path("w4.npy").toStdString(), randomTensor<float>({4}, 2));
        writeNpy(path("x1.npy").toStdString(), randomTensor<float>({4}, 3));
        QFile text(path("not_npy.npy"));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("this is not a numpy file\n");
        text.close();
        QFile valid(path("x.npy"));
        QVERIFY(valid.open(QIODevice::ReadOnly));
        const QByteArray bytes = valid.readAll();
        writeBytes("truncated.npy", bytes.left(bytes.size() - 7));
        QByteArray int32 = bytes;
        int32.replace("'<f4'", "'<i4'");
        writeBytes("int32.npy", int32);
        QByteArray bigEndian = bytes;
        bigEndian.replace("'<f4'", "'>f4'");
        writeBytes("big_endian.npy", bigEndian);
        QByteArray hugeHeader = bytes.left(8);
        hugeHeader.append("\xff\xff", 2); // a header length that points far past the file
        hugeHeader.append(bytes.mid(10));
        writeBytes("huge_header.npy", hugeHeader);
    }

    void refuses_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString x = path("x.npy");
        const QStringList out{"--output", "{out}/y.npy"};
        auto row = [&](const char* name, QStringList args, const QString& message) {
            QTest::newRow(name) << args << message;
        };
        row("no command options", {}, "option --norm is required");
        row("unknown option", QStringList{"--norm", "batch", "--input", x, "--colour", "red"} + out,
            "unknown option --colour");
        row("unknown norm", QStringList{"--norm", "weight", "--input", x} + out,
            "--norm must be batch, layer, instance, group or rms, got 'weight'");
        row("missing input option", QStringList{"--norm", "batch"} + out, "option --input is required");
        row("missing output option", {"--norm", "batch", "--input", x}, "option --output is required");
        row("missing file", QStringList{"--norm", "batch", "--input", path("nope.npy")} + out, "nope.npy");
        row("not npy", QStringList{"--norm", "batch", "--input", path("not_npy.npy")} + out, "not_npy.npy");
        row("truncated", QStringList{"--norm", "batch", "--input", path("truncated.npy")} + out, "truncated");
        row("int32", QStringList{"--norm", "batch", "--input", path("int32.npy")} + out, "<i4");
        row("big endian", QStringList{"--norm", "batch", "--input", path("big_endian.npy")} + out, ">f4");
        row("huge header", QStringList{"--norm", "batch", "--input", path("huge_header.npy")} + out, "huge_header.npy");
        row("group not dividing", QStringList{"--norm", "group", "--num-groups", "3", "--input", x} + out,
            "num_groups (3) must divide num_channels (4)");
        row("group missing G", QStringList{"--norm", "group", "--input", x} + out, "--num-groups");
        row("group G not a number", QStringList{"--norm", "group", "--num-groups", "two", "--input", x} + out, "'two'");
        row("layer shape mismatch", QStringList{"--norm", "layer", "--normalized-shape", "3,4", "--input", x} + out,
            "normalized_shape=[3, 4]");
        row("layer bad shape text", QStringList{"--norm", "layer", "--normalized-shape", "3,x", "--input", x} + out,
            "'3,x'");
        // eps 0 and negative are PyTorch's to accept (tests/cli: accepted with a warning); NaN and inf are
        // NormScope's limit and say so.
        row("eps inf", QStringList{"--norm", "batch", "--eps", "inf", "--input", x} + out,
            "eps must be a finite number, got inf (NormScope's limit");
        row("eps nan", QStringList{"--norm", "batch", "--eps", "nan", "--input", x} + out, "got nan");
        row("eps text", QStringList{"--norm", "batch", "--eps", "small", "--input", x} + out,
            "--eps must be a number, got 'small'");
        row("momentum for layer",
            QStringList{"--norm", "layer", "--normalized-shape", "3", "--momentum", "0.1", "--input", x} + out,
            "--momentum does not apply to --norm layer");
        row("momentum none for instance", QStringList{"--norm", "instance", "--momentum", "none", "--input", x} + out,
            "momentum=None");
        row("batch rank 1", QStringList{"--norm", "batch", "--input", path("x1.npy")} + out, "(4,)");
        row("weight wrong shape", QStringList{"--norm", "batch", "--weight", path("w3.npy"), "--input", x} + out,
            "weight must have shape (4,), got (3,)");
        row("running var wrong shape",
            QStringList{"--norm", "batch", "--running-var", path("w3.npy"), "--input", x} + out,
            "running_var must have shape (4,), got (3,)");
        row("weight without affine",
            QStringList{"--norm", "batch", "--no-affine", "--weight", path("w4.npy"), "--input", x} + out,
            "affine is off");
        row("instance weight needs affine",
            QStringList{"--norm", "instance", "--weight", path("w4.npy"), "--input", x} + out, "add --affine");
        row("rms bias",
            QStringList{"--norm", "rms", "--normalized-shape", "3", "--bias", path("w3.npy"), "--input", x} + out,
            "RMSNorm has no bias");
        row("rms mean-out",
            QStringList{"--norm", "rms", "--normalized-shape", "3", "--mean-out", "{out}/m.npy", "--input", x} + out,
            "--mean-out does not apply");
        row("state-out untracked",
            QStringList{"--norm", "batch", "--no-track-running-stats", "--state-out", "{out}/s", "--input", x} + out,
            "--state-out needs running statistics");
        row("steps zero", QStringList{"--norm", "batch", "--steps", "0", "--input", x} + out,
            "--steps must be between 1 and 1000000, got 0");
        row("negative batches", QStringList{"--norm", "batch", "--num-batches-tracked", "-1", "--input", x} + out,
            "got -1");
        row("output dir missing", {"--norm", "batch", "--input", x, "--output", "{out}/missing/y.npy"},
            "does not exist");
        row("same output twice", QStringList{"--norm", "batch", "--input", x, "--mean-out", "{out}/y.npy"} + out,
            "the same file");
        row("option twice", QStringList{"--norm", "batch", "--norm", "layer", "--input", x} + out, "given twice");
        row("contradicting flags", QStringList{"--norm", "batch", "--affine", "--no-affine", "--input", x} + out,
            "contradict");
        // An empty value is refused, never taken as "not given".
        row("empty weight", QStringList{"--norm", "batch", "--input", x, "--weight="} + out,
            "option --weight needs a value, got an empty one");
        row("empty eps", QStringList{"--norm", "batch", "--input", x, "--eps", ""} + out,
            "option --eps needs a value, got an empty one");
        row("empty input", QStringList{"--norm", "batch", "--input="} + out,
            "option --input needs a value, got an empty one");
        row("value missing at the end", QStringList{"--norm", "batch", "--input", x} + out + QStringList{"--eps"},
            "option --eps needs a value");
        row("eps none for batch", QStringList{"--norm", "batch", "--eps", "none", "--input", x} + out,
            "--eps none does not apply to --norm batch (only RMSNorm takes eps=None)");
        row("momentum inf", QStringList{"--norm", "batch", "--momentum", "inf", "--input", x} + out,
            "momentum must be a finite number or none, got inf");
        row("group G zero", QStringList{"--norm", "group", "--num-groups", "0", "--input", x} + out,
            "num_groups must be positive, got 0");
        row("batches for layer",
            QStringList{"--norm", "layer", "--normalized-shape", "3", "--num-batches-tracked", "2", "--input", x} + out,
            "--num-batches-tracked needs running statistics, which --norm layer does not keep");
        row("running mean untracked instance",
            QStringList{"--norm", "instance", "--running-mean", path("w4.npy"), "--input", x} + out,
            "--running-mean needs running statistics, which --norm instance keeps only with --track-running-stats");
        // The spec's error comes before any file is read (here neither file exists).
        row("spec before files",
            QStringList{"--norm", "rms", "--normalized-shape", "3", "--bias", path("nope.npy"), "--input",
                        path("nope.npy")}
                + out,
            "--bias does not apply to --norm rms (RMSNorm has no bias)");
        row("eps before files", QStringList{"--norm", "batch", "--eps", "abc", "--input", path("nope.npy")} + out,
            "--eps must be a number, got 'abc'");
        row("missing weight file", QStringList{"--norm", "batch", "--weight", path("nope.npy"), "--input", x} + out,
            "nope.npy");
    }

    void refuses()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        checkRefusal(QStringList{"forward"} + args, runCli);
        // The message names the offending value.
        QTemporaryDir out;
        QStringList resolved = args;
        for (QString& a : resolved)
            a.replace("{out}", out.path());
        const CliRun run = runCli(QStringList{"forward"} + resolved);
        QVERIFY2(run.err.contains(message), qPrintable("stderr was: " + run.err));
    }

    void refusalLeavesExistingOutputsUnchanged()
    {
        QTemporaryDir out;
        const QString y = QDir(out.path()).filePath("y.npy");
        writeBytes(y, "previous contents", true);
        // The spec is valid, the second output's directory is not: nothing may be written.
        const CliRun run = runCli({"forward", "--norm", "batch", "--input", path("x.npy"), "--output", y, "--mean-out",
                                   QDir(out.path()).filePath("no/such/dir/m.npy")});
        QCOMPARE(run.exitCode, 2);
        QFile f(y);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("previous contents"));
        QCOMPARE(filesBelow(out.path()), QStringList{"y.npy"});
    }

    void stateOutCreatesTheDirectory()
    {
        QTemporaryDir out;
        const QString dir = QDir(out.path()).filePath("state/run1");
        const CliRun run = runCli({"forward", "--norm", "batch", "--steps", "3", "--input", path("x.npy"), "--output",
                                   QDir(out.path()).filePath("y.npy"), "--state-out", dir});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(filesBelow(dir), (QStringList{"num_batches_tracked.txt", "running_mean.npy", "running_var.npy"}));
        QFile nbt(dir + "/num_batches_tracked.txt");
        QVERIFY(nbt.open(QIODevice::ReadOnly));
        QCOMPARE(nbt.readAll(), QByteArray("3\n"));
        const AnyTensor rm = readNpy((dir + "/running_mean.npy").toStdString());
        QCOMPARE(dtypeOf(rm), DType::Float32);
        QCOMPARE(shapeOf(rm), Shape{4});
    }

    void float64StaysFloat64()
    {
        QTemporaryDir out;
        writeNpy(QDir(out.path()).filePath("x64.npy").toStdString(), randomTensor<double>({3, 2, 5}, 4));
        const CliRun run = runCli({"forward", "--norm", "layer", "--normalized-shape", "2,5", "--input",
                                   QDir(out.path()).filePath("x64.npy"), "--output", QDir(out.path()).filePath("y.npy"),
                                   "--mean-out", QDir(out.path()).filePath("m.npy")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(dtypeOf(readNpy(QDir(out.path()).filePath("y.npy").toStdString())), DType::Float64);
        QCOMPARE(shapeOf(readNpy(QDir(out.path()).filePath("m.npy").toStdString())), Shape{3});
    }

    void rmsTakesEpsNone()
    {
        // RMSNorm(eps=None) is RMSNorm's default: --eps none gives the same output as no --eps.
        QTemporaryDir out;
        const QStringList common{"forward", "--norm",  "rms",         "--normalized-shape",
                                 "3",       "--input", path("x.npy"), "--output"};
        const CliRun none = runCli(common + QStringList{QDir(out.path()).filePath("none.npy"), "--eps", "none"});
        QVERIFY2(none.exitCode == 0, qPrintable(none.err));
        const CliRun byDefault = runCli(common + QStringList{QDir(out.path()).filePath("default.npy")});
        QVERIFY2(byDefault.exitCode == 0, qPrintable(byDefault.err));
        QFile a(QDir(out.path()).filePath("none.npy")), b(QDir(out.path()).filePath("default.npy"));
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(a.readAll(), b.readAll());
    }

    void helpListsEveryOption()
    {
        const CliRun help = runCli({"forward", "--help"});
        QCOMPARE(help.exitCode, 0);
        for (const OptionTable* table : {&specOptions(), &startOptions()})
            for (const OptionInfo& option : *table)
                QVERIFY2(help.out.contains(QString::fromStdString(option.name) + " "), option.name.c_str());
        for (const char* option : {"--output", "--state-out", "--mean-out", "--var-out", "--grad-output",
                                   "--grad-input-out", "--grad-weight-out", "--grad-bias-out", "--threads"})
            QVERIFY2(help.out.contains(option), option);
        const CliRun bench = runCli({"bench", "--help"});
        QCOMPARE(bench.exitCode, 0);
        for (const OptionInfo& option : specOptions())
            QVERIFY2(bench.out.contains(QString::fromStdString(option.name) + " "), option.name.c_str());
    }

    void helpAndUnknownCommand()
    {
        const CliRun help = runCli({"forward", "--help"});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("--num-groups"));
        const CliRun unknown = runCli({"frobnicate"});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains("unknown command 'frobnicate'"));
    }

private:
    QString path(const QString& name) const { return QDir(inputs_.path()).filePath(name); }
    void writeBytes(const QString& name, const QByteArray& bytes, bool absolute = false)
    {
        QFile f(absolute ? name : path(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }

    QTemporaryDir inputs_;
};

QTEST_GUILESS_MAIN(TestCliErrors)
#include "test_cli_errors.moc"
