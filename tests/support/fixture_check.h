// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

// One check of a PyTorch fixture case, shared by the in-process engine tests and the tests that
// run the normscope-cli binary: only how the command is run differs.

#include "tests/support/fixture_case.h"

#include <functional>

namespace normscope::test {

using CommandRunner = std::function<CliRun(const QStringList& args)>;

/// Runs `forward` in this process (normscope::runForwardCommand), as the CLI would.
CliRun runForwardInProcess(const QStringList& args);

/// Tolerances of the CLI contract's check: 5e-5 for float32, 1e-10 for float64, relative to
/// max(1e-2, |expected|) (fixture_case.h).
constexpr double kTolerance32 = 5e-5;
constexpr double kTolerance64 = 1e-10;

/// Runs the case and QVERIFYs every expected output; returns the worst relative error seen.
/// Must be called from a Qt Test function (it uses QVERIFY2).
double checkFixtureCase(const FixtureCase& c, const CommandRunner& run);

/// Runs a command that must be refused: exit status 2, one line on stderr, no file written.
/// "{out}" in args stands for an empty temporary directory that must stay empty.
void checkRefusal(const QStringList& args, const CommandRunner& run);
/// The same for a refusal fixture (tests/fixtures/refusals), its outputs redirected to that directory.
void checkRefusal(const FixtureCase& c, const CommandRunner& run);

} // namespace normscope::test
