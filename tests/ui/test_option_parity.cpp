// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// The window and `normscope-cli forward` parse the module and start options with the same code
// (engine/options/module_options.h): both refuse the same command lines with the same message, and
// what the window starts from is what the CLI computes with the same options.

#include "engine/io/npy.h"
#include "engine/options/module_options.h"
#include "tests/support/fixture_case.h"
#include "tests/support/random_tensor.h"
#include "ui/document/app_options.h"
#include "ui/document/document.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace normscope;
using namespace normscope::test;
using namespace normscope::ui;

namespace {

/// The message without the program's name: "normscope-cli: X\n" and "normscope: X\n" both give X.
QString messageOf(const QString& stderrText, const QString& program)
{
    QString m = stderrText.trimmed();
    const QString prefix = program + QStringLiteral(": ");
    return m.startsWith(prefix) ? m.mid(prefix.size()) : QStringLiteral("(no '%1' prefix) %2").arg(prefix, m);
}

template <typename T>
Tensor<T> npyAs(const QString& path)
{
    return std::visit([](const auto& t) { return t.template cast<T>(); }, readNpy(path.toStdString()));
}

/// Value for value; the shapes may differ where the window keeps a statistic in its layout's shape.
/// shown: a Tensor<double> or a snapshot's ResultTensor.
template <typename Shown>
void compareExactly(const Shown& shown, const Tensor<float>& cli, const char* what)
{
    QVERIFY2(shown.numel() == cli.numel(), what);
    for (std::int64_t i = 0; i < shown.numel(); ++i)
        if (shown[i] != static_cast<double>(cli[i]))
            QFAIL(qPrintable(QStringLiteral("%1[%2]: window %3, cli %4").arg(what).arg(i).arg(shown[i]).arg(cli[i])));
}

} // namespace

