// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/app_options.h"

#include <QStringList>

#include <optional>

namespace normscope::ui {

/// For --help (prints it) and unparsable options (prints the error): the exit status; nullopt when
/// the options describe a window to run. Needs no QApplication.
std::optional<int> exitWithoutWindow(const AppOptionsParse& parsed);

/**
 * The whole `normscope` program after QApplication exists: parses the command line (exit status 2
 * with a message on stderr for a bad option), builds the Document, runs --steps, shows the window and
 * either saves --screenshot and returns 0, or runs the event loop. A library function so that tests
 * can run the real command line in-process.
 */
int runNormScope(const QStringList& arguments);

/// The program with options already parsed (the executable parses before QApplication exists, so
/// a bad option is reported even without a display).
int runNormScope(const AppOptions& options);

} // namespace normscope::ui
