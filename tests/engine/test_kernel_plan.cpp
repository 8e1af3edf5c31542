// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// The kernels' choices follow the cache sizes (engine/kernels/kernel_plan.h): each rule gives, on
// several machines, the choice worked out by hand below from the sizes, and every choice computes the
// same bits as this machine's own, forward and backward.

#include "tests/support/spec_builders.h"
#include "tests/support/same_bits.h"
#include "engine/core/cache_sizes.h"
#include "engine/kernels/backward.h"
#include "engine/kernels/forward.h"
#include "engine/kernels/kernel_plan.h"
#include "tests/support/kernel_path_cases.h"
#include "tests/support/random_tensor.h"

#include <QTest>

#include <cstring>
#include <string>
#include <vector>

using namespace normscope;
using normscope::test::randomTensor;

Q_DECLARE_METATYPE(normscope::CacheSizes)

namespace {

constexpr std::int64_t KiB = std::int64_t(1) << 10;
constexpr std::int64_t MiB = std::int64_t(1) << 20;

// Machines the rules are asked about: an AMD EPYC with 1 MB L2 (Zen 4), the Xeon the kernels were
// measured on, a core with a 256 KB L2, and one that reports nothing (the fallbacks).
const CacheSizes kEpyc{32 * KiB, 1 * MiB, 32 * MiB};
const CacheSizes kXeon{48 * KiB, 2 * MiB, 300 * MiB};
const CacheSizes kSmallL2{32 * KiB, 256 * KiB, 8 * MiB};
const CacheSizes kUnreported = withCacheFallbacks(CacheSizes{});
// Sizes that put the test's small tensors on the paths the large ones take: row blocks of one or two
// rows, tiles of a few lines, streamed outputs from 16 KB; and none of it.
const CacheSizes kTiny{1 * KiB, 8 * KiB, 64 * KiB};
const CacheSizes kMid{32 * KiB, 64 * KiB, 1 * MiB};
const CacheSizes kHuge{1 * MiB, 1024 * MiB, 4096 * MiB};

using test::groupSpec;
using test::normalizedSpec;
using test::specOf;

ForwardPlan rowBlocks(bool stream, std::int64_t blockRows, std::int64_t tile)
{
    ForwardPlan p;
    p.path = ForwardPlan::Path::RowBlocks;
    p.streamOutput = stream;
    p.blockRows = blockRows;
    p.tile = tile;
    return p;
}

ForwardPlan groups(bool stream, bool fetchNext)
{
    ForwardPlan p;
    p.streamOutput = stream;
    p.fetchNextGroup = fetchNext;
    return p;
}

BackwardPlan backwardOf(bool stream, bool fetchXWithSums, bool fetchNextRows)
{
    BackwardPlan p;
    p.streamOutput = stream;
    p.fetchXWithSums = fetchXWithSums;
    p.fetchNextRows = fetchNextRows;
    return p;
}

QString describe(const ForwardPlan& p)
{
    return QStringLiteral("%1 stream=%2 fetch=%3 blockRows=%4 tile=%5")
        .arg(p.path == ForwardPlan::Path::RowBlocks ? "RowBlocks" : "Groups")
        .arg(p.streamOutput)
        .arg(p.fetchNextGroup)
        .arg(p.blockRows)
        .arg(p.tile);
}

using test::sameBits;

/// Forward, backward from its statistics and backward alone with each forced CacheSizes, against the
/// same with this machine's sizes: the same bits in every output.
template <typename T>
void sameBitsWithEveryCacheSize(const NormSpec& spec, const Shape& shape, double offset, double scale)
{
    const Tensor<T> x = randomTensor<T>(shape, 5, offset, scale);
    const Tensor<T> dy = randomTensor<T>(shape, 6, 0.0, 1.0);
    const NormState<T> initial = test::randomState<T>(spec, shape, offset, scale);
    for (int threads : {1, 2}) {
        NormState<T> defaultState = initial;
        const ForwardResult<T> base = forward(spec, x, defaultState, ForwardOptions{threads});
        const BackwardResult<T> baseGrads = backward(spec, x, initial, dy, BackwardOptions{threads});
        for (const CacheSizes& caches : {kEpyc, kXeon, kSmallL2, kUnreported, kTiny, kMid, kHuge}) {
            const QString where =
                QStringLiteral(" differs with L1d %1, L2 %2, L3 %3 on %4 thread(s) from this machine's choice")
                    .arg(caches.l1d)
                    .arg(caches.l2)
                    .arg(caches.l3)
                    .arg(threads);
            NormState<T> state = initial;
            const ForwardResult<T> r = forward(spec, x, state, ForwardOptions{threads, caches});
            const char* differs = test::firstDifference(r, base);
            QVERIFY2(!differs, qPrintable(differs + where));
            QVERIFY2(sameBits(state.running_mean, defaultState.running_mean), qPrintable("running_mean" + where));
            QVERIFY2(sameBits(state.running_var, defaultState.running_var), qPrintable("running_var" + where));

            const BackwardResult<T> g = backward(spec, x, initial, dy, BackwardOptions{threads, caches});
            QVERIFY2(sameBits(g.grad_input, baseGrads.grad_input), qPrintable("grad_input" + where));
            QVERIFY2(sameBits(g.grad_weight, baseGrads.grad_weight), qPrintable("grad_weight" + where));
            QVERIFY2(sameBits(g.grad_bias, baseGrads.grad_bias), qPrintable("grad_bias" + where));
            BackwardResult<T> fromSaved;
            backward(spec, x, initial, dy, r, fromSaved, BackwardOptions{threads, caches});
            QVERIFY2(sameBits(fromSaved.grad_input, baseGrads.grad_input),
                     qPrintable("grad_input from the saved statistics" + where));
        }
    }
}

} // namespace

