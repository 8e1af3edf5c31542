// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "tests/support/fixture_case.h"

#include "engine/core/error.h"
#include "engine/io/npy.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

#include <algorithm>
#include <cmath>

namespace normscope::test {

namespace {

const QStringList kOutputOptions{"--output",         "--mean-out",        "--var-out",      "--state-out",
                                 "--grad-input-out", "--grad-weight-out", "--grad-bias-out"};
const QStringList kInputOptions{"--input", "--weight", "--bias", "--running-mean", "--running-var", "--grad-output"};

} // namespace

double relativeError(double actual, double expected)
{
    return std::abs(actual - expected) / std::max(kAbsoluteFloorScale, std::abs(expected));
}

QVector<FixtureCase> loadFixtureCases(const QString& set)
{
    QVector<FixtureCase> cases;
    const QDir root(QStringLiteral(NORMSCOPE_FIXTURE_DIR) + "/" + set);
    for (const QString& name : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        QFile file(root.filePath(name) + "/args.txt");
        // A case folder without its arguments is a broken fixture, not one to skip: the case is kept
        // with no arguments, so that running it fails and names the folder.
        if (!file.open(QIODevice::ReadOnly)) {
            cases.push_back({name, root.filePath(name), {}});
            continue;
        }
        const QString line = QString::fromUtf8(file.readAll()).trimmed();
        cases.push_back({name, root.filePath(name), line.split(' ', Qt::SkipEmptyParts)});
    }
    return cases;
}

QStringList resolveArgs(const FixtureCase& c, const QString& outDir)
{
    QStringList args = c.args;
    for (int i = 0; i + 1 < args.size(); ++i) {
        if (kInputOptions.contains(args[i]))
            args[i + 1] = QDir(c.dir).filePath(args[i + 1]);
        else if (kOutputOptions.contains(args[i]))
            args[i + 1] = QDir(outDir).filePath(args[i + 1]);
    }
    return args;
}

QStringList expectedOutputs(const FixtureCase& c)
{
    QStringList files;
    for (int i = 0; i + 1 < c.args.size(); ++i) {
        if (c.args[i] == "--state-out") {
            for (const char* f : {"running_mean.npy", "running_var.npy", "num_batches_tracked.txt"})
                files << c.args[i + 1] + "/" + f;
        } else if (kOutputOptions.contains(c.args[i])) {
            files << c.args[i + 1];
        }
    }
    return files;
}

Comparison compareNpyFiles(const QString& actualPath, const QString& expectedPath, double tol32, double tol64)
{
    Comparison result;
    AnyTensor actual, expected;
    try {
        actual = readNpy(actualPath.toStdString());
        expected = readNpy(expectedPath.toStdString());
    } catch (const Error& e) {
        result.message = QString::fromStdString(e.what());
        return result;
    }
    if (actual.index() != expected.index()) {
        result.message = QStringLiteral("dtype differs: %1 vs expected %2")
                             .arg(toString(dtypeOf(actual)), toString(dtypeOf(expected)));
        return result;
    }
    if (shapeOf(actual) != shapeOf(expected)) {
        result.message = QStringLiteral("shape differs: %1 vs expected %2")
                             .arg(QString::fromStdString(toString(shapeOf(actual))),
                                  QString::fromStdString(toString(shapeOf(expected))));
        return result;
    }
    const double tol = dtypeOf(actual) == DType::Float32 ? tol32 : tol64;
    std::visit(
        [&](const auto& a) {
            using Tn = std::decay_t<decltype(a)>;
            const auto& b = std::get<Tn>(expected);
            result.ok = true;
            for (std::int64_t i = 0; i < a.numel(); ++i) {
                const double x = a[i], y = b[i];
                // NaN where PyTorch has NaN, the same infinity where it has one.
                if ((std::isnan(y) && std::isnan(x)) || x == y)
                    continue;
                const double err = relativeError(x, y);
                if (!(err <= tol) && result.ok) {
                    result.ok = false;
                    result.message = QStringLiteral("element %1: %2 vs expected %3 (error %4 > %5)")
                                         .arg(i)
                                         .arg(x, 0, 'g', 17)
                                         .arg(y, 0, 'g', 17)
                                         .arg(err)
                                         .arg(tol);
                }
                if (!std::isnan(err))
                    result.worst = std::max(result.worst, err);
                else
                    result.ok = false;
            }
        },
        actual);
    return result;
}

Comparison compareTextFiles(const QString& actualPath, const QString& expectedPath)
{
    Comparison result;
    QFile a(actualPath), b(expectedPath);
    if (!a.open(QIODevice::ReadOnly) || !b.open(QIODevice::ReadOnly)) {
        result.message = QStringLiteral("cannot open %1 or %2").arg(actualPath, expectedPath);
        return result;
    }
    const QByteArray x = a.readAll(), y = b.readAll();
    result.ok = x.trimmed() == y.trimmed();
    if (!result.ok)
        result.message =
            QStringLiteral("'%1' vs expected '%2'").arg(QString::fromUtf8(x.trimmed()), QString::fromUtf8(y.trimmed()));
    return result;
}

CliRun runCli(const QStringList& args)
{
    return runProgram(QStringLiteral(NORMSCOPE_CLI_PATH), args);
}

CliRun runProgram(const QString& program, const QStringList& args)
{
    CliRun run;
    QProcess process;
    process.start(program, args);
    if (!process.waitForFinished(120000)) {
        process.kill();
        run.crashed = true;
        return run;
    }
    run.crashed = process.exitStatus() != QProcess::NormalExit;
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QStringList filesBelow(const QString& dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << QDir(dir).relativeFilePath(it.next());
    files.sort();
    return files;
}

} // namespace normscope::test
