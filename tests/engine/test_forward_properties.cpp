// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// Properties that hold whatever PyTorch's fixtures say: the fast kernels equal the plain reference,
// normalised groups have mean 0 and variance 1, GroupNorm's two limits are InstanceNorm and LayerNorm,
// and offset data keeps its digits in float32.

#include "tests/support/spec_builders.h"
#include "tests/support/same_bits.h"
#include "engine/kernels/forward.h"
#include "tests/support/random_tensor.h"
#include "tests/support/reference_groups.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

using namespace normscope;
using normscope::test::maxRelativeError;
using normscope::test::randomTensor;
using normscope::test::referenceGroupKey;
using normscope::test::referenceGroups;

Q_DECLARE_METATYPE(normscope::NormSpec)
Q_DECLARE_METATYPE(normscope::Shape)

namespace {

using test::groupSpec;
using test::normalizedSpec;
using test::specOf;

/// Random gamma/beta and running statistics, so the fast and reference paths see every term.
template <typename T>
NormState<T> randomState(const NormSpec& spec, const Shape& shape, std::uint64_t seed)
{
    NormState<T> s = NormState<T>::initial(spec, shape);
    if (!s.weight.empty())
        s.weight = randomTensor<T>(s.weight.shape(), seed + 1, 1.0, 0.5);
    if (!s.bias.empty())
        s.bias = randomTensor<T>(s.bias.shape(), seed + 2, 0.0, 0.5);
    if (!s.running_mean.empty()) {
        s.running_mean = randomTensor<T>(s.running_mean.shape(), seed + 3, 0.0, 0.5);
        s.running_var = randomTensor<T>(s.running_var.shape(), seed + 4, 1.5, 0.0);
    }
    return s;
}

/// The fast kernels and the plain reference on the same input, each from its own copy of one random state.
template <typename T>
struct FastAndReference {
    NormState<T> fastState, refState;
    ForwardResult<T> fast, ref;
};

template <typename T>
FastAndReference<T> runFastAndReference(const NormSpec& spec, const Tensor<T>& x, std::uint64_t stateSeed, int threads)
{
    FastAndReference<T> r;
    r.fastState = randomState<T>(spec, x.shape(), stateSeed);
    r.refState = r.fastState;
    r.fast = forward(spec, x, r.fastState, ForwardOptions{threads});
    r.ref = forwardReference(spec, x, r.refState);
    return r;
}

/// The columns spec and `flag`, and two rows per named spec: flag false, and flag true with `suffix`.
void addRowsWithAndWithout(const char* flag, const std::vector<std::pair<const char*, NormSpec>>& specs,
                           const std::string& suffix)
{
    QTest::addColumn<NormSpec>("spec");
    QTest::addColumn<bool>(flag);
    for (const auto& [name, spec] : specs) {
        QTest::newRow(name) << spec << false;
        QTest::newRow((name + suffix).c_str()) << spec << true;
    }
}

using test::sameBits;

/// The forward pass on 1 to 4 threads: the output and rstd within tol of the reference, and output
/// and statistics the same bits on every thread count.
template <typename T>
void sameBitsOnAnyThreadCountAndNearReference(const NormSpec& spec, const Tensor<T>& x, double tol)
{
    ForwardResult<T> one;
    for (int threads : {1, 2, 3, 4}) {
        const auto [fastState, refState, fast, ref] = runFastAndReference(spec, x, 9, threads);
        const double err = maxRelativeError(fast.output, ref.output);
        QVERIFY2(err < tol, qPrintable(QStringLiteral("%1 threads: %2 from the reference").arg(threads).arg(err)));
        const double rstdErr = maxRelativeError(fast.rstd, ref.rstd);
        QVERIFY2(rstdErr < tol,
                 qPrintable(QStringLiteral("%1 threads: rstd %2 from the reference").arg(threads).arg(rstdErr)));
        if (threads == 1) {
            one = fast;
            continue;
        }
        const QString where = QStringLiteral(" differs between 1 and %1 threads").arg(threads);
        // Every field, the statistics kept for backward() in double too.
        const char* differs = test::firstDifference(fast, one);
        QVERIFY2(!differs, qPrintable(differs + where));
    }
}

} // namespace

