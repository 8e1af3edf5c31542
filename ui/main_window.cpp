// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/main_window.h"

#include "ui/document/layout_text.h"

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
#include "ui/document/image_input.h"
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

namespace {

/// Below this a plot's axis labels and legend no longer fit.
constexpr int kMinPlotWidth = 300;

QLabel* banner(QWidget* parent, const char* objectName, const QString& style)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QLatin1String(objectName));
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setStyleSheet(style);
    QFont f = label->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    label->setFont(f);
    label->hide();
    return label;
}

QDockWidget* dock(QMainWindow* window, const QString& title, const char* objectName, QWidget* content)
{
    auto* d = new QDockWidget(title, window);
    d->setObjectName(QLatin1String(objectName));
    d->setWidget(content);
    d->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    return d;
}

} // namespace

MainWindow::MainWindow(Document* document, QWidget* parent) : QMainWindow(parent), document_(document)
{
    setWindowTitle(tr("NormScope"));
    actions_ = new Actions(document_, this);
    buildCentre();
    buildDocks();
    sessions_ = new SessionController(this, document_);
    buildMenus();
    exports_ = new WindowExports(this);
    buildLessons();
    presenter_ = new PresenterMode(this);

    // After the views' own connections (made as they were built), so the cube's hover is current.
    connect(document_, &Document::resultChanged, this, &MainWindow::onResult);
    connect(document_, &Document::compareEnabledChanged, this, &MainWindow::setCompareShown);
    connect(document_, &Document::busyChanged, this, &MainWindow::updateStatus);
    connect(document_, &Document::errorReported, this, &MainWindow::showNotice);
    connect(document_, &Document::noteReported, this, &MainWindow::showNotice);
    // Pictures are seen in the Tensor view: an image input brings it to the front once.
    connect(document_, &Document::experimentChanged, this, [this] {
        const bool image = document_->experiment().image;
        if (image && !imageShown_)
            setTensorShown(true);
        imageShown_ = image;
    });
    connect(document_, &Document::experimentChanged, noticeBanner_, &QLabel::hide);
    // A one-hot dL/dy sits at the selected cell: when it moves (undo, a session, the control), so
    // does the selection.
    connect(document_, &Document::experimentChanged, this, [this] {
        const UpstreamGradient& g = document_->experiment().gradient;
        if (g.kind == GradKind::OneHot && g.index != selectedCell_)
            selectCell(g.index);
    });

    onResult(document_->result());
    imageShown_ = document_->experiment().image;
    if (imageShown_)
        setTensorShown(true);
}

void MainWindow::buildCentre()
{
    auto* centre = new QWidget(this);
    auto* layout = new QVBoxLayout(centre);
    layout->setContentsMargins(6, 4, 6, 0);
    layout->setSpacing(4);

    errorBanner_ =
        banner(centre, "errorBanner",
               QStringLiteral("QLabel { background: #b3261e; color: white; padding: 8px; border-radius: 4px; }"));
    noticeBanner_ =
        banner(centre, "noticeBanner",
               QStringLiteral("QLabel { background: #f9dd8c; color: #3b2f00; padding: 6px; border-radius: 4px; }"));
    warningBanner_ =
        banner(centre, "warningBanner",
               QStringLiteral("QLabel { background: #fbe3c2; color: #4a2800; border: 1px solid #e8a33d; padding: 6px; "
                              "border-radius: 4px; }"));
    layout->addWidget(errorBanner_);
    layout->addWidget(warningBanner_);
    layout->addWidget(noticeBanner_);

    // Shared by the single cube and the five compare cubes; the bar lives in the toolbar.
    viewOptions_ = new ViewOptionsBar(this);

    tabs_ = new QTabWidget(centre);
    tabs_->setDocumentMode(true);
    cube_ = new CubeView(tabs_);
    cube_->setObjectName(QStringLiteral("cubeView"));
    cube_->observe(document_);
    compare_ = new CompareView;
    compare_->setObjectName(QStringLiteral("compareView"));
    compare_->observe(document_);
    // Five cubes need more width than the single one; scrolling beats widening the whole window.
    auto* compareScroll = new QScrollArea(tabs_);
    compareScroll->setWidget(compare_);
    compareScroll->setWidgetResizable(true);
    compareScroll->setFrameShape(QFrame::NoFrame);
    tabs_->addTab(cube_, tr("Cube"));
    tabs_->addTab(compareScroll, tr("Compare all five norms  (Ctrl+K)"));
    tensor_ = new TensorView(tabs_);
    tensor_->setObjectName(QStringLiteral("tensorView"));
    tensor_->observe(document_);
    tabs_->addTab(tensor_, tr("Tensor (as PyTorch prints it)"));
    layout->addWidget(tabs_, 1);
    setCentralWidget(centre);

    connect(viewOptions_, &ViewOptionsBar::valueSourceChanged, this, [this](CubeView::ValueSource source) {
        cube_->setValueSource(source);
        compare_->setValueSource(source);
    });
    connect(viewOptions_, &ViewOptionsBar::highlightModeChanged, this, [this](CubeView::HighlightMode mode) {
        cube_->setHighlightMode(mode);
        compare_->setHighlightMode(mode);
    });
    connect(viewOptions_, &ViewOptionsBar::explodedChanged, this, [this](bool on, int axis) {
        cube_->setExploded(on, axis);
        compare_->setExploded(on, axis);
    });
    connect(viewOptions_, &ViewOptionsBar::resetViewRequested, actions_->resetView(), &QAction::trigger);
    connect(cube_, &CubeView::cellHovered, this, &MainWindow::onCellHovered);
    connect(cube_, &CubeView::cellSelected, this, &MainWindow::onCellSelected);
    connect(tabs_, &QTabWidget::currentChanged, this, &MainWindow::onTabChanged);
}

