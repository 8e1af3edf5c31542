// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#pragma once

#include "ui/document/app_options.h"
#include "ui/document/experiment.h"
#include "ui/document/lesson.h"
#include "ui/document/result_snapshot.h"

#include <QString>

#include <vector>

namespace normscope::ui {

class Document;

/// The lessons compiled into the program (resources/lessons, one file each, in file-name order: the
/// files are named NN-ID.json). A file that fails its schema is a program error, caught by the test
/// that reads every file; here it is left out with a message on stderr.
const std::vector<Lesson>& builtInLessons();
/// The built-in lesson with this id, or nullptr.
const Lesson* findLesson(const QString& id);

/// One step as the engine computes it: the window's options for it, the experiment after the steps
/// taken before the shown pass, and the result of that pass.
struct LessonStepRun {
    AppOptions options;
    Experiment experiment;
    ResultPtr result;
};

/// Runs step `index` (0-based) of a lesson through the window's option parser and the engine.
/// Throws normscope::Error naming the file and the step (1-based) when the parser refuses its state.
LessonStepRun runLessonStep(const Lesson& lesson, int index);

/// The value of a numeric placeholder in a result. Throws Error for an index out of range or a
/// name that this result does not have (e.g. running_var without tracking).
double placeholderValue(const Placeholder& p, const ResultSnapshot& result);

/// How a filled-in number may be broken at a line's end.
enum class NumberBreaks {
    Anywhere, ///< plain text (tests, exports)
    Never,    ///< word joiners between its characters: Qt's line breaker splits "0.4" after the point in CJK text
};

/// The text with every placeholder filled in from the result (numbers with the window's
/// formatting). Throws Error for a placeholder that does not resolve.
QString resolveLessonText(const QString& text, const ResultSnapshot& result,
                          NumberBreaks breaks = NumberBreaks::Anywhere);

/// The whole check of one lesson: each step's state accepted by the window's parser and run by
/// the engine, every placeholder in both languages resolved. Throws Error naming file and step.
void checkLesson(const Lesson& lesson);

/// Opens a step in the document: the experiment after its steps as one undo step ("Lesson: title,
/// step K"; Undo goes back to what was shown before), compare on or off. The view options (colour,
/// highlight, explode, select) are the window's: the caller applies the returned run's options, and
/// fills the text from its result (the same engine run as the document's). Throws Error as
/// runLessonStep.
LessonStepRun applyLessonStep(Document& document, const Lesson& lesson, int index, const QString& lang);

} // namespace normscope::ui
