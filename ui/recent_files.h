// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include <QObject>
#include <QStringList>

namespace normscope::ui {

/**
 * File > Open Recent's list: the last session files opened or saved, newest first, at most kMax,
 * kept in QSettings (organisation and application "NormScope", key "recentFiles") so the next start
 * shows them too.
 */
class RecentFiles : public QObject {
    Q_OBJECT

public:
    static constexpr int kMax = 8;

    explicit RecentFiles(QObject* parent = nullptr);

    QStringList files() const;
    /// Puts path first (absolute), dropping an older entry of it and anything past kMax.
    void add(const QString& path);
    void remove(const QString& path);
    void clear();

Q_SIGNALS:
    void changed();

private:
    void store(const QStringList& files);
};

} // namespace normscope::ui
