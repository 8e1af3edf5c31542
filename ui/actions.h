// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#pragma once

#include <QList>
#include <QObject>

class QAction;

namespace normscope::ui {

class Document;

/**
 * Every user command of the window, each one QAction registered once (Tiled's ActionManager). Menus,
 * the toolbar and the controls panel's buttons show these same objects, so a command's text,
 * shortcut and tooltip are written here and nowhere else, and updateState() is the one place that
 * decides from the Document which commands are enabled or checked.
 *
 * Commands on the Document (undo, redo, step, reset running statistics, back to the generator) are
 * connected here. Commands on the window's widgets (open dialog, compare tab, view options, copy,
 * quit, about) are connected by the window, which owns what they act on.
 */
class Actions : public QObject {
    Q_OBJECT

public:
    explicit Actions(Document* document, QObject* parent = nullptr);

    QAction* open() const { return open_; }
    QAction* openImage() const { return openImage_; }
    QAction* useGenerator() const { return useGenerator_; }
    QAction* exportCode() const { return exportCode_; }
    QAction* quit() const { return quit_; }
    QAction* undo() const { return undo_; }
    QAction* redo() const { return redo_; }
    QAction* copyTable() const { return copyTable_; }
    QAction* step() const { return step_; }
    QAction* stepFresh() const { return stepFresh_; }
    QAction* resetRunning() const { return resetRunning_; }
    QAction* compare() const { return compare_; }
    QAction* resetView() const { return resetView_; }
    /// 0 colour by x, 1 by x-hat, 2 by y (Ctrl+1/2/3).
    QAction* colourBy(int source) const { return colourBy_[source]; }
    QAction* allGroups() const { return allGroups_; }
    QAction* explode() const { return explode_; }
    QAction* about() const { return about_; }
    /// Sessions (.normscope files): File > New, Open..., Save, Save As..., Open Recent's Clear list.
    QAction* newSession() const { return newSession_; }
    QAction* openSession() const { return openSession_; }
    QAction* save() const { return save_; }
    QAction* saveAs() const { return saveAs_; }
    QAction* clearRecent() const { return clearRecent_; }
    // File > Export and Edit > Copy figure (connected by WindowExports).
    QAction* exportStatsTable() const { return exportStatsTable_; }
    QAction* exportCompareTable() const { return exportCompareTable_; }
    /// One per FigureKind, in its order (cube, compare, histogram, group stats, running stats, window).
    QAction* exportFigure(int kind) const { return exportFigure_[kind]; }
    QAction* exportTensors() const { return exportTensors_; }
    QAction* copyFigure() const { return copyFigure_; }
    /// Help > Lessons (shows the Lessons dock); the step before and after (Page Up, Page Down).
    QAction* lessons() const { return lessons_; }
    QAction* lessonBack() const { return lessonBack_; }
    QAction* lessonNext() const { return lessonNext_; }
    /// View > Presenter mode (F11, checkable), its scale (Ctrl+= / Ctrl+-) and the side panels a
    /// teacher does not need (F12); the window's PresenterMode carries them out.
    QAction* presenter() const { return presenter_; }
    QAction* presenterLarger() const { return presenterLarger_; }
    QAction* presenterSmaller() const { return presenterSmaller_; }
    QAction* presenterPanels() const { return presenterPanels_; }
    /// View > Language: English, 中文 (checkable, one checked; connected by the window).
    QAction* languageEnglish() const { return languageEnglish_; }
    QAction* languageChinese() const { return languageChinese_; }

    /// Every registered action, in menu order.
    QList<QAction*> all() const { return all_; }

    /// Enabled, checked and tooltip state from the Document (runs on its every change).
    void updateState();

private:
    QAction* make(const char* objectName, const QString& text);

    Document* document_;
    QList<QAction*> all_;
    QAction* open_ = nullptr;
    QAction* openImage_ = nullptr;
    QAction* useGenerator_ = nullptr;
    QAction* exportCode_ = nullptr;
    QAction* quit_ = nullptr;
    QAction* undo_ = nullptr;
    QAction* redo_ = nullptr;
    QAction* copyTable_ = nullptr;
    QAction* step_ = nullptr;
    QAction* stepFresh_ = nullptr;
    QAction* resetRunning_ = nullptr;
    QAction* compare_ = nullptr;
    QAction* resetView_ = nullptr;
    QAction* colourBy_[4] = {}; ///< x, x-hat, y, dL/dx (CubeView::ValueSource)
    QAction* allGroups_ = nullptr;
    QAction* explode_ = nullptr;
    QAction* about_ = nullptr;
    QAction* newSession_ = nullptr;
    QAction* openSession_ = nullptr;
    QAction* save_ = nullptr;
    QAction* saveAs_ = nullptr;
    QAction* clearRecent_ = nullptr;
    QAction* exportStatsTable_ = nullptr;
    QAction* exportCompareTable_ = nullptr;
    QAction* exportFigure_[7] = {};
    QAction* exportTensors_ = nullptr;
    QAction* copyFigure_ = nullptr;
    QAction* lessons_ = nullptr;
    QAction* lessonBack_ = nullptr;
    QAction* lessonNext_ = nullptr;
    QAction* presenter_ = nullptr;
    QAction* presenterLarger_ = nullptr;
    QAction* presenterSmaller_ = nullptr;
    QAction* presenterPanels_ = nullptr;
    QAction* languageEnglish_ = nullptr;
    QAction* languageChinese_ = nullptr;
};

} // namespace normscope::ui
