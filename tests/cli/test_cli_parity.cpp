// normscope-cli forward, the real binary, against every PyTorch fixture and refusal.
#include "tests/support/fixture_parity_test.h"

#include <QTest>

int main(int argc, char** argv)
{
    normscope::test::FixtureParityTest test(normscope::test::runCli);
    return QTest::qExec(&test, argc, argv);
}