void MainWindow::onTabChanged(int index)
{
    const bool compare = index == 1;
    document_->setCompareEnabled(compare);
    // The single norm's table and plots make room for the five cubes, and come back afterwards.
    if (compare) {
        dockedForCompare_.clear();
        for (const char* name : {"statsDock", "formulaDock", "codeDock", "plotsDock"}) {
            auto* d = findChild<QDockWidget*>(QLatin1String(name));
            if (d && d->isVisibleTo(this) && !d->isFloating()) {
                dockedForCompare_.push_back(d);
                d->hide();
            }
        }
    } else {
        for (const QPointer<QDockWidget>& d : dockedForCompare_)
            if (d)
                d->show();
        dockedForCompare_.clear();
    }
}

void MainWindow::resetViews()
{
    cube_->resetView();
    compare_->resetView();
}

void MainWindow::buildDocks()
{
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
    // Controls run the full height on the left; the table, plots and code share the full width
    // below the cube and the formula, where the table's ten columns fit (1366x768 included).
    setCorner(Qt::TopLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::BottomDockWidgetArea);

    controls_ = new ControlsPanel(document_);
    controls_->setObjectName(QStringLiteral("controlsPanel"));
    ControlsPanel::Commands commands;
    commands.load = actions_->open();
    commands.useGenerator = actions_->useGenerator();
    commands.step = actions_->step();
    commands.stepFresh = actions_->stepFresh();
    commands.resetRunning = actions_->resetRunning();
    controls_->setActions(commands);
    auto* scroll = new QScrollArea;
    scroll->setWidget(controls_);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    controlsScroll_ = scroll;
    fitControlsWidth();
    // A combo box's items change with the norm and shape ("last 3: (C, H, W) = (6, 5, 5)"): the dock
    // follows the panel's minimum width whenever its layout is recomputed.
    controls_->installEventFilter(this);
    QDockWidget* controlsDock = dock(this, tr("Controls"), "controlsDock", scroll);
    addDockWidget(Qt::LeftDockWidgetArea, controlsDock);

    table_ = new StatsTableView;
    table_->setObjectName(QStringLiteral("statsTable"));
    table_->observe(document_);
    QDockWidget* tableDock = dock(this, tr("Statistics per group"), "statsDock", table_);
    addDockWidget(Qt::BottomDockWidgetArea, tableDock);

    formula_ = new FormulaPanel;
    formula_->setObjectName(QStringLiteral("formulaPanel"));
    formula_->observe(document_);
    auto* formulaScroll = new QScrollArea;
    formulaScroll->setWidget(formula_);
    formulaScroll->setWidgetResizable(true);
    formulaScroll->setFrameShape(QFrame::NoFrame);
    formulaScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    QDockWidget* formulaDock = dock(this, tr("Hovered element"), "formulaDock", formulaScroll);
    addDockWidget(Qt::RightDockWidgetArea, formulaDock);

    code_ = new PyTorchCodePanel;
    code_->setObjectName(QStringLiteral("codePanel"));
    code_->observe(document_);
    QDockWidget* codeDock = dock(this, tr("PyTorch code"), "codeDock", code_);
    addDockWidget(Qt::BottomDockWidgetArea, codeDock);

    auto* plots = new QSplitter(Qt::Horizontal);
    histogram_ = new HistogramPlot(plots);
    histogram_->setObjectName(QStringLiteral("histogramPlot"));
    histogram_->observe(document_);
    groupStats_ = new GroupStatsPlot(plots);
    groupStats_->setObjectName(QStringLiteral("groupStatsPlot"));
    groupStats_->observe(document_);
    runningStats_ = new RunningStatsPlot(plots);
    runningStats_->setObjectName(QStringLiteral("runningStatsPlot"));
    runningStats_->observe(document_);
    plots->addWidget(histogram_);
    plots->addWidget(groupStats_);
    plots->addWidget(runningStats_);
    plots->setChildrenCollapsible(false);
    QDockWidget* plotsDock = dock(this, tr("Plots"), "plotsDock", plots);
    addDockWidget(Qt::BottomDockWidgetArea, plotsDock);
    tabifyDockWidget(tableDock, plotsDock);
    tabifyDockWidget(tableDock, codeDock);
    tableDock->raise();

    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("engineStatus"));
    statusBar()->addPermanentWidget(status_);
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (layoutApplied_)
        return;
    layoutApplied_ = true;
    // Dock sizes only stick once the window is laid out at its size.
    QTimer::singleShot(0, this, &MainWindow::applyDefaultDockSizes);
}

