// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/document.h"

#include "engine/core/error.h"
#include "engine/io/npy.h"
#include "engine/core/thread_limit.h"
#include "ui/document/engine_runner.h"
#include "ui/document/experiment_command.h"
#include "ui/document/image_input.h"
#include "ui/document/number_text.h"
#include "ui/document/step_command.h"

#include <QCoreApplication>

#include <functional>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace normscope::ui {

namespace {

/// Keeps the number of normalized dims when the shape changes, and num_groups when it still divides C.
void fitSpecToShape(Experiment& e)
{
    const int rank = static_cast<int>(e.shape.size());
    // Never N too: normalising over the whole batch is a different lesson than the one chosen.
    int dims = static_cast<int>(e.spec.normalized_shape.size());
    if (dims < 1)
        dims = 3;
    dims = std::clamp(dims, 1, std::max(1, rank - 1));
    e.spec.normalized_shape = trailingDims(e.shape, dims);
    if (e.spec.num_groups <= 0 || e.channels() % e.spec.num_groups != 0)
        e.spec.num_groups = defaultGroupCount(e.channels());
}

} // namespace

Document::Document(QObject* parent) : Document(Experiment::demo(), parent) {}

Document::Document(Experiment initial, QObject* parent) : QObject(parent), experiment_(std::move(initial))
{
    qRegisterMetaType<normscope::ui::ResultPtr>();
    qRegisterMetaType<std::vector<normscope::ui::ResultPtr>>();
    connect(&jobWatcher_, &QFutureWatcher<JobOutput>::finished, this, &Document::onJobFinished);
    connect(&stepWatcher_, &QFutureWatcher<StepOutput>::finished, this, [this] { finishStep(stepWatcher_.result()); });
    connect(&undoStack_, &QUndoStack::cleanChanged, this, [this](bool clean) { Q_EMIT modifiedChanged(!clean); });
    experiment_.conform();
    // Small inputs are computed right here on the GUI thread: one thread, no pool to wake.
    limitThreadsOfCallingThread(1);
    // The first result is computed before the constructor returns, so result() is never null; a
    // large one on a pool thread, whose kernels may use every core.
    ++generation_;
    if (isLarge(experiment_))
        publish(QtConcurrent::run([this] { return compute(experiment_, generation_, compareEnabled_, 0); }).result());
    else
        publish(compute(experiment_, generation_, compareEnabled_, 1));
}

Document::~Document()
{
    jobWatcher_.waitForFinished();
    stepWatcher_.waitForFinished();
}

bool Document::isBusy() const
{
    return jobWatcher_.isRunning() || jobPending_ || !stepQueue_.empty();
}

void Document::updateBusy()
{
    const bool busy = isBusy();
    if (busy != busy_) {
        busy_ = busy;
        Q_EMIT busyChanged(busy);
    }
}

bool Document::waitUntilIdle(int timeoutMs)
{
    if (isBusy()) {
        QElapsedTimer timer;
        timer.start();
        QEventLoop loop;
        QTimer poll;
        poll.setInterval(2);
        connect(&poll, &QTimer::timeout, &loop, [&] {
            if (!isBusy() || timer.elapsed() > timeoutMs)
                loop.quit();
        });
        poll.start();
        loop.exec();
    }
    QCoreApplication::processEvents();
    return !isBusy();
}

void Document::setCompareEnabled(bool on)
{
    if (on == compareEnabled_)
        return;
    compareEnabled_ = on;
    Q_EMIT compareEnabledChanged(on);
    if (!on) {
        compareResults_.clear();
        return;
    }
    requestResult();
}

bool Document::isLarge(const Experiment& e) const
{
    const std::int64_t work = numel(e.shape) * (compareEnabled_ ? 6 : 1);
    return work > asyncThreshold_;
}

Document::JobOutput Document::compute(const Experiment& e, std::uint64_t generation, bool compare, int threads)
{
    QElapsedTimer timer;
    timer.start();
    JobOutput out;
    const std::shared_ptr<const AnyTensor> x = cache_->input(e);
    engine_runner::RunOptions main;
    main.pool = pool_.get();
    main.inputs = cache_.get();
    out.result = engine_runner::run(e, x, generation, threads, &out.engineMs, main);
    if (compare) {
        // The compare view shows cells, not whole tensors: each column's y is read where it is drawn,
        // and the five runs share one output buffer.
        engine_runner::RunOptions column = main;
        column.withDigest = false;
        column.keepOutput = false;
        for (const Experiment& c : engine_runner::compareExperiments(e)) {
            double ms = 0;
            out.compare.push_back(engine_runner::run(c, x, generation, threads, &ms, column));
            out.engineMs += ms;
        }
    }
    out.computeMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    return out;
}

