// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "tests/support/fixture_parity_test.h"

#include "engine/io/npy.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

namespace normscope::test {

void FixtureParityTest::initTestCase()
{
    forwardCases_ = loadFixtureCases("forward");
    refusalCases_ = loadFixtureCases("refusals");
    // Exactly the cases tests/gen_fixtures.py writes (it prints these counts): a lost or extra case
    // folder fails here instead of shrinking the test.
    QCOMPARE(forwardCases_.size(), kForwardFixtureCount);
    QCOMPARE(refusalCases_.size(), kRefusalFixtureCount);
}

void FixtureParityTest::forward_data()
{
    QTest::addColumn<int>("index");
    for (int i = 0; i < forwardCases_.size(); ++i)
        QTest::newRow(qPrintable(forwardCases_[i].name)) << i;
}

void FixtureParityTest::forward()
{
    QFETCH(int, index);
    worst_ = std::max(worst_, checkFixtureCase(forwardCases_[index], run_));
}

void FixtureParityTest::refusal_data()
{
    QTest::addColumn<int>("index");
    for (int i = 0; i < refusalCases_.size(); ++i)
        QTest::newRow(qPrintable(refusalCases_[i].name)) << i;
}

void FixtureParityTest::refusal()
{
    QFETCH(int, index);
    checkRefusal(refusalCases_[index], run_);
}

namespace {

/// The tensor repeated `times` along dimension 0 (C order: the flat buffer repeated).
Tensor<float> repeatAlongN(const Tensor<float>& t, std::int64_t times)
{
    Shape shape = t.shape();
    shape[0] *= times;
    Tensor<float> out(shape);
    for (std::int64_t k = 0; k < times; ++k)
        std::copy(t.data(), t.data() + t.numel(), out.data() + k * t.numel());
    return out;
}

} // namespace

// An output of 4 MiB or more takes the kernels' streaming stores (engine/kernels/streaming_store.h);
// committing such a fixture would cost 8 MB. Repeating a PyTorch case's input 65 times along N
// keeps every statistic group's values (per-sample norms: the groups are repeated; BatchNorm: each
// channel holds the same values 65 times, so the same mean and biased variance), so PyTorch's
// expected output repeated is the expected output of the 4.2 MB input.
void FixtureParityTest::largeTiledCases_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("threads");
    for (const char* name : {"batch2d_f32_train_affine_tracked_t1_8x16x16x16", "group4_f32_train_affine_t1_4x16x16x16",
                             "layer_ns2_f32_train_affine_t1_16x32x32", "rms_ns1_f32_train_affine_t1_64x512",
                             "batch2d_f32_train_affine_tracked_mixed_t1_8x16x16x16"})
        for (int threads : {1, 2})
            QTest::addRow("%s at %d threads", name, threads) << QString::fromLatin1(name) << threads;
}

void FixtureParityTest::largeTiledCases()
{
    QFETCH(QString, name);
    QFETCH(int, threads);
    const auto it =
        std::find_if(forwardCases_.begin(), forwardCases_.end(), [&](const FixtureCase& c) { return c.name == name; });
    QVERIFY2(it != forwardCases_.end(), qPrintable("missing fixture " + name));
    constexpr std::int64_t kTimes = 65;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString in = dir.filePath("x.npy"), out = dir.filePath("y.npy");
    const auto x = std::get<Tensor<float>>(readNpy((it->dir + "/input.npy").toStdString()));
    writeNpy(in.toStdString(), repeatAlongN(x, kTimes));
    QVERIFY(x.numel() * kTimes * std::int64_t(sizeof(float)) > (std::int64_t(4) << 20));

    // The case's module options, with the tiled input, one output and the thread count.
    QStringList args;
    const QStringList files{"--input", "--output", "--mean-out", "--var-out", "--state-out", "--threads"};
    const QStringList inputs{"--weight", "--bias", "--running-mean", "--running-var"};
    for (int i = 0; i < it->args.size(); ++i) {
        const QString& a = it->args[i];
        if (files.contains(a)) {
            ++i;
        } else if (inputs.contains(a) && i + 1 < it->args.size()) {
            args << a << it->dir + "/" + it->args[i + 1];
            ++i;
        } else {
            args << a;
        }
    }
    args << "--input" << in << "--output" << out << "--threads" << QString::number(threads);
    const CliRun run = run_(args);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    const auto expected = std::get<Tensor<float>>(readNpy((it->dir + "/expected/output.npy").toStdString()));
    writeNpy(dir.filePath("expected.npy").toStdString(), repeatAlongN(expected, kTimes));
    const Comparison cmp = compareNpyFiles(out, dir.filePath("expected.npy"), kTolerance32, kTolerance64);
    QVERIFY2(cmp.ok, qPrintable(cmp.message));
}

void FixtureParityTest::cleanupTestCase()
{
    qInfo("%lld forward cases, worst relative error %.3g", static_cast<long long>(forwardCases_.size()), worst_);
}

} // namespace normscope::test
