// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

// The fixture parity test, written once: every tests/fixtures/forward case must match PyTorch and
// every tests/fixtures/refusals case must be refused cleanly. tests/cli runs it through the
// normscope-cli binary, tests/engine in-process (so the sanitizer build covers every kernel path).

#include "tests/support/fixture_check.h"

#include <QObject>

namespace normscope::test {

class FixtureParityTest : public QObject {
    Q_OBJECT

public:
    explicit FixtureParityTest(CommandRunner run) : run_(std::move(run)) {}

private Q_SLOTS:
    void initTestCase();
    void forward_data();
    void forward();
    void refusal_data();
    void refusal();
    void largeTiledCases_data();
    void largeTiledCases();
    void cleanupTestCase();

private:
    CommandRunner run_;
    QVector<FixtureCase> forwardCases_, refusalCases_;
    double worst_ = 0;
};

} // namespace normscope::test
