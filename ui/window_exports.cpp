// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/window_exports.h"

#include "engine/core/error.h"
#include "engine/io/staged_outputs.h"
#include "engine/report/table_format.h"
#include "ui/actions.h"
#include "ui/cube/compare_view.h"
#include "ui/cube/cube_view.h"
#include "ui/document/document.h"
#include "ui/document/result_tables.h"
#include "ui/document/tensor_export.h"
#include "ui/export_dialogs.h"
#include "ui/figure_export.h"
#include "ui/main_window.h"
#include "ui/panels/tensor_view.h"
#include "ui/plots/group_stats_plot.h"
#include "ui/plots/histogram_plot.h"
#include "ui/plots/running_stats_plot.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QMimeData>
#include <QStatusBar>

namespace normscope::ui {

WindowExports::WindowExports(MainWindow* window) : QObject(window), window_(window)
{
    Actions* a = window_->actions();
    connect(a->exportStatsTable(), &QAction::triggered, this, &WindowExports::exportStatisticsTable);
    connect(a->exportCompareTable(), &QAction::triggered, this, &WindowExports::exportComparisonTable);
    for (int i = 0; i < kFigureKindCount; ++i)
        connect(a->exportFigure(i), &QAction::triggered, this, [this, i] { exportFigure(static_cast<FigureKind>(i)); });
    connect(a->exportTensors(), &QAction::triggered, this, &WindowExports::exportTensors);
    connect(a->copyFigure(), &QAction::triggered, this, &WindowExports::copyFigure);
}

QWidget* WindowExports::figureWidget(FigureKind kind)
{
    // A view in a hidden tab or dock has no current size: show it first, as the user would.
    Document* document = window_->document();
    if (kind != FigureKind::Window)
        window_->setTensorShown(false);
    window_->setCompareShown(kind == FigureKind::Compare || (kind == FigureKind::Window && window_->isCompareShown()));
    if (kind == FigureKind::Histogram || kind == FigureKind::GroupStats || kind == FigureKind::RunningStats) {
        if (auto* dock = window_->findChild<QDockWidget*>(QStringLiteral("plotsDock"))) {
            dock->show();
            dock->raise();
        }
    }
    document->waitUntilIdle();
    for (int i = 0; i < 5; ++i)
        QApplication::processEvents();
    switch (kind) {
    case FigureKind::Cube: return window_->cubeView();
    case FigureKind::Compare: return window_->compareView();
    case FigureKind::Histogram: return window_->histogramPlot();
    case FigureKind::GroupStats: return window_->groupStatsPlot();
    case FigureKind::RunningStats: return window_->runningStatsPlot();
    case FigureKind::Window: break;
    case FigureKind::Tensor:
        window_->setTensorShown(true);
        for (int i = 0; i < 5; ++i)
            QApplication::processEvents();
        return window_->tensorView();
    }
    return window_;
}

void WindowExports::stageStatisticsTable(StagedOutputs& outputs, const QString& path)
{
    const TableFormat format = tableFormatForPath(path.toStdString());
    const Table table = result_tables::statistics(window_->document()->result());
    outputs.stageText(path.toStdString(), writeTable(table, format));
}

void WindowExports::stageComparisonTable(StagedOutputs& outputs, const QString& path)
{
    const TableFormat format = tableFormatForPath(path.toStdString());
    Document* document = window_->document();
    document->waitUntilIdle();
    const Table table = result_tables::comparison(document->experiment(), document->compareResults());
    outputs.stageText(path.toStdString(), writeTable(table, format));
}

void WindowExports::stageFigure(StagedOutputs& outputs, FigureKind kind, const QString& path, int scale)
{
    const FigureFormat format = figureFormatForPath(path.toStdString());
    QWidget* widget = figureWidget(kind);
    const QString title = tr("NormScope: %1").arg(window_->windowTitle());
    const QByteArray bytes = renderFigure(widget, format, scale, title);
    outputs.stage(path.toStdString(), [&bytes](std::ostream& out) {
        out.write(bytes.constData(), static_cast<std::streamsize>(bytes.size()));
    });
}

void WindowExports::stageTensors(StagedOutputs& outputs, const QString& path)
{
    ui::stageTensors(outputs, *window_->document()->result(), path.toStdString());
}

QMimeData* WindowExports::figureMimeData()
{
    QWidget* view = window_->isCompareShown() ? static_cast<QWidget*>(window_->compareView()) : window_->cubeView();
    auto* mime = new QMimeData;
    mime->setImageData(renderFigureImage(view, static_cast<int>(std::max(1.0, view->devicePixelRatioF()))));
    return mime;
}

bool WindowExports::write(const QString& title, const QString& path, const std::function<void(StagedOutputs&)>& stage)
{
    try {
        StagedOutputs outputs;
        stage(outputs);
        outputs.commit();
    } catch (const std::exception& e) {
        // The engine's message names the file and the system's reason.
        QMessageBox::warning(window_, title, QString::fromUtf8(e.what()));
        return false;
    }
    window_->statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 8000);
    return true;
}

void WindowExports::exportStatisticsTable()
{
    const QString title = tr("Export statistics table");
    const QString path = export_dialogs::askTableFile(window_, title, QStringLiteral("statistics"));
    if (!path.isEmpty())
        write(title, path, [this, &path](StagedOutputs& o) { stageStatisticsTable(o, path); });
}

void WindowExports::exportComparisonTable()
{
    const QString title = tr("Export comparison table");
    const QString path = export_dialogs::askTableFile(window_, title, QStringLiteral("comparison"));
    if (!path.isEmpty())
        write(title, path, [this, &path](StagedOutputs& o) { stageComparisonTable(o, path); });
}

void WindowExports::exportFigure(FigureKind kind)
{
    const QString title = tr("Export figure");
    const auto file = export_dialogs::askFigureFile(window_, title, QString::fromLatin1(figureKindName(kind)));
    if (file)
        write(title, file->path,
              [this, kind, &file](StagedOutputs& o) { stageFigure(o, kind, file->path, file->scale); });
}

void WindowExports::exportTensors()
{
    const QString title = tr("Export tensors");
    const QString path = export_dialogs::askNpzFile(window_, title, QStringLiteral("tensors"));
    if (!path.isEmpty())
        write(title, path, [this, &path](StagedOutputs& o) { stageTensors(o, path); });
}

void WindowExports::copyFigure()
{
    QGuiApplication::clipboard()->setMimeData(figureMimeData());
}

} // namespace normscope::ui
