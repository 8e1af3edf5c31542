// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "tests/support/temporary_settings.h"
#include "../support/file_helpers.h"
#include "engine/io/npy.h"
#include "ui/actions.h"
#include "ui/application.h"
#include "ui/cube/cube_view.h"
#include "ui/document/app_options.h"
#include "ui/document/document.h"
#include "ui/document/session_file.h"
#include "ui/main_window.h"
#include "ui/recent_files.h"
#include "ui/session_controller.h"

#include <QAction>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace normscope;
using namespace normscope::ui;
using normscope::test::fileContents;
using normscope::test::writeFileContents;

namespace {

Experiment small()
{
    Experiment e = Experiment::demo();
    e.shape = {3, 4, 2, 3};
    e.spec = defaultSpecFor(NormKind::Batch, e.shape);
    return e;
}

AppOptions parsed(const QStringList& args)
{
    const AppOptionsParse p = parseAppOptions(QStringList{QStringLiteral("normscope")} + args);
    if (!p.options)
        qWarning("%s", qPrintable(p.error));
    return p.options.value_or(AppOptions{});
}

QString parseError(const QStringList& args)
{
    return parseAppOptions(QStringList{QStringLiteral("normscope")} + args).error;
}

} // namespace

/// The window's sessions: title and modified mark, open and save through the controller, the
/// recent files, the command line's --open and --save-session. The settings go to a temporary folder.
class TestSessionsWindow : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    test::TemporarySettings settings_;

    QString path(const char* name) const { return dir_.filePath(QLatin1String(name)); }

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid() && settings_.redirect());
        QSettings s(QStringLiteral("NormScope"), QStringLiteral("NormScope"));
        QVERIFY2(s.fileName().startsWith(settings_.path()), qPrintable(s.fileName()));
    }

    void titleShowsFileAndModifiedMark()
    {
        Document document(small());
        MainWindow window(&document);
        window.sessions()->setInteractive(false);
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("Untitled[*] \u2014 BatchNorm2d")));
        QVERIFY(!window.windowTitle().contains(QStringLiteral("NormScope")));
        QVERIFY(!window.isWindowModified());
        document.setAffine(false);
        QVERIFY(window.isWindowModified());
        document.undoStack()->undo();
        QVERIFY(!window.isWindowModified());
        document.undoStack()->redo();
        QVERIFY(window.isWindowModified());
        QString error;
        QVERIFY2(window.sessions()->saveTo(path("title.normscope"), &error), qPrintable(error));
        QVERIFY(!window.isWindowModified());
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("title.normscope[*]")));
        document.step();
        QVERIFY(document.waitUntilIdle());
        QVERIFY(window.isWindowModified());
        document.undoStack()->undo();
        QVERIFY(!window.isWindowModified());
    }

    void saveAndOpenThroughTheWindow()
    {
        Document document(small());
        MainWindow window(&document);
        window.sessions()->setInteractive(false);
        document.setNormKind(NormKind::Group);
        document.setNumGroups(2);
        window.setValueSource(2);
        window.setExploded(true, 1);
        window.setAllGroupsHighlighted(true);
        window.selectCell(7);
        const Session saved = window.sessions()->session();
        QCOMPARE(saved.view.colorBy, 2);
        QCOMPARE(saved.view.explodeAxis, 1);
        QCOMPARE(saved.view.select, std::int64_t(7));
        QVERIFY(window.sessions()->saveTo(path("window.normscope")));

        Document other;
        MainWindow second(&other);
        second.sessions()->setInteractive(false);
        QVERIFY(second.sessions()->openFile(path("window.normscope")));
        QVERIFY(sameBits(other.experiment(), document.experiment()));
        QVERIFY(second.sessions()->session().view == saved.view);
        QCOMPARE(second.cubeView()->selectedCell(), std::int64_t(7));
        QCOMPARE(other.undoStack()->count(), 0);
        QVERIFY(!second.isWindowModified());
        QCOMPARE(other.fileName(), QFileInfo(path("window.normscope")).absoluteFilePath());
        QCOMPARE(second.sessions()->recentFiles()->files().first(), other.fileName());
        // The session dialogs start where the last session was (kept in the settings).
        QCOMPARE(SessionController::lastFolder(QStringLiteral("session")), QFileInfo(dir_.path()).absoluteFilePath());
    }

    void refusedFileChangesNothing()
    {
        Document document(small());
        MainWindow window(&document);
        window.sessions()->setInteractive(false);
        document.setEps(0.25);
        const Experiment before = document.experiment();
        const int undoCount = document.undoStack()->count();
        const QString title = window.windowTitle();
        QVERIFY(writeFileContents(path("newer.normscope"),
                                  "{\"format\": \"normscope-session\", \"version\": 99, \"module\": {}}"));
        QString error;
        QVERIFY(!window.sessions()->openFile(path("newer.normscope"), &error));
        QVERIFY2(error.contains(QStringLiteral("newer.normscope: it was written by a newer NormScope")),
                 qPrintable(error));
        QVERIFY(document.experiment() == before);
        QCOMPARE(document.undoStack()->count(), undoCount);
        QCOMPARE(window.windowTitle(), title);
        QVERIFY(window.isWindowModified());
    }

    void newStartsFromTheDemo()
    {
        Document document(small());
        MainWindow window(&document);
        window.sessions()->setInteractive(false);
        document.setAffine(false);
        window.actions()->newSession()->trigger();
        QVERIFY(sameBits(document.experiment(), Experiment::demo()));
        QVERIFY(!window.isWindowModified());
        QCOMPARE(document.undoStack()->count(), 0);
    }

    /// Quit and New with unsaved changes ask Save / Discard / Cancel; Cancel keeps everything.
    void unsavedChangesAsk()
    {
        Document document(small());
        MainWindow window(&document);
        window.show();
        document.setAffine(false);
        QStringList seen;
        const auto answerWith = [&seen](QMessageBox::StandardButton button) {
            QTimer::singleShot(0, [&seen, button] {
                auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
                if (!box)
                    return;
                seen << box->text();
                QVERIFY(box->button(QMessageBox::Save) && box->button(QMessageBox::Discard));
                box->button(button)->click();
            });
        };
        answerWith(QMessageBox::Cancel);
        QVERIFY(!window.close());
        QVERIFY(window.isVisible());
        answerWith(QMessageBox::Cancel);
        window.actions()->newSession()->trigger();
        QVERIFY(!document.experiment().spec.affine); // New was cancelled
        answerWith(QMessageBox::Discard);
        window.actions()->newSession()->trigger();
        QVERIFY(sameBits(document.experiment(), Experiment::demo()));
        QCOMPARE(seen.size(), 3);
        QCOMPARE(seen.first(), QStringLiteral("Save the changes to Untitled first?"));
        // Unmodified: no question.
        QVERIFY(window.close());
        QCOMPARE(seen.size(), 3);
    }

    void recentFilesKeepEightNewestFirst()
    {
        RecentFiles recent;
        recent.clear();
        for (int i = 0; i < 10; ++i)
            recent.add(path(qPrintable(QStringLiteral("r%1.normscope").arg(i))));
        recent.add(path("r5.normscope"));
        const QStringList files = recent.files();
        QCOMPARE(files.size(), 8);
        QCOMPARE(files[0], path("r5.normscope"));
        QCOMPARE(files[1], path("r9.normscope"));
        QVERIFY(!files.contains(path("r0.normscope")));
        QVERIFY(!files.contains(path("r1.normscope")));
        // Kept in the settings: a new list sees them.
        QCOMPARE(RecentFiles().files(), files);

        // A missing file is removed from the menu when chosen.
        Document document(small());
        MainWindow window(&document);
        window.sessions()->setInteractive(false);
        QMenu* menu = window.sessions()->recentMenu();
        QCOMPARE(menu->actions().size(), 8 + 2); // files, separator, Clear list
        menu->actions().first()->trigger();
        QCOMPARE(window.sessions()->recentFiles()->files().size(), 7);
        QVERIFY(!window.sessions()->recentFiles()->files().contains(path("r5.normscope")));
        window.actions()->clearRecent()->trigger();
        QVERIFY(window.sessions()->recentFiles()->files().isEmpty());
        QVERIFY(!window.actions()->clearRecent()->isEnabled());
    }

    void layoutRoundTripsThroughSettings()
    {
        {
            Document document(small());
            MainWindow window(&document);
            window.sessions()->setRemembersLayout(true);
            window.resize(1180, 760);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.close();
        }
        Document document(small());
        MainWindow window(&document);
        QVERIFY(window.sessions()->restoreLayout());
        QCOMPARE(window.size(), QSize(1180, 760));
    }

    /// --save-session writes what the same options show; --open gives it back exactly.
    void saveSessionThenOpenOnTheCommandLine()
    {
        const QString file = path("cli.normscope");
        const QStringList options{
            QStringLiteral("--norm"),     QStringLiteral("batch"),     QStringLiteral("--steps"),
            QStringLiteral("4"),          QStringLiteral("--seed"),    QStringLiteral("7"),
            QStringLiteral("--momentum"), QStringLiteral("0.3"),       QStringLiteral("--color-by"),
            QStringLiteral("y"),          QStringLiteral("--explode"), QStringLiteral("c"),
            QStringLiteral("--select"),   QStringLiteral("5"),         QStringLiteral("--size"),
            QStringLiteral("800x600")};
        QCOMPARE(runNormScope(QStringList{QStringLiteral("normscope")} + options
                              + QStringList{QStringLiteral("--save-session"), file}),
                 0);
        QVERIFY(QFileInfo::exists(file));

        const AppOptions direct = parsed(options);
        Document expected(direct.experiment);
        runStartingSteps(expected, direct);
        QCOMPARE(expected.experiment().num_batches_tracked, std::int64_t(3));

        const AppOptions opened = parsed({QStringLiteral("--open"), file});
        QVERIFY(sameBits(opened.experiment, expected.experiment()));
        QCOMPARE(opened.colorBy, 2);
        QCOMPARE(opened.explodeAxis, 1);
        QCOMPARE(opened.select, std::int64_t(5));
        QCOMPARE(opened.openSession, file);
        // A positional argument opens it too, and combines with the window's size and outputs.
        const AppOptions positional = parsed({file, QStringLiteral("--size"), QStringLiteral("900x700")});
        QVERIFY(sameBits(positional.experiment, expected.experiment()));
        QCOMPARE(positional.size, QSize(900, 700));

        // The desktop entry's Exec=normscope %f with an array: a positional .npy is the input.
        const QString array = path("double-clicked.npy");
        Tensor<float> t(Shape{2, 3, 2});
        for (std::int64_t i = 0; i < t.numel(); ++i)
            t[i] = float(i) * 0.5f;
        writeNpy(array.toStdString(), t);
        const AppOptions clicked = parsed({array});
        QVERIFY(clicked.experiment.isLoaded());
        QCOMPARE(clicked.experiment.shape, (Shape{2, 3, 2}));
        QCOMPARE(clicked.experiment.loadedPath, array.toStdString());

        // Saved again from the opened state: the same file, byte for byte.
        const QString again = path("cli-again.normscope");
        QCOMPARE(runNormScope({QStringLiteral("normscope"), file, QStringLiteral("--save-session"), again}), 0);
        QCOMPARE(fileContents(again), fileContents(file));
    }

    void openRefusesOptionsThatChangeTheState()
    {
        const QString file = path("refuse.normscope");
        Document document(small());
        writeSessionFile(Session{document.experiment(), {}}, file);
        QVERIFY(parseError({QStringLiteral("--open"), file, QStringLiteral("--norm"), QStringLiteral("layer")})
                    .startsWith(QStringLiteral("--open: --norm would change the session's saved state")));
        QVERIFY(parseError({file, QStringLiteral("--color-by"), QStringLiteral("y")})
                    .contains(QStringLiteral("--color-by")));
        QVERIFY(parseError({file, QStringLiteral("--open"), file}).contains(QStringLiteral("--open")));
        QCOMPARE(parseError({path("x.txt")}),
                 QStringLiteral("unexpected argument '%1' (options start with --)").arg(path("x.txt")));
        QVERIFY(writeFileContents(path("truncated.normscope"), fileContents(file).left(40)));
        QVERIFY(parseError({QStringLiteral("--open"), path("truncated.normscope")})
                    .startsWith(path("truncated.normscope") + QStringLiteral(": not a NormScope session")));
        const AppOptionsParse help = parseAppOptions({QStringLiteral("normscope"), QStringLiteral("--help")});
        QVERIFY(help.text.contains(QStringLiteral("--open FILE.normscope")));
        QVERIFY(help.text.contains(QStringLiteral("--save-session FILE.normscope")));
    }

    void saveSessionFailureExitsTwoWithoutFile()
    {
        const QString target = path("missing-folder/out.normscope");
        QCOMPARE(runNormScope({QStringLiteral("normscope"), QStringLiteral("--save-session"), target}), 2);
        QVERIFY(!QFileInfo::exists(target));
    }
};

QTEST_MAIN(TestSessionsWindow)
#include "test_sessions_window.moc"
