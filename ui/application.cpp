// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/application.h"

#include "ui/document/app_options.h"
#include "ui/main_window.h"
#include "ui/document/document.h"
#include "ui/document/session_file.h"
#include "ui/session_controller.h"

#include "engine/core/error.h"
#include "engine/io/atomic_file.h"

#include <QApplication>
#include <QBuffer>
#include <QFileInfo>
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

/// Waits for the result, then writes the session the way File > Save As... does.
int saveSession(Document& document, MainWindow& window, const QString& path)
{
    document.waitUntilIdle();
    try {
        writeSessionFile(window.sessions()->session(), path);
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
    Document document(options.experiment);
    runStartingSteps(document, options);
    document.undoStack()->clear(); // the command line is the starting point, not an undo step

    if (!options.openSession.isEmpty())
        document.markSaved(QFileInfo(options.openSession).absoluteFilePath());

    MainWindow window(&document);
    const bool headless =
        !options.exportCode.isEmpty() || !options.screenshot.isEmpty() || !options.saveSession.isEmpty();
    // A size or a headless picture asks for a known layout; otherwise the window comes back as it was left.
    const bool restored = !options.size.isValid() && !headless && window.sessions()->restoreLayout();
    if (!restored)
        window.resize(options.size.isValid() ? options.size : defaultWindowSize());
    window.sessions()->setRemembersLayout(!headless);
    window.sessions()->setInteractive(!headless);
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

    if (headless) {
        if (!options.exportCode.isEmpty()) {
            if (const int status = exportCode(document, window, options.exportCode))
                return status;
        }
        if (!options.saveSession.isEmpty()) {
            if (const int status = saveSession(document, window, options.saveSession))
                return status;
        }
        if (!options.screenshot.isEmpty())
            return saveScreenshot(document, window, options.screenshot);
        return 0;
    }
    return QApplication::exec();
}

} // namespace normscope::ui