void Document::requestResult()
{
    ++generation_;
    if (!isLarge(experiment_)) {
        jobPending_ = false; // a running job is obsolete and nothing needs to follow it
        publish(compute(experiment_, generation_, compareEnabled_, 1));
        updateBusy();
        return;
    }
    if (jobWatcher_.isRunning())
        jobPending_ = true; // the running job is obsolete; start the latest when it ends
    else
        startJob();
    updateBusy();
}

void Document::startJob()
{
    jobPending_ = false;
    const Experiment e = experiment_;
    const std::uint64_t generation = generation_;
    const bool compare = compareEnabled_;
    jobWatcher_.setFuture(
        QtConcurrent::run([this, e, generation, compare] { return compute(e, generation, compare, 0); }));
}

void Document::onJobFinished()
{
    const JobOutput out = jobWatcher_.result();
    if (out.result && out.result->generation == generation_)
        publish(out);
    if (jobPending_)
        startJob();
    updateBusy();
}

void Document::publish(const JobOutput& out)
{
    lastEngineMs_ = out.engineMs;
    lastComputeMs_ = out.computeMs;
    result_ = out.result;
    Q_EMIT resultChanged(result_);
    if (compareEnabled_ && !out.compare.empty()) {
        compareResults_ = out.compare;
        Q_EMIT compareResultsChanged(compareResults_);
    }
}

void Document::setExperiment(const Experiment& experiment)
{
    experiment_ = experiment;
    ++revision_;
    Q_EMIT experimentChanged();
    requestResult();
}

void Document::replaceExperiment(const Experiment& experiment, const QString& fileName)
{
    // Steps queued for the old experiment would land on the new one.
    stepWatcher_.waitForFinished();
    stepQueue_.clear();
    undoStack_.clear();
    Experiment e = experiment;
    e.conform();
    setExperiment(e);
    if (fileName != fileName_) {
        fileName_ = fileName;
        Q_EMIT fileNameChanged(fileName_);
    }
    updateBusy();
}

void Document::markSaved(const QString& fileName)
{
    undoStack_.setClean();
    if (fileName != fileName_) {
        fileName_ = fileName;
        Q_EMIT fileNameChanged(fileName_);
    }
}

void Document::edit(const QString& text, const std::function<void(Experiment&)>& change, int mergeKey)
{
    Experiment after = experiment_;
    change(after);
    after.conform();
    if (after == experiment_)
        return;
    undoStack_.push(new ExperimentCommand(this, text, experiment_, after, mergeKey, mergeSerial_));
}

void Document::setNormKind(NormKind kind)
{
    edit(tr("Norm: %1").arg(QString::fromUtf8(traitsOf(kind).displayName)), [kind](Experiment& e) {
        const Mode mode = e.spec.mode;
        e.spec = defaultSpecFor(kind, e.shape);
        e.spec.mode = mode;
        e.weight.clear();
        e.bias.clear();
        e.resetRunningStats();
    });
}

void Document::setShape(const Shape& shape)
{
    if (numel(shape) > kMaxElements) {
        Q_EMIT errorReported(tr("Shape %1 has %L2 elements; the window takes at most %L3.")
                                 .arg(QString::fromStdString(toString(shape)))
                                 .arg(numel(shape))
                                 .arg(kMaxElements));
        return;
    }
    edit(tr("Shape %1").arg(QString::fromStdString(toString(shape))), [&shape](Experiment& e) {
        e.loaded.reset();
        e.loadedPath.clear();
        e.image = false;
        e.shape = shape;
        fitSpecToShape(e);
    });
}

void Document::setDType(DType dtype)
{
    edit(tr("dtype %1").arg(toString(dtype)), [dtype](Experiment& e) { e.dtype = dtype; });
}

