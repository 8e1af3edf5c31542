// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/figure_kind.h"

#include <QObject>
#include <QString>

#include <functional>

class QMimeData;
class QWidget;

namespace normscope {
class StagedOutputs;
}

namespace normscope::ui {

class MainWindow;

/**
 * What leaves the window: File > Export (statistics table, comparison table, figure, tensors) and
 * Edit > Copy figure, and the same writes for the command line's --export-table, --export-figure and
 * --export-tensors. Each output is staged (engine/io/staged_outputs.h), so the command line commits
 * all of its outputs together and a menu command writes its file completely or not at all; a
 * failure is shown with the system's reason.
 */
class WindowExports : public QObject {
    Q_OBJECT

public:
    /// Connects the window's export and copy actions (Actions) to the commands below.
    explicit WindowExports(MainWindow* window);

    /// The view of a figure, shown and laid out: the cube or compare tab is made current, the plots
    /// dock raised, and the Document's result (and compare results) waited for.
    QWidget* figureWidget(FigureKind kind);

    /// The statistics table of the current result, format by path's extension.
    void stageStatisticsTable(StagedOutputs& outputs, const QString& path);
    /// The comparison table of the compare view (computed here when the view is off).
    void stageComparisonTable(StagedOutputs& outputs, const QString& path);
    /// A view as .png (scale pixels per pixel), .svg or .pdf, by path's extension.
    void stageFigure(StagedOutputs& outputs, FigureKind kind, const QString& path, int scale);
    /// The current result's arrays as an .npz.
    void stageTensors(StagedOutputs& outputs, const QString& path);

    /// The view in the centre (the cube, or the compare view) as an image, for the clipboard.
    QMimeData* figureMimeData();

    // The menu commands: ask for a file, then write it.
    void exportStatisticsTable();
    void exportComparisonTable();
    void exportFigure(FigureKind kind);
    void exportTensors();
    void copyFigure();

private:
    /// Stages with `stage`, commits; on failure a message box with the reason.
    bool write(const QString& title, const QString& path, const std::function<void(StagedOutputs&)>& stage);

    MainWindow* window_;
};

} // namespace normscope::ui
