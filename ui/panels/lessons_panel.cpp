// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/panels/lessons_panel.h"

#include "engine/core/error.h"
#include "ui/document/document.h"
#include "ui/document/lesson_runner.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QTextDocument>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace normscope::ui {

LessonsPanel::LessonsPanel(Document* document, QWidget* parent) : QWidget(parent), document_(document)
{
    auto* layout = new QVBoxLayout(this);
    lessonBox_ = new QComboBox(this);
    lessonBox_->setObjectName(QStringLiteral("lessonBox"));
    lessonBox_->setToolTip(tr("Pick a lesson: it opens at its first step"));
    stepLabel_ = new QLabel(this);
    stepLabel_->setObjectName(QStringLiteral("lessonStepLabel"));
    text_ = new QTextBrowser(this);
    text_->setObjectName(QStringLiteral("lessonText"));
    text_->setOpenExternalLinks(false);
    QFont f = text_->font();
    f.setPointSizeF(f.pointSizeF() * 1.15);
    text_->setFont(f);
    back_ = new QPushButton(tr("Back"), this);
    back_->setObjectName(QStringLiteral("lessonBack"));
    back_->setToolTip(tr("The step before (Page Up)"));
    next_ = new QPushButton(tr("Next"), this);
    next_->setObjectName(QStringLiteral("lessonNext"));
    next_->setToolTip(tr("The next step (Page Down)"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(back_);
    buttons->addWidget(stepLabel_, 1, Qt::AlignCenter);
    buttons->addWidget(next_);
    layout->addWidget(lessonBox_);
    layout->addWidget(text_, 1);
    layout->addLayout(buttons);

    fillTitles();
    connect(lessonBox_, &QComboBox::activated, this, [this](int index) { openStep(index, 0); });
    connect(back_, &QPushButton::clicked, this, &LessonsPanel::back);
    connect(next_, &QPushButton::clicked, this, &LessonsPanel::next);
    text_->setHtml(introduction());
    updateButtons();
}

QString LessonsPanel::introduction() const
{
    return tr("<p>Pick a lesson above. Each step sets the window up and says what to look at; "
              "Next and Back (Page Down, Page Up) move through it.</p>");
}

void LessonsPanel::fillTitles()
{
    lessonBox_->clear();
    int widest = 0;
    for (const Lesson& lesson : builtInLessons()) {
        lessonBox_->addItem(lesson.title.in(lang_), lesson.id);
        widest = std::max(widest, lessonBox_->fontMetrics().horizontalAdvance(lesson.title.in(lang_)));
    }
    // The list shows every title whole even where the dock is narrower than the longest one.
    lessonBox_->view()->setMinimumWidth(widest + 4 * lessonBox_->fontMetrics().averageCharWidth());
    lessonBox_->setCurrentIndex(lesson_);
}

void LessonsPanel::setLanguage(const QString& lang)
{
    lang_ = lang;
    fillTitles();
    // The step stays as it is (no new undo step): only its paragraph changes language.
    if (lesson_ < 0)
        paragraph_ = introduction();
    else if (stepResult_)
        paragraph_ = resolveLessonText(
            builtInLessons()[static_cast<std::size_t>(lesson_)].steps[static_cast<std::size_t>(step_)].text.in(lang_),
            *stepResult_, NumberBreaks::Never);
    else
        paragraph_ = tr("<p>This step cannot be shown: %1</p>").arg(error_.toHtmlEscaped());
    text_->setHtml(paragraph_);
    updateButtons();
}

bool LessonsPanel::openStep(int lesson, int step)
{
    const std::vector<Lesson>& lessons = builtInLessons();
    if (lesson < 0 || lesson >= static_cast<int>(lessons.size()))
        return false;
    const Lesson& l = lessons[static_cast<std::size_t>(lesson)];
    lesson_ = lesson;
    step_ = std::clamp(step, 0, static_cast<int>(l.steps.size()) - 1);
    lessonBox_->setCurrentIndex(lesson_);
    bool ok = true;
    error_.clear();
    try {
        const LessonStepRun run = applyLessonStep(*document_, l, step_, lang_);
        stepResult_ = run.result;
        paragraph_ = resolveLessonText(l.steps[static_cast<std::size_t>(step_)].text.in(lang_), *run.result,
                                       NumberBreaks::Never);
        Q_EMIT stepOpened(run.options);
    } catch (const Error& e) {
        error_ = QString::fromUtf8(e.what());
        stepResult_.reset();
        paragraph_ = tr("<p>This step cannot be shown: %1</p>").arg(error_.toHtmlEscaped());
        ok = false;
    }
    text_->setHtml(paragraph_);
    updateButtons();
    return ok;
}

void LessonsPanel::next()
{
    if (lesson_ >= 0 && step_ + 1 < static_cast<int>(builtInLessons()[static_cast<std::size_t>(lesson_)].steps.size()))
        openStep(lesson_, step_ + 1);
}

void LessonsPanel::back()
{
    if (lesson_ >= 0 && step_ > 0)
        openStep(lesson_, step_ - 1);
}

int LessonsPanel::heightForWholeText() const
{
    QTextDocument* doc = text_->document();
    doc->setTextWidth(text_->viewport()->width());
    // Half a line to spare: a scroll bar that appears would narrow the text and wrap it once more.
    const int textHeight = static_cast<int>(std::ceil(doc->size().height())) + 2 * text_->frameWidth()
        + text_->fontMetrics().lineSpacing() / 2;
    // Everything but the text box keeps its current height.
    return height() - text_->height() + textHeight;
}

void LessonsPanel::updateButtons()
{
    const int count =
        lesson_ >= 0 ? static_cast<int>(builtInLessons()[static_cast<std::size_t>(lesson_)].steps.size()) : 0;
    back_->setEnabled(lesson_ >= 0 && step_ > 0);
    next_->setEnabled(lesson_ >= 0 && step_ + 1 < count);
    stepLabel_->setText(lesson_ >= 0 ? tr("Step %1 of %2").arg(step_ + 1).arg(count) : QString());
}

} // namespace normscope::ui