void Document::setRecipe(const InputRecipe& recipe, bool merge)
{
    edit(
        tr("Input generator"),
        [&recipe](Experiment& e) {
            e.recipe = recipe;
            e.loaded.reset();
            e.loadedPath.clear();
            e.image = false;
        },
        merge ? MergeRecipe : NoMerge);
}

bool Document::loadInput(const std::function<void()>& load, QString* error)
{
    try {
        load();
        return true;
    } catch (const Error& err) {
        const QString message = QString::fromStdString(err.what());
        if (error)
            *error = message;
        Q_EMIT errorReported(message);
        return false;
    }
}

bool Document::loadNpy(const QString& path, QString* error)
{
    return loadInput(
        [&] {
            auto tensor = std::make_shared<const AnyTensor>(readNpy(path.toStdString()));
            const Shape shape = shapeOf(*tensor);
            if (shape.size() < 2 || shape.size() > 5)
                throw Error(path.toStdString() + ": the window shows inputs of rank 2 to 5 (N, C, ...), got shape "
                            + toString(shape));
            if (numel(shape) > kMaxElements)
                throw Error(path.toStdString() + ": " + std::to_string(numel(shape))
                            + " elements; the window takes at most " + std::to_string(kMaxElements));
            edit(tr("Load %1").arg(path), [&](Experiment& e) {
                e.loaded = tensor;
                e.loadedPath = path.toStdString();
                e.image = false;
                e.shape = shape;
                e.dtype = dtypeOf(*tensor);
                fitSpecToShape(e);
            });
        },
        error);
}

bool Document::loadImages(const QStringList& paths, QString* error)
{
    return loadInput(
        [&] {
            const ImageInput in = readImages(paths, kMaxElements);
            edit(tr("Open image %1").arg(paths.join(QStringLiteral(", "))), [&](Experiment& e) {
                e.loaded = in.tensor;
                e.loadedPath = paths.join(QLatin1Char(',')).toStdString();
                e.image = true;
                e.shape = in.shape;
                e.dtype = DType::Float32;
                fitSpecToShape(e);
            });
            if (in.wasScaled())
                Q_EMIT noteReported(in.note());
        },
        error);
}

void Document::useGenerator()
{
    edit(tr("Use generator"), [](Experiment& e) {
        e.loaded.reset();
        e.loadedPath.clear();
        e.image = false;
    });
}

void Document::setNumGroups(std::int64_t groups)
{
    edit(tr("num_groups %1").arg(groups), [groups](Experiment& e) { e.spec.num_groups = groups; });
}

void Document::setNormalizedDims(int dims)
{
    edit(tr("normalized_shape: last %1 dims").arg(dims),
         [dims](Experiment& e) { e.spec.normalized_shape = trailingDims(e.shape, dims); });
}

void Document::setEps(std::optional<double> eps, bool merge)
{
    edit(
        tr("eps %1").arg(eps ? formatNumber(*eps) : QStringLiteral("None")), [eps](Experiment& e) { e.spec.eps = eps; },
        merge ? MergeEps : NoMerge);
}

void Document::setMomentum(std::optional<double> momentum, bool merge)
{
    edit(
        tr("momentum %1").arg(momentum ? formatNumber(*momentum) : QStringLiteral("None")),
        [momentum](Experiment& e) { e.spec.momentum = momentum; }, merge ? MergeMomentum : NoMerge);
}

void Document::setAffine(bool on)
{
    edit(on ? tr("affine on") : tr("affine off"), [on](Experiment& e) { e.spec.affine = on; });
}

std::vector<double> Document::affineValuesOrDefault(const Experiment& e, double fill) const
{
    try {
        return std::vector<double>(static_cast<std::size_t>(numel(affineShape(e.spec, e.shape))), fill);
    } catch (const Error&) {
        return {};
    }
}

void Document::setWeight(std::int64_t index, double value, bool merge)
{
    edit(
        tr("gamma[%1] = %2").arg(index).arg(formatNumber(value)),
        [&](Experiment& e) {
            if (e.weight.empty())
                e.weight = affineValuesOrDefault(e, 1.0);
            if (index >= 0 && index < static_cast<std::int64_t>(e.weight.size()))
                e.weight[static_cast<std::size_t>(index)] = value;
        },
        merge ? MergeWeight : NoMerge);
}