void MainWindow::fitControlsWidth()
{
    if (!controlsScroll_)
        return;
    controlsScroll_->setMinimumWidth(controls_->minimumSizeHint().width()
                                     + controlsScroll_->verticalScrollBar()->sizeHint().width()
                                     + 2 * controlsScroll_->frameWidth());
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == controls_ && event->type() == QEvent::LayoutRequest)
        fitControlsWidth();
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::ApplicationFontChange) {
        fitControlsWidth(); // presenter mode: the controls keep their whole width at the larger font
        QTimer::singleShot(0, this, &MainWindow::fitLessonsDock);
    }
    if (event->type() != QEvent::LanguageChange || !lessons_)
        return;
    LanguageManager::instance()->retranslate(this);
    actions_->updateState();
    lessons_->setLanguage(LanguageManager::instance()->language());
    QTimer::singleShot(0, this, &MainWindow::fitLessonsDock);
    document_->republish();
    updateStatus();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!sessions_->maybeSave()) {
        event->ignore();
        return;
    }
    sessions_->saveLayout();
    QMainWindow::closeEvent(event);
}

void MainWindow::applyDefaultDockSizes()
{
    auto* controlsDock = findChild<QDockWidget*>(QStringLiteral("controlsDock"));
    auto* statsDock = findChild<QDockWidget*>(QStringLiteral("statsDock"));
    auto* formulaDock = findChild<QDockWidget*>(QStringLiteral("formulaDock"));
    auto* plotsDock = findChild<QDockWidget*>(QStringLiteral("plotsDock"));
    const int w = width(), h = height();
    const int controls = controlsDock->minimumSizeHint().width();
    resizeDocks({controlsDock, formulaDock}, {controls, std::clamp(w / 4, 300, 480)}, Qt::Horizontal);
    // Below the cube: the table beside the plots where both fit, else one above the other as tabs
    // (the table first: its numbers are what the cube's hover explains).
    const int bottomWidth = w - controls;
    const int table = table_->contentWidth();
    if (bottomWidth >= table + 3 * kMinPlotWidth) {
        removeDockWidget(plotsDock); // out of the tab group, then beside it
        addDockWidget(Qt::BottomDockWidgetArea, plotsDock, Qt::Horizontal);
        plotsDock->show();
        resizeDocks({statsDock, plotsDock}, {table, bottomWidth - table}, Qt::Horizontal);
    }
    resizeDocks({statsDock}, {std::clamp(h * 35 / 100, 240, 340)}, Qt::Vertical);
    if (auto* plots = qobject_cast<QSplitter*>(plotsDock->widget())) {
        const int third = plots->width() / 3;
        plots->setSizes({third, third, third});
    }
}

