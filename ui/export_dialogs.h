// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include <QString>

#include <optional>

class QWidget;

namespace normscope::ui {

/**
 * The file dialogs of File > Export. Each remembers, in QSettings (organisation and application
 * "NormScope"), the folder of the last export and the format chosen last, and offers one name
 * filter per format; a name typed without an extension gets the chosen filter's.
 */
namespace export_dialogs {

/// A table file (one filter per engine table format: CSV, TSV, Markdown, LaTeX, JSON, HTML);
/// empty when cancelled.
QString askTableFile(QWidget* parent, const QString& title, const QString& baseName);

/// A figure file (PNG, SVG, PDF) and, for PNG, its scale (1x, 2x, 3x).
struct FigureFile {
    QString path;
    int scale = 1;
};
std::optional<FigureFile> askFigureFile(QWidget* parent, const QString& title, const QString& baseName);

/// An .npz file; empty when cancelled.
QString askNpzFile(QWidget* parent, const QString& title, const QString& baseName);

} // namespace export_dialogs

} // namespace normscope::ui
