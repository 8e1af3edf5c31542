// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "tests/support/fixture_check.h"

#include "engine/core/error.h"
#include "app/cli/forward_command.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

namespace normscope::test {

CliRun runForwardInProcess(const QStringList& args)
{
    std::vector<std::string> list;
    for (const QString& a : args)
        list.push_back(a.toStdString());
    CliRun run;
    try {
        for (const std::string& warning : runForwardCommand(list))
            run.err += "normscope-cli: warning: " + QString::fromStdString(warning) + "\n";
        run.exitCode = 0;
    } catch (const Error& e) {
        run.exitCode = 2;
        run.err = QString::fromStdString(e.what()) + "\n";
    }
    return run;
}

double checkFixtureCase(const FixtureCase& c, const CommandRunner& run)
{
    QTemporaryDir out;
    if (!out.isValid()) {
        QTest::qFail("cannot create a temporary directory", __FILE__, __LINE__);
        return 0;
    }
    if (c.args.isEmpty()) {
        QTest::qFail(qPrintable(c.name + ": the case folder has no args.txt"), __FILE__, __LINE__);
        return 0;
    }
    const CliRun result = run(resolveArgs(c, out.path()));
    if (result.exitCode != 0) {
        QTest::qFail(qPrintable(QStringLiteral("%1 exited %2: %3").arg(c.name).arg(result.exitCode).arg(result.err)),
                     __FILE__, __LINE__);
        return 0;
    }
    double worst = 0;
    const QStringList files = expectedOutputs(c);
    if (files.isEmpty())
        QTest::qFail(qPrintable(c.name + ": the case asks for no output"), __FILE__, __LINE__);
    for (const QString& file : files) {
        const QString actual = QDir(out.path()).filePath(file);
        const QString expected = QDir(c.dir).filePath("expected/" + file);
        const Comparison cmp = file.endsWith(".txt") ? compareTextFiles(actual, expected)
                                                     : compareNpyFiles(actual, expected, kTolerance32, kTolerance64);
        if (!cmp.ok) {
            QTest::qFail(qPrintable(QStringLiteral("%1/%2: %3").arg(c.name, file, cmp.message)), __FILE__, __LINE__);
            return worst;
        }
        worst = std::max(worst, cmp.worst);
    }
    return worst;
}

namespace {

void checkRefusalIn(const QString& description, const std::function<QStringList(const QString& outDir)>& makeArgs,
                    const CommandRunner& run, const QString& keyPhrase = QString())
{
    QTemporaryDir out;
    const CliRun result = run(makeArgs(out.path()));
    QVERIFY2(!result.crashed, qPrintable(description));
    QVERIFY2(result.exitCode == 2,
             qPrintable(QStringLiteral("%1: exit status %2, expected 2; stderr: %3")
                            .arg(description)
                            .arg(result.exitCode)
                            .arg(result.err)));
    const QString err = result.err.trimmed();
    QVERIFY2(!err.isEmpty(), "a refusal says why on stderr");
    QVERIFY2(!err.contains('\n'), qPrintable("one line on stderr, got: " + result.err));
    QVERIFY2(keyPhrase.isEmpty() || err.contains(keyPhrase, Qt::CaseInsensitive),
             qPrintable(QStringLiteral("%1: the message does not contain '%2' (PyTorch's key phrase): %3")
                            .arg(description, keyPhrase, err)));
    QVERIFY2(filesBelow(out.path()).isEmpty(),
             qPrintable("a refused command wrote " + filesBelow(out.path()).join(", ")));
}

} // namespace

void checkRefusal(const QStringList& args, const CommandRunner& run)
{
    checkRefusalIn(
        args.join(' '),
        [&](const QString& outDir) {
            QStringList resolved = args;
            for (QString& a : resolved)
                a.replace(QStringLiteral("{out}"), outDir);
            return resolved;
        },
        run);
}

void checkRefusal(const FixtureCase& c, const CommandRunner& run)
{
    QVERIFY2(!c.args.isEmpty(), qPrintable(c.name + ": the case folder has no args.txt"));
    QVERIFY2(QFile::exists(c.dir + "/pytorch_error.txt"), qPrintable(c.name + ": no pytorch_error.txt"));
    // The rule (tests/fixtures/README.md): where PyTorch's message and NormScope's share a phrase,
    // key_phrase.txt holds it (part of pytorch_error.txt) and NormScope's message must contain it.
    QString keyPhrase;
    QFile phraseFile(c.dir + "/key_phrase.txt");
    if (phraseFile.open(QIODevice::ReadOnly))
        keyPhrase = QString::fromUtf8(phraseFile.readAll()).trimmed();
    checkRefusalIn(
        c.name, [&](const QString& outDir) { return resolveArgs(c, outDir); }, run, keyPhrase);
}

} // namespace normscope::test
