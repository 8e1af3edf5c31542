// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
// Every user command is one QAction registered once (ui/actions.h): menus, toolbar and the controls
// panel's buttons show the same object, and its enabled state follows the Document in all of them.

#include "engine/io/npy.h"
#include "tests/support/file_helpers.h"
#include "ui/actions.h"
#include "ui/document/document.h"
#include "ui/main_window.h"
#include "ui/panels/controls_panel.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QUndoStack>
#include <QTemporaryDir>
#include <QToolBar>
#include <QToolButton>
#include <QtTest>

#include <map>
#include <set>

using namespace normscope;
using namespace normscope::ui;

namespace {

Experiment demoWith(NormKind kind)
{
    Experiment e = Experiment::demo(); // 4 x 6 x 5 x 5
    e.spec = defaultSpecFor(kind, e.shape);
    return e;
}

QMenu* menuNamed(MainWindow& window, const QString& title)
{
    for (QAction* a : window.menuBar()->actions())
        if (a->menu() && a->text() == title)
            return a->menu();
    return nullptr;
}

QAbstractButton* toolButtonFor(MainWindow& window, QAction* action)
{
    auto* bar = window.findChild<QToolBar*>(QStringLiteral("mainToolBar"));
    return bar ? qobject_cast<QAbstractButton*>(bar->widgetForAction(action)) : nullptr;
}

QStringList shortcutTexts(const QAction* action)
{
    QStringList out;
    for (const QKeySequence& k : action->shortcuts())
        out << k.toString(QKeySequence::PortableText);
    return out;
}

} // namespace

