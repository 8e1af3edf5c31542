// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "tests/support/fixture_parity_test.h"

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

void FixtureParityTest::cleanupTestCase()
{
    qInfo("%lld forward cases, worst relative error %.3g", static_cast<long long>(forwardCases_.size()), worst_);
}

} // namespace normscope::test
