// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#pragma once

// Never the user's settings: QStandardPaths' test mode and QSettings' user scope in a temporary
// folder, for the tests that write the language, presenter scale, recent files.

#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace normscope::test {

class TemporarySettings {
public:
    /// Redirects the user scope; false when the folder could not be made.
    bool redirect()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (!dir_.isValid())
            return false;
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir_.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir_.path());
        return true;
    }
    QString path() const { return dir_.path(); }

private:
    QTemporaryDir dir_;
};

} // namespace normscope::test
