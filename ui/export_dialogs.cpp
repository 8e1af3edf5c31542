// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/export_dialogs.h"

#include "engine/report/table_format.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QSettings>
#include <QStandardPaths>

#include <algorithm>

namespace normscope::ui::export_dialogs {

namespace {

struct Filter {
    QString name;      ///< "CSV (*.csv)"
    QString extension; ///< "csv"
};

const QString kOrganisation = QStringLiteral("NormScope");
const QString kApplication = QStringLiteral("NormScope");

/// A save dialog over these filters, starting in the last export's folder with the filter last
/// chosen under `formatKey`; remembers both. Empty when cancelled.
QString askFile(QWidget* parent, const QString& title, const QString& baseName, const std::vector<Filter>& filters,
                const QString& formatKey)
{
    QSettings s(kOrganisation, kApplication);
    QString folder = s.value(QStringLiteral("export/folder")).toString();
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString lastExtension = s.value(formatKey, filters.front().extension).toString();
    const Filter* chosen = &filters.front();
    QStringList names;
    for (const Filter& f : filters) {
        names << f.name;
        if (f.extension == lastExtension)
            chosen = &f;
    }

    QFileDialog dialog(parent, title, QDir(folder).filePath(baseName + QLatin1Char('.') + chosen->extension));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setNameFilters(names);
    dialog.selectNameFilter(chosen->name);
    dialog.setDefaultSuffix(chosen->extension);
    QObject::connect(&dialog, &QFileDialog::filterSelected, &dialog, [&dialog, &filters](const QString& name) {
        for (const Filter& f : filters)
            if (f.name == name) {
                dialog.setDefaultSuffix(f.extension);
                // The name typed so far follows the new format.
                dialog.selectFile(QFileInfo(dialog.selectedFiles().value(0)).completeBaseName() + QLatin1Char('.')
                                  + f.extension);
            }
    });
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return {};
    const QString path = dialog.selectedFiles().front();
    if (QFileInfo(QFileInfo(path).absolutePath()).isDir()) // a typed folder may not exist: the write says so
        s.setValue(QStringLiteral("export/folder"), QFileInfo(path).absolutePath());
    const QString suffix = QFileInfo(path).suffix().toLower();
    for (const Filter& f : filters)
        if (f.extension == suffix)
            s.setValue(formatKey, suffix);
    return path;
}

} // namespace

QString askTableFile(QWidget* parent, const QString& title, const QString& baseName)
{
    std::vector<Filter> filters;
    for (const TableFormatInfo& info : tableFormats()) {
        const QString extension = QString::fromLatin1(info.extension).mid(1);
        filters.push_back({QObject::tr("%1 (*.%2)").arg(QString::fromLatin1(info.name), extension), extension});
    }
    return askFile(parent, title, baseName, filters, QStringLiteral("export/tableFormat"));
}

std::optional<FigureFile> askFigureFile(QWidget* parent, const QString& title, const QString& baseName)
{
    const std::vector<Filter> filters = {{QObject::tr("PNG image (*.png)"), QStringLiteral("png")},
                                         {QObject::tr("SVG vector image (*.svg)"), QStringLiteral("svg")},
                                         {QObject::tr("PDF document (*.pdf)"), QStringLiteral("pdf")}};
    FigureFile file;
    file.path = askFile(parent, title, baseName, filters, QStringLiteral("export/figureFormat"));
    if (file.path.isEmpty())
        return std::nullopt;
    if (QFileInfo(file.path).suffix().compare(QLatin1String("png"), Qt::CaseInsensitive) == 0) {
        QSettings s(kOrganisation, kApplication);
        const QStringList scales = {QObject::tr("1x (screen size)"), QObject::tr("2x"), QObject::tr("3x")};
        const int last = std::clamp(s.value(QStringLiteral("export/figureScale"), 1).toInt(), 1, 3);
        bool ok = false;
        const QString item =
            QInputDialog::getItem(parent, title, QObject::tr("Pixels per screen pixel:"), scales, last - 1, false, &ok);
        if (!ok)
            return std::nullopt;
        file.scale = static_cast<int>(scales.indexOf(item)) + 1;
        s.setValue(QStringLiteral("export/figureScale"), file.scale);
    }
    return file;
}

QString askNpzFile(QWidget* parent, const QString& title, const QString& baseName)
{
    return askFile(parent, title, baseName, {{QObject::tr("NumPy archive (*.npz)"), QStringLiteral("npz")}},
                   QStringLiteral("export/tensorsFormat"));
}

} // namespace normscope::ui::export_dialogs
