// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/report/group_summary.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace normscope;

namespace {

NormSpec specOf(NormKind kind)
{
    return NormSpec::defaults(kind);
}

bool close(double a, double b, double rel = 1e-12)
{
    return std::abs(a - b) <= rel * std::max(1.0, std::max(std::abs(a), std::abs(b)));
}

} // namespace

class TestGroupSummary : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void layerNormOneRow();
    void batchNormPerChannelAndRunning();
    void instanceNormRows();
    void groupNormRows();
    void singleElementGroupsHaveNaNUnbiased();
    void largeOffsetKeepsVariance();
    void floatInputMatchesPlainLoops();
    void missingOutputGivesNaN();
    void firstValueFarFromMean();
    void labelsCanBeLeftOut();
};

void TestGroupSummary::layerNormOneRow()
{
    NormSpec spec = specOf(NormKind::Layer);
    spec.normalized_shape = {4};
    const Tensor<double> x({1, 4}, std::vector<double>{1, 2, 3, 4});
    ForwardResult<double> r;
    r.output = Tensor<double>({1, 4}, std::vector<double>{-1, 0, 0, 1});
    r.rstd = Tensor<double>({1}, std::vector<double>{0.75});
    const auto rows = summarizeGroups(spec, x, r, NormState<double>{});
    QCOMPARE(rows.size(), std::size_t(1));
    const GroupRow& row = rows[0];
    QCOMPARE(row.group, std::int64_t(0));
    QCOMPARE(row.label, std::string("n=0"));
    QCOMPARE(row.count, std::int64_t(4));
    QCOMPARE(row.mean, 2.5);
    QCOMPARE(row.var, 1.25);
    QVERIFY(close(row.var_unbiased, 5.0 / 3.0));
    QCOMPARE(row.mean_square, 7.5); // (1 + 4 + 9 + 16) / 4
    QCOMPARE(row.rstd, 0.75);       // passed through from the result
    QCOMPARE(row.output_mean, 0.0);
    QCOMPARE(row.output_var, 0.5);
    QVERIFY(close(row.output_std_unbiased, std::sqrt(2.0 / 3.0)));
    QVERIFY(!row.has_running);
    QVERIFY(std::isnan(row.running_mean));
}

void TestGroupSummary::batchNormPerChannelAndRunning()
{
    // (N=2, C=2, H=1, W=2): channel 0 holds 1, 2 (n=0) and 3, 4 (n=1); channel 1 ten times that.
    const NormSpec spec = specOf(NormKind::Batch);
    const Tensor<double> x({2, 2, 1, 2}, std::vector<double>{1, 2, 10, 20, 3, 4, 30, 40});
    ForwardResult<double> r;
    r.output = x;
    r.rstd = Tensor<double>({2}, std::vector<double>{0.5, 0.25});
    NormState<double> state = NormState<double>::initial(spec, x.shape());
    state.running_mean = Tensor<double>({2}, std::vector<double>{0.25, 2.5});
    state.running_var = Tensor<double>({2}, std::vector<double>{1.05, 17.5});

    const auto rows = summarizeGroups(spec, x, r, state);
    QCOMPARE(rows.size(), std::size_t(2));
    QCOMPARE(rows[0].label, std::string("c=0"));
    QCOMPARE(rows[0].count, std::int64_t(4));
    QCOMPARE(rows[0].mean, 2.5);
    QCOMPARE(rows[0].var, 1.25);
    QVERIFY(close(rows[0].var_unbiased, 5.0 / 3.0));
    QCOMPARE(rows[1].label, std::string("c=1"));
    QCOMPARE(rows[1].mean, 25.0);
    QCOMPARE(rows[1].var, 125.0);
    QVERIFY(close(rows[1].var_unbiased, 500.0 / 3.0));
    QCOMPARE(rows[1].rstd, 0.25);
    QVERIFY(rows[0].has_running && rows[1].has_running);
    QCOMPARE(rows[0].channel, std::int64_t(0));
    QCOMPARE(rows[1].channel, std::int64_t(1));
    QCOMPARE(rows[0].running_mean, 0.25);
    QCOMPARE(rows[1].running_mean, 2.5);
    QCOMPARE(rows[1].running_var, 17.5);
    // y == x here, so the output columns repeat the input's.
    QCOMPARE(rows[1].output_mean, 25.0);
    QVERIFY(close(rows[1].output_std_unbiased, std::sqrt(500.0 / 3.0)));
}