class TestKernelPlan : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fallbacksFillWhatIsNotReported()
    {
        QCOMPARE(withCacheFallbacks(CacheSizes{}), (CacheSizes{32 * KiB, 1 * MiB, 32 * MiB}));
        // No L3 reported: the L2 is the last level.
        QCOMPARE(withCacheFallbacks(CacheSizes{64 * KiB, 4 * MiB, 0}), (CacheSizes{64 * KiB, 4 * MiB, 4 * MiB}));
        QCOMPARE(withCacheFallbacks(CacheSizes{-1, 0, 16 * MiB}), (CacheSizes{32 * KiB, 1 * MiB, 16 * MiB}));
        QCOMPARE(withCacheFallbacks(kXeon), kXeon);
    }

    void parsesSysfsSizes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("bytes");
        QTest::newRow("48K") << "48K" << qint64(49152);
        QTest::newRow("2048K") << "2048K" << qint64(2097152);
        QTest::newRow("300M") << "300M" << qint64(314572800);
        QTest::newRow("bytes") << "1048576" << qint64(1048576);
        QTest::newRow("empty") << "" << qint64(0);
        QTest::newRow("suffix only") << "K" << qint64(0);
        QTest::newRow("unknown suffix") << "12G" << qint64(0);
        QTest::newRow("trailing text") << "32KB" << qint64(0);
        QTest::newRow("negative") << "-5" << qint64(0);
    }

    void parsesSysfsSizes()
    {
        QFETCH(QString, text);
        QFETCH(qint64, bytes);
        QCOMPARE(parseCacheSize(text.toStdString()), std::int64_t(bytes));
    }

    void thisMachineReportsEveryLevel()
    {
        const CacheSizes& c = machineCacheSizes();
        QVERIFY(c.l1d > 0 && c.l2 > 0 && c.l3 > 0);
        QCOMPARE(machineCacheSizes(), withCacheFallbacks(reportedCacheSizes()));
    }

    // Each expected plan is worked out from the rules: groups of more than L2/4 fill L2; outputs of 2 *
    // L2 and more stream when their groups have 8 KB or more or the output is more than L3/16; row
    // blocks of a quarter of L3 (at least a row per thread, made even); tiles of the largest power of
    // two with both parameter tiles in a third of L1d.
    void forwardChoices_data()
    {
        QTest::addColumn<CacheSizes>("caches");
        QTest::addColumn<NormSpec>("spec");
        QTest::addColumn<Shape>("shape");
        QTest::addColumn<int>("elementBytes");
        QTest::addColumn<int>("threads");
        QTest::addColumn<ForwardPlan>("expected");

        // LayerNorm over (C, H, W) at 32x64x56x56: rows of 200704 floats, 802816 bytes.
        const NormSpec chw = normalizedSpec(NormKind::Layer, {64, 56, 56});
        const Shape big{32, 64, 56, 56};
        // Xeon: 802816 > 2 MiB / 4; a quarter of L3 holds 97 rows, so one block of all 32; 48 KiB / 24 =
        // 2048-float tiles.
        QTest::newRow("layer_CHW xeon") << kXeon << chw << big << 4 << 1 << rowBlocks(true, 32, 2048);
        // EPYC: 32 MiB / 4 holds 10 rows: four blocks, made even at 8; 32 KiB / 24 = 1365, so 1024.
        QTest::newRow("layer_CHW epyc") << kEpyc << chw << big << 4 << 1 << rowBlocks(true, 8, 1024);
        QTest::newRow("layer_CHW epyc 2 threads") << kEpyc << chw << big << 4 << 2 << rowBlocks(true, 8, 1024);
        // 8 MiB / 4 holds 2 rows: 16 blocks of 2.
        QTest::newRow("layer_CHW 256K L2") << kSmallL2 << chw << big << 4 << 1 << rowBlocks(true, 2, 1024);
        QTest::newRow("layer_CHW unreported") << kUnreported << chw << big << 4 << 1 << rowBlocks(true, 8, 1024);
        // float64: 1605632-byte rows; 32 MiB / 4 holds 5: seven blocks, made even at 5; 32 KiB / 48 = 682,
        // so 512-double tiles.
        QTest::newRow("layer_CHW epyc float64") << kEpyc << chw << big << 8 << 1 << rowBlocks(true, 5, 512);
        // A quarter of L3 below one row: still a row per thread (three threads: blocks of 3, the last of 2
        // made even: 11 blocks of 3).
        QTest::newRow("layer_CHW small L3 3 threads")
            << CacheSizes{32 * KiB, 1 * MiB, 2 * MiB} << chw << big << 4 << 3 << rowBlocks(true, 3, 1024);
        // More threads than rows: one block of every row (a 1.6 MB output, below 2 * 1 MiB: plain stores).
        QTest::newRow("layer_CHW 2 rows 4 threads")
            << kEpyc << chw << Shape{2, 64, 56, 56} << 4 << 4 << rowBlocks(false, 2, 1024);
        // Without gamma there are no parameters to share between rows: per row, and no fetching ahead of
        // rows that fill L2.
        QTest::newRow("layer_CHW no affine epyc")
            << kEpyc << normalizedSpec(NormKind::Layer, {64, 56, 56}, false) << big << 4 << 1 << groups(true, false);
        // RMSNorm has gamma only: row blocks as well.
        QTest::newRow("rms_CHW epyc") << kEpyc << normalizedSpec(NormKind::Rms, {64, 56, 56}) << big << 4 << 1
                                      << rowBlocks(true, 8, 1024);

        // LayerNorm(768) at 64x197: 3072-byte rows, a 38731776-byte output.
        const NormSpec last = normalizedSpec(NormKind::Layer, {768});
        const Shape tokens{64, 197, 768};
        // Xeon: the rows are below 8 KB but the output above 300 MiB / 16 = 19660800: streamed, and the
        // next row fetched.
        QTest::newRow("layer_768 xeon") << kXeon << last << tokens << 4 << 1 << groups(true, true);
        // LayerNorm(768) at 8x197: a 4841472-byte output, above 2 * 2 MiB but below 300 MiB / 16: plain.
        QTest::newRow("layer_768 short xeon") << kXeon << last << Shape{8, 197, 768} << 4 << 1 << groups(false, false);
        // EPYC: above 32 MiB / 16, so streamed, and the next row fetched.
        QTest::newRow("layer_768 epyc") << kEpyc << last << tokens << 4 << 1 << groups(true, true);
        QTest::newRow("layer_768 256K L2") << kSmallL2 << last << tokens << 4 << 1 << groups(true, true);

        // BatchNorm2d at 32x64x56x56: channels of 401408 bytes.
        const NormSpec batch = specOf(NormKind::Batch);
        // Xeon: within 2 MiB / 4, so the next channel is fetched; EPYC: above 1 MiB / 4, not fetched.
        QTest::newRow("batch xeon") << kXeon << batch << big << 4 << 1 << groups(true, true);
        QTest::newRow("batch epyc") << kEpyc << batch << big << 4 << 1 << groups(true, false);
        // GroupNorm G=32 (25088-byte groups) and InstanceNorm (12544): streamed and fetched everywhere.
        QTest::newRow("group32 epyc") << kEpyc << groupSpec(32) << big << 4 << 1 << groups(true, true);
        QTest::newRow("instance 256K L2")
            << kSmallL2 << specOf(NormKind::Instance) << big << 4 << 1 << groups(true, true);
        // InstanceNorm at 8x16x16x16: a 131072-byte output, below 2 * L2 even at 256 KB.
        QTest::newRow("instance small 256K L2")
            << kSmallL2 << specOf(NormKind::Instance) << Shape{8, 16, 16, 16} << 4 << 1 << groups(false, false);
        // InstanceNorm at 32x64x14x14: 784-byte groups of a 1.6 MB output: streamed on a 256 KB L2 machine
        // (above 8 MiB / 16), not on EPYC (below 2 MiB) nor the Xeon.
        const Shape small14{32, 64, 14, 14};
        QTest::newRow("instance14 256K L2")
            << kSmallL2 << specOf(NormKind::Instance) << small14 << 4 << 1 << groups(true, true);
        QTest::newRow("instance14 epyc") << kEpyc << specOf(NormKind::Instance) << small14 << 4 << 1
                                         << groups(false, false);
    }

    void forwardChoices()
    {
        QFETCH(CacheSizes, caches);
        QFETCH(NormSpec, spec);
        QFETCH(Shape, shape);
        QFETCH(int, elementBytes);
        QFETCH(int, threads);
        QFETCH(ForwardPlan, expected);
        const StatsLayout layout(spec, shape);
        const ForwardPlan plan = forwardPlan(layout, elementBytes, spec.affine, threads, caches);
        QVERIFY2(plan == expected, qPrintable(describe(plan) + " instead of " + describe(expected)));
    }

    // Outputs of 2 * L2 and more stream; the channel kernels (BatchNorm, InstanceNorm, GroupNorm) fetch
    // the next x with the sums where x and dy take at most L2/4; the row kernels (per-element gamma)
    // fetch the next four rows where both sets of four take at most L2/2.
    void backwardChoices_data()
    {
        QTest::addColumn<CacheSizes>("caches");
        QTest::addColumn<NormSpec>("spec");
        QTest::addColumn<Shape>("shape");
        QTest::addColumn<int>("elementBytes");
        QTest::addColumn<BackwardPlan>("expected");

        const Shape train{16, 64, 56, 56};
        // BatchNorm channels of 200704 bytes: x and dy 401408, within 2 MiB / 4 but not 1 MiB / 4.
        QTest::newRow("batch xeon") << kXeon << specOf(NormKind::Batch) << train << 4 << backwardOf(true, true, false);
        QTest::newRow("batch epyc") << kEpyc << specOf(NormKind::Batch) << train << 4 << backwardOf(true, false, false);
        // float64: 802816 bytes of x and dy, above 2 MiB / 4 too (measured 7% slower fetched).
        QTest::newRow("batch xeon float64")
            << kXeon << specOf(NormKind::Batch) << train << 8 << backwardOf(true, false, false);
        // GroupNorm G=32: groups of 25088 bytes, fetched with the sums even at 256 KB.
        QTest::newRow("group32 256K L2") << kSmallL2 << groupSpec(32) << train << 4 << backwardOf(true, true, false);
        // LayerNorm(768): two sets of four 3072-byte rows of x and dy, 49152 bytes, within 256 KiB / 2.
        const NormSpec last = normalizedSpec(NormKind::Layer, {768});
        QTest::newRow("layer_768 256K L2")
            << kSmallL2 << last << Shape{64, 197, 768} << 4 << backwardOf(true, false, true);
        QTest::newRow("layer_768 epyc") << kEpyc << last << Shape{64, 197, 768} << 4 << backwardOf(true, false, true);
        // LayerNorm over (C, H, W): 12.8 MB for the two sets: never fetched.
        QTest::newRow("layer_CHW xeon") << kXeon << normalizedSpec(NormKind::Layer, {64, 56, 56}) << train << 4
                                        << backwardOf(true, false, false);
        // A 131072-byte dx: below 2 * L2 even at 256 KB.
        QTest::newRow("instance small 256K L2")
            << kSmallL2 << specOf(NormKind::Instance) << Shape{8, 16, 16, 16} << 4 << backwardOf(false, true, false);
    }

    void backwardChoices()
    {
        QFETCH(CacheSizes, caches);
        QFETCH(NormSpec, spec);
        QFETCH(Shape, shape);
        QFETCH(int, elementBytes);
        QFETCH(BackwardPlan, expected);
        const BackwardPlan plan = backwardPlan(StatsLayout(spec, shape), elementBytes, caches);
        QCOMPARE(plan.streamOutput, expected.streamOutput);
        QCOMPARE(plan.fetchXWithSums, expected.fetchXWithSums);
        QCOMPARE(plan.fetchNextRows, expected.fetchNextRows);
    }

    // The small tensors below take both paths with the forced sizes: LayerNorm over (C, H, W) on
    // 6x8x30x30 has 28800-byte rows, in row blocks at kTiny (blocks of one row per thread, 32-float
    // tiles) and kMid (one block, 1024-float tiles, the last tile partial) and per row elsewhere.
    void smallTensorsTakeBothPaths()
    {
        const StatsLayout layout(normalizedSpec(NormKind::Layer, {8, 30, 30}), Shape{6, 8, 30, 30});
        QCOMPARE(forwardPlan(layout, 4, true, 1, kTiny), rowBlocks(true, 1, 32));
        QCOMPARE(forwardPlan(layout, 4, true, 2, kTiny), rowBlocks(true, 2, 32));
        QCOMPARE(forwardPlan(layout, 4, true, 1, kMid), rowBlocks(true, 6, 1024));
        QCOMPARE(forwardPlan(layout, 4, true, 1, kEpyc), groups(false, false));
        QCOMPARE(forwardPlan(layout, 4, true, 1, kHuge), groups(false, false));
    }

    void forcedChoicesComputeTheSameBits_data() { test::addKernelPathRows(); }

    void forcedChoicesComputeTheSameBits()
    {
        QFETCH(NormSpec, spec);
        QFETCH(Shape, shape);
        QFETCH(double, offset);
        QFETCH(double, scale);
        sameBitsWithEveryCacheSize<float>(spec, shape, offset, scale);
        if (QTest::currentTestFailed())
            return;
        // float64 near DBL_MAX is another test's (test_forward_extremes); here the same data as doubles.
        sameBitsWithEveryCacheSize<double>(spec, shape, offset, scale);
    }
};

QTEST_APPLESS_MAIN(TestKernelPlan)
#include "test_kernel_plan.moc"
