// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// normscope-cli forward --grad-output, the real binary: every PyTorch autograd fixture, the gradients of
// the last of several passes, and the refusals of the gradient options.
#include "tests/support/fixture_check.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using namespace normscope::test;

namespace {

// `normscope-cli forward <args>`: a CommandRunner (args without the subcommand, as in args.txt).
CliRun runForwardBinary(const QStringList& args)
{
    return runCli(QStringList{"forward"} + args);
}

QString fixture(const QString& caseName, const QString& file)
{
    return QStringLiteral(NORMSCOPE_FIXTURE_DIR) + "/backward/" + caseName + "/" + file;
}

// Cases the refusals borrow their files from.
const QString kBatch = QStringLiteral("batch2d_f64_train_affine_tracked_2x3x4x5");
const QString kBatch1d = QStringLiteral("batch1d_f32_train_affine_tracked_3x4x5");

} // namespace

class TestCliBackward : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fixtures_data();
    void fixtures();
    void gradientsOfTheLastPass();
    void refusals_data();
    void refusals();
    void wrongShapeNamesBothShapes();
    void cleanupTestCase();

private:
    QVector<FixtureCase> cases_;
    double worst32_ = 0, worst64_ = 0;
    int count32_ = 0, count64_ = 0;
};

void TestCliBackward::initTestCase()
{
    cases_ = loadFixtureCases("backward");
    QCOMPARE(cases_.size(), normscope::test::kBackwardFixtureCount); // what tests/gen_fixtures.py writes
}

void TestCliBackward::fixtures_data()
{
    QTest::addColumn<int>("index");
    for (int i = 0; i < cases_.size(); ++i)
        QTest::newRow(qPrintable(cases_[i].name)) << i;
}

void TestCliBackward::fixtures()
{
    QFETCH(int, index);
    const FixtureCase& c = cases_[index];
    QVERIFY2(c.args.contains("--grad-output") && c.args.contains("--grad-input-out"),
             "a backward case asks for the input gradient");
    const double worst = checkFixtureCase(c, runForwardBinary);
    if (c.name.contains("_f32_")) {
        worst32_ = std::max(worst32_, worst);
        ++count32_;
    } else {
        worst64_ = std::max(worst64_, worst);
        ++count64_;
    }
}

void TestCliBackward::gradientsOfTheLastPass()
{
    // With --steps 3 the running statistics move on every pass; the gradients are still those of one
    // pass on this input, which is what the fixture holds (training: the batch statistics).
    const QString name = QStringLiteral("batch1d_f32_train_affine_tracked_momnone_rs_nbt3_3x4x5");
    const QVector<FixtureCase> all = loadFixtureCases("backward");
    const auto it = std::find_if(all.begin(), all.end(), [&](const FixtureCase& c) { return c.name == name; });
    QVERIFY2(it != all.end(), qPrintable("missing fixture " + name));
    QTemporaryDir out;
    QStringList args = resolveArgs(*it, out.path());
    args << "--steps"
         << "3";
    const CliRun run = runForwardBinary(args);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    for (const char* file : {"grad_input.npy", "grad_weight.npy", "grad_bias.npy"}) {
        const Comparison cmp =
            compareNpyFiles(QDir(out.path()).filePath(file), QDir(it->dir).filePath(QStringLiteral("expected/") + file),
                            kTolerance32, kTolerance64);
        QVERIFY2(cmp.ok, qPrintable(QStringLiteral("%1: %2").arg(file, cmp.message)));
    }
}

void TestCliBackward::refusals_data()
{
    QTest::addColumn<QStringList>("args");
    const QString input = fixture(kBatch, "input.npy");
    const QString dy = fixture(kBatch, "grad_output.npy");
    const QStringList batch{"--norm", "batch", "--input", input, "--output", "{out}/y.npy"};
    QTest::newRow("grad_output of another shape") << batch
            + QStringList{"--grad-output", fixture(kBatch1d, "grad_output.npy"), "--grad-input-out", "{out}/dx.npy"};
    QTest::newRow("grad-weight-out without affine")
        << batch + QStringList{"--no-affine",       "--grad-output", dy, "--grad-input-out", "{out}/dx.npy",
                               "--grad-weight-out", "{out}/dw.npy"};
    QTest::newRow("grad-bias-out without affine")
        << QStringList{"--norm",        "instance", "--input",         input,         "--output", "{out}/y.npy",
                       "--grad-output", dy,         "--grad-bias-out", "{out}/db.npy"};
    QTest::newRow("grad-bias-out for rms") << QStringList{
        "--norm",          "rms",         "--normalized-shape", "4,5", "--input",           input,
        "--output",        "{out}/y.npy", "--grad-output",      dy,    "--grad-weight-out", "{out}/dw.npy",
        "--grad-bias-out", "{out}/db.npy"};
    QTest::newRow("grad-input-out without grad-output") << batch + QStringList{"--grad-input-out", "{out}/dx.npy"};
    QTest::newRow("grad-output without a gradient to write") << batch + QStringList{"--grad-output", dy};
    QTest::newRow("grad-output missing file")
        << batch + QStringList{"--grad-output", "{out}/missing.npy", "--grad-input-out", "{out}/dx.npy"};
    QTest::newRow("same file twice") << batch + QStringList{"--grad-output", dy, "--grad-input-out", "{out}/y.npy"};
}

void TestCliBackward::refusals()
{
    QFETCH(QStringList, args);
    checkRefusal(args, runForwardBinary);
}

void TestCliBackward::wrongShapeNamesBothShapes()
{
    QTemporaryDir out;
    const CliRun run = runForwardBinary({"--norm", "batch", "--input", fixture(kBatch, "input.npy"), "--output",
                                         out.filePath("y.npy"), "--grad-output", fixture(kBatch1d, "grad_output.npy"),
                                         "--grad-input-out", out.filePath("dx.npy")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("(2, 3, 4, 5)") && run.err.contains("(3, 4, 5)"), qPrintable(run.err));
}

void TestCliBackward::cleanupTestCase()
{
    qInfo("backward fixtures through normscope-cli: %d float32, worst relative error %.3g; %d float64, worst %.3g",
          count32_, worst32_, count64_, worst64_);
}

QTEST_GUILESS_MAIN(TestCliBackward)
#include "test_cli_backward.moc"
