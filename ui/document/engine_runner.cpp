// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/engine_runner.h"

#include "engine/core/error.h"
#include "engine/kernels/forward.h"
#include "ui/document/result_digest.h"
#include "ui/document/snapshot_builder.h"

#include <chrono>
#include <future>

namespace normscope::ui::engine_runner {

namespace {

constexpr std::int64_t kOverlapElements = std::int64_t(1) << 20;

Tensor<double> asTensor(const std::vector<double>& values)
{
    return Tensor<double>(Shape{static_cast<std::int64_t>(values.size())}, values);
}

/// For millions of elements the snapshot's float -> double copies and the digest (table and histogram
/// numbers) cost more than the forward pass, and much of them is serial: overlap them. x was widened
/// on another thread during the forward pass (widenedInput); y is widened here; then the digest
/// (which reads x, y and the statistics, not x-hat) runs while this thread computes and widens x-hat.
template <typename T>
void fillLargeSnapshot(const std::shared_ptr<ResultSnapshot>& snap, const NormSpec& spec, const Tensor<T>& x,
                       const ForwardResult<T>& result, const NormState<T>& stateAfter,
                       std::future<Tensor<double>>& widenedInput, bool withDigest)
{
    ResultSnapshot& s = *snap;
    fillSnapshotExceptTensors(s, spec, x, result, stateAfter);
    s.output = result.output.template cast<double>();
    s.input = widenedInput.get();
    // computeDigest reads x, y, the statistics and the layout; only x-hat is still being written.
    std::future<void> digest;
    if (withDigest)
        digest = std::async(std::launch::async, [snap] { digestOf(snap); });
    s.normalized = normalizedInput(spec, x, result).template cast<double>();
    if (digest.valid())
        digest.get();
}

template <typename T>
ResultPtr runTyped(const Experiment& e, const Tensor<T>& x, std::uint64_t generation, int threads, double* engineMs,
                   bool withDigest)
{
    try {
        validate(e.spec, x.shape());
        NormState<T> state = e.state<T>(); // a copy: looking must not advance running statistics
        validateState(e.spec, x.shape(), state);
        const bool large = threads != 1 && x.numel() >= kOverlapElements;
        std::future<Tensor<double>> widenedInput;
        if (large)
            widenedInput = std::async(std::launch::async, [&x] { return x.template cast<double>(); });
        const Tensor<T> runningMeanBefore = state.running_mean;
        const Tensor<T> runningVarBefore = state.running_var;
        const std::int64_t batchesBefore = state.num_batches_tracked;
        const auto start = std::chrono::steady_clock::now();
        ForwardResult<T> r;
        forward(e.spec, x, state, r, ForwardOptions{threads});
        if (engineMs)
            *engineMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();

        auto snap = std::make_shared<ResultSnapshot>();
        snap->generation = generation;
        // running_mean/var as this pass leaves them (what Step would commit); the history holds
        // the committed buffers.
        if (large) {
            fillLargeSnapshot(snap, e.spec, x, r, state, widenedInput, withDigest);
        } else {
            fillSnapshot(*snap, e.spec, x, r, state);
            if (withDigest)
                digestOf(snap);
        }
        snap->running_mean_before = runningMeanBefore.template cast<double>();
        snap->running_var_before = runningVarBefore.template cast<double>();
        snap->num_batches_tracked_before = batchesBefore;
        if (e.spec.hasRunningStats()) {
            for (const auto& v : e.running_mean_history)
                snap->running_mean_history.push_back(asTensor(v));
            for (const auto& v : e.running_var_history)
                snap->running_var_history.push_back(asTensor(v));
        }
        return snap;
    } catch (const Error& err) {
        return buildErrorSnapshot(generation, e.spec, x, err.what(), err.byPyTorch());
    }
}

template <typename T>
Experiment stepTyped(const Experiment& e, const Tensor<T>& x, int threads)
{
    NormSpec training = e.spec;
    training.mode = Mode::Training;
    validate(training, x.shape());
    NormState<T> state = e.state<T>();
    validateState(training, x.shape(), state);
    ForwardResult<T> r;
    forward(training, x, state, r, ForwardOptions{threads});
    Experiment after = e;
    after.commitRunningStats(state);
    return after;
}

} // namespace

ResultPtr run(const Experiment& experiment, const AnyTensor& x, std::uint64_t generation, int threads, double* engineMs,
              bool withDigest)
{
    return std::visit([&](const auto& t) { return runTyped(experiment, t, generation, threads, engineMs, withDigest); },
                      x);
}

Experiment step(const Experiment& experiment, const AnyTensor& x, int threads)
{
    return std::visit([&](const auto& t) { return stepTyped(experiment, t, threads); }, x);
}

std::vector<Experiment> compareExperiments(const Experiment& experiment)
{
    const NormSpec& current = experiment.spec;
    const Shape currentAffine = affineShape(current, experiment.shape);
    // The five specs are the engine's (normscope-cli compare gets the same); what is left here is
    // the experiment's state that carries over.
    const std::vector<NormSpec> specs =
        comparisonSpecs(comparisonSettingsFor(current, experiment.shape), experiment.shape);
    std::vector<Experiment> out;
    for (const NormSpec& spec : specs) {
        Experiment e = experiment;
        NormSpec& s = e.spec;
        s = spec;
        // The running statistics are (C,) wherever a module keeps them; a module that keeps none
        // (InstanceNorm's default) starts without.
        if (!current.hasRunningStats() || !s.hasRunningStats())
            e.resetRunningStats();
        // gamma and beta where the shapes match: (C,) for batch, instance and group, normalized_shape
        // for layer and rms; rms has no beta.
        if (!s.affine || affineShape(s, e.shape) != currentAffine) {
            e.weight.clear();
            e.bias.clear();
        }
        if (!s.hasBias() || !current.hasBias())
            e.bias.clear();
        e.conform();
        out.push_back(std::move(e));
    }
    return out;
}

ComparisonRow comparisonRowOf(const ResultSnapshot& result, bool withOutput)
{
    if (!result.ok())
        return refusedComparisonRow(result.spec, result.error);
    ComparisonInput<double> in;
    in.mean = result.mean.data();
    in.var = result.var.data();
    in.statsCount = result.var.numel();
    if (withOutput) {
        in.y = result.output.data();
        in.yCount = result.output.numel();
    }
    return comparisonRow(result.spec, result.shape, in);
}

} // namespace normscope::ui::engine_runner
