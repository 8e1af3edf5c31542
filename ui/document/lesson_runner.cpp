// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/lesson_runner.h"

#include "engine/core/error.h"
#include "ui/document/document.h"
#include "ui/document/engine_runner.h"
#include "ui/document/input_cache.h"
#include "ui/document/number_text.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <optional>

namespace normscope::ui {

namespace {

Error stepError(const Lesson& lesson, int index, const std::string& what)
{
    return Error(lesson.file.toStdString() + ", step " + std::to_string(index + 1) + ": " + what);
}

/// A tensor of a step's result by its name in the lesson's placeholders: its shape and its elements.
struct NamedValues {
    Shape shape;
    std::function<double(std::int64_t)> at;
};

std::optional<NamedValues> valuesNamed(const QString& name, const ResultSnapshot& r)
{
    const auto small = [](const Tensor<double>& t) {
        return NamedValues{t.shape(), [&t](std::int64_t i) { return t[i]; }};
    };
    if (name == QLatin1String("x"))
        return NamedValues{r.input.shape(), r.input.reader()};
    if (name == QLatin1String("xhat"))
        return NamedValues{r.shape, [&r](std::int64_t i) { return r.normalizedAt(i); }};
    if (name == QLatin1String("y"))
        return NamedValues{r.shape, [&r](std::int64_t i) { return r.outputAt(i); }};
    if (name == QLatin1String("grad_output"))
        return NamedValues{r.grad_output.shape(), r.grad_output.reader()};
    if (name == QLatin1String("grad_input"))
        return NamedValues{r.grad_input.shape(), r.grad_input.reader()};
    const std::pair<const char*, const Tensor<double>*> smallOnes[] = {
        {"mean", &r.mean},
        {"var", &r.var},
        {"rstd", &r.rstd},
        {"weight", &r.weight},
        {"bias", &r.bias},
        {"running_mean", &r.running_mean},
        {"running_var", &r.running_var},
        {"running_mean_before", &r.running_mean_before},
        {"running_var_before", &r.running_var_before},
        {"grad_weight", &r.grad_weight},
        {"grad_bias", &r.grad_bias},
    };
    for (const auto& [key, tensor] : smallOnes)
        if (name == QLatin1String(key))
            return small(*tensor);
    return std::nullopt;
}

/// The flat position of an index into a tensor of this shape; one index is a flat index.
std::int64_t flatIndex(const Placeholder& p, const Shape& shape)
{
    const std::int64_t count = numel(shape);
    const auto outOfRange = [&] {
        return Error("{" + p.key().toStdString() + "}: index out of range for shape " + toString(shape));
    };
    if (p.index.empty()) {
        if (count != 1)
            throw Error("{" + p.name.toStdString() + "} needs an index: the tensor has shape " + toString(shape));
        return 0;
    }
    if (p.index.size() == 1) {
        if (p.index[0] >= count)
            throw outOfRange();
        return p.index[0];
    }
    if (p.index.size() != shape.size())
        throw outOfRange();
    std::int64_t flat = 0;
    for (std::size_t d = 0; d < shape.size(); ++d) {
        if (p.index[d] >= shape[d])
            throw outOfRange();
        flat = flat * shape[d] + p.index[d];
    }
    return flat;
}

/**
 * The running variance a hand-written BatchNorm keeps when it averages the biased variance it
 * normalises with (moving = (1 - m) * moving + m * var), started where PyTorch's started and moved
 * once per pass that moved PyTorch's: what PyTorch would keep without Bessel's correction.
 */
double runningVarBiased(std::int64_t channel, const ResultSnapshot& r)
{
    if (r.running_var.numel() == 0 || r.spec.kind != NormKind::Batch)
        throw Error("{running_var_biased} needs BatchNorm with track_running_stats");
    if (channel >= r.var.numel())
        throw Error("{running_var_biased}: channel out of range");
    const bool stepped = !r.running_var_history.empty();
    double v = stepped ? r.running_var_history.front()[channel] : r.running_var_before[channel];
    std::int64_t passes = stepped ? static_cast<std::int64_t>(r.running_var_history.size()) - 1 : 0;
    if (r.passUpdatesRunningStats())
        ++passes;
    std::int64_t tracked = r.num_batches_tracked - passes;
    for (std::int64_t k = 0; k < passes; ++k) {
        ++tracked;
        const double m = r.spec.momentum ? *r.spec.momentum : 1.0 / static_cast<double>(tracked);
        v = (1 - m) * v + m * r.var[channel];
    }
    return r.dtype == DType::Float32 ? static_cast<double>(static_cast<float>(v)) : v;
}

QString textValue(const Placeholder& p, const ResultSnapshot& r)
{
    if (p.name == QLatin1String("error")) {
        if (r.error.empty())
            throw Error("{error}: the engine accepts this step");
        return QString::fromStdString(r.error).toHtmlEscaped();
    }
    return QString::fromStdString(moduleSignature(r.spec, r.shape)).toHtmlEscaped();
}

std::vector<Lesson> loadLessons()
{
    std::vector<Lesson> lessons;
    const QDir dir(QStringLiteral(":/lessons"));
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        try {
            if (!file.open(QIODevice::ReadOnly))
                throw Error("cannot read " + name.toStdString());
            Lesson lesson = parseLesson(file.readAll(), QStringLiteral("resources/lessons/") + name);
            if (name.section(QLatin1Char('-'), 1) != lesson.id + QStringLiteral(".json"))
                throw Error(name.toStdString() + ": the file must be named NN-" + lesson.id.toStdString() + ".json");
            lessons.push_back(std::move(lesson));
        } catch (const Error& e) {
            std::fprintf(stderr, "normscope: lesson left out: %s\n", e.what());
        }
    }
    return lessons;
}

} // namespace