void TestGroupSummary::instanceNormRows()
{
    // (N=2, C=3, L=2): value = 10 * n + c + 0.5 * l, so group (n, c) = {v, v + 0.5}.
    NormSpec spec = specOf(NormKind::Instance);
    spec.track_running_stats = true;
    std::vector<double> v;
    for (int n = 0; n < 2; ++n)
        for (int c = 0; c < 3; ++c)
            for (int l = 0; l < 2; ++l)
                v.push_back(10.0 * n + c + 0.5 * l);
    const Tensor<double> x({2, 3, 2}, v);
    ForwardResult<double> r;
    r.output = x;
    r.rstd = Tensor<double>({2, 3}, 1.0);
    NormState<double> state = NormState<double>::initial(spec, x.shape());
    state.running_mean = Tensor<double>({3}, std::vector<double>{7, 8, 9});
    state.running_var = Tensor<double>({3}, 2.0);

    const auto rows = summarizeGroups(spec, x, r, state);
    QCOMPARE(rows.size(), std::size_t(6));
    for (int n = 0; n < 2; ++n) {
        for (int c = 0; c < 3; ++c) {
            const GroupRow& row = rows[std::size_t(n * 3 + c)];
            QCOMPARE(row.count, std::int64_t(2));
            QCOMPARE(row.label, "n=" + std::to_string(n) + ", c=" + std::to_string(c));
            QCOMPARE(row.mean, 10.0 * n + c + 0.25);
            QCOMPARE(row.var, 0.0625);
            QCOMPARE(row.var_unbiased, 0.125);
            QCOMPARE(row.channel, std::int64_t(c));
            QCOMPARE(row.running_mean, 7.0 + c);
        }
    }
}

void TestGroupSummary::groupNormRows()
{
    // (N=2, C=4, L=1), G=2: group (n, g) holds channels 2g and 2g + 1 of sample n.
    NormSpec spec = specOf(NormKind::Group);
    spec.num_groups = 2;
    const Tensor<double> x({2, 4, 1}, std::vector<double>{1, 3, 5, 9, 2, 2, -4, 4});
    ForwardResult<double> r;
    r.output = x;
    r.rstd = Tensor<double>({2, 2}, 1.0);
    const auto rows = summarizeGroups(spec, x, r, NormState<double>::initial(spec, x.shape()));
    QCOMPARE(rows.size(), std::size_t(4));
    QCOMPARE(rows[0].mean, 2.0); // {1, 3}
    QCOMPARE(rows[0].var, 1.0);
    QCOMPARE(rows[1].mean, 7.0); // {5, 9}
    QCOMPARE(rows[1].var, 4.0);
    QCOMPARE(rows[2].mean, 2.0); // {2, 2}
    QCOMPARE(rows[2].var, 0.0);
    QCOMPARE(rows[3].mean, 0.0); // {-4, 4}
    QCOMPARE(rows[3].var, 16.0);
    QCOMPARE(rows[3].var_unbiased, 32.0);
    QCOMPARE(rows[3].label, std::string("n=1, g=1 (c 2..3)"));
    QCOMPARE(rows[1].min, 5.0);
    QCOMPARE(rows[1].max, 9.0);
    QCOMPARE(rows[3].output_min, -4.0);
    QCOMPARE(rows[3].output_max, 4.0);
    QVERIFY(!rows[0].has_running);
}

void TestGroupSummary::singleElementGroupsHaveNaNUnbiased()
{
    // InstanceNorm on (1, 3, 1): every group is one value; torch.var of one value is NaN.
    const NormSpec spec = specOf(NormKind::Instance);
    const Tensor<double> x({1, 3, 1}, std::vector<double>{4, 5, 6});
    ForwardResult<double> r;
    r.output = Tensor<double>({1, 3, 1}, 0.0);
    const auto rows = summarizeGroups(spec, x, r, NormState<double>{});
    QCOMPARE(rows.size(), std::size_t(3));
    for (std::size_t g = 0; g < 3; ++g) {
        QCOMPARE(rows[g].count, std::int64_t(1));
        QCOMPARE(rows[g].mean, 4.0 + double(g));
        QCOMPARE(rows[g].var, 0.0);
        QVERIFY(std::isnan(rows[g].var_unbiased));
        QVERIFY(std::isnan(rows[g].output_std_unbiased));
        QVERIFY(std::isnan(rows[g].rstd)); // the result carried no rstd
    }
}

void TestGroupSummary::largeOffsetKeepsVariance()
{
    // 1e4 +- 1e-2 alternating: variance exactly 1e-4, which E[x^2] - mean^2 in double would lose.
    NormSpec spec = specOf(NormKind::Layer);
    const std::int64_t n = 1 << 20;
    spec.normalized_shape = {n};
    std::vector<double> v(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i)
        v[std::size_t(i)] = 1e4 + (i % 2 ? 1e-2 : -1e-2);
    const Tensor<double> x({1, n}, v);
    ForwardResult<double> r;
    const auto rows = summarizeGroups(spec, x, r, NormState<double>{});
    QVERIFY(close(rows[0].mean, 1e4, 1e-14));
    QVERIFY2(close(rows[0].var, 1e-4, 1e-9), std::to_string(rows[0].var).c_str());
    QVERIFY(close(rows[0].var_unbiased, 1e-4 * double(n) / double(n - 1), 1e-9));
}

