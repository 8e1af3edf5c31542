// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// The statistics layout answers "which elements share a mean and variance" for every norm. Expected
// groups here come from the definitions in the Group Normalization paper (Wu & He, 2018, Fig. 2),
// computed with index arithmetic on (n, c, h, w), not with the layout itself.

#include "engine/core/stats_layout.h"

#include <QTest>

using namespace normscope;

namespace {

NormSpec spec(NormKind kind)
{
    NormSpec s = NormSpec::defaults(kind);
    if (kind == NormKind::Group)
        s.num_groups = 2;
    if (kind == NormKind::Layer || kind == NormKind::Rms)
        s.normalized_shape = {4, 3, 2};
    return s;
}

} // namespace

class TestStatsLayout : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void groupOfMatchesThePaper()
    {
        const Shape x{2, 4, 3, 2}; // N, C, H, W
        const std::int64_t N = 2, C = 4, HW = 6, G = 2;
        for (NormKind kind : {NormKind::Batch, NormKind::Instance, NormKind::Group, NormKind::Layer, NormKind::Rms}) {
            const StatsLayout layout(spec(kind), x);
            for (std::int64_t n = 0; n < N; ++n)
                for (std::int64_t c = 0; c < C; ++c)
                    for (std::int64_t hw = 0; hw < HW; ++hw) {
                        const std::int64_t flat = (n * C + c) * HW + hw;
                        std::int64_t expected = 0;
                        switch (kind) {
                        case NormKind::Batch: expected = c; break;
                        case NormKind::Instance: expected = n * C + c; break;
                        case NormKind::Group: expected = n * G + c / (C / G); break;
                        case NormKind::Layer:
                        case NormKind::Rms: expected = n; break;
                        }
                        QCOMPARE(layout.groupOf(flat), expected);
                    }
        }
    }

    void countsAndShapes_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<qlonglong>("groups");
        QTest::addColumn<qlonglong>("groupSize");
        QTest::addColumn<Shape>("statsShape");
        QTest::addColumn<std::vector<int>>("reduced");
        QTest::newRow("batch") << int(NormKind::Batch) << 4LL << 12LL << Shape{4} << std::vector<int>{0, 2, 3};
        QTest::newRow("instance") << int(NormKind::Instance) << 8LL << 6LL << Shape{2, 4} << std::vector<int>{2, 3};
        QTest::newRow("group") << int(NormKind::Group) << 4LL << 12LL << Shape{2, 2} << std::vector<int>{1, 2, 3};
        QTest::newRow("layer") << int(NormKind::Layer) << 2LL << 24LL << Shape{2} << std::vector<int>{1, 2, 3};
    }

    void countsAndShapes()
    {
        QFETCH(int, kind);
        QFETCH(qlonglong, groups);
        QFETCH(qlonglong, groupSize);
        QFETCH(Shape, statsShape);
        QFETCH(std::vector<int>, reduced);
        const StatsLayout layout(spec(static_cast<NormKind>(kind)), {2, 4, 3, 2});
        QCOMPARE(layout.groupCount(), groups);
        QCOMPARE(layout.groupSize(), groupSize);
        QCOMPARE(layout.statsShape(), statsShape);
        QCOMPARE(layout.reducedAxes(), reduced);
        // Every element belongs to exactly one group, and elementsOf walks exactly that group.
        std::vector<int> seen(48, 0);
        for (std::int64_t g = 0; g < layout.groupCount(); ++g) {
            const auto elements = layout.elementsOf(g);
            QCOMPARE(static_cast<qlonglong>(elements.size()), groupSize);
            for (std::int64_t i : elements) {
                QCOMPARE(layout.groupOf(i), g);
                ++seen[static_cast<std::size_t>(i)];
            }
        }
        for (int count : seen)
            QCOMPARE(count, 1);
    }

    void parametersFollowChannelsOrNormalizedElements()
    {
        const Shape x{2, 4, 3, 2};
        const StatsLayout bn(spec(NormKind::Batch), x);
        const StatsLayout ln(spec(NormKind::Layer), x);
        for (std::int64_t i = 0; i < 48; ++i) {
            QCOMPARE(bn.paramOf(i), (i / 6) % 4); // channel
            QCOMPARE(ln.paramOf(i), i % 24);      // element of normalized_shape
        }
    }

    void labelsAndDescriptions()
    {
        const Shape x{2, 4, 3, 2};
        QCOMPARE(StatsLayout(spec(NormKind::Batch), x).groupLabel(3), std::string("c=3"));
        QCOMPARE(StatsLayout(spec(NormKind::Instance), x).groupLabel(5), std::string("n=1, c=1"));
        QCOMPARE(StatsLayout(spec(NormKind::Group), x).groupLabel(3), std::string("n=1, g=1 (c 2..3)"));
        QCOMPARE(StatsLayout(spec(NormKind::Layer), x).groupLabel(1), std::string("n=1"));
        QCOMPARE(StatsLayout(spec(NormKind::Batch), x).describe(),
                 std::string("BatchNorm: one mean and variance per channel, over N, H, W"));
        QCOMPARE(StatsLayout(spec(NormKind::Instance), x).describe(),
                 std::string("InstanceNorm: one mean and variance per sample and channel, over H, W"));
        NormSpec whole = spec(NormKind::Layer);
        whole.normalized_shape = x;
        const StatsLayout all(whole, x);
        QCOMPARE(all.groupCount(), 1LL);
        QVERIFY(all.statsShape().empty());
        QCOMPARE(all.groupLabel(0), std::string("all"));
    }
};

QTEST_GUILESS_MAIN(TestStatsLayout)
#include "test_stats_layout.moc"
