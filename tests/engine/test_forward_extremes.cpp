// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// Data at the edges of float32: finite values near FLT_MAX normalise to their exact finite output
// (the fast float lanes cannot hold their deviations), and NaN/Inf give PyTorch's statistics
// (NaN variance where a NaN or an infinity is summed), in the fast kernels and the reference alike.

#include "engine/core/norm_spec.h"
#include "engine/kernels/forward.h"

#include <QTest>

#include <cfloat>
#include <cmath>
#include <limits>

using namespace normscope;

namespace {

using Runner = ForwardResult<float> (*)(const NormSpec&, const Tensor<float>&, NormState<float>&);

ForwardResult<float> fast(const NormSpec& spec, const Tensor<float>& x, NormState<float>& state)
{
    return forward(spec, x, state);
}

ForwardResult<float> reference(const NormSpec& spec, const Tensor<float>& x, NormState<float>& state)
{
    return forwardReference(spec, x, state);
}

/// BatchNorm2d(1) on one channel holding `values` (shape (values.size(), 1, 1, 1)), affine defaults.
ForwardResult<float> batchNormOf(const std::vector<float>& values, Runner run)
{
    Tensor<float> x(Shape{static_cast<std::int64_t>(values.size()), 1, 1, 1});
    for (std::size_t i = 0; i < values.size(); ++i)
        x[static_cast<std::int64_t>(i)] = values[i];
    const NormSpec spec = NormSpec::defaults(NormKind::Batch);
    NormState<float> state = NormState<float>::initial(spec, x.shape());
    return run(spec, x, state);
}

} // namespace

class TestForwardExtremes : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void nearFltMaxIsExact_data()
    {
        QTest::addColumn<bool>("useReference");
        QTest::newRow("fast") << false;
        QTest::newRow("reference") << true;
    }

    void nearFltMaxIsExact()
    {
        QFETCH(bool, useReference);
        // Mean 0, biased variance FLT_MAX^2: every x-hat is exactly +-1 (eps is 1e-81 of the variance).
        const float m = FLT_MAX;
        const std::vector<float> values{m, -m, m, -m, -m, m, m, -m};
        const ForwardResult<float> r = useReference ? batchNormOf(values, reference) : batchNormOf(values, fast);
        for (std::size_t i = 0; i < values.size(); ++i)
            QCOMPARE(r.output[static_cast<std::int64_t>(i)], values[i] > 0 ? 1.0f : -1.0f);
        QCOMPARE(r.mean[0], 0.0f);
        QVERIFY(std::isinf(r.var[0])); // FLT_MAX^2 is not a float: PyTorch's float32 var is inf too
    }

    void offsetNearFltMaxIsExact()
    {
        // Two values a few ulps apart at 3e38: the deviations are small but the squares of the raw
        // values are not; y = -1, 1.
        const float a = 3.0e38f, b = std::nextafter(std::nextafter(a, FLT_MAX), FLT_MAX);
        for (Runner run : {&fast, &reference}) {
            const ForwardResult<float> r = batchNormOf({a, b}, run);
            QVERIFY(std::abs(r.output[0] + 1.0f) < 1e-6f);
            QVERIFY(std::abs(r.output[1] - 1.0f) < 1e-6f);
        }
    }

    void nanAndInfinityGivePyTorchsStatistics_data()
    {
        QTest::addColumn<float>("odd");
        QTest::addColumn<bool>("meanIsNaN");
        const float inf = std::numeric_limits<float>::infinity();
        QTest::newRow("nan") << std::numeric_limits<float>::quiet_NaN() << true;
        // torch: mean inf, var nan (inf - inf in the deviations)
        QTest::newRow("+inf") << inf << false;
        QTest::newRow("-inf") << -inf << false;
    }

    void nanAndInfinityGivePyTorchsStatistics()
    {
        QFETCH(float, odd);
        QFETCH(bool, meanIsNaN);
        for (Runner run : {&fast, &reference}) {
            const ForwardResult<float> r = batchNormOf({1.0f, 2.0f, odd, 4.0f}, run);
            if (meanIsNaN)
                QVERIFY(std::isnan(r.mean[0]));
            else
                QCOMPARE(r.mean[0], odd);
            QVERIFY2(std::isnan(r.var[0]), qPrintable(QString::number(r.var[0])));
            for (std::int64_t i = 0; i < 4; ++i)
                QVERIFY(std::isnan(r.output[i]));
        }
    }
};

QTEST_GUILESS_MAIN(TestForwardExtremes)
#include "test_forward_extremes.moc"
