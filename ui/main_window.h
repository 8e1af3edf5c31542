// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/result_snapshot.h"

#include <QMainWindow>
#include <QPointer>

#include <cstdint>
#include <vector>

class QDockWidget;
class QLabel;
class QScrollArea;
class QTabWidget;

namespace normscope::ui {

class Actions;
class CompareView;
class ControlsPanel;
class CubeView;
class FormulaPanel;
class GroupStatsPlot;
class HistogramPlot;
class LessonsPanel;
class PresenterMode;
class PyTorchCodePanel;
class RunningStatsPlot;
class Document;
class SessionController;
class StatsTableView;
class TensorView;
class ViewOptionsBar;
class WindowExports;

/**
 * The window: the cube in the centre with its view options, the controls on the left, the numbers
 * (statistics table, formula, PyTorch code) on the right, the plots below and a compare tab with all
 * five norms. Every view observes the Document itself; the window builds and lays them out, puts the
 * registered Actions into menus, toolbar and controls, links the cube's hover and selection to the
 * formula, and shows the engine's refusals in a banner above the cube.
 */
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(Document* document, QWidget* parent = nullptr);

    Document* document() const { return document_; }
    Actions* actions() const { return actions_; }
    CubeView* cubeView() const { return cube_; }
    CompareView* compareView() const { return compare_; }
    FormulaPanel* formulaPanel() const { return formula_; }
    StatsTableView* statsTable() const { return table_; }
    ControlsPanel* controls() const { return controls_; }
    PyTorchCodePanel* codePanel() const { return code_; }
    /// File > New, Open, Save, Open Recent, the title's file name and the settings the window keeps.
    SessionController* sessions() const { return sessions_; }
    /// A restored dock layout replaces the default dock sizes the first show would apply.
    void keepRestoredLayout() { layoutApplied_ = true; }
    HistogramPlot* histogramPlot() const { return histogram_; }
    GroupStatsPlot* groupStatsPlot() const { return groupStats_; }
    RunningStatsPlot* runningStatsPlot() const { return runningStats_; }
    /// File > Export's commands and the command line's exports (tables, figures, tensors).
    WindowExports* exports() const { return exports_; }
    LessonsPanel* lessonsPanel() const { return lessons_; }
    /// The Tensor tab: x, x-hat and y as PyTorch prints them.
    TensorView* tensorView() const { return tensor_; }
    void setTensorShown(bool shown);
    /// View > Presenter mode (F11).
    PresenterMode* presenter() const { return presenter_; }

    /// The refusal banner above the cube: visible, with the engine's message, while the spec is refused.
    QLabel* errorBanner() const { return errorBanner_; }
    QString errorText() const;
    /// The warning banner: a run PyTorch accepts whose numbers are degenerate (NaN/inf in the input
    /// with their counts, eps <= 0). Empty text while hidden.
    QString warningText() const;

    /// View options, as the combo boxes above the cube set them.
    void setValueSource(int source); ///< 0 x, 1 x-hat, 2 y
    void setAllGroupsHighlighted(bool all);
    void setExploded(bool on, int axis);
    /// Selects an element in the cube and every compare cube, as a click would.
    void selectCell(std::int64_t flatIndex);

    void setCompareShown(bool shown);
    bool isCompareShown() const;

    /// Opens a file dialog and loads the chosen .npy as the input.
    void openNpy();
    /// The banner and status bar message for a refusal or a note (an image scaled down to fit).
    void showNotice(const QString& message);
    /// File > Open image: one picture, or several of one size as a batch.
    void openImages();
    /// File > Export > PyTorch code...: asks for a file name, then exportPyTorchCodeTo.
    void exportPyTorchCode();
    /// Writes the current result's PyTorch code (and its .npy side files) to path, all or nothing;
    /// the window's --export-code calls this too. Throws normscope::Error.
    void exportPyTorchCodeTo(const QString& path);

protected:
    void showEvent(QShowEvent* event) override;
    /// A language switch: the texts given when built are swapped, the views rebuild theirs.
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
    /// The controls dock as wide as the controls need at the current font.
    void fitControlsWidth();
    /// Asks before unsaved changes are lost, then keeps the layout.
    void closeEvent(QCloseEvent* event) override;

private:
    void buildCentre();
    void buildDocks();
    void buildMenus();
    void applyDefaultDockSizes();
    void onResult(const ResultPtr& result);
    void onCellHovered(std::int64_t flatIndex);
    void onCellSelected(std::int64_t flatIndex);
    void updateStatus();
    void resetViews();
    void onTabChanged(int index);
    void buildLessons();
    void fitLessonsDock();
    void placeLessonsColumn();

    Document* document_;
    bool imageShown_ = false; ///< the input was pictures at the last change (the Tensor view came forward)
    Actions* actions_ = nullptr;
    SessionController* sessions_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    CubeView* cube_ = nullptr;
    CompareView* compare_ = nullptr;
    FormulaPanel* formula_ = nullptr;
    StatsTableView* table_ = nullptr;
    ControlsPanel* controls_ = nullptr;
    PyTorchCodePanel* code_ = nullptr;
    HistogramPlot* histogram_ = nullptr;
    GroupStatsPlot* groupStats_ = nullptr;
    RunningStatsPlot* runningStats_ = nullptr;
    ViewOptionsBar* viewOptions_ = nullptr;
    QLabel* errorBanner_ = nullptr;
    QLabel* noticeBanner_ = nullptr;
    QLabel* warningBanner_ = nullptr;
    QLabel* status_ = nullptr;
    std::int64_t selectedCell_ = -1;
    bool layoutApplied_ = false;
    std::vector<QPointer<QDockWidget>> dockedForCompare_;
    WindowExports* exports_ = nullptr;
    QScrollArea* controlsScroll_ = nullptr;
    LessonsPanel* lessons_ = nullptr;
    TensorView* tensor_ = nullptr;
    PresenterMode* presenter_ = nullptr;
};

} // namespace normscope::ui
