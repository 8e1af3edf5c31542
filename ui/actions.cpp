// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#include "ui/actions.h"

#include "ui/document/document.h"

#include <QAction>
#include <QActionGroup>
#include <QKeySequence>
#include <QUndoStack>

namespace normscope::ui {

Actions::Actions(Document* document, QObject* parent) : QObject(parent), document_(document)
{
    open_ = make("openAction", tr("&Load .npy..."));
    // Ctrl+O opens a session, as in every other program; loading an array is Ctrl+L.
    open_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    open_->setToolTip(tr("Use a NumPy array as the input (Ctrl+L)"));
    openImage_ = make("openImageAction", tr("Open &image..."));
    openImage_->setToolTip(tr("Use pictures as the input: one as 1x3xHxW in [0, 1], several of one size as a batch"));
    useGenerator_ = make("useGeneratorAction", tr("Use &generator"));
    useGenerator_->setToolTip(tr("Go back from the loaded array to the generated input"));
    exportCode_ = make("exportCodeAction", tr("&PyTorch code..."));
    exportCode_->setToolTip(tr("Save the PyTorch code that rebuilds this state as a .py file (long tensors as .npy "
                               "files beside it)"));
    quit_ = make("quitAction", tr("&Quit"));
    quit_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));

    // Own actions rather than QUndoStack's, whose text grows with the command name and makes the
    // toolbar jump; the command name goes to the tooltip instead.
    undo_ = make("undoAction", tr("&Undo"));
    undo_->setIconText(tr("Undo"));
    undo_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    redo_ = make("redoAction", tr("&Redo"));
    redo_->setIconText(tr("Redo"));
    redo_->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    copyTable_ = make("copyTableAction", tr("&Copy statistics table"));
    copyTable_->setToolTip(tr("Copy the selected rows (all when none is selected) as text and as a table"));
    copyTable_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));

    step_ = make("stepAction", tr("&Step (one training pass)"));
    step_->setIconText(tr("Step"));
    step_->setToolTip(tr("One training forward pass: running_mean and running_var move (F5)"));
    step_->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_T)});
    stepFresh_ = make("stepFreshAction", tr("Step on &fresh batch"));
    stepFresh_->setIconText(tr("Step on fresh batch"));
    stepFresh_->setToolTip(tr("Draw a new batch (next seed), then one training pass (Shift+F5)"));
    stepFresh_->setShortcuts({QKeySequence(Qt::SHIFT | Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T)});
    resetRunning_ = make("resetRunningAction", tr("&Reset running statistics"));
    resetRunning_->setIconText(tr("Reset running stats"));
    resetRunning_->setToolTip(tr("reset_running_stats(): running_mean 0, running_var 1 (Ctrl+R)"));
    resetRunning_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));

    compare_ = make("compareAction", tr("&Compare all five norms"));
    compare_->setCheckable(true);
    compare_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    resetView_ = make("resetViewAction", tr("&Reset cube view"));
    resetView_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    const QString sources[4] = {tr("Colour by input &x"), tr("Colour by &normalized x\u0302"),
                                tr("Colour by &output y"), tr("Colour by &gradient dL/dx")};
    const char* sourceNames[4] = {"colourByInputAction", "colourByNormalizedAction", "colourByOutputAction",
                                  "colourByGradientAction"};
    for (int i = 0; i < 4; ++i) {
        colourBy_[i] = make(sourceNames[i], sources[i]);
        colourBy_[i]->setShortcut(QKeySequence(Qt::CTRL | (Qt::Key_1 + i)));
    }
    allGroups_ = make("allGroupsAction", tr("Toggle &all groups"));
    allGroups_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    explode_ = make("explodeAction", tr("Toggle &exploded"));
    explode_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    about_ = make("aboutAction", tr("&About NormScope"));
    lessons_ = make("lessonsAction", tr("&Lessons"));
    lessons_->setToolTip(tr("Show the lessons: each step sets the window up and says what to look at (F1)"));
    lessons_->setShortcut(QKeySequence(Qt::Key_F1));
    // Page Up/Down, like a presentation clicker; connected by the window to the Lessons panel.
    lessonBack_ = make("lessonBackAction", tr("Lesson: step &back"));
    lessonBack_->setShortcut(QKeySequence(Qt::Key_PageUp));
    lessonNext_ = make("lessonNextAction", tr("Lesson: &next step"));
    lessonNext_->setShortcut(QKeySequence(Qt::Key_PageDown));

    presenter_ = make("presenterAction", tr("&Presenter mode"));
    presenter_->setCheckable(true);
    presenter_->setShortcut(QKeySequence(Qt::Key_F11));
    presenter_->setToolTip(
        tr("Full screen with large text and thick outlines, readable from the back of a room (F11)"));
    presenterLarger_ = make("presenterLargerAction", tr("Presenter: &larger"));
    presenterLarger_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Equal));
    presenterSmaller_ = make("presenterSmallerAction", tr("Presenter: &smaller"));
    presenterSmaller_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Minus));
    presenterPanels_ = make("presenterPanelsAction", tr("Presenter: hide or show the side &panels"));
    presenterPanels_->setShortcut(QKeySequence(Qt::Key_F12));
    presenterPanels_->setToolTip(
        tr("Hide the controls, the code and the table, which a class does not need to see (F12)"));

    newSession_ = make("newSessionAction", tr("&New"));
    newSession_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    newSession_->setToolTip(tr("Start again from the demo (Ctrl+N)"));
    openSession_ = make("openSessionAction", tr("&Open session..."));
    openSession_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    openSession_->setToolTip(tr("Open a .normscope session file (Ctrl+O)"));
    save_ = make("saveAction", tr("&Save"));
    save_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_S));
    save_->setToolTip(tr("Save the session: module, input, parameters, running statistics and view (Ctrl+S)"));
    saveAs_ = make("saveAsAction", tr("Save &As..."));
    saveAs_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    clearRecent_ = make("clearRecentAction", tr("&Clear list"));
    exportStatsTable_ = make("exportStatsTableAction", tr("&Statistics table..."));
    exportStatsTable_->setToolTip(tr("Save the statistics per group as CSV, TSV, Markdown, LaTeX, JSON or HTML"));
    exportCompareTable_ = make("exportCompareTableAction", tr("Co&mparison table..."));
    exportCompareTable_->setToolTip(tr("Save the compare view's five norms as a table (CSV, TSV, Markdown, LaTeX, "
                                       "JSON or HTML)"));
    const QString figures[7] = {tr("Figure: &cube..."),
                                tr("Figure: c&ompare view..."),
                                tr("Figure: &histogram..."),
                                tr("Figure: &group statistics plot..."),
                                tr("Figure: &running statistics plot..."),
                                tr("Figure: whole &window..."),
                                tr("Figure: &tensors as printed...")};
    const char* figureNames[7] = {"exportCubeFigureAction",         "exportCompareFigureAction",
                                  "exportHistogramFigureAction",    "exportGroupStatsFigureAction",
                                  "exportRunningStatsFigureAction", "exportWindowFigureAction",
                                  "exportTensorFigureAction"};
    for (int i = 0; i < 7; ++i) {
        exportFigure_[i] = make(figureNames[i], figures[i]);
        exportFigure_[i]->setToolTip(tr("Save this view as PNG (1x, 2x or 3x), SVG or PDF (vector)"));
    }
    exportTensors_ = make("exportTensorsAction", tr("&Tensors (.npz)..."));
    exportTensors_->setToolTip(tr("Save x, x\u0302, y, the statistics, gamma, beta and the running statistics as "
                                  "one NumPy archive, in the input's dtype"));
    copyFigure_ = make("copyFigureAction", tr("Copy &figure"));
    copyFigure_->setToolTip(tr("Copy the cube (or the compare view) as an image"));

    // Each language named in itself, so whoever cannot read the current one still finds theirs.
    languageEnglish_ = make("languageEnglishAction", QStringLiteral("English"));
    languageChinese_ = make("languageChineseAction", QStringLiteral("中文"));
    auto* languages = new QActionGroup(this);
    for (QAction* language : {languageEnglish_, languageChinese_}) {
        language->setCheckable(true);
        languages->addAction(language);
    }

    QUndoStack* stack = document_->undoStack();
    connect(undo_, &QAction::triggered, stack, &QUndoStack::undo);
    connect(redo_, &QAction::triggered, stack, &QUndoStack::redo);
    connect(step_, &QAction::triggered, document_, [this] { document_->step(false); });
    connect(stepFresh_, &QAction::triggered, document_, [this] { document_->step(true); });
    connect(resetRunning_, &QAction::triggered, document_, &Document::resetRunningStats);
    connect(useGenerator_, &QAction::triggered, document_, &Document::useGenerator);

    connect(stack, &QUndoStack::indexChanged, this, &Actions::updateState);
    connect(stack, &QUndoStack::cleanChanged, this, &Actions::updateState);
    connect(document_, &Document::experimentChanged, this, &Actions::updateState);
    connect(document_, &Document::compareEnabledChanged, this, &Actions::updateState);
    updateState();
}

QAction* Actions::make(const char* objectName, const QString& text)
{
    auto* action = new QAction(text, this);
    action->setObjectName(QLatin1String(objectName));
    all_.push_back(action);
    return action;
}

void Actions::updateState()
{
    const QUndoStack* stack = document_->undoStack();
    undo_->setEnabled(stack->canUndo());
    redo_->setEnabled(stack->canRedo());
    undo_->setToolTip(stack->canUndo() ? tr("Undo %1 (Ctrl+Z)").arg(stack->undoText()) : tr("Nothing to undo"));
    redo_->setToolTip(stack->canRedo() ? tr("Redo %1 (Ctrl+Shift+Z)").arg(stack->redoText()) : tr("Nothing to redo"));

    // PyTorch keeps running statistics only in BatchNorm and InstanceNorm with track_running_stats;
    // a fresh batch comes from the generator, which a loaded array replaces.
    const Experiment& e = document_->experiment();
    const bool running = e.spec.hasRunningStats();
    step_->setEnabled(running);
    stepFresh_->setEnabled(running && !e.isLoaded());
    resetRunning_->setEnabled(running);
    useGenerator_->setEnabled(e.isLoaded());

    compare_->setChecked(document_->isCompareEnabled());
}

} // namespace normscope::ui
