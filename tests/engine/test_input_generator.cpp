// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/analysis/input_generator.h"

#include <QtTest>

#include <cmath>

using namespace normscope;

namespace {

/// Mean and population std of channel c (axis 1) by a plain loop over (n, c, spatial).
template <typename T>
void channelMoments(const Tensor<T>& x, std::int64_t c, double& mean, double& std)
{
    const std::int64_t N = x.dim(0), C = x.dim(1);
    const std::int64_t inner = x.numel() / (N * C);
    double sum = 0, sumSq = 0;
    for (std::int64_t n = 0; n < N; ++n)
        for (std::int64_t s = 0; s < inner; ++s) {
            const double v = x[(n * C + c) * inner + s];
            sum += v;
            sumSq += v * v;
        }
    const double count = static_cast<double>(N * inner);
    mean = sum / count;
    std = std::sqrt(std::max(0.0, sumSq / count - mean * mean));
}

} // namespace

class TestInputGenerator : public QObject {
    Q_OBJECT

private slots:
    void sameSeedSameValues()
    {
        InputRecipe r;
        r.kind = GeneratorKind::Normal;
        r.seed = 42;
        const auto a = generateInput<double>(r, {2, 3, 4, 5});
        const auto b = generateInput<double>(r, {2, 3, 4, 5});
        QVERIFY(a.values() == b.values());
        r.seed = 43;
        const auto c = generateInput<double>(r, {2, 3, 4, 5});
        QVERIFY(a.values() != c.values());
    }

    void floatIsRoundedDouble()
    {
        InputRecipe r;
        r.seed = 7;
        const auto d = generateInput<double>(r, {3, 4, 5});
        const auto f = generateInput<float>(r, {3, 4, 5});
        for (std::int64_t i = 0; i < d.numel(); ++i)
            QCOMPARE(f[i], static_cast<float>(d[i]));
    }

    void shapes_data()
    {
        QTest::addColumn<QString>("shape");
        QTest::newRow("1d") << "7";
        QTest::newRow("2d") << "3,5";
        QTest::newRow("4d") << "4,6,5,5";
        QTest::newRow("5d") << "2,3,2,3,4";
    }
    void shapes()
    {
        QFETCH(QString, shape);
        const Shape s = parseShape(shape.toStdString(), "shape");
        const AnyTensor t = generateInput(InputRecipe{}, s, DType::Float32);
        QCOMPARE(dtypeOf(t), DType::Float32);
        QVERIFY(shapeOf(t) == s);
        const AnyTensor u = generateInput(InputRecipe{}, s, DType::Float64);
        QCOMPARE(dtypeOf(u), DType::Float64);
        QCOMPARE(std::get<Tensor<double>>(u).numel(), numel(s));
    }

    void constantChannelsAreConstant()
    {
        InputRecipe r;
        r.kind = GeneratorKind::ConstantChannels;
        r.mean = -2.0;
        r.offset_step = 0.5;
        const auto x = generateInput<double>(r, {3, 4, 2, 3});
        for (std::int64_t n = 0; n < 3; ++n)
            for (std::int64_t c = 0; c < 4; ++c)
                for (std::int64_t s = 0; s < 6; ++s)
                    QCOMPARE(x[(n * 4 + c) * 6 + s], -2.0 + 0.5 * static_cast<double>(c));
    }

    void channelOffsetsVisibleInChannelMeans()
    {
        InputRecipe r;
        r.kind = GeneratorKind::ChannelOffset;
        r.mean = 1.0;
        r.std = 0.5;
        r.offset_step = 3.0;
        r.scale_step = 1.0;
        r.seed = 3;
        const auto x = generateInput<double>(r, {16, 5, 16, 16});
        for (std::int64_t c = 0; c < 5; ++c) {
            double mean = 0, std = 0;
            channelMoments(x, c, mean, std);
            const double expectedStd = 0.5 * (1.0 + static_cast<double>(c));
            // 4096 samples per channel: the sample mean is within 5 standard errors.
            QVERIFY2(std::abs(mean - (1.0 + 3.0 * static_cast<double>(c))) < 5 * expectedStd / 64.0,
                     qPrintable(QString("channel %1 mean %2").arg(c).arg(mean)));
            QVERIFY2(std::abs(std - expectedStd) < 0.1 * expectedStd,
                     qPrintable(QString("channel %1 std %2").arg(c).arg(std)));
        }
    }

    void channelIsAxisOneForRankTwo()
    {
        InputRecipe r;
        r.kind = GeneratorKind::ConstantChannels;
        r.mean = 0.0;
        r.offset_step = 1.0;
        const auto x = generateInput<double>(r, {2, 3});
        const Tensor<double>::Storage expected{0, 1, 2, 0, 1, 2};
        QVERIFY(x.values() == expected);
    }

    void normalAndUniformMoments()
    {
        InputRecipe r;
        r.kind = GeneratorKind::Normal;
        r.mean = 10.0;
        r.std = 2.0;
        r.seed = 11;
        const auto x = generateInput<double>(r, {1, 1, 200, 200});
        double mean = 0, std = 0;
        channelMoments(x, 0, mean, std);
        QVERIFY(std::abs(mean - 10.0) < 5 * 2.0 / 200.0);
        QVERIFY(std::abs(std - 2.0) < 0.05);

        r.kind = GeneratorKind::Uniform;
        r.low = -3.0;
        r.high = 1.0;
        const auto u = generateInput<double>(r, {1, 1, 200, 200});
        for (double v : u.values())
            QVERIFY(v >= -3.0 && v < 1.0);
        channelMoments(u, 0, mean, std);
        // U(a, b): mean (a + b) / 2 = -1, std (b - a) / sqrt(12).
        QVERIFY(std::abs(mean + 1.0) < 0.02);
        QVERIFY(std::abs(std - 4.0 / std::sqrt(12.0)) < 0.02);
    }

    void kindNamesRoundTrip()
    {
        for (GeneratorKind k : {GeneratorKind::Normal, GeneratorKind::Uniform, GeneratorKind::ChannelOffset,
                                GeneratorKind::ConstantChannels})
            QCOMPARE(parseGeneratorKind(toString(k)), std::optional<GeneratorKind>(k));
        QVERIFY(!parseGeneratorKind("gauss"));
    }
};

QTEST_GUILESS_MAIN(TestInputGenerator)
#include "test_input_generator.moc"
