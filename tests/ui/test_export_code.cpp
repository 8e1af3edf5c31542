// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// The window's --export-code, which stages the files through stagePyTorchCode like File > Export >
// PyTorch code...: the code parses (python3 -m py_compile, no torch needed), x is a literal up to
// 1000 elements and a .npy beside the .py beyond, and a failed export writes nothing and exits 2.
// tests/check_exported_code.py runs the code with torch (not here: CI has no torch).

#include "engine/io/npy.h"
#include "ui/application.h"
#include "ui/document/app_options.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace normscope;
using namespace normscope::ui;

namespace {

int exportWith(QStringList args)
{
    args.prepend(QStringLiteral("normscope"));
    const AppOptionsParse parsed = parseAppOptions(args);
    if (const auto status = exitWithoutWindow(parsed))
        return *status;
    return runNormScope(*parsed.options);
}

bool pyCompiles(const QString& path, QString* output)
{
    QProcess p;
    p.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-m"), QStringLiteral("py_compile"), path});
    if (!p.waitForFinished(60000))
        return false;
    *output = QString::fromUtf8(p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

QString contents(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace

class TestExportCode : public QObject {
    Q_OBJECT

private slots:
    void exportedCodeParses_data();
    void exportedCodeParses();
    void failedExportWritesNothing();
};

void TestExportCode::exportedCodeParses_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("sideFile");
    QTest::addRow("batch steps") << QStringList{"--norm", "batch", "--shape", "2,3,4,5", "--steps", "3"} << false;
    QTest::addRow("batch eval momentum none")
        << QStringList{"--norm", "batch", "--shape", "4,3", "--momentum", "none", "--eval", "--steps", "2"} << false;
    QTest::addRow("group float64") << QStringList{"--norm",       "group", "--shape", "2,6,3,3",
                                                  "--num-groups", "3",     "--dtype", "float64"}
                                   << false;
    QTest::addRow("layer > 1000") << QStringList{"--norm", "layer", "--shape", "4,8,8,8"} << true;
    QTest::addRow("instance > 1000 float64")
        << QStringList{"--norm", "instance", "--shape", "2,3,6,8,8", "--dtype", "float64", "--affine"} << true;
    QTest::addRow("rms") << QStringList{"--norm", "rms", "--shape", "3,4,5"} << false;
}

void TestExportCode::exportedCodeParses()
{
    QFETCH(QStringList, args);
    QFETCH(bool, sideFile);
    if (!QFileInfo::exists(QStringLiteral("/usr/bin/python3")))
        QSKIP("no /usr/bin/python3");
    QTemporaryDir dir;
    const QString py = dir.filePath(QStringLiteral("state.py"));
    QCOMPARE(exportWith(args << QStringLiteral("--export-code") << py), 0);
    const QString text = contents(py);
    QVERIFY(text.contains(QStringLiteral("\ny = ")));
    QString error;
    QVERIFY2(pyCompiles(py, &error), qPrintable(error));
    const QString npy = dir.filePath(QStringLiteral("state_x.npy"));
    QCOMPARE(QFileInfo::exists(npy), sideFile);
    if (sideFile) {
        QVERIFY(text.contains(QStringLiteral("np.load(os.path.join(here, \"state_x.npy\"))")));
        const AnyTensor x = readNpy(npy.toStdString());
        QVERIFY(std::visit([](const auto& t) { return t.numel(); }, x) > 1000);
    } else {
        QVERIFY(text.contains(QStringLiteral("x = torch.tensor([")));
    }
}

void TestExportCode::failedExportWritesNothing()
{
    QTemporaryDir dir;
    // The .py's directory does not exist: refused, and no .npy is left beside where it would go.
    const QString py = dir.filePath(QStringLiteral("missing/state.py"));
    QCOMPARE(exportWith({"--norm", "layer", "--shape", "4,8,8,8", "--export-code", py}), 2);
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList{});
    // A directory as the destination is refused too.
    QCOMPARE(exportWith({"--norm", "layer", "--shape", "4,8,8,8", "--export-code", dir.path()}), 2);
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList{});
}

QTEST_MAIN(TestExportCode)
#include "test_export_code.moc"