class TestActions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void shortcutsAsDocumented_data()
    {
        // The README's keys, one row per command.
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("keys");
        QTest::newRow("step") << "stepAction" << QStringList{"F5", "Ctrl+T"};
        QTest::newRow("fresh") << "stepFreshAction" << QStringList{"Shift+F5", "Ctrl+Shift+T"};
        QTest::newRow("reset running") << "resetRunningAction" << QStringList{"Ctrl+R"};
        QTest::newRow("compare") << "compareAction" << QStringList{"Ctrl+K"};
        QTest::newRow("undo") << "undoAction" << QStringList{"Ctrl+Z"};
        QTest::newRow("redo") << "redoAction" << QStringList{"Ctrl+Shift+Z", "Ctrl+Y"};
        QTest::newRow("reset view") << "resetViewAction" << QStringList{"Ctrl+0"};
        QTest::newRow("colour x") << "colourByInputAction" << QStringList{"Ctrl+1"};
        QTest::newRow("colour x-hat") << "colourByNormalizedAction" << QStringList{"Ctrl+2"};
        QTest::newRow("colour y") << "colourByOutputAction" << QStringList{"Ctrl+3"};
        QTest::newRow("colour dL/dx") << "colourByGradientAction" << QStringList{"Ctrl+4"};
        QTest::newRow("all groups") << "allGroupsAction" << QStringList{"Ctrl+G"};
        QTest::newRow("explode") << "explodeAction" << QStringList{"Ctrl+E"};
        QTest::newRow("load npy") << "openAction" << QStringList{"Ctrl+L"};
        QTest::newRow("new") << "newSessionAction" << QStringList{"Ctrl+N"};
        QTest::newRow("open session") << "openSessionAction" << QStringList{"Ctrl+O"};
        QTest::newRow("save") << "saveAction" << QStringList{"Ctrl+S"};
        QTest::newRow("save as") << "saveAsAction" << QStringList{"Ctrl+Shift+S"};
    }
    void shortcutsAsDocumented()
    {
        QFETCH(QString, name);
        QFETCH(QStringList, keys);
        Document document(demoWith(NormKind::Batch));
        MainWindow window(&document);
        const QList<QAction*> found = window.findChildren<QAction*>(name);
        QCOMPARE(found.size(), 1);
        QCOMPARE(shortcutTexts(found.first()), keys);
        QVERIFY(window.actions()->all().contains(found.first()));
    }

    void eachCommandExistsOnce()
    {
        Document document(demoWith(NormKind::Batch));
        MainWindow window(&document);
        // No key sequence is claimed twice anywhere in the window (an ambiguous shortcut fires nothing).
        std::map<QString, QString> owner;
        for (QAction* a : window.findChildren<QAction*>()) {
            for (const QString& key : shortcutTexts(a)) {
                const auto [it, inserted] = owner.emplace(key, a->text());
                QVERIFY2(inserted,
                         qPrintable(key + QStringLiteral(": ") + it->second + QStringLiteral(" and ") + a->text()));
            }
        }
        QVERIFY(owner.size() >= 18);
        // Each registered command: a unique name and text, and no other action with its text.
        std::set<QString> names;
        for (QAction* a : window.actions()->all()) {
            QVERIFY(names.insert(a->objectName()).second);
            int sameText = 0;
            for (QAction* other : window.findChildren<QAction*>())
                sameText += other->text() == a->text();
            QVERIFY2(sameText == 1, qPrintable(a->text()));
        }
        // Menus and toolbar hold the registered objects themselves.
        const Actions* actions = window.actions();
        QMenu* run = menuNamed(window, QStringLiteral("&Run"));
        QVERIFY(run);
        QCOMPARE(run->actions(), (QList<QAction*>{actions->step(), actions->stepFresh(), actions->resetRunning()}));
        QMenu* edit = menuNamed(window, QStringLiteral("&Edit"));
        QVERIFY(edit && edit->actions().contains(actions->undo()) && edit->actions().contains(actions->redo()));
        QMenu* view = menuNamed(window, QStringLiteral("&View"));
        QVERIFY(view && view->actions().contains(actions->compare()) && view->actions().contains(actions->explode()));
        for (QAction* a :
             {actions->undo(), actions->redo(), actions->step(), actions->stepFresh(), actions->resetRunning()})
            QVERIFY(toolButtonFor(window, a));
    }

    void panelButtonTriggersTheMenuAction()
    {
        Document document(demoWith(NormKind::Batch));
        MainWindow window(&document);
        window.show();
        QAction* step = window.actions()->step();
        QMenu* run = menuNamed(window, QStringLiteral("&Run"));
        QVERIFY(run && run->actions().first() == step);
        QSignalSpy triggered(step, &QAction::triggered);

        window.controls()->stepButton()->click();
        QVERIFY(document.waitUntilIdle());
        QCOMPARE(triggered.count(), 1);
        QCOMPARE(document.experiment().num_batches_tracked, std::int64_t(1));
        toolButtonFor(window, step)->click();
        QVERIFY(document.waitUntilIdle());
        QCOMPARE(triggered.count(), 2);
        QCOMPARE(document.experiment().num_batches_tracked, std::int64_t(2));
        step->trigger(); // what the menu entry and F5 do
        QVERIFY(document.waitUntilIdle());
        QCOMPARE(document.experiment().num_batches_tracked, std::int64_t(3));

        QSignalSpy reset(window.actions()->resetRunning(), &QAction::triggered);
        window.controls()->resetRunningButton()->click();
        QCOMPARE(reset.count(), 1);
        QCOMPARE(document.experiment().num_batches_tracked, std::int64_t(0));

        // The panel's buttons carry the action's tooltip, written once.
        QCOMPARE(window.controls()->stepButton()->toolTip(), step->toolTip());
        QVERIFY(step->toolTip().contains(QStringLiteral("F5")));
        QCOMPARE(window.controls()->loadButton()->toolTip(), window.actions()->open()->toolTip());
        QVERIFY(window.controls()->loadButton()->isEnabled());
    }

    void enablingFollowsTheDocument_data()
    {
        // PyTorch keeps running statistics only in BatchNorm and InstanceNorm with track_running_stats.
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("track");
        QTest::addColumn<bool>("running");
        QTest::newRow("batch") << int(NormKind::Batch) << true << true;
        QTest::newRow("batch untracked") << int(NormKind::Batch) << false << false;
        QTest::newRow("instance tracked") << int(NormKind::Instance) << true << true;
        QTest::newRow("instance") << int(NormKind::Instance) << false << false;
        QTest::newRow("layer") << int(NormKind::Layer) << false << false;
        QTest::newRow("group") << int(NormKind::Group) << false << false;
        QTest::newRow("rms") << int(NormKind::Rms) << false << false;
    }
    void enablingFollowsTheDocument()
    {
        QFETCH(int, kind);
        QFETCH(bool, track);
        QFETCH(bool, running);
        // Start from the opposite state so that every row is a change the views must follow.
        Document document(demoWith(running ? NormKind::Layer : NormKind::Batch));
        MainWindow window(&document);
        window.show();
        const Actions* a = window.actions();
        QCOMPARE(a->step()->isEnabled(), !running);

        document.setNormKind(NormKind(kind));
        if (document.experiment().spec.track_running_stats != track)
            document.setTrackRunningStats(track);
        ControlsPanel* panel = window.controls();
        for (QAction* action : {a->step(), a->stepFresh(), a->resetRunning()})
            QCOMPARE(action->isEnabled(), running);
        for (QAbstractButton* button :
             {static_cast<QAbstractButton*>(panel->stepButton()),
              static_cast<QAbstractButton*>(panel->stepFreshButton()),
              static_cast<QAbstractButton*>(panel->resetRunningButton()), toolButtonFor(window, a->step()),
              toolButtonFor(window, a->stepFresh()), toolButtonFor(window, a->resetRunning())})
            QCOMPARE(button->isEnabled(), running);
        // F5 steps (one undo step) only where there are running statistics to move.
        QApplication::setActiveWindow(&window);
        QVERIFY(QTest::qWaitForWindowActive(&window));
        const int undoSteps = document.undoStack()->count();
        QTest::keyClick(&window, Qt::Key_F5);
        QVERIFY(document.waitUntilIdle());
        QCOMPARE(document.undoStack()->count(), undoSteps + (running ? 1 : 0));
    }

    void loadedInputHasNoFreshBatch()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("x.npy"));
        test::writeRampNpy(path);

        Document document(demoWith(NormKind::Batch));
        MainWindow window(&document);
        const Actions* a = window.actions();
        ControlsPanel* panel = window.controls();
        QVERIFY(a->stepFresh()->isEnabled() && panel->stepFreshButton()->isEnabled());
        QVERIFY(!a->useGenerator()->isEnabled());
        QVERIFY(document.loadNpy(path));
        QVERIFY(a->step()->isEnabled() && panel->stepButton()->isEnabled());
        QVERIFY(!a->stepFresh()->isEnabled() && !panel->stepFreshButton()->isEnabled());
        QVERIFY(a->useGenerator()->isEnabled());
        QPushButton* useGenerator = panel->findChild<QPushButton*>(QStringLiteral("useGeneratorButton"));
        QVERIFY(useGenerator && useGenerator->isEnabled());
        useGenerator->click();
        QVERIFY(!document.experiment().isLoaded());
        QVERIFY(!a->useGenerator()->isEnabled() && !useGenerator->isEnabled());
        QVERIFY(a->stepFresh()->isEnabled() && panel->stepFreshButton()->isEnabled());
    }

    void undoRedoFollowTheStack()
    {
        Document document(demoWith(NormKind::Batch));
        Actions actions(&document);
        QVERIFY(!actions.undo()->isEnabled());
        QVERIFY(!actions.redo()->isEnabled());
        document.setEps(0.1);
        QVERIFY(actions.undo()->isEnabled());
        QVERIFY(actions.undo()->toolTip().contains(document.undoStack()->undoText()));
        actions.undo()->trigger();
        QCOMPARE(*document.experiment().spec.eps, 1e-5);
        QVERIFY(!actions.undo()->isEnabled());
        QVERIFY(actions.redo()->isEnabled());
        actions.redo()->trigger();
        QCOMPARE(*document.experiment().spec.eps, 0.1);
    }

    void compareCheckedFollowsTheDocument()
    {
        Document document(demoWith(NormKind::Batch));
        MainWindow window(&document);
        QAction* compare = window.actions()->compare();
        QVERIFY(!compare->isChecked());
        compare->trigger(); // the menu entry, Ctrl+K
        QVERIFY(compare->isChecked());
        QVERIFY(document.isCompareEnabled());
        QVERIFY(window.isCompareShown());
        window.setCompareShown(false); // the tab
        QVERIFY(!compare->isChecked());
        QVERIFY(!document.isCompareEnabled());
        document.setCompareEnabled(true); // the document itself
        QVERIFY(compare->isChecked());
        QVERIFY(window.isCompareShown());
    }
};

QTEST_MAIN(TestActions)
#include "test_actions.moc"
