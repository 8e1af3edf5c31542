// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/application.h"

#include "ui/document/app_options.h"
#include "ui/main_window.h"
#include "ui/presenter_mode.h"
#include "ui/language_manager.h"
#include "ui/document/document.h"
#include "ui/document/session_file.h"
#include "ui/session_controller.h"
#include "ui/document/lesson_runner.h"
#include "ui/panels/lessons_panel.h"

#include "engine/core/error.h"
#include "engine/io/staged_outputs.h"
#include "ui/panels/pytorch_code_export.h"
#include "ui/window_exports.h"

#include <QApplication>
#include <QBuffer>
#include <QFileInfo>
#include <QScreen>
#include <QUndoStack>

#include <cstdio>

namespace normscope::ui {

namespace {

/**
 * The command line's outputs (--screenshot, --export-code, --export-table, --export-tensors,
 * --export-figure, --save-session): waits for the result, lets the window lay itself out and paint, then stages
 * every file through the same code as the menu command it mirrors and commits them together, so
 * either all are written or none (exit 2, one line on stderr).
 */
int writeHeadlessOutputs(Document& document, MainWindow& window, const AppOptions& options)
{
    document.waitUntilIdle();
    for (int i = 0; i < 5; ++i)
        QApplication::processEvents();
    try {
        StagedOutputs outputs;
        // The window first, as it is now: a figure of another view may change the current tab.
        if (!options.screenshot.isEmpty()) {
            // Encoded in memory, then staged like every other output: the destination checks,
            // permissions and all-or-nothing rule are the CLI's.
            QByteArray png;
            QBuffer buffer(&png);
            buffer.open(QIODevice::WriteOnly);
            if (!window.grab().save(&buffer, "PNG"))
                throw Error("cannot encode the screenshot as PNG");
            outputs.stage(options.screenshot.toStdString(), [&png](std::ostream& out) {
                out.write(png.constData(), static_cast<std::streamsize>(png.size()));
            });
        }
        if (!options.exportCode.isEmpty())
            stagePyTorchCode(outputs, *document.result(), options.exportCode.toStdString());
        WindowExports* exports = window.exports();
        if (!options.exportTable.isEmpty()) {
            if (options.compare)
                exports->stageComparisonTable(outputs, options.exportTable);
            else
                exports->stageStatisticsTable(outputs, options.exportTable);
        }
        if (!options.exportTensors.isEmpty())
            exports->stageTensors(outputs, options.exportTensors);
        if (!options.exportFigure.isEmpty())
            exports->stageFigure(outputs, options.figure, options.exportFigure, options.figureScale);
        if (!options.saveSession.isEmpty()) {
            const QByteArray json = sessionToJson(window.sessions()->session());
            outputs.stage(options.saveSession.toStdString(), [&json](std::ostream& out) {
                out.write(json.constData(), static_cast<std::streamsize>(json.size()));
            });
        }
        outputs.commit();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "normscope: %s\n", e.what());
        return 2;
    }
    return 0;
}

/// 1400x900 where it fits, else the screen's available area (a 1366x768 laptop or projector); a
/// headless platform has no screen to fit, so its pictures keep the documented size.
QSize defaultWindowSize()
{
    const QSize preferred(1400, 900);
    const QScreen* screen = QGuiApplication::primaryScreen();
    if (!screen || QGuiApplication::platformName() == QLatin1String("offscreen"))
        return preferred;
    // The title bar and frame come on top of the size set here.
    const QSize available = screen->availableGeometry().size() - QSize(16, 40);
    return preferred.boundedTo(available.expandedTo(QSize(640, 480)));
}

} // namespace

std::optional<int> exitWithoutWindow(const AppOptionsParse& parsed)
{
    if (!parsed.text.isEmpty()) {
        std::fputs(qPrintable(parsed.text), stdout);
        return 0;
    }
    if (!parsed.options) {
        std::fprintf(stderr, "normscope: %s\n", qPrintable(parsed.error));
        return 2;
    }
    if (parsed.options->listLessons) {
        for (const Lesson& lesson : builtInLessons())
            std::printf("%s\t%s\n", qPrintable(lesson.id), lesson.title.in(parsed.options->lang).toUtf8().constData());
        return 0;
    }
    return std::nullopt;
}

int runNormScope(const QStringList& arguments)
{
    const AppOptionsParse parsed = parseAppOptions(arguments);
    if (const auto status = exitWithoutWindow(parsed))
        return *status;
    return runNormScope(*parsed.options);
}

int runNormScope(const AppOptions& options)
{
    // --lesson: checked before any window exists, so a bad id is a command-line error (exit 2).
    int lessonIndex = -1;
    if (!options.lesson.isEmpty()) {
        const Lesson* lesson = findLesson(options.lesson);
        if (!lesson) {
            std::fprintf(stderr, "normscope: --lesson: no lesson '%s' (--list-lessons names them)\n",
                         qPrintable(options.lesson));
            return 2;
        }
        if (options.lessonStep > static_cast<int>(lesson->steps.size())) {
            std::fprintf(stderr, "normscope: --lesson-step: %s has %d steps, got %d\n", qPrintable(options.lesson),
                         static_cast<int>(lesson->steps.size()), options.lessonStep);
            return 2;
        }
        lessonIndex = static_cast<int>(lesson - builtInLessons().data());
    }
    LanguageManager::instance()->setLanguage(LanguageManager::startLanguage(options.lang));
    Document document(options.experiment);
    runStartingSteps(document, options);
    document.undoStack()->clear(); // the command line is the starting point, not an undo step

    if (!options.openSession.isEmpty())
        document.markSaved(QFileInfo(options.openSession).absoluteFilePath());

    MainWindow window(&document);
    const bool headless = hasHeadlessOutputs(options);
    // A size or a headless picture asks for a known layout; otherwise the window comes back as it was left.
    const bool restored = !options.size.isValid() && !headless && window.sessions()->restoreLayout();
    if (!restored)
        window.resize(options.size.isValid() ? options.size : defaultWindowSize());
    window.sessions()->setRemembersLayout(!headless);
    window.sessions()->setInteractive(!headless);
    window.setValueSource(options.colorBy);
    if (!options.note.isEmpty())
        window.showNotice(options.note);
    window.setAllGroupsHighlighted(options.allGroups);
    if (options.explodeAxis >= 0)
        window.setExploded(true, options.explodeAxis);
    window.setCompareShown(options.compare);
    window.show();
    // A headless picture at --size keeps that size; otherwise presenter mode is full screen.
    if (options.presenter)
        window.presenter()->setActive(true, !(headless && options.size.isValid()));
    if (options.select >= 0) {
        document.waitUntilIdle();
        window.selectCell(options.select);
    }
    window.lessonsPanel()->setLanguage(LanguageManager::instance()->language());
    if (lessonIndex >= 0) {
        // The lesson's step is the starting point, as the command line is: no undo step.
        if (!window.lessonsPanel()->openStep(lessonIndex, options.lessonStep - 1)) {
            std::fprintf(stderr, "normscope: --lesson %s: %s\n", qPrintable(options.lesson),
                         qPrintable(window.lessonsPanel()->error()));
            return 2;
        }
        document.waitUntilIdle();
        document.undoStack()->clear();
    }

    if (headless)
        return writeHeadlessOutputs(document, window, options);
    return QApplication::exec();
}

} // namespace normscope::ui
