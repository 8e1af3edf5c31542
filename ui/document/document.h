// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/experiment.h"
#include "ui/document/input_cache.h"
#include "ui/document/result_snapshot.h"
#include "ui/document/tensor_pool.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUndoStack>

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace normscope::ui {

/**
 * The document the window observes: the Experiment, its undo stack and the latest engine result.
 *
 * Every edit is an ExperimentCommand on the undo stack; the setters below build them, so controls
 * never touch state. After each change the Document asks the engine for a new ResultSnapshot: on the
 * GUI thread for small inputs, on a worker above the async threshold (elements). A newer request makes an
 * older one obsolete: at most one worker job runs, the latest request waits behind it, and a result
 * whose generation is not the latest requested is dropped, never published.
 *
 * Displaying never advances running statistics (the engine runs on a copy of the module's state);
 * only step() does, as its own undo step.
 */
class Document : public QObject {
    Q_OBJECT

public:
    /// Edits with the same key join into one undo step until endMerge() (a slider drag).
    enum MergeKey { NoMerge = 0, MergeEps, MergeMomentum, MergeRecipe, MergeWeight, MergeBias };

    /// The largest input the window takes (elements): 2^24, 64 MB per float32 tensor it holds (x, y).
    static constexpr std::int64_t kMaxElements = std::int64_t(1) << 24;

    explicit Document(QObject* parent = nullptr);
    explicit Document(Experiment initial, QObject* parent = nullptr);
    ~Document() override;

    const Experiment& experiment() const { return experiment_; }
    QUndoStack* undoStack() { return &undoStack_; }

    /// The latest published result (never null after construction).
    ResultPtr result() const { return result_; }
    /// The five norms on the current input; empty while compare is off.
    const std::vector<ResultPtr>& compareResults() const { return compareResults_; }
    /// True while a newer result or a step is being computed.
    bool isBusy() const;
    /// Time of the last published run in forward() and normalizedInput() (compare runs included).
    double lastEngineMilliseconds() const { return lastEngineMs_; }
    /// Wall time of the last published run including input generation and snapshot copies.
    double lastComputeMilliseconds() const { return lastComputeMs_; }

    void setCompareEnabled(bool on);
    bool isCompareEnabled() const { return compareEnabled_; }
    /// Inputs with more elements than this are computed on a worker thread.
    void setAsyncThreshold(std::int64_t elements) { asyncThreshold_ = elements; }

    /// Runs the event loop until no computation is pending; false on timeout. For tests, the
    /// command line (--steps, --screenshot) and the benchmark.
    bool waitUntilIdle(int timeoutMs = 60000);

    /// Pushes one undo step that applies change to a copy of the experiment.
    void edit(const QString& text, const std::function<void(Experiment&)>& change, int mergeKey = NoMerge);
    /// Ends the current merge run: the next mergeable edit starts a new undo step.
    void endMerge() { ++mergeSerial_; }

    void setNormKind(NormKind kind);
    void setShape(const Shape& shape);
    void setDType(DType dtype);
    void setRecipe(const InputRecipe& recipe, bool merge = false);
    /// Loads a .npy file as the input; on failure returns false with the engine's message.
    bool loadNpy(const QString& path, QString* error = nullptr);
    /// Loads pictures as the input (ui/document/image_input.h: one, or a batch of one size), scaled
    /// down to kMaxElements if need be (noteReported says so); on failure false with the message.
    bool loadImages(const QStringList& paths, QString* error = nullptr);
    void useGenerator();
    void setNumGroups(std::int64_t groups);
    void setNormalizedDims(int dims);
    void setEps(std::optional<double> eps, bool merge = false);
    void setMomentum(std::optional<double> momentum, bool merge = false);
    void setAffine(bool on);
    void setWeight(std::int64_t index, double value, bool merge = false);
    void setBias(std::int64_t index, double value, bool merge = false);
    void randomizeAffine();
    void resetAffine();
    void setMode(Mode mode);
    void setTrackRunningStats(bool on);
    void resetRunningStats();
    /// One training forward pass whose running statistics are kept (an undo step); freshBatch first
    /// draws a new batch from the generator (next seed).
    void step(bool freshBatch = false);

    /// Replaces the experiment without an undo step; for ExperimentCommand and StepCommand.
    void setExperiment(const Experiment& experiment);

    /// The session file this document was opened from or saved to; empty for a new document.
    const QString& fileName() const { return fileName_; }
    /// True when the undo stack has moved away from its clean state (the last save, open or New).
    bool isModified() const { return !undoStack_.isClean(); }
    /// Opens a session's experiment or starts anew: replaces the experiment, clears the undo stack
    /// (what came before is another document, not an undo step) and leaves the document unmodified.
    void replaceExperiment(const Experiment& experiment, const QString& fileName);
    /// After a save: remembers the file and makes the current undo state the clean one.
    void markSaved(const QString& fileName);
    /// Publishes the current results again, unchanged: the views rebuild their texts (a language switch).
    void republish();

Q_SIGNALS:
    void experimentChanged();
    void resultChanged(normscope::ui::ResultPtr result);
    void compareResultsChanged(std::vector<normscope::ui::ResultPtr> results);
    void compareEnabledChanged(bool on);
    void busyChanged(bool busy);
    /// A step or load the engine refused; the message names the values.
    void errorReported(const QString& message);
    /// Something the user should know about an edit that succeeded (an image scaled down to fit).
    void noteReported(const QString& message);
    /// The modified mark changed (follows QUndoStack::cleanChanged).
    void modifiedChanged(bool modified);
    void fileNameChanged(const QString& fileName);

private:
    /// Runs a load; an Error becomes *error and errorReported (the Document is unchanged).
    bool loadInput(const std::function<void()>& load, QString* error);
    struct JobOutput {
        ResultPtr result;
        std::vector<ResultPtr> compare;
        double engineMs = 0;
        double computeMs = 0;
    };
    struct StepOutput {
        Experiment after;
        QString error;
        quint64 revision = 0;
    };

    JobOutput compute(const Experiment& experiment, std::uint64_t generation, bool compare, int threads);
    StepOutput computeStep(const Experiment& experiment, quint64 revision, bool freshBatch, int threads);
    bool isLarge(const Experiment& experiment) const;
    void requestResult();
    void startJob();
    void onJobFinished();
    void publish(const JobOutput& out);
    void startStep();
    void finishStep(const StepOutput& out);
    void updateBusy();
    std::vector<double> affineValuesOrDefault(const Experiment& e, double fill) const;

    Experiment experiment_;
    QUndoStack undoStack_;
    std::shared_ptr<InputCache> cache_ = std::make_shared<InputCache>();
    std::shared_ptr<TensorPool> pool_ = std::make_shared<TensorPool>();
    ResultPtr result_;
    std::vector<ResultPtr> compareResults_;
    bool compareEnabled_ = false;
    std::int64_t asyncThreshold_ = 100000;
    std::uint64_t generation_ = 0;
    quint64 revision_ = 0;
    quint64 mergeSerial_ = 0;
    std::uint64_t randomizeSeed_ = 1000;
    double lastEngineMs_ = 0;
    double lastComputeMs_ = 0;
    bool jobPending_ = false;
    bool busy_ = false;
    QFutureWatcher<JobOutput> jobWatcher_;
    QFutureWatcher<StepOutput> stepWatcher_;
    std::deque<bool> stepQueue_; ///< freshBatch flag of each requested step
    QString fileName_;
};

} // namespace normscope::ui
