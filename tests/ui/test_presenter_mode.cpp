// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// Presenter mode (ui/presenter_mode.h) at 1920x1080: body text >= 22 px and the formula with it, cube
// labels >= 28 px, outlines twice as thick, the scale kept in the settings, F12's side panels, and
// leaving restores the fonts, the window state and the docks as they were.

#include "tests/support/temporary_settings.h"
#include "ui/actions.h"
#include "ui/cube/cube_view.h"
#include "ui/document/app_options.h"
#include "ui/document/document.h"
#include "ui/main_window.h"
#include "ui/panels/formula_panel.h"
#include "ui/presenter_mode.h"

#include <QAction>
#include <QDockWidget>
#include <QFontInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include "ui/panels/stats_table_view.h"

#include <QtTest>

using namespace normscope;
using namespace normscope::ui;

namespace {

int pixels(const QFont& font)
{
    return QFontInfo(font).pixelSize();
}

bool dockVisible(MainWindow& window, const char* name)
{
    auto* d = window.findChild<QDockWidget*>(QLatin1String(name));
    return d && d->isVisibleTo(&window);
}

} // namespace

class TestPresenterMode : public QObject {
    Q_OBJECT

    test::TemporarySettings settings_;

private slots:
    void initTestCase()
    {
        QVERIFY(settings_.redirect()); // the choices this test writes go to a temporary folder
    }

    void readableFromTheBackAndRestored()
    {
        Document document(Experiment::demo());
        MainWindow window(&document);
        window.resize(1920, 1080);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        document.waitUntilIdle();
        window.selectCell(0);

        const int bodyBefore = pixels(window.font());
        const int formulaBefore = pixels(window.formulaPanel()->formulaFont());
        const int labelsBefore = pixels(window.cubeView()->axisLabelFont());
        const int captionBefore = pixels(window.cubeView()->captionFont());
        QVERIFY2(bodyBefore < 22, "the normal window's text is already large: the test would prove nothing");

        PresenterMode* presenter = window.presenter();
        QCOMPARE(presenter->scale(), 1.5);
        window.actions()->presenter()->trigger(); // F11, as the user presses it
        QVERIFY(presenter->isActive());
        QVERIFY(window.isFullScreen());
        window.showNormal(); // the offscreen screen is small; measure at the projector's 1920x1080
        window.resize(1920, 1080);
        QApplication::processEvents();

        QCOMPARE(pixels(window.font()), 23); // ceil(15 px x 1.5)
        QVERIFY2(pixels(window.formulaPanel()->formulaFont()) >= 22,
                 qPrintable(QString::number(pixels(window.formulaPanel()->formulaFont()))));
        QVERIFY2(pixels(window.cubeView()->axisLabelFont()) >= 28,
                 qPrintable(QString::number(pixels(window.cubeView()->axisLabelFont()))));
        QVERIFY(pixels(window.cubeView()->captionFont()) >= 28);
        QCOMPARE(window.cubeView()->lineScale(), 2.0);
        // The table's numbers are not elided at the larger font: every column holds its widest text.
        StatsTableView* table = window.statsTable();
        const QFontMetrics cells(table->font());
        for (int c = 0; c < table->model()->columnCount(); ++c)
            for (int r = 0; r < table->model()->rowCount(); ++r) {
                const QString text = table->model()->index(r, c).data().toString();
                QVERIFY2(
                    cells.horizontalAdvance(text) < table->columnWidth(c),
                    qPrintable(
                        QStringLiteral("column %1 (%2 px) cuts '%3'").arg(c).arg(table->columnWidth(c)).arg(text)));
            }

        // Ctrl+= and Ctrl+-: a quarter step each, kept in the settings.
        window.actions()->presenterLarger()->trigger();
        QApplication::processEvents(); // the application font reaches the widgets by events
        QCOMPARE(presenter->scale(), 1.75);
        QCOMPARE(pixels(window.font()), 27); // ceil(26.25)
        QCOMPARE(QSettings(QStringLiteral("NormScope"), QStringLiteral("NormScope"))
                     .value(QStringLiteral("presenter/scale"))
                     .toDouble(),
                 1.75);
        window.actions()->presenterSmaller()->trigger();
        window.actions()->presenterSmaller()->trigger();
        QApplication::processEvents();
        QCOMPARE(presenter->scale(), 1.25);
        QCOMPARE(pixels(window.font()), 19); // ceil(18.75)

        // F12: the side panels a class does not need go, the hovered element stays.
        QVERIFY(dockVisible(window, "controlsDock") && dockVisible(window, "codeDock"));
        window.actions()->presenterPanels()->trigger();
        QVERIFY(!dockVisible(window, "controlsDock"));
        QVERIFY(!dockVisible(window, "codeDock"));
        QVERIFY(dockVisible(window, "formulaDock"));

        window.actions()->presenter()->trigger(); // F11 again leaves
        QVERIFY(!presenter->isActive());
        QApplication::processEvents();
        QCOMPARE(pixels(window.font()), bodyBefore);
        QCOMPARE(pixels(window.formulaPanel()->formulaFont()), formulaBefore);
        QCOMPARE(pixels(window.cubeView()->axisLabelFont()), labelsBefore);
        QCOMPARE(pixels(window.cubeView()->captionFont()), captionBefore);
        QCOMPARE(window.cubeView()->lineScale(), 1.0);
        QVERIFY(!window.isFullScreen());
        QVERIFY(dockVisible(window, "controlsDock") && dockVisible(window, "codeDock"));
    }

    void scaleComesBackFromTheSettings()
    {
        QSettings(QStringLiteral("NormScope"), QStringLiteral("NormScope"))
            .setValue(QStringLiteral("presenter/scale"), 2.0);
        Document document(Experiment::demo());
        MainWindow window(&document);
        QCOMPARE(window.presenter()->scale(), 2.0);
        window.presenter()->setActive(true, false);
        QApplication::processEvents();
        QCOMPARE(pixels(window.font()), 30);
        window.presenter()->setActive(false);
        QSettings(QStringLiteral("NormScope"), QStringLiteral("NormScope")).remove(QStringLiteral("presenter"));
    }

    void commandLineStartsInIt()
    {
        const AppOptionsParse on = parseAppOptions({QStringLiteral("normscope"), QStringLiteral("--presenter")});
        QVERIFY(on.options && on.options->presenter);
        const AppOptionsParse off = parseAppOptions({QStringLiteral("normscope")});
        QVERIFY(off.options && !off.options->presenter);
    }
};

QTEST_MAIN(TestPresenterMode)
#include "test_presenter_mode.moc"
