// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// MainWindow's menus and toolbar: every command from the Actions registry, connected once here.

#include "ui/main_window.h"

#include "engine/core/error.h"
#include "ui/actions.h"
#include "ui/cube/compare_view.h"
#include "ui/panels/controls_panel.h"
#include "ui/cube/cube_view.h"
#include "ui/panels/formula_panel.h"
#include "ui/panels/lessons_panel.h"
#include "ui/plots/group_stats_plot.h"
#include "ui/plots/histogram_plot.h"
#include "ui/panels/pytorch_code_export.h"
#include "ui/panels/pytorch_code_panel.h"
#include "ui/plots/running_stats_plot.h"
#include "ui/document/document.h"
#include "ui/language_manager.h"
#include "ui/document/number_text.h"
#include "ui/panels/stats_table_view.h"
#include "ui/panels/tensor_view.h"
#include "ui/presenter_mode.h"
#include "ui/cube/view_options_bar.h"
#include "ui/session_controller.h"
#include "ui/window_exports.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace normscope::ui {

void MainWindow::buildMenus()
{
    Actions* a = actions_;
    connect(a->open(), &QAction::triggered, this, &MainWindow::openNpy);
    connect(a->openImage(), &QAction::triggered, this, &MainWindow::openImages);
    connect(a->exportCode(), &QAction::triggered, this, &MainWindow::exportPyTorchCode);
    connect(a->quit(), &QAction::triggered, this, &QWidget::close);
    connect(a->copyTable(), &QAction::triggered, table_, &StatsTableView::copySelection);
    connect(a->compare(), &QAction::triggered, this, &MainWindow::setCompareShown);
    connect(a->resetView(), &QAction::triggered, this, &MainWindow::resetViews);
    for (int i = 0; i < 4; ++i)
        connect(a->colourBy(i), &QAction::triggered, viewOptions_,
                [this, i] { viewOptions_->setValueSource(static_cast<CubeView::ValueSource>(i)); });
    connect(a->allGroups(), &QAction::triggered, viewOptions_, [this] {
        viewOptions_->setHighlightMode(viewOptions_->highlightMode() == CubeView::HighlightMode::AllGroups
                                           ? CubeView::HighlightMode::HoveredGroup
                                           : CubeView::HighlightMode::AllGroups);
    });
    connect(a->explode(), &QAction::triggered, viewOptions_, &ViewOptionsBar::toggleExploded);
    connect(a->about(), &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About NormScope"),
                           tr("<b>NormScope</b><p>Which elements share a mean and a variance? BatchNorm, LayerNorm, "
                              "InstanceNorm, GroupNorm and RMSNorm, computed as PyTorch does and drawn as the "
                              "cube of the Group Normalization paper.</p>"));
    });

    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addActions({a->newSession(), a->openSession()});
    file->addMenu(sessions_->recentMenu());
    file->addActions({a->save(), a->saveAs()});
    file->addSeparator();
    file->addAction(a->open());
    file->addAction(a->openImage());
    QMenu* exportMenu = file->addMenu(tr("&Export"));
    exportMenu->setObjectName(QStringLiteral("exportMenu"));
    exportMenu->addActions({a->exportStatsTable(), a->exportCompareTable()});
    exportMenu->addSeparator();
    for (int i = 0; i < kFigureKindCount; ++i)
        exportMenu->addAction(a->exportFigure(i));
    exportMenu->addSeparator();
    exportMenu->addActions({a->exportTensors(), a->exportCode()});
    file->addSeparator();
    file->addAction(a->quit());

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(a->undo());
    edit->addAction(a->redo());
    edit->addSeparator();
    edit->addAction(a->copyTable());
    edit->addAction(a->copyFigure());

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addActions({a->step(), a->stepFresh(), a->resetRunning()});

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addActions({a->compare(), a->resetView()});
    view->addSeparator();
    view->addActions({a->presenter(), a->presenterLarger(), a->presenterSmaller(), a->presenterPanels()});
    view->addSeparator();
    view->addActions({a->colourBy(0), a->colourBy(1), a->colourBy(2), a->colourBy(3), a->allGroups(), a->explode()});
    view->addSeparator();
    for (QDockWidget* d : findChildren<QDockWidget*>())
        view->addAction(d->toggleViewAction());

    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addActions({a->undo(), a->redo()});
    bar->addSeparator();
    bar->addActions({a->step(), a->stepFresh(), a->resetRunning()});
    bar->addSeparator();
    bar->addWidget(viewOptions_);

    QMenu* language = view->addMenu(tr("&Language"));
    language->setObjectName(QStringLiteral("languageMenu"));
    language->addActions({a->languageEnglish(), a->languageChinese()});
    LanguageManager::instance()->bindActions(a->languageEnglish(), a->languageChinese());

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(a->about());
    help->addAction(a->lessons());
}

} // namespace normscope::ui
