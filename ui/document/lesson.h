// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace normscope::ui {

/// A text of a lesson in each of its languages; both are required.
struct LessonText {
    QString en;
    QString zh_CN;
    /// The text in lang ("en" or "zh_CN"); English for any other language.
    const QString& in(const QString& lang) const { return lang == QLatin1String("zh_CN") ? zh_CN : en; }
};

/**
 * A number (or name) in a lesson's text, filled in from the engine's result for that step:
 * `{name}`, `{name[i]}` or `{name[i,j,...]}`, optionally `{name[...]:4}` for 4 decimals (else the
 * window's compact number). Indices address the named tensor (x, xhat and y by input position,
 * mean/var/rstd by statistic group, grad_output/grad_input by input position, grad_weight/grad_bias
 * by parameter, the rest by channel; grad_reach and grad_max: how many cells dL/dx reaches and its
 * largest magnitude); one index into a tensor of higher rank is a flat index. `{{` and `}}` write a brace.
 */
struct Placeholder {
    QString name;
    std::vector<std::int64_t> index;
    int decimals = -1; ///< -1: the window's compact format
    qsizetype begin = 0;
    qsizetype length = 0; ///< of the whole `{...}` in the text
    QString key() const;  ///< `name[i,j]`, as the fixtures name it
};

/// Every name a placeholder may use, and whether it is a number (else a text such as the refusal).
const QStringList& placeholderNames();
bool isTextPlaceholder(const QString& name);

/// The placeholders of a text, in order. Throws normscope::Error for an unknown name or bad syntax.
std::vector<Placeholder> placeholdersIn(const QString& text);

/// One step: the window's state (as the window's options without "--", inherited from the step
/// before and overridden here) and its paragraph (rich text with placeholders).
struct LessonStep {
    QJsonObject state;     ///< complete: the earlier steps' keys merged in
    QStringList arguments; ///< the state as the window's command line (without the program)
    LessonText text;
};

struct Lesson {
    QString id;
    QString file; ///< where it was read from, for messages
    LessonText title;
    std::vector<LessonStep> steps;
};

/**
 * Reads one lesson file and checks it against the schema: {"id", "title": {"en", "zh_CN"},
 * "steps": [{"state": {...}, "text": {"en", "zh_CN"}}]}. State keys are the window's options
 * (norm, tensor, image, shape, dtype, generator, seed, mean, std, num-groups, normalized-shape, eps,
 * momentum, affine, track-running-stats, mode, steps, running-mean... see stateKeys()), each with its
 * JSON type; a key set to null drops an inherited one. "steps": K means K training passes: in
 * train() the pass shown is the K-th, in eval() all K come before it, and none without "steps"
 * (lesson_runner.cpp). Throws normscope::Error naming the file and
 * the step (1-based) for invalid JSON, an unknown or missing key, a missing language, a value of the
 * wrong type, or a placeholder that does not parse. Whether the values are accepted is the window's
 * option parser's rule (lesson_runner.h checks that).
 */
Lesson parseLesson(const QByteArray& json, const QString& file);

/// The state keys a step may set.
const QStringList& stateKeys();

} // namespace normscope::ui
