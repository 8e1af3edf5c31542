// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// normscope: the window. Everything past the command line lives in ui::runNormScope.

#include "engine/io/signal_cleanup.h"
#include "ui/document/app_options.h"
#include "ui/application.h"
#include "ui/memory_tuning.h"

#include <QApplication>
#include <QFont>

#include <algorithm>

int main(int argc, char** argv)
{
    // Parsed before QApplication, so a bad option gets its message even where no display is.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const normscope::ui::AppOptionsParse parsed = normscope::ui::parseAppOptions(arguments);
    if (const auto status = normscope::ui::exitWithoutWindow(parsed))
        return *status;

    normscope::ui::returnLargeBuffersToTheSystem(); // before any thread exists
    normscope::installSignalCleanup();              // a screenshot interrupted leaves no staging file
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("NormScope"));
    QApplication::setApplicationDisplayName(QStringLiteral("NormScope"));
    QApplication::setDesktopFileName(QStringLiteral("normscope"));

    // A projector in a classroom: text a little larger than the desktop default.
    QFont font = QApplication::font();
    font.setPointSizeF(std::max(font.pointSizeF(), 10.5));
    QApplication::setFont(font);

    return normscope::ui::runNormScope(*parsed.options);
}
