// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#pragma once

#include "ui/document/app_options.h"
#include "ui/document/result_snapshot.h"

#include <QString>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTextBrowser;

namespace normscope::ui {

class Document;

/**
 * The Lessons dock: the built-in lessons by title, the current step's paragraph (rich text, its
 * numbers filled in from the engine's result for the step) and Back/Next. Opening a step applies its
 * state to the Document (one undo step); the view options it sets are the window's, so the panel
 * hands them on with stepOpened().
 */
class LessonsPanel : public QWidget {
    Q_OBJECT

public:
    explicit LessonsPanel(Document* document, QWidget* parent = nullptr);

    /// "en" or "zh_CN": the titles and paragraphs shown.
    void setLanguage(const QString& lang);
    QString language() const { return lang_; }

    /// Opens step `step` (0-based) of the lesson at `lesson` in builtInLessons(); false (and the
    /// reason in the paragraph) when the engine's option parser refuses the step.
    bool openStep(int lesson, int step);
    void next();
    void back();

    int currentLesson() const { return lesson_; }
    int currentStep() const { return step_; }
    /// The paragraph as shown (rich text, placeholders filled in; without the word joiners that
    /// keep its numbers on one line).
    QString paragraph() const { return QString(paragraph_).remove(QChar(0x2060)); }
    /// Why the last openStep() failed (plain text), empty after a success.
    QString error() const { return error_; }
    /// The panel's height that shows the whole paragraph at the panel's current width, no scrolling.
    int heightForWholeText() const;

Q_SIGNALS:
    /// A step was opened: its options (colour by, highlight, explode, select) for the window's views.
    void stepOpened(const normscope::ui::AppOptions& options);

private:
    void fillTitles();
    void updateButtons();
    QString introduction() const;

    Document* document_;
    QString lang_ = QStringLiteral("en");
    int lesson_ = -1;
    int step_ = 0;
    QString paragraph_;
    QString error_;
    ResultPtr stepResult_; ///< the open step's result: a language switch refills its text, not the step
    QComboBox* lessonBox_ = nullptr;
    QLabel* stepLabel_ = nullptr;
    QTextBrowser* text_ = nullptr;
    QPushButton* back_ = nullptr;
    QPushButton* next_ = nullptr;
};

} // namespace normscope::ui