void TestGroupSummary::floatInputMatchesPlainLoops()
{
    // BatchNorm on a random float (N=3, C=5, H=4, W=7) against a plain loop over (n, c, h, w).
    const NormSpec spec = specOf(NormKind::Batch);
    const std::int64_t N = 3, C = 5, HW = 28;
    std::mt19937 rng(7);
    std::normal_distribution<float> dist(3.0f, 2.0f);
    std::vector<float> v(static_cast<std::size_t>(N * C * HW));
    for (float& f : v)
        f = dist(rng);
    const Tensor<float> x({N, C, 4, 7}, v);
    ForwardResult<float> r;
    r.output = Tensor<float>(x.shape(), 0.5f);
    r.rstd = Tensor<float>({C}, 2.0f);
    const auto rows = summarizeGroups(spec, x, r, NormState<float>::initial(spec, x.shape()));
    QCOMPARE(rows.size(), std::size_t(C));
    for (std::int64_t c = 0; c < C; ++c) {
        long double sum = 0;
        for (std::int64_t n = 0; n < N; ++n)
            for (std::int64_t s = 0; s < HW; ++s)
                sum += v[std::size_t((n * C + c) * HW + s)];
        const long double mean = sum / (N * HW);
        long double ss = 0;
        for (std::int64_t n = 0; n < N; ++n)
            for (std::int64_t s = 0; s < HW; ++s) {
                const long double d = v[std::size_t((n * C + c) * HW + s)] - mean;
                ss += d * d;
            }
        const GroupRow& row = rows[std::size_t(c)];
        QCOMPARE(row.count, N * HW);
        QVERIFY(close(row.mean, double(mean), 1e-12));
        QVERIFY(close(row.var, double(ss / (N * HW)), 1e-12));
        QVERIFY(close(row.var_unbiased, double(ss / (N * HW - 1)), 1e-12));
        QCOMPARE(row.rstd, 2.0);
        QCOMPARE(row.output_mean, 0.5);
        QCOMPARE(row.output_var, 0.0);
        QCOMPARE(row.running_mean, 0.0); // initial state
        QCOMPARE(row.running_var, 1.0);
    }
}

void TestGroupSummary::missingOutputGivesNaN()
{
    const NormSpec spec = specOf(NormKind::Batch);
    const Tensor<double> x({2, 2}, std::vector<double>{1, 2, 3, 4});
    const StatsLayout layout(spec, x.shape());
    GroupSummaryInput<double> in;
    in.x = x.data();
    const auto rows = summarizeGroups(layout, in);
    QCOMPARE(rows.size(), std::size_t(2));
    QCOMPARE(rows[0].mean, 2.0); // {1, 3}
    QCOMPARE(rows[1].mean, 3.0); // {2, 4}
    QVERIFY(std::isnan(rows[0].output_mean));
    QVERIFY(std::isnan(rows[0].rstd));
    QVERIFY(!rows[0].has_running);
}

void TestGroupSummary::firstValueFarFromMean()
{
    // The shift is the group's first value; an outlier there must not cost accuracy.
    NormSpec spec = specOf(NormKind::Layer);
    const std::int64_t n = 1000;
    spec.normalized_shape = {n};
    std::vector<double> v(static_cast<std::size_t>(n));
    v[0] = 1e6;
    for (std::int64_t i = 1; i < n; ++i)
        v[std::size_t(i)] = std::sin(double(i));
    long double sum = 0;
    for (double d : v)
        sum += d;
    const long double mean = sum / n;
    long double ss = 0;
    for (double d : v)
        ss += (d - mean) * (d - mean);
    const Tensor<double> x({1, n}, v);
    const auto rows = summarizeGroups(spec, x, ForwardResult<double>{}, NormState<double>{});
    QVERIFY(close(rows[0].mean, double(mean), 1e-13));
    QVERIFY(close(rows[0].var, double(ss / n), 1e-12));
    QCOMPARE(rows[0].max, 1e6);
}

void TestGroupSummary::labelsCanBeLeftOut()
{
    const NormSpec spec = specOf(NormKind::Batch);
    const Tensor<double> x({2, 3}, std::vector<double>{1, 2, 3, 4, 5, 6});
    GroupSummaryInput<double> in;
    in.x = x.data();
    in.labels = false;
    const auto rows = summarizeGroups(StatsLayout(spec, x.shape()), in);
    QCOMPARE(rows.size(), std::size_t(3));
    QVERIFY(rows[2].label.empty());
    QCOMPARE(rows[2].mean, 4.5);
}

QTEST_GUILESS_MAIN(TestGroupSummary)
#include "test_group_summary.moc"