const std::vector<Lesson>& builtInLessons()
{
    static const std::vector<Lesson> lessons = loadLessons();
    return lessons;
}

const Lesson* findLesson(const QString& id)
{
    for (const Lesson& lesson : builtInLessons())
        if (lesson.id == id)
            return &lesson;
    return nullptr;
}

LessonStepRun runLessonStep(const Lesson& lesson, int index)
{
    if (index < 0 || index >= static_cast<int>(lesson.steps.size()))
        throw Error(lesson.id.toStdString() + " has " + std::to_string(lesson.steps.size()) + " steps, no step "
                    + std::to_string(index + 1));
    const QStringList args = QStringList{QStringLiteral("normscope")} + lesson.steps[index].arguments;
    AppOptionsParse parsed = parseAppOptions(args);
    bool refusedInTraining = false;
    if (!parsed.options && !args.contains(QStringLiteral("--eval"))) {
        // A lesson may show what PyTorch refuses only in train() (batch-of-one): the command line
        // refuses it, so it is read in eval() and put back in train(), where the engine refuses it
        // with PyTorch's message for the step to show.
        AppOptionsParse inEval = parseAppOptions(args + QStringList{QStringLiteral("--eval")});
        if (inEval.options) {
            parsed = inEval;
            refusedInTraining = true;
        }
    }
    if (!parsed.options)
        throw stepError(lesson, index, parsed.error.toStdString());
    LessonStepRun run;
    run.options = *parsed.options;
    if (refusedInTraining)
        run.options.experiment.spec.mode = Mode::Training;
    run.experiment = run.options.experiment;
    InputCache cache;
    const std::shared_ptr<const AnyTensor> x = cache.input(run.experiment);
    // A lesson's "steps": K is K training passes: in train() the shown pass is the K-th; in eval()
    // the K passes come before the shown one (which moves nothing), so "train 30 times, then look
    // in eval()" shows num_batches_tracked = 30 as the lesson's file says, and without "steps" an
    // eval() step shows the module fresh from construction.
    if (run.experiment.spec.hasRunningStats()) {
        const bool eval = run.experiment.spec.mode == Mode::Eval;
        const bool stepsGiven = lesson.steps[index].state.contains(QStringLiteral("steps"));
        const int passesBefore = eval ? (stepsGiven ? run.options.steps : 0) : run.options.steps - 1;
        try {
            for (int i = 0; i < passesBefore; ++i)
                run.experiment = engine_runner::step(run.experiment, *x, 1);
        } catch (const Error&) {
            // The refusal is the shown pass's too: the result below carries it.
        }
    }
    run.result = engine_runner::run(run.experiment, x, 0, 1, nullptr, engine_runner::RunOptions{false, true});
    return run;
}