class TestForwardProperties : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fastEqualsReference_data()
    {
        QTest::addColumn<NormSpec>("spec");
        QTest::addColumn<Shape>("shape");
        QTest::addColumn<double>("offset");
        // Odd sizes on purpose: C=1, G=C, H*W=1 (eval), lengths that are not multiples of a vector.
        const Shape odd{3, 5, 7, 9};
        for (double offset : {0.0, 1e4}) {
            const QByteArray o = offset == 0 ? "" : "_offset";
            QTest::newRow("batch2d" + o) << specOf(NormKind::Batch) << odd << offset;
            QTest::newRow("batch1d_NC" + o) << specOf(NormKind::Batch) << Shape{17, 3} << offset;
            QTest::newRow("batch3d_C1" + o) << specOf(NormKind::Batch) << Shape{2, 1, 3, 5, 7} << offset;
            QTest::newRow("batch_eval_hw1" + o) << specOf(NormKind::Batch, Mode::Eval) << Shape{1, 6, 1, 1} << offset;
            QTest::newRow("instance2d" + o) << specOf(NormKind::Instance) << odd << offset;
            QTest::newRow("instance1d" + o) << specOf(NormKind::Instance) << Shape{2, 3, 33} << offset;
            QTest::newRow("group_G1" + o) << groupSpec(1) << odd << offset;
            QTest::newRow("group_G5=C" + o) << groupSpec(5) << odd << offset;
            QTest::newRow("group_rank2" + o) << groupSpec(3) << Shape{4, 6} << offset;
            QTest::newRow("layer_last" + o) << normalizedSpec(NormKind::Layer, {9}) << odd << offset;
            QTest::newRow("layer_CHW" + o) << normalizedSpec(NormKind::Layer, {5, 7, 9}) << odd << offset;
            QTest::newRow("layer_all" + o) << normalizedSpec(NormKind::Layer, {3, 5, 7, 9}) << odd << offset;
            QTest::newRow("rms_last" + o) << normalizedSpec(NormKind::Rms, {9}) << odd << offset;
            QTest::newRow("rms_rank1" + o) << normalizedSpec(NormKind::Rms, {31}) << Shape{31} << offset;
        }
        NormSpec trackedInstance = specOf(NormKind::Instance);
        trackedInstance.track_running_stats = true;
        trackedInstance.affine = true;
        QTest::newRow("instance_tracked") << trackedInstance << odd << 0.0;
        trackedInstance.mode = Mode::Eval;
        QTest::newRow("instance_tracked_eval") << trackedInstance << odd << 0.0;
        NormSpec untrackedBatch = specOf(NormKind::Batch, Mode::Eval);
        untrackedBatch.track_running_stats = false;
        QTest::newRow("batch_eval_untracked") << untrackedBatch << odd << 0.0;
    }

    void fastEqualsReference()
    {
        QFETCH(NormSpec, spec);
        QFETCH(Shape, shape);
        QFETCH(double, offset);
        for (int threads : {1, 2}) {
            const auto x64 = randomTensor<double>(shape, 42, offset, offset == 0 ? 1.0 : 1e-2);
            const auto [fastState, refState, fast, ref] = runFastAndReference(spec, x64, 7, threads);
            QVERIFY2(maxRelativeError(fast.output, ref.output) < 1e-12,
                     qPrintable(QString::number(maxRelativeError(fast.output, ref.output))));
            QVERIFY(maxRelativeError(fast.mean, ref.mean) < 1e-14);
            QVERIFY(maxRelativeError(fast.var, ref.var) < 1e-14);
            QVERIFY(maxRelativeError(fast.rstd, ref.rstd) < 1e-12);
            QCOMPARE(fastState.num_batches_tracked, refState.num_batches_tracked);
            if (!fastState.running_mean.empty()) {
                QVERIFY(maxRelativeError(fastState.running_mean, refState.running_mean) < 1e-14);
                QVERIFY(maxRelativeError(fastState.running_var, refState.running_var) < 1e-12);
            }

            const auto x32 = x64.cast<float>();
            const auto [fast32State, ref32State, fast32, ref32] = runFastAndReference(spec, x32, 7, threads);
            QVERIFY2(maxRelativeError(fast32.output, ref32.output) < 1e-6,
                     qPrintable(QString::number(maxRelativeError(fast32.output, ref32.output))));
        }
    }

    void fastEqualsReferenceOnLargeGroups_data()
    {
        addRowsWithAndWithout("farStart",
                              {
                                  {"batch", specOf(NormKind::Batch)},
                                  {"instance", specOf(NormKind::Instance)},
                                  {"group2", groupSpec(2)},
                                  {"layer_CHW", normalizedSpec(NormKind::Layer, {4, 40, 50})},
                                  {"layer_last", normalizedSpec(NormKind::Layer, {50})},
                                  {"rms_last", normalizedSpec(NormKind::Rms, {50})},
                              },
                              "_far_start");
    }

    // Groups of 50 to 16000 elements of offset data (mean 1e3): the statistics of long groups are
    // summed in vector lanes, unlike the small groups above. With farStart the data is a short
    // pattern (1e3 + 0.25 * (i % 4)) whose first 16 elements of every H*W plane sit at 0 instead, so
    // a group's first elements say little about its mean: in float32 a variance taken about them
    // would lose ~3 digits to cancellation, and the pattern's rounding errors do not average out.
    void fastEqualsReferenceOnLargeGroups()
    {
        QFETCH(NormSpec, spec);
        QFETCH(bool, farStart);
        const Shape shape{2, 4, 40, 50};
        auto x64 = randomTensor<double>(shape, 21, 1e3, 1.0);
        if (farStart) {
            for (std::int64_t i = 0; i < x64.numel(); ++i)
                x64[i] = (i % 2000 < 16 ? 0.0 : 1e3) + 0.25 * static_cast<double>(i % 4);
        }
        const auto x32 = x64.cast<float>();
        for (int threads : {1, 2}) {
            const auto [fastState, refState, fast, ref] = runFastAndReference(spec, x64, 7, threads);
            QVERIFY2(maxRelativeError(fast.output, ref.output) < 1e-12,
                     qPrintable(QString::number(maxRelativeError(fast.output, ref.output))));
            QVERIFY(maxRelativeError(fast.mean, ref.mean) < 1e-14);
            QVERIFY2(maxRelativeError(fast.var, ref.var) < 1e-13,
                     qPrintable(QString::number(maxRelativeError(fast.var, ref.var))));

            const auto [fast32State, ref32State, fast32, ref32] = runFastAndReference(spec, x32, 7, threads);
            QVERIFY2(maxRelativeError(fast32.output, ref32.output) < 1e-6,
                     qPrintable(QString::number(maxRelativeError(fast32.output, ref32.output))));
            QVERIFY2(maxRelativeError(fast32.var, ref32.var) < 1e-6,
                     qPrintable(QString::number(maxRelativeError(fast32.var, ref32.var))));
        }
    }

    void longRowsEqualReference_data()
    {
        QTest::addColumn<NormSpec>("spec");
        QTest::addColumn<bool>("ramp");
        for (bool ramp : {false, true}) {
            const QByteArray r = ramp ? "_ramp" : "";
            QTest::newRow("layer" + r) << normalizedSpec(NormKind::Layer, {5, 190, 140}) << ramp;
            QTest::newRow("rms" + r) << normalizedSpec(NormKind::Rms, {5, 190, 140}) << ramp;
        }
    }

    // Rows of 133000 elements with per-element gamma (and beta) are normalised a tile of columns at a
    // time over all rows, not row by row; 133000 is not a multiple of the tile. Every thread count must
    // give the same bits. With ramp, each row rises steadily, so its first elements are far below its
    // mean and the statistics take the corrected second pass.
    void longRowsEqualReference()
    {
        QFETCH(NormSpec, spec);
        QFETCH(bool, ramp);
        const Shape shape{3, 5, 190, 140};
        auto x64 = randomTensor<double>(shape, 31, 2.0, 3.0);
        if (ramp) {
            const std::int64_t L = 5 * 190 * 140;
            for (std::int64_t i = 0; i < x64.numel(); ++i)
                x64[i] += 1e-3 * static_cast<double>(i % L);
        }
        sameBitsOnAnyThreadCountAndNearReference(spec, x64, 1e-12);
        sameBitsOnAnyThreadCountAndNearReference(spec, x64.cast<float>(), 1e-6);
    }

    void streamedRowsEqualReference_data()
    {
        QTest::addColumn<NormSpec>("spec");
        QTest::newRow("layer") << normalizedSpec(NormKind::Layer, {2050});
        QTest::newRow("rms") << normalizedSpec(NormKind::Rms, {2050});
    }

    // Rows of 2050 elements (8 KB in float32, not a whole number of cache lines, so every row starts
    // at another offset in its line) and an output of more than 4 MiB: the output goes out with
    // streaming stores, a line at a time with the row's ragged ends stored plainly, while the next
    // row is fetched.
    void streamedRowsEqualReference()
    {
        QFETCH(NormSpec, spec);
        const Shape shape{520, 2050};
        const auto x64 = randomTensor<double>(shape, 41, 1e3, 2.0);
        const auto x32 = x64.cast<float>();
        for (int threads : {1, 2}) {
            const auto [fastState, refState, fast, ref] = runFastAndReference(spec, x64, 11, threads);
            QVERIFY2(maxRelativeError(fast.output, ref.output) < 1e-12,
                     qPrintable(QString::number(maxRelativeError(fast.output, ref.output))));

            const auto [fast32State, ref32State, fast32, ref32] = runFastAndReference(spec, x32, 11, threads);
            QVERIFY2(maxRelativeError(fast32.output, ref32.output) < 1e-6,
                     qPrintable(QString::number(maxRelativeError(fast32.output, ref32.output))));
        }
    }

    void normalizedGroupsHaveMeanZeroVarianceOne_data()
    {
        QTest::addColumn<NormSpec>("spec");
        QTest::addColumn<Shape>("shape");
        const Shape shape{4, 6, 5, 3};
        QTest::newRow("batch") << specOf(NormKind::Batch) << shape;
        QTest::newRow("batch1d") << specOf(NormKind::Batch) << Shape{5, 4, 7};
        QTest::newRow("instance") << specOf(NormKind::Instance) << shape;
        QTest::newRow("group3") << groupSpec(3) << shape;
        QTest::newRow("group2_rank3") << groupSpec(2) << Shape{3, 4, 6};
        QTest::newRow("layer") << normalizedSpec(NormKind::Layer, {6, 5, 3}) << shape;
        QTest::newRow("layer_HW") << normalizedSpec(NormKind::Layer, {5, 3}) << shape;
        QTest::newRow("layer_last") << normalizedSpec(NormKind::Layer, {3}) << shape;
        QTest::newRow("layer_all") << normalizedSpec(NormKind::Layer, {4, 6, 5, 3}) << shape;
    }

    // The groups are the norms' definitions (tests/support/reference_groups.h), not StatsLayout's:
    // with the wrong elements grouped, the normalised groups would not have mean 0 and variance 1.
    // The engine's mean and variance are those of the same groups, in the statistics' C order.
    void normalizedGroupsHaveMeanZeroVarianceOne()
    {
        QFETCH(NormSpec, spec);
        QFETCH(Shape, shape);
        spec.affine = false;
        spec.eps = 1e-12; // so that eps does not visibly shrink the variance
        const auto x = randomTensor<double>(shape, 3, 2.0, 3.0);
        auto state = NormState<double>::initial(spec, shape);
        const auto r = forward(spec, x, state);
        const auto groups = referenceGroups(spec, shape);
        QCOMPARE(r.mean.numel(), std::int64_t(groups.size()));
        QCOMPARE(r.var.numel(), std::int64_t(groups.size()));
        for (std::size_t g = 0; g < groups.size(); ++g) {
            const auto& elements = groups[g];
            const auto n = static_cast<double>(elements.size());
            double ySum = 0, yDev = 0, xSum = 0, xDev = 0;
            for (std::int64_t i : elements) {
                ySum += r.output[i];
                xSum += x[i];
            }
            const double yMean = ySum / n, xMean = xSum / n;
            for (std::int64_t i : elements) {
                yDev += (r.output[i] - yMean) * (r.output[i] - yMean);
                xDev += (x[i] - xMean) * (x[i] - xMean);
            }
            QVERIFY2(std::abs(yMean) < 1e-12, qPrintable(QString::number(yMean)));
            QVERIFY2(std::abs(yDev / n - 1.0) < 1e-9, qPrintable(QString::number(yDev / n)));
            const auto gi = static_cast<std::int64_t>(g);
            QVERIFY2(std::abs(r.mean[gi] - xMean) <= 1e-12 * std::max(1.0, std::abs(xMean)),
                     qPrintable(QStringLiteral("group %1: mean %2, expected %3").arg(g).arg(r.mean[gi]).arg(xMean)));
            QVERIFY2(std::abs(r.var[gi] - xDev / n) <= 1e-12 * (xDev / n),
                     qPrintable(QStringLiteral("group %1: var %2, expected %3").arg(g).arg(r.var[gi]).arg(xDev / n)));
        }
    }

    void rmsGroupsHaveUnitMeanSquare_data()
    {
        QTest::addColumn<Shape>("normalized");
        QTest::newRow("HW") << Shape{5, 3};
        QTest::newRow("last") << Shape{3};
        QTest::newRow("CHW") << Shape{6, 5, 3};
    }

    // RMSNorm subtracts no mean: each group (from the definition) has mean square 1 after it, and
    // the engine's var is the group's mean square of x.
    void rmsGroupsHaveUnitMeanSquare()
    {
        QFETCH(Shape, normalized);
        NormSpec spec = normalizedSpec(NormKind::Rms, normalized);
        spec.affine = false;
        spec.eps = 1e-12;
        const Shape shape{4, 6, 5, 3};
        const auto x = randomTensor<double>(shape, 5, 1.0, 2.0);
        auto state = NormState<double>::initial(spec, shape);
        const auto r = forward(spec, x, state);
        const auto groups = referenceGroups(spec, shape);
        QCOMPARE(r.var.numel(), std::int64_t(groups.size()));
        for (std::size_t g = 0; g < groups.size(); ++g) {
            double ySq = 0, xSq = 0;
            for (std::int64_t i : groups[g]) {
                ySq += r.output[i] * r.output[i];
                xSq += x[i] * x[i];
            }
            const auto n = static_cast<double>(groups[g].size());
            QVERIFY2(std::abs(ySq / n - 1.0) < 1e-9, qPrintable(QString::number(ySq / n)));
            QVERIFY(std::abs(r.var[static_cast<std::int64_t>(g)] - xSq / n) <= 1e-12 * (xSq / n));
        }
    }

    void groupNormWithGEqualCIsInstanceNorm()
    {
        const Shape shape{3, 4, 5, 6};
        const auto x = randomTensor<double>(shape, 11, 0.5, 2.0);
        const NormSpec gn = groupSpec(4);
        NormSpec in = specOf(NormKind::Instance);
        auto gnState = NormState<double>::initial(gn, shape); // gamma 1, beta 0: the identity affine
        auto inState = NormState<double>::initial(in, shape);
        const auto a = forward(gn, x, gnState);
        const auto b = forward(in, x, inState);
        QVERIFY(maxRelativeError(a.output, b.output) < 1e-13);
        QVERIFY(maxRelativeError(a.mean, b.mean) < 1e-14);
        QVERIFY(maxRelativeError(a.var, b.var) < 1e-14);
    }

    void groupNormWithGOneIsLayerNormOverCHW()
    {
        const Shape shape{3, 4, 5, 6};
        const auto x = randomTensor<double>(shape, 12, -1.0, 0.7);
        const NormSpec gn = groupSpec(1);
        const NormSpec ln = normalizedSpec(NormKind::Layer, {4, 5, 6});
        auto gnState = NormState<double>::initial(gn, shape);
        auto lnState = NormState<double>::initial(ln, shape);
        const auto a = forward(gn, x, gnState);
        const auto b = forward(ln, x, lnState);
        QVERIFY(maxRelativeError(a.output, b.output) < 1e-13);
        // GroupNorm's statistics have shape (N, 1), LayerNorm's (N): the same N values.
        QCOMPARE(a.var.numel(), b.var.numel());
        for (std::int64_t n = 0; n < a.var.numel(); ++n) {
            QVERIFY(std::abs(a.mean[n] - b.mean[n]) < 1e-14);
            QVERIFY(std::abs(a.var[n] - b.var[n]) < 1e-14);
        }
    }

    void offsetDataInFloat32MatchesFloat64_data()
    {
        addRowsWithAndWithout("constantGroups",
                              {
                                  {"batch", specOf(NormKind::Batch)},
                                  {"instance", specOf(NormKind::Instance)},
                                  {"group2", groupSpec(2)},
                                  {"layer", normalizedSpec(NormKind::Layer, {4, 6, 5})},
                                  {"rms", normalizedSpec(NormKind::Rms, {6, 5})},
                              },
                              "_constant");
    }

    // Mean 1e4, std 1e-2 in float32: the output must be within 1e-4 of the float64 answer for the
    // same (float32-rounded) data. Constant groups must give exactly beta (x - mean = 0).
    void offsetDataInFloat32MatchesFloat64()
    {
        QFETCH(NormSpec, spec);
        QFETCH(bool, constantGroups);
        const Shape shape{3, 4, 6, 5};
        Tensor<float> x32 = randomTensor<float>(shape, 99, 1e4, constantGroups ? 0.0 : 1e-2);
        if (constantGroups) {
            // One value per group of the norms' definitions, so StatsLayout's grouping is checked too.
            for (std::int64_t i = 0; i < x32.numel(); ++i)
                x32[i] = 1e4f + static_cast<float>(referenceGroupKey(spec, shape, i)) * 0.25f;
        }
        const Tensor<double> x64 = x32.cast<double>();
        auto s32 = NormState<float>::initial(spec, shape);
        auto s64 = NormState<double>::initial(spec, shape);
        const auto r32 = forward(spec, x32, s32);
        const auto r64 = forward(spec, x64, s64);
        double worst = 0;
        for (std::int64_t i = 0; i < x32.numel(); ++i)
            worst = std::max(worst, std::abs(static_cast<double>(r32.output[i]) - r64.output[i]));
        QVERIFY2(worst <= 1e-4, qPrintable(QString("worst %1").arg(worst)));
        if (constantGroups && spec.kind != NormKind::Rms) {
            for (std::int64_t i = 0; i < x32.numel(); ++i)
                QCOMPARE(r32.output[i], 0.0f);
        }
    }
};

QTEST_GUILESS_MAIN(TestForwardProperties)
#include "test_forward_properties.moc"