class TestOptionParity : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(files_.isValid());
        writeNpy(path("x.npy").toStdString(), randomTensor<float>({2, 4, 3, 3}, 1, 0.5, 2.0));
        writeNpy(path("w3.npy").toStdString(), randomTensor<float>({3}, 2));
        writeNpy(path("w4.npy").toStdString(), randomTensor<float>({4}, 3, 1.0, 0.3));
        writeNpy(path("b4.npy").toStdString(), randomTensor<float>({4}, 4));
        writeNpy(path("w33.npy").toStdString(), randomTensor<double>({3, 3}, 5, 1.0, 0.3));
        writeNpy(path("rm4.npy").toStdString(), randomTensor<float>({4}, 6));
        Tensor<double> rv({4});
        for (std::int64_t c = 0; c < 4; ++c)
            rv[c] = 0.5 + 0.75 * static_cast<double>(c);
        writeNpy(path("rv4.npy").toStdString(), rv);
    }

    /// Every row is refused by both, with the same text: the CLI gets `--input x.npy --output y.npy`
    /// first, the window gets `--input x.npy` only where the row says so (otherwise its demo input).
    void refusedAlike_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<bool>("withInput");
        QTest::addColumn<QString>("message"); // part of it, to keep the rows honest
        const QString w3 = path("w3.npy"), w4 = path("w4.npy"), missing = path("nope.npy");
        auto row = [](const char* name, const QStringList& args, bool withInput, const QString& message) {
            QTest::newRow(name) << args << withInput << message;
        };
        // The four of the issue.
        row("momentum for layer", {"--norm", "layer", "--normalized-shape", "4", "--momentum", "0.5"}, false,
            "--momentum does not apply to --norm layer");
        row("bias for rms", {"--norm", "rms", "--normalized-shape", "4", "--bias", missing}, false,
            "RMSNorm has no bias");
        row("eps not a number", {"--norm", "batch", "--eps", "abc"}, false, "--eps must be a number, got 'abc'");
        row("empty weight", {"--norm", "batch", "--weight="}, false, "option --weight needs a value, got an empty one");
        // The tokenizer.
        row("empty eps", {"--norm", "batch", "--eps", ""}, false, "option --eps");
        row("empty norm", {"--norm="}, false, "option --norm");
        row("missing value", {"--norm", "batch", "--eps"}, false, "option --eps needs a value");
        row("flag with a value", {"--norm", "batch", "--eval=yes"}, false, "option --eval takes no value");
        row("unknown option", {"--norm", "batch", "--colour", "red"}, false, "unknown option --colour");
        row("given twice", {"--norm", "batch", "--norm", "layer"}, false, "given twice");
        row("positional", {"--norm", "batch", "extra"}, false, "unexpected argument 'extra'");
        // Values and the constructor's own refusals.
        row("unknown norm", {"--norm", "weight"}, false,
            "--norm must be batch, layer, instance, group or rms, got 'weight'");
        row("eps none for layer", {"--norm", "layer", "--normalized-shape", "3", "--eps", "none"}, false,
            "--eps none does not apply to --norm layer");
        row("eps inf", {"--norm", "batch", "--eps", "inf"}, false, "eps must be a finite number, got inf");
        row("eps nan", {"--norm", "batch", "--eps", "nan"}, false, "got nan");
        row("momentum inf", {"--norm", "batch", "--momentum", "inf"}, false,
            "momentum must be a finite number or none");
        row("momentum none for instance", {"--norm", "instance", "--momentum", "none"}, false, "momentum=None");
        row("num_groups zero", {"--norm", "group", "--num-groups", "0"}, false, "num_groups must be positive, got 0");
        row("num_groups text", {"--norm", "group", "--num-groups", "two"}, false, "'two'");
        row("normalized_shape text", {"--norm", "layer", "--normalized-shape", "3,x"}, false, "'3,x'");
        row("num_groups for batch", {"--norm", "batch", "--num-groups", "2"}, false, "only GroupNorm takes num_groups");
        row("normalized_shape for group", {"--norm", "group", "--num-groups", "2", "--normalized-shape", "3"}, false,
            "only LayerNorm and RMSNorm take normalized_shape");
        row("tracking for group", {"--norm", "group", "--num-groups", "2", "--track-running-stats"}, false,
            "it keeps no running statistics");
        row("contradicting flags", {"--norm", "batch", "--affine", "--no-affine"}, false, "contradict");
        row("steps zero", {"--norm", "batch", "--steps", "0"}, false, "--steps must be between 1 and 1000000, got 0");
        row("steps text", {"--norm", "batch", "--steps", "3x"}, false, "'3x'");
        row("negative batches", {"--norm", "batch", "--num-batches-tracked", "-1"}, false, "got -1");
        // What needs something the spec turned off.
        row("weight without affine", {"--norm", "batch", "--no-affine", "--weight", w4}, false, "affine is off");
        row("instance weight", {"--norm", "instance", "--weight", w4}, false, "add --affine");
        row("running mean untracked", {"--norm", "batch", "--no-track-running-stats", "--running-mean", w4}, false,
            "keeps only with --track-running-stats");
        row("batches for layer", {"--norm", "layer", "--normalized-shape", "3", "--num-batches-tracked", "1"}, false,
            "which --norm layer does not keep");
        // Against the input (both get x.npy, shape (2, 4, 3, 3)).
        row("group not dividing", {"--norm", "group", "--num-groups", "3"}, true,
            "num_groups (3) must divide num_channels (4)");
        row("layer shape mismatch", {"--norm", "layer", "--normalized-shape", "4,3"}, true, "normalized_shape=[4, 3]");
        row("weight wrong shape", {"--norm", "batch", "--weight", w3}, true, "weight must have shape (4,), got (3,)");
        row("running var wrong shape", {"--norm", "batch", "--running-var", w3}, true,
            "running_var must have shape (4,), got (3,)");
        row("missing weight file", {"--norm", "batch", "--weight", missing}, true, "nope.npy");
    }

    void refusedAlike()
    {
        QFETCH(QStringList, args);
        QFETCH(bool, withInput);
        QFETCH(QString, message);
        QTemporaryDir out;
        const CliRun cli = runCli(
            QStringList{"forward", "--input", path("x.npy"), "--output", QDir(out.path()).filePath("y.npy")} + args);
        QCOMPARE(cli.exitCode, 2);
        QVERIFY2(filesBelow(out.path()).isEmpty(), "the CLI wrote a file");
        const QString cliMessage = messageOf(cli.err, "normscope-cli");
        QVERIFY2(cliMessage.contains(message), qPrintable(cliMessage));

        const QStringList input = withInput ? QStringList{"--input", path("x.npy")} : QStringList{};
        const AppOptionsParse window = parseAppOptions(QStringList{"normscope"} + input + args);
        QVERIFY2(!window.options, "the window accepted it");
        QCOMPARE(window.error, cliMessage);
    }

    /// The binaries themselves, as a script would run them: `normscope ARGS` against
    /// `normscope-cli forward ARGS --input x.npy --output y.npy`.
    void binariesRefuseAlike_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("momentum for layer")
            << QStringList{"--norm", "layer", "--normalized-shape", "4", "--momentum", "0.5"};
        QTest::newRow("bias for rms") << QStringList{"--norm", "rms",    "--normalized-shape",
                                                     "4",      "--bias", path("B.npy")};
        QTest::newRow("eps not a number") << QStringList{"--norm", "batch", "--eps", "abc"};
        QTest::newRow("empty weight") << QStringList{"--norm", "batch", "--weight="};
        QTest::newRow("eps none for batch") << QStringList{"--norm", "batch", "--eps", "none"};
        QTest::newRow("empty eps") << QStringList{"--norm", "batch", "--eps", ""};
    }

    void binariesRefuseAlike()
    {
        QFETCH(QStringList, args);
        QTemporaryDir out;
        const CliRun cli =
            runCli(QStringList{"forward"} + args
                   + QStringList{"--input", path("x.npy"), "--output", QDir(out.path()).filePath("y.npy")});
        const CliRun window = runProgram(QStringLiteral(NORMSCOPE_GUI_PATH), args);
        QVERIFY(!cli.crashed && !window.crashed);
        QCOMPARE(cli.exitCode, 2);
        QCOMPARE(window.exitCode, 2);
        QVERIFY2(!window.err.trimmed().contains('\n'), qPrintable(window.err));
        QCOMPARE(messageOf(window.err, "normscope"), messageOf(cli.err, "normscope-cli"));
        QVERIFY2(filesBelow(out.path()).isEmpty(), "the CLI wrote a file");
    }

    void windowHelpListsEveryOption()
    {
        const AppOptionsParse help = parseAppOptions({"normscope", "--help"});
        QVERIFY(!help.text.isEmpty());
        for (const OptionTable* table : {&specOptions(), &startOptions()})
            for (const OptionInfo& option : *table)
                QVERIFY2(help.text.contains(QString::fromStdString(option.name) + " "), option.name.c_str());
        for (const char* option : {"--shape", "--dtype", "--generator", "--seed", "--mean", "--std", "--compare",
                                   "--color-by", "--highlight", "--explode", "--select", "--size", "--screenshot"})
            QVERIFY2(help.text.contains(QString::fromLatin1(option) + " "), option);
    }

    void windowFillsWhatTheCliRequires()
    {
        // The demo input is 4x6x5x5: num_groups the largest power of two below C that divides it,
        // normalized_shape the dims after N.
        const AppOptionsParse group = parseAppOptions({"normscope", "--norm", "group"});
        QVERIFY2(group.options, qPrintable(group.error));
        QCOMPARE(group.options->experiment.spec.num_groups, std::int64_t(2));
        const AppOptionsParse rms = parseAppOptions({"normscope", "--norm", "rms", "--eps", "none"});
        QVERIFY2(rms.options, qPrintable(rms.error));
        QCOMPARE(rms.options->experiment.spec.normalized_shape, (Shape{6, 5, 5}));
        QVERIFY(!rms.options->experiment.spec.eps);
        const AppOptionsParse plain = parseAppOptions({"normscope"});
        QVERIFY2(plain.options, qPrintable(plain.error));
        QCOMPARE(plain.options->experiment.spec.kind, NormKind::Batch);
        QCOMPARE(plain.options->steps, 1);
        // Each kind starts as switching to it in the window would start it.
        for (NormKind kind : kNormKinds) {
            const AppOptionsParse k = parseAppOptions({"normscope", "--norm", toString(kind), "--shape", "2,8,3"});
            QVERIFY2(k.options, qPrintable(k.error));
            QVERIFY2(sameSpec(k.options->experiment.spec, defaultSpecFor(kind, Shape{2, 8, 3})), toString(kind));
        }
        // Picked for --input's shape, not the demo's.
        const AppOptionsParse loaded = parseAppOptions({"normscope", "--norm", "group", "--input", path("x.npy")});
        QVERIFY2(loaded.options, qPrintable(loaded.error));
        QCOMPARE(loaded.options->experiment.spec.num_groups, std::int64_t(2));
        QCOMPARE(loaded.options->experiment.spec.normalized_shape, (Shape{4, 3, 3}));
    }

    /// --weight, --bias, --running-mean, --running-var, --num-batches-tracked are the window's start:
    /// the Document's first result is the CLI's output, statistics and state, value for value.
    void startingStateIsTheClis_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<bool>("stateOut");
        const QString w4 = path("w4.npy"), b4 = path("b4.npy"), rm4 = path("rm4.npy"), rv4 = path("rv4.npy");
        QTest::newRow("batch eval, every buffer")
            << QStringList{"--norm", "batch",          "--eval", "--weight",      w4,  "--bias",
                           b4,       "--running-mean", rm4,      "--running-var", rv4, "--num-batches-tracked",
                           "7"}
            << true;
        QTest::newRow("batch training, 3 steps") << QStringList{"--norm",
                                                                "batch",
                                                                "--steps",
                                                                "3",
                                                                "--momentum",
                                                                "0.25",
                                                                "--weight",
                                                                w4,
                                                                "--running-mean",
                                                                rm4,
                                                                "--running-var",
                                                                rv4,
                                                                "--num-batches-tracked",
                                                                "2"}
                                                 << true;
        QTest::newRow("batch momentum none, 4 steps") << QStringList{
            "--norm", "batch", "--steps", "4", "--momentum", "none", "--running-mean", rm4, "--num-batches-tracked",
            "1"} << true;
        QTest::newRow("instance tracked, 2 steps")
            << QStringList{"--norm", "instance", "--affine", "--track-running-stats", "--steps",
                           "2",      "--bias",   b4,         "--running-var",         rv4}
            << true;
        QTest::newRow("group, weight and bias")
            << QStringList{"--norm", "group", "--num-groups", "2", "--weight", w4, "--bias", b4, "--steps", "5"}
            << false;
        QTest::newRow("layer, float64 weight")
            << QStringList{"--norm", "layer", "--normalized-shape", "3,3", "--weight", path("w33.npy")} << false;
        QTest::newRow("rms, eps none") << QStringList{"--norm", "rms",   "--normalized-shape", "3", "--eps",
                                                      "none",   "--eval"}
                                       << false;
    }

    void startingStateIsTheClis()
    {
        QFETCH(QStringList, args);
        QFETCH(bool, stateOut);
        QTemporaryDir out;
        const QDir dir(out.path());
        QStringList cliArgs = QStringList{"forward",
                                          "--input",
                                          path("x.npy"),
                                          "--output",
                                          dir.filePath("y.npy"),
                                          "--var-out",
                                          dir.filePath("var.npy")}
            + args;
        if (stateOut)
            cliArgs << "--state-out" << dir.filePath("state");
        const CliRun cli = runCli(cliArgs);
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));

        const AppOptionsParse parsed = parseAppOptions(QStringList{"normscope", "--input", path("x.npy")} + args);
        QVERIFY2(parsed.options, qPrintable(parsed.error));
        Document document(parsed.options->experiment);
        runStartingSteps(document, *parsed.options);
        const ResultPtr r = document.result();
        QVERIFY2(r->ok(), r->error.c_str());

        compareExactly(r->output, npyAs<float>(dir.filePath("y.npy")), "y");
        compareExactly(r->var, npyAs<float>(dir.filePath("var.npy")), "var");
        if (stateOut) {
            compareExactly(r->running_mean, npyAs<float>(dir.filePath("state/running_mean.npy")), "running_mean");
            compareExactly(r->running_var, npyAs<float>(dir.filePath("state/running_var.npy")), "running_var");
            QFile nbt(dir.filePath("state/num_batches_tracked.txt"));
            QVERIFY(nbt.open(QIODevice::ReadOnly));
            QCOMPARE(r->num_batches_tracked, nbt.readAll().trimmed().toLongLong());
        }
        // The parameters shown are the files' (rounded to the input's float32, as module.to(x.dtype)).
        const int weightAt = static_cast<int>(args.indexOf("--weight"));
        if (weightAt >= 0)
            compareExactly(r->weight, npyAs<float>(args[weightAt + 1]), "weight");
        const int biasAt = static_cast<int>(args.indexOf("--bias"));
        if (biasAt >= 0)
            compareExactly(r->bias, npyAs<float>(args[biasAt + 1]), "bias");
    }

private:
    QString path(const QString& name) const { return QDir(files_.path()).filePath(name); }

    QTemporaryDir files_;
};

QTEST_MAIN(TestOptionParity)
#include "test_option_parity.moc"