double placeholderValue(const Placeholder& p, const ResultSnapshot& r)
{
    if (p.name == QLatin1String("num_batches_tracked"))
        return static_cast<double>(r.num_batches_tracked);
    if (p.name == QLatin1String("eps"))
        return r.dtype == DType::Float32 ? r.spec.effectiveEps<float>() : r.spec.effectiveEps<double>();
    if (p.name == QLatin1String("momentum"))
        return r.spec.momentum ? *r.spec.momentum : std::numeric_limits<double>::quiet_NaN();
    if (!r.ok())
        throw Error("{" + p.key().toStdString() + "}: the engine refuses this step (" + r.error + ")");
    if (p.name == QLatin1String("running_var_biased"))
        return runningVarBiased(p.index.empty() ? 0 : p.index[0], r);
    if (p.name == QLatin1String("grad_reach") || p.name == QLatin1String("grad_max")) {
        // How many cells dL/dy reaches (dL/dx != 0), and the largest |dL/dx|.
        if (!r.hasGradient())
            throw Error("{" + p.key().toStdString() + "}: this step has no gradient (state key \"grad\")");
        return p.name == QLatin1String("grad_reach") ? static_cast<double>(r.grad_reached) : r.grad_max_abs;
    }
    const std::optional<NamedValues> t = r.ok() ? valuesNamed(p.name, r) : std::nullopt;
    if (!t || numel(t->shape) == 0)
        throw Error("{" + p.key().toStdString() + "}: this step has no " + p.name.toStdString());
    return t->at(flatIndex(p, t->shape));
}

QString resolveLessonText(const QString& text, const ResultSnapshot& result, NumberBreaks breaks)
{
    const auto whole = [breaks](const QString& number) {
        if (breaks == NumberBreaks::Anywhere)
            return number;
        QString joined;
        for (qsizetype i = 0; i < number.size(); ++i)
            joined += (i ? QStringLiteral("\u2060") : QString()) + number[i];
        return joined;
    };
    QString out;
    qsizetype from = 0;
    const auto copyPlain = [&](qsizetype end) {
        out += text.mid(from, end - from)
                   .replace(QStringLiteral("{{"), QStringLiteral("{"))
                   .replace(QStringLiteral("}}"), QStringLiteral("}"));
    };
    for (const Placeholder& p : placeholdersIn(text)) {
        copyPlain(p.begin);
        if (isTextPlaceholder(p.name)) {
            out += textValue(p, result);
        } else {
            const double v = placeholderValue(p, result);
            if (p.name == QLatin1String("num_batches_tracked"))
                out += QString::number(static_cast<qint64>(v));
            else if (p.name == QLatin1String("momentum") && std::isnan(v))
                out += QStringLiteral("None");
            else
                out += whole(p.decimals >= 0 ? fixedText(v, p.decimals) : formatNumber(v));
        }
        from = p.begin + p.length;
    }
    copyPlain(text.size());
    return out;
}

void checkLesson(const Lesson& lesson)
{
    for (int i = 0; i < static_cast<int>(lesson.steps.size()); ++i) {
        const LessonStepRun run = runLessonStep(lesson, i);
        for (const QString& lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            try {
                resolveLessonText(lesson.steps[i].text.in(lang), *run.result);
            } catch (const Error& e) {
                throw stepError(lesson, i, lang.toStdString() + " text: " + e.what());
            }
        }
    }
}

LessonStepRun applyLessonStep(Document& document, const Lesson& lesson, int index, const QString& lang)
{
    const LessonStepRun run = runLessonStep(lesson, index);
    const QString title =
        QCoreApplication::translate("Lesson", "Lesson: %1, step %2").arg(lesson.title.in(lang)).arg(index + 1);
    document.edit(title, [&run](Experiment& e) { e = run.experiment; });
    document.setCompareEnabled(run.options.compare);
    return run;
}

} // namespace normscope::ui
