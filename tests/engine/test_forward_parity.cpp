// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// The engine in-process against every PyTorch fixture and refusal (no subprocess, so the sanitizer
// build checks every kernel path).
#include "tests/support/fixture_parity_test.h"

#include <QTest>

int main(int argc, char** argv)
{
    normscope::test::FixtureParityTest test(normscope::test::runForwardInProcess);
    return QTest::qExec(&test, argc, argv);
}