void MainWindow::onResult(const ResultPtr& result)
{
    // The views observe the document themselves; the window keeps its own parts and the cell the
    // formula shows, which links the cube's hover and selection.
    const bool refused = result && !result->error.empty();
    errorBanner_->setVisible(refused);
    // Who refuses: PyTorch only where PyTorch raises; NormScope's own limits say they are its own.
    if (refused)
        errorBanner_->setText((result->errorByPyTorch ? tr("PyTorch refuses: %1") : tr("NormScope's limit: %1"))
                                  .arg(QString::fromStdString(result->error)));
    QStringList warnings;
    if (result && !refused)
        for (const DegenerateWarning& w : result->warnings)
            warnings << normscope::ui::warningText(w);
    warningBanner_->setVisible(!warnings.isEmpty());
    warningBanner_->setText(warnings.isEmpty() ? QString() : tr("Warning: %1").arg(warnings.join(tr("; "))));
    if (result) {
        // The platform adds " — NormScope" (the application's display name) itself.
        sessions_->setTitleDetail(
            tr("%1 on %2 %3")
                .arg(QString::fromStdString(moduleName(result->spec.kind, static_cast<int>(result->shape.size()))),
                     QString::fromStdString(toString(result->shape)), QLatin1String(toString(result->dtype))));
    }
    const std::int64_t cell = cube_->hoveredCell() >= 0 ? cube_->hoveredCell() : selectedCell_;
    if (result && cell >= numel(result->shape))
        selectedCell_ = -1;
    formula_->setCell(cube_->hoveredCell() >= 0 ? cube_->hoveredCell() : selectedCell_);
    tensor_->setCell(formula_->cell());
    updateStatus();
}

void MainWindow::onCellHovered(std::int64_t flatIndex)
{
    formula_->setCell(flatIndex >= 0 ? flatIndex : selectedCell_);
    tensor_->setCell(formula_->cell());
}

void MainWindow::onCellSelected(std::int64_t flatIndex)
{
    selectedCell_ = flatIndex;
    controls_->setSelectedCell(flatIndex);
    formula_->setCell(flatIndex);
    tensor_->setCell(flatIndex);
}

void MainWindow::updateStatus()
{
    const ResultPtr r = document_->result();
    QString text;
    if (r) {
        text = tr("%L1 elements  \u00b7  engine %2 ms  \u00b7  result %3 ms")
                   .arg(numel(r->shape))
                   .arg(fixedText(document_->lastEngineMilliseconds(), 2),
                        fixedText(document_->lastComputeMilliseconds(), 1));
    }
    if (document_->isBusy())
        text = tr("computing\u2026 (showing the previous result)  \u00b7  ") + text;
    status_->setText(text);
}

void MainWindow::showNotice(const QString& message)
{
    noticeBanner_->setText(message);
    noticeBanner_->show();
    statusBar()->showMessage(message, 10000);
}

QString MainWindow::errorText() const
{
    return errorBanner_->isVisibleTo(this) ? errorBanner_->text() : QString();
}

QString MainWindow::warningText() const
{
    return warningBanner_->isVisibleTo(this) ? warningBanner_->text() : QString();
}

void MainWindow::setValueSource(int source)
{
    viewOptions_->setValueSource(static_cast<CubeView::ValueSource>(source));
}

void MainWindow::setAllGroupsHighlighted(bool all)
{
    viewOptions_->setHighlightMode(all ? CubeView::HighlightMode::AllGroups : CubeView::HighlightMode::HoveredGroup);
}

void MainWindow::setExploded(bool on, int axis)
{
    viewOptions_->setExploded(on, axis);
}

void MainWindow::selectCell(std::int64_t flatIndex)
{
    cube_->selectCell(flatIndex);
    compare_->selectCell(flatIndex);
}

void MainWindow::setCompareShown(bool shown)
{
    // Leaving compare shows the cube; the Tensor tab stays when compare was not shown.
    if (shown)
        tabs_->setCurrentIndex(1);
    else if (tabs_->currentIndex() == 1)
        tabs_->setCurrentIndex(0);
}

