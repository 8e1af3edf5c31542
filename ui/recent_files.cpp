// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/recent_files.h"

#include <QFileInfo>
#include <QSettings>

namespace normscope::ui {

namespace {

const char* const kKey = "recentFiles";

QSettings settings()
{
    return QSettings(QStringLiteral("NormScope"), QStringLiteral("NormScope"));
}

} // namespace

RecentFiles::RecentFiles(QObject* parent) : QObject(parent) {}

QStringList RecentFiles::files() const
{
    QStringList list = settings().value(QLatin1String(kKey)).toStringList();
    list.removeAll(QString());
    return list.mid(0, kMax);
}

void RecentFiles::add(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = files();
    list.removeAll(absolute);
    list.prepend(absolute);
    store(list.mid(0, kMax));
}

void RecentFiles::remove(const QString& path)
{
    QStringList list = files();
    if (list.removeAll(path) > 0)
        store(list);
}

void RecentFiles::clear()
{
    store({});
}

void RecentFiles::store(const QStringList& files)
{
    settings().setValue(QLatin1String(kKey), files);
    Q_EMIT changed();
}

} // namespace normscope::ui
