// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

// Reading the PyTorch fixtures of tests/fixtures (see tests/fixtures/README.md) and comparing what
// normscope wrote with what PyTorch computed.

#include <QString>
#include <QStringList>
#include <QVector>

namespace normscope::test {

/// The case counts tests/gen_fixtures.py prints; change them with the generator.
constexpr int kForwardFixtureCount = 290;
constexpr int kRefusalFixtureCount = 41;
constexpr int kBackwardFixtureCount = 83;

struct FixtureCase {
    QString name;     ///< directory name, e.g. batch2d_f32_train_affine
    QString dir;      ///< absolute path of the case directory
    QStringList args; ///< args.txt, as written (paths relative to dir)
};

/// Every case under tests/fixtures/<set> (forward, backward, refusals), sorted by name.
QVector<FixtureCase> loadFixtureCases(const QString& set);

/// The case's arguments with input paths made absolute and output paths moved into outDir.
QStringList resolveArgs(const FixtureCase& c, const QString& outDir);

/// Output files (relative to the case's expected/ and to outDir) the case's arguments ask for.
QStringList expectedOutputs(const FixtureCase& c);

/// Below this magnitude the error is measured against it rather than against |expected|: an absolute
/// floor of tol * 1e-2 (5e-7 for float32), a few float32 ulps of the outputs' scale (about 1), so
/// that values near 0 are held to an absolute bound a hundred times tighter than max(1, |b|) was,
/// and every value above 1e-2 to a relative one.
constexpr double kAbsoluteFloorScale = 1e-2;

/// |actual - expected| / max(kAbsoluteFloorScale, |expected|).
double relativeError(double actual, double expected);

struct Comparison {
    bool ok = false;
    double worst = 0; ///< largest relativeError
    QString message;  ///< why it failed
};

/// Compares two .npy files element by element: same dtype and shape, and
/// |actual - expected| <= tol * max(1e-2, |expected|) with tol = tol32 or tol64 by dtype.
/// NaN must match NaN and an infinity the same infinity.
Comparison compareNpyFiles(const QString& actual, const QString& expected, double tol32, double tol64);

/// Compares text files (num_batches_tracked.txt) exactly.
Comparison compareTextFiles(const QString& actual, const QString& expected);

struct CliRun {
    int exitCode = -1;
    bool crashed = false;
    QString out, err;
};

/// Runs a program with these arguments and waits for it (two minutes at most).
CliRun runProgram(const QString& program, const QStringList& args);

/// Runs normscope-cli with these arguments and waits for it.
CliRun runCli(const QStringList& args);

/// Every file below dir, relative paths, sorted: to check that a refused command wrote nothing.
QStringList filesBelow(const QString& dir);

} // namespace normscope::test