void Document::setBias(std::int64_t index, double value, bool merge)
{
    edit(
        tr("beta[%1] = %2").arg(index).arg(formatNumber(value)),
        [&](Experiment& e) {
            if (e.bias.empty())
                e.bias = affineValuesOrDefault(e, 0.0);
            if (index >= 0 && index < static_cast<std::int64_t>(e.bias.size()))
                e.bias[static_cast<std::size_t>(index)] = value;
        },
        merge ? MergeBias : NoMerge);
}

void Document::randomizeAffine()
{
    const std::uint64_t seed = randomizeSeed_++;
    edit(tr("Randomize gamma and beta"), [&](Experiment& e) {
        const std::size_t count = affineValuesOrDefault(e, 0.0).size();
        if (count == 0)
            return;
        InputRecipe r;
        r.kind = GeneratorKind::Normal;
        r.seed = seed;
        r.mean = 1.0;
        r.std = 0.4;
        const auto weight = generateInput<double>(r, Shape{static_cast<std::int64_t>(count)});
        e.weight.assign(weight.values().begin(), weight.values().end());
        r.seed = seed + 7919;
        r.mean = 0.0;
        r.std = 0.8;
        const auto bias = generateInput<double>(r, Shape{static_cast<std::int64_t>(count)});
        e.bias.assign(bias.values().begin(), bias.values().end());
    });
}

void Document::resetAffine()
{
    edit(tr("Reset gamma and beta"), [](Experiment& e) {
        e.weight.clear();
        e.bias.clear();
    });
}

void Document::setMode(Mode mode)
{
    edit(mode == Mode::Training ? tr("train()") : tr("eval()"), [mode](Experiment& e) { e.spec.mode = mode; });
}

void Document::setTrackRunningStats(bool on)
{
    edit(on ? tr("track_running_stats on") : tr("track_running_stats off"), [on](Experiment& e) {
        e.spec.track_running_stats = on;
        e.resetRunningStats(); // a module built with the other setting starts with fresh buffers
    });
}

void Document::resetRunningStats()
{
    edit(tr("Reset running statistics"), [](Experiment& e) { e.resetRunningStats(); });
}

void Document::step(bool freshBatch)
{
    stepQueue_.push_back(freshBatch);
    if (!stepWatcher_.isRunning() && stepQueue_.size() == 1)
        startStep();
    updateBusy();
}

Document::StepOutput Document::computeStep(const Experiment& e, quint64 revision, bool freshBatch, int threads)
{
    StepOutput out;
    out.revision = revision;
    try {
        Experiment before = e;
        if (freshBatch && !before.isLoaded())
            before.recipe.seed += 1;
        out.after = engine_runner::step(before, *cache_->input(before), threads);
    } catch (const Error& err) {
        out.error = QString::fromStdString(err.what());
    }
    return out;
}

void Document::startStep()
{
    if (stepQueue_.empty())
        return;
    const bool fresh = stepQueue_.front();
    const Experiment e = experiment_;
    const quint64 revision = revision_;
    if (!isLarge(e)) {
        finishStep(computeStep(e, revision, fresh, 1));
        return;
    }
    stepWatcher_.setFuture(
        QtConcurrent::run([this, e, revision, fresh] { return computeStep(e, revision, fresh, 0); }));
}

void Document::finishStep(const StepOutput& out)
{
    if (stepQueue_.empty())
        return;
    if (out.revision != revision_) {
        // The experiment changed while the step ran: step the current one instead.
        startStep();
        return;
    }
    const bool fresh = stepQueue_.front();
    stepQueue_.pop_front();
    if (!out.error.isEmpty()) {
        stepQueue_.clear();
        Q_EMIT errorReported(tr("Step refused: %1").arg(out.error));
    } else if (out.after != experiment_) {
        const QString text = fresh ? tr("Step on fresh batch") : tr("Step");
        // A step changes a few buffers; two whole experiments per step would keep the history twice.
        if (StepCommand::describes(experiment_, out.after))
            undoStack_.push(new StepCommand(this, text, experiment_, out.after));
        else
            undoStack_.push(new ExperimentCommand(this, text, experiment_, out.after));
    }
    updateBusy();
    if (!stepQueue_.empty())
        startStep();
}

void Document::republish()
{
    Q_EMIT resultChanged(result_);
    if (compareEnabled_)
        Q_EMIT compareResultsChanged(compareResults_);
}

} // namespace normscope::ui
