// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// normscope-cli forward, the real binary, against every PyTorch fixture and refusal.
#include "tests/support/fixture_parity_test.h"

#include <QTest>

int main(int argc, char** argv)
{
    normscope::test::FixtureParityTest test(
        [](const QStringList& args) { return normscope::test::runCli(QStringList{"forward"} + args); });
    return QTest::qExec(&test, argc, argv);
}