void MainWindow::setTensorShown(bool shown)
{
    if (shown)
        tabs_->setCurrentIndex(2);
    else if (tabs_->currentIndex() == 2)
        tabs_->setCurrentIndex(0);
}

bool MainWindow::isCompareShown() const
{
    return tabs_->currentIndex() == 1;
}

void MainWindow::exportPyTorchCode()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export PyTorch code"), QStringLiteral("normscope.py"),
                                                      tr("Python files (*.py);;All files (*)"));
    if (path.isEmpty())
        return;
    try {
        exportPyTorchCodeTo(path);
    } catch (const Error& e) {
        QMessageBox::warning(this, tr("Export PyTorch code"), QString::fromUtf8(e.what()));
    }
}

void MainWindow::exportPyTorchCodeTo(const QString& path)
{
    const ResultPtr result = document_->result();
    if (!result)
        throw Error("no result to export yet");
    ui::exportPyTorchCode(*result, path.toStdString());
}

void MainWindow::openNpy()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open input tensor"),
                                                      SessionController::lastFolder(QStringLiteral("npy")),
                                                      tr("NumPy arrays (*.npy);;All files (*)"));
    if (path.isEmpty())
        return;
    SessionController::rememberFolder(QStringLiteral("npy"), path);
    document_->loadNpy(path);
}

void MainWindow::openImages()
{
    const QStringList paths =
        QFileDialog::getOpenFileNames(this, tr("Open image"), SessionController::lastFolder(QStringLiteral("image")),
                                      tr("Images (%1);;All files (*)").arg(readableImagePatterns()));
    if (paths.isEmpty())
        return;
    SessionController::rememberFolder(QStringLiteral("image"), paths.front());
    document_->loadImages(paths);
}

/// The Lessons dock, hidden until Help > Lessons or --lesson: a step sets the document (through the
/// panel) and the view options (here, as their combo boxes would).
void MainWindow::buildLessons()
{
    lessons_ = new LessonsPanel(document_, this);
    lessons_->setObjectName(QStringLiteral("lessonsPanel"));
    QDockWidget* d = dock(this, tr("Lessons"), "lessonsDock", lessons_);
    addDockWidget(Qt::RightDockWidgetArea, d);
    d->hide();
    addActions({actions_->lessonBack(), actions_->lessonNext()});
    // Page Up/Down belong to the spin boxes and tables until a lesson is open.
    actions_->lessonBack()->setEnabled(false);
    actions_->lessonNext()->setEnabled(false);
    // Shown under the formula with half the right column: the paragraph is read beside the cube.
    // While a lesson is open its paragraph matters more than the table's width: the right column
    // (formula, lesson) runs down the whole window and the table spans the central area only.
    connect(d, &QDockWidget::visibilityChanged, this, &MainWindow::placeLessonsColumn);
    const auto showDock = [this, d] {
        if (d->isVisible())
            return;
        d->show();
        if (auto* formulaDock = findChild<QDockWidget*>(QStringLiteral("formulaDock")))
            resizeDocks({formulaDock, d}, {1, 1}, Qt::Vertical);
    };
    connect(actions_->lessons(), &QAction::triggered, d, [d, showDock] {
        showDock();
        d->raise();
    });
    connect(actions_->lessonBack(), &QAction::triggered, lessons_, &LessonsPanel::back);
    connect(actions_->lessonNext(), &QAction::triggered, lessons_, &LessonsPanel::next);
    connect(lessons_, &LessonsPanel::stepOpened, this, [this, showDock](const AppOptions& o) {
        showDock();
        // Once the dock has its width the paragraph's height is known: the dock grows to show it all.
        QTimer::singleShot(0, this, &MainWindow::fitLessonsDock);
        actions_->lessonBack()->setEnabled(true);
        actions_->lessonNext()->setEnabled(true);
        setValueSource(o.colorBy);
        setAllGroupsHighlighted(o.allGroups);
        setExploded(o.explodeAxis >= 0, std::max(o.explodeAxis, 0));
        if (o.select >= 0) {
            document_->waitUntilIdle();
            selectCell(o.select);
        }
    });
}

} // namespace normscope::ui
