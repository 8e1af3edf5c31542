// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#pragma once

// The window's command line run in-process, as gui_main.cpp runs it (headless outputs, exit codes).

#include "ui/application.h"
#include "ui/document/app_options.h"

#include <QString>
#include <QStringList>

namespace normscope::test {

/// normscope ARGS: the exit status; the parser's refusal, if any, in *error.
inline int runWindow(QStringList args, QString* error = nullptr)
{
    args.prepend(QStringLiteral("normscope"));
    const ui::AppOptionsParse parsed = ui::parseAppOptions(args);
    if (error)
        *error = parsed.error;
    if (const auto status = ui::exitWithoutWindow(parsed))
        return *status;
    return ui::runNormScope(*parsed.options);
}

} // namespace normscope::test
