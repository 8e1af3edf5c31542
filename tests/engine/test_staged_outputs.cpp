// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// StagedOutputs and writeFileAtomically in-process: the all-or-nothing rule holds even when a rename fails half-way
// through a commit, staging names say nothing about the destination, and nothing is left behind.

#include "engine/core/error.h"
#include "engine/io/atomic_file.h"
#include "engine/io/staged_outputs.h"
#include "tests/support/file_helpers.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace normscope;
using namespace normscope::test;

namespace {

QByteArray readBytes(const std::string& path)
{
    return fileContents(QString::fromStdString(path));
}

bool writeBytes(const std::string& path, const QByteArray& bytes)
{
    return writeFileContents(QString::fromStdString(path), bytes);
}

/// The test is single-threaded, so reading the umask by setting it back at once is safe here.
mode_t currentUmask()
{
    const mode_t mask = ::umask(022);
    ::umask(mask);
    return mask;
}

} // namespace

class TestStagedOutputs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void commitWritesEverything()
    {
        QTemporaryDir dir;
        const QString a = dir.filePath("a.txt"), b = dir.filePath("sub/deeper/b.txt");
        QVERIFY(writeFileContents(a, "old a"));
        StagedOutputs out;
        out.stageText(a.toStdString(), "new a");
        out.stageText(b.toStdString(), "new b", true);
        QCOMPARE(fileContents(a), QByteArray("old a")); // nothing visible before commit
        QVERIFY(!QFile::exists(b));
        out.commit();
        QCOMPARE(fileContents(a), QByteArray("new a"));
        QCOMPARE(fileContents(b), QByteArray("new b"));
        QCOMPARE(entriesOf(dir.path()), (QStringList{"a.txt", "sub"}));
    }

    void stagingNamesDoNotDeriveFromTheDestination()
    {
        QTemporaryDir dir;
        StagedOutputs first, second;
        first.stageText(dir.filePath("y.npy").toStdString(), "1");
        second.stageText(dir.filePath("z.npy").toStdString(), "2");
        const QStringList staged = entriesOf(dir.path());
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
        QVERIFY(writeFileContents(a, "old a"));
        QVERIFY(writeFileContents(b, "old b"));
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
        QCOMPARE(fileContents(a), QByteArray("old a"));
        QVERIFY(!QFile::exists(c));
        QVERIFY(QFileInfo(b).isDir());
        QCOMPARE(entriesOf(dir.path()), (QStringList{"a.txt", "b.txt"}));
    }

    void destructorWithoutCommitLeavesNothing()
    {
        QTemporaryDir dir;
        {
            StagedOutputs out;
            out.stageText(dir.filePath("a.txt").toStdString(), "a");
            out.stageText(dir.filePath("new/b.txt").toStdString(), "b", true);
        }
        QCOMPARE(entriesOf(dir.path()), QStringList{});
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

    // writeFileAtomically is one staged output.
    void atomicWriteIntoMissingDirectoryCreatesNothing()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("missing/out.txt").toStdString();
        bool called = false;
        try {
            writeFileAtomically(path, [&called](std::ostream& out) {
                called = true;
                out << "data";
            });
            QFAIL("writing into a missing directory succeeded");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains(QString::fromStdString(path)), e.what());
            QVERIFY2(QString(e.what()).contains("No such file or directory"), e.what());
        }
        QVERIFY(!called);
        QVERIFY(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).isEmpty());
    }

    void atomicWriteKeepsOldFileWhenCallbackThrows()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("out.txt").toStdString();
        QVERIFY(writeBytes(path, "old content"));
        bool threw = false;
        try {
            writeFileAtomically(path, [](std::ostream& out) {
                out << "half of the new con";
                out.flush();
                throw std::runtime_error("computation failed");
            });
        } catch (const std::runtime_error& e) {
            threw = QString(e.what()) == "computation failed";
        }
        QVERIFY(threw);
        QCOMPARE(readBytes(path), QByteArray("old content"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList{"out.txt"});
    }

    void atomicWriteKeepsOldFileWhenStreamFails()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("out.txt").toStdString();
        QVERIFY(writeBytes(path, "old content"));
        try {
            writeFileAtomically(path, [](std::ostream& out) {
                out << "new";
                out.setstate(std::ios::badbit); // what a full disk does to the stream
            });
            QFAIL("a failed stream was reported as success");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).startsWith(QString::fromStdString(path) + ": "), e.what());
        }
        QCOMPARE(readBytes(path), QByteArray("old content"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList{"out.txt"});
    }

    void atomicWriteReplacesAndKeepsPermissions()
    {
        QTemporaryDir dir;
        const std::string fresh = dir.filePath("fresh.txt").toStdString();
        writeFileAtomically(fresh, [](std::ostream& out) { out << "first"; });
        QCOMPARE(readBytes(fresh), QByteArray("first"));
        struct stat info {};
        QCOMPARE(::stat(fresh.c_str(), &info), 0);
        QCOMPARE(info.st_mode & 0777, 0666 & ~currentUmask());

        QVERIFY(::chmod(fresh.c_str(), 0640) == 0);
        writeFileAtomically(fresh, [](std::ostream& out) { out << "second, longer"; });
        QCOMPARE(readBytes(fresh), QByteArray("second, longer"));
        QCOMPARE(::stat(fresh.c_str(), &info), 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0640));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList{"fresh.txt"});
    }

    void failedStageLeavesNothingToCommit()
    {
        QTemporaryDir dir;
        const QString a = dir.filePath("a.txt"), b = dir.filePath("b.txt");
        StagedOutputs out;
        out.stageText(a.toStdString(), "a");
        QVERIFY_THROWS_EXCEPTION(Error, out.stage(b.toStdString(), [](std::ostream& s) {
            s << "half";
            s.setstate(std::ios::badbit);
        }));
        out.commit(); // a caller that handled the error commits the rest
        QCOMPARE(fileContents(a), QByteArray("a"));
        QCOMPARE(entriesOf(dir.path()), QStringList{"a.txt"});
    }

    void emptyNameIsRefused()
    {
        StagedOutputs out;
        QVERIFY_THROWS_EXCEPTION(Error, out.stageText("", "x"));
    }
};

QTEST_GUILESS_MAIN(TestStagedOutputs)
#include "test_staged_outputs.moc"
