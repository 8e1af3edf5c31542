// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/application.h"

#include "ui/document/app_options.h"
#include "ui/main_window.h"
#include "ui/document/document.h"
#include "ui/document/lesson_runner.h"
#include "ui/panels/lessons_panel.h"

#include "engine/core/error.h"
#include "engine/io/atomic_file.h"

#include <QApplication>
#include <QBuffer>
#include <QScreen>
#include <QUndoStack>

#include <cstdio>

namespace normscope::ui {

namespace {

/// Waits for the result, lets the window lay itself out and paint, then saves it.
int saveScreenshot(Document& document, MainWindow& window, const QString& path)
{
    document.waitUntilIdle();
    for (int i = 0; i < 5; ++i)
        QApplication::processEvents();
    // Encoded in memory, then written through the engine's staged writes like every other output:
    // the destination checks, permissions and all-or-nothing rule are the CLI's.
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    if (!window.grab().save(&buffer, "PNG")) {
        std::fprintf(stderr, "normscope: cannot encode the screenshot as PNG\n");
        return 1;
    }
    try {
        writeFileAtomically(path.toStdString(), [&png](std::ostream& out) { out.write(png.constData(), png.size()); });
    } catch (const Error& e) {
        std::fprintf(stderr, "normscope: %s\n", e.what());
        return 2;
    }
    return 0;
}

/// Waits for the result, then writes its PyTorch code the way File > Export PyTorch code... does.
int exportCode(Document& document, MainWindow& window, const QString& path)
{
    document.waitUntilIdle();
    try {
        window.exportPyTorchCodeTo(path);
    } catch (const Error& e) {
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
    Document document(options.experiment);
    runStartingSteps(document, options);
    document.undoStack()->clear(); // the command line is the starting point, not an undo step

    MainWindow window(&document);
    window.resize(options.size.isValid() ? options.size : defaultWindowSize());
    window.setValueSource(options.colorBy);
    window.setAllGroupsHighlighted(options.allGroups);
    if (options.explodeAxis >= 0)
        window.setExploded(true, options.explodeAxis);
    window.setCompareShown(options.compare);
    window.show();
    if (options.select >= 0) {
        document.waitUntilIdle();
        window.selectCell(options.select);
    }
    window.lessonsPanel()->setLanguage(options.lang);
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

    if (!options.exportCode.isEmpty() || !options.screenshot.isEmpty()) {
        if (!options.exportCode.isEmpty()) {
            if (const int status = exportCode(document, window, options.exportCode))
                return status;
        }
        if (!options.screenshot.isEmpty())
            return saveScreenshot(document, window, options.screenshot);
        return 0;
    }
    return QApplication::exec();
}

} // namespace normscope::ui
