// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// StagedOutputs in-process: the all-or-nothing rule holds even when a rename fails half-way
// through a commit, staging names say nothing about the destination, and nothing is left behind.

#include "engine/core/error.h"
#include "engine/io/staged_outputs.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace normscope;

namespace {

QByteArray contents(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

QStringList entries(const QString& dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

} // namespace

class TestStagedOutputs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void commitWritesEverything()
    {
        QTemporaryDir dir;
        const QString a = dir.filePath("a.txt"), b = dir.filePath("sub/deeper/b.txt");
        writeFile(a, "old a");
        StagedOutputs out;
        out.stageText(a.toStdString(), "new a");
        out.stageText(b.toStdString(), "new b", true);
        QCOMPARE(contents(a), QByteArray("old a"));   // nothing visible before commit
        QVERIFY(!QFile::exists(b));
        out.commit();
        QCOMPARE(contents(a), QByteArray("new a"));
        QCOMPARE(contents(b), QByteArray("new b"));
        QCOMPARE(entries(dir.path()), (QStringList{"a.txt", "sub"}));
    }

    void stagingNamesDoNotDeriveFromTheDestination()
    {
        QTemporaryDir dir;
        StagedOutputs first, second;
        first.stageText(dir.filePath("y.npy").toStdString(), "1");
        second.stageText(dir.filePath("z.npy").toStdString(), "2");
        const QStringList staged = entries(dir.path());
        QCOMPARE(staged.size(), 2);
        for (const QString& name : staged) {
            QVERIFY2(name.startsWith(".normscope-"), qPrintable(name));
            QVERIFY2(!name.contains("y.npy") && !name.contains("z.npy"), qPrintable(name));
        }
        QVERIFY(staged[0] != staged[1]);
    }

    void failedRenamePutsBackWhatWasReplaced()
    {
        QTemporaryDir dir;
        const QString a = dir.filePath("a.txt"), b = dir.filePath("b.txt"), c = dir.filePath("c.txt");
        writeFile(a, "old a");
        writeFile(b, "old b");
        StagedOutputs out;
        out.stageText(a.toStdString(), "new a");
        out.stageText(c.toStdString(), "new c");
        out.stageText(b.toStdString(), "new b");
        // b turns into a non-empty directory after staging: its rename must fail, after a and c
        // were already renamed into place.
        QVERIFY(QFile::remove(b));
        QVERIFY(QDir().mkpath(b + "/inside"));
        try {
            out.commit();
            QFAIL("commit succeeded over a directory");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("b.txt"), e.what());
        }
        QCOMPARE(contents(a), QByteArray("old a"));
        QVERIFY(!QFile::exists(c));
        QVERIFY(QFileInfo(b).isDir());
        QCOMPARE(entries(dir.path()), (QStringList{"a.txt", "b.txt"}));
    }

    void destructorWithoutCommitLeavesNothing()
    {
        QTemporaryDir dir;
        {
            StagedOutputs out;
            out.stageText(dir.filePath("a.txt").toStdString(), "a");
            out.stageText(dir.filePath("new/b.txt").toStdString(), "b", true);
        }
        QCOMPARE(entries(dir.path()), QStringList{});
    }

    void fileAndDirectoryCannotShareAName()
    {
        QTemporaryDir dir;
        StagedOutputs out;
        out.stageText(dir.filePath("m.npy").toStdString(), "mean");
        QVERIFY_THROWS_EXCEPTION(Error, out.stageText(dir.filePath("m.npy/running_mean.npy").toStdString(), "x", true));
        StagedOutputs other;
        other.stageText(dir.filePath("s/running_mean.npy").toStdString(), "x", true);
        QVERIFY_THROWS_EXCEPTION(Error, other.stageText(dir.filePath("s").toStdString(), "y"));
    }

    void emptyNameIsRefused()
    {
        StagedOutputs out;
        QVERIFY_THROWS_EXCEPTION(Error, out.stageText("", "x"));
    }
};

QTEST_GUILESS_MAIN(TestStagedOutputs)
#include "test_staged_outputs.moc"
