// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// The window at a 1366x768 laptop's size: every number of the statistics table is on screen, and the
// hover overlay never hides the colour bar or the mouse's cell, nor leaves the window.

#include "ui/cube/color_bar.h"
#include "ui/cube/cube_view.h"
#include "ui/document/document.h"
#include "ui/document/experiment.h"
#include "ui/document/lesson_runner.h"
#include "ui/main_window.h"
#include "ui/panels/lessons_panel.h"
#include "ui/panels/stats_table_view.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QTextBrowser>
#include <QtTest>

#include <optional>

using namespace normscope;
using namespace normscope::ui;

class TestWindowLayout : public QObject {
    Q_OBJECT

private slots:
    void tableShowsEveryColumnAt1366x768()
    {
        Document document(Experiment::demo()); // BatchNorm with running statistics: all ten columns
        MainWindow window(&document);
        window.resize(1366, 728);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::qWait(50); // the default dock sizes are applied after the first layout
        StatsTableView* table = window.statsTable();
        QCOMPARE(table->model()->columnCount(), 10);
        QVERIFY(table->isVisible());
        QVERIFY2(table->horizontalHeader()->length() <= table->viewport()->width(),
                 qPrintable(QStringLiteral("columns need %1 px, the table shows %2")
                                .arg(table->horizontalHeader()->length())
                                .arg(table->viewport()->width())));
        QVERIFY(!table->horizontalScrollBar()->isVisible());
    }

    /// A lesson's paragraph is read in full: the dock grows to it (here the longest of the
    /// images lesson at 1366x728 in large type), no scroll bar.
    void lessonParagraphIsShownWhole()
    {
        Document document(Experiment::demo());
        MainWindow window(&document);
        window.resize(1366, 728);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        int lesson = -1;
        for (int i = 0; i < static_cast<int>(builtInLessons().size()); ++i)
            if (builtInLessons()[static_cast<std::size_t>(i)].id == QLatin1String("images-instancenorm"))
                lesson = i;
        QVERIFY(lesson >= 0);
        QFont large = window.font(); // a projector's type (presenter mode scales the whole interface)
        large.setPointSizeF(large.pointSizeF() * 1.8);
        window.lessonsPanel()->setFont(large);
        QVERIFY(window.lessonsPanel()->openStep(lesson, 0));
        auto* text = window.lessonsPanel()->findChild<QTextBrowser*>(QStringLiteral("lessonText"));
        QVERIFY(text);
        QTRY_VERIFY(text->isVisible());
        QTRY_COMPARE(text->verticalScrollBar()->maximum(), 0);
        QVERIFY(text->height() > 3 * text->fontMetrics().lineSpacing());
    }

    void hoverOverlayAvoidsTheColourBar()
    {
        Document document(Experiment::demo());
        MainWindow window(&document);
        window.resize(1366, 728);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::qWait(50);
        auto* cube = window.findChild<CubeView*>(QStringLiteral("cubeView"));
        QVERIFY(cube);
        // The visible cell nearest the colour bar: the right edge of the cube, where the overlay's
        // first choice (right of the mouse) runs into the bar.
        std::optional<QPointF> rightmost;
        for (std::int64_t i = 0; i < document.result()->input.numel(); ++i)
            if (const auto p = cube->cellPosition(i); p && (!rightmost || p->x() > rightmost->x()))
                rightmost = p;
        QVERIFY(rightmost);
        QTest::mouseMove(cube, rightmost->toPoint());
        auto* overlay = window.findChild<QWidget*>(QStringLiteral("cubeHoverOverlay"));
        QVERIFY(overlay);
        QVERIFY(overlay->isVisible());
        const QRect box = overlay->geometry(); // window coordinates
        const QRect bar(cube->mapTo(&window, cube->colorBar()->geometry().topLeft()), cube->colorBar()->size());
        QVERIFY(window.rect().contains(box));
        QVERIFY2(!box.intersects(bar),
                 qPrintable(QStringLiteral("overlay %1,%2 %3x%4 over the bar at %5,%6")
                                .arg(box.x())
                                .arg(box.y())
                                .arg(box.width())
                                .arg(box.height())
                                .arg(bar.x())
                                .arg(bar.y())));
        QVERIFY(!box.contains(cube->mapTo(&window, rightmost->toPoint())));
        // It follows the hover: gone when the mouse leaves the cells.
        QTest::mouseMove(cube, QPoint(2, cube->height() - 2));
        QVERIFY(!overlay->isVisible());
    }
};

QTEST_MAIN(TestWindowLayout)
#include "test_window_layout.moc"
