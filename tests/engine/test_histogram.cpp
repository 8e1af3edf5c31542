// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/analysis/histogram.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <numeric>

using namespace normscope;

class TestHistogram : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void binsKnownValues();
    void fixedRangeSkipsOutside();
    void strideCapsTheValuesRead();
    void runsOfConsecutiveValues();
    void nonFiniteAreSkipped();
    void constantValuesGetARange();
};

void TestHistogram::binsKnownValues()
{
    const double v[] = {0, 1, 2, 3, 0.5, 2.9};
    HistogramOptions o;
    o.bins = 3;
    const Histogram h = histogram(v, 6, o);
    QCOMPARE(h.lo, 0.0);
    QCOMPARE(h.hi, 3.0);
    QCOMPARE(h.binWidth(), 1.0);
    QCOMPARE(h.binCenter(1), 1.5);
    // [0,1): 0, 0.5   [1,2): 1   [2,3]: 2, 3, 2.9 (the right edge belongs to the last bin)
    QCOMPARE(h.counts, (std::vector<std::int64_t>{2, 1, 3}));
    QCOMPARE(h.binned, std::int64_t(6));
    QCOMPARE(h.stride, std::int64_t(1));
    QVERIFY(!h.subsampled());
}

void TestHistogram::fixedRangeSkipsOutside()
{
    const double v[] = {-5, 0.1, 0.2, 0.9, 7};
    HistogramOptions o;
    o.bins = 2;
    o.lo = 0.0;
    o.hi = 1.0;
    const Histogram h = histogram(v, 5, o);
    QCOMPARE(h.counts, (std::vector<std::int64_t>{2, 1}));
    QCOMPARE(h.binned, std::int64_t(3));
    QCOMPARE(h.skipped, std::int64_t(2));
}

void TestHistogram::strideCapsTheValuesRead()
{
    std::vector<double> v(10);
    std::iota(v.begin(), v.end(), 0.0); // 0..9
    HistogramOptions o;
    o.bins = 2;
    o.maxValues = 3;
    o.run = 1;
    const Histogram h = histogram(v.data(), 10, o);
    QCOMPARE(h.stride, std::int64_t(4)); // reads 0, 4, 8
    QCOMPARE(h.total, std::int64_t(10));
    QCOMPARE(h.read, std::int64_t(3));
    QCOMPARE(h.binned, std::int64_t(3));
    QVERIFY(h.subsampled());
    QCOMPARE(h.lo, 0.0);
    QCOMPARE(h.hi, 8.0);
    QCOMPARE(h.counts, (std::vector<std::int64_t>{1, 2}));
    QCOMPARE(histogramStride(6'400'000, 1 << 20), std::int64_t(7));
    QCOMPARE(histogramStride(100, 1 << 20), std::int64_t(1));
}

void TestHistogram::runsOfConsecutiveValues()
{
    // 0..19 with room for 5 values in runs of 2: stride 4, so runs start at 0, 8, 16: {0, 1, 8, 9, 16, 17}.
    std::vector<double> v(20);
    std::iota(v.begin(), v.end(), 0.0);
    HistogramOptions o;
    o.bins = 3;
    o.maxValues = 5;
    o.run = 2;
    const Histogram h = histogram(v.data(), 20, o);
    QCOMPARE(h.stride, std::int64_t(4));
    QCOMPARE(h.read, std::int64_t(6));
    QCOMPARE(h.lo, 0.0);
    QCOMPARE(h.hi, 17.0);
    QCOMPARE(h.counts, (std::vector<std::int64_t>{2, 2, 2})); // [0, 5.67): 0, 1  [5.67, 11.3): 8, 9  rest: 16, 17
}

void TestHistogram::nonFiniteAreSkipped()
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    const double v[] = {nan, 1, inf, 2, -inf};
    HistogramOptions o;
    o.bins = 4;
    const Histogram h = histogram(v, 5, o);
    QCOMPARE(h.lo, 1.0);
    QCOMPARE(h.hi, 2.0);
    QCOMPARE(h.binned, std::int64_t(2));
    QCOMPARE(h.skipped, std::int64_t(3));
    QCOMPARE(std::accumulate(h.counts.begin(), h.counts.end(), std::int64_t(0)), h.binned);
}

void TestHistogram::constantValuesGetARange()
{
    const double v[] = {3, 3, 3};
    const Histogram h = histogram(v, 3);
    QVERIFY(h.lo < 3.0 && h.hi > 3.0);
    QCOMPARE(h.binned, std::int64_t(3));
    QCOMPARE(h.binCount(), 40);
    QCOMPARE(std::accumulate(h.counts.begin(), h.counts.end(), std::int64_t(0)), std::int64_t(3));
}

QTEST_GUILESS_MAIN(TestHistogram)
#include "test_histogram.moc"
