// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/engine_runner.h"

#include "engine/core/error.h"
#include "engine/kernels/backward.h"
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

/// The gradient view: dL/dy from the experiment's choice, the backward pass with the statistics this
/// forward pass saved (the state's weight is all it reads besides), and the per-group terms of dL/dx
/// the hover shows. A gradient the engine refuses leaves the forward result standing, with gradError.
template <typename T>
void fillGradient(ResultSnapshot& s, const Experiment& e, const Tensor<T>& x, const ForwardResult<T>& r,
                  const NormState<T>& state, int threads)
{
    if (!e.gradient.on())
        return;
    try {
        const Tensor<T> dy = upstreamGradient<T>(e.gradient, x.shape());
        BackwardResult<T> g;
        backward(e.spec, x, state, dy, r, g, BackwardOptions{threads});
        s.grad_output = dy.template cast<double>();
        s.grad_input = g.grad_input.template cast<double>();
        s.grad_weight = g.grad_weight.template cast<double>();
        s.grad_bias = g.grad_bias.template cast<double>();
    } catch (const Error& err) {
        s.gradError = err.what();
        return;
    }
    const StatsLayout& layout = *s.layout;
    const std::int64_t groups = layout.groupCount();
    s.grad_mean_g = Tensor<double>(layout.statsShape(), 0.0);
    s.grad_mean_g_xhat = Tensor<double>(layout.statsShape(), 0.0);
    if (s.grad_mean_g.numel() != groups || s.normalized.numel() != s.grad_output.numel())
        return;
    const bool affine = s.weight.numel() == layout.paramCount();
    for (std::int64_t group = 0; group < groups; ++group) {
        long double sumG = 0, sumGXhat = 0;
        layout.forEachElement(group, [&](std::int64_t i) {
            const long double gi = static_cast<long double>(s.grad_output[i])
                * (affine ? static_cast<long double>(s.weight[layout.paramOf(i)]) : 1.0L);
            sumG += gi;
            sumGXhat += gi * static_cast<long double>(s.normalized[i]);
        });
        const auto n = static_cast<long double>(layout.groupSize());
        s.grad_mean_g[group] = static_cast<double>(sumG / n);
        s.grad_mean_g_xhat[group] = static_cast<double>(sumGXhat / n);
    }
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
        // The gradient reads x-hat, which the large path computes beside the digest: the digest
        // (whose table shows dgamma/dbeta) then waits for it.
        const bool digestNow = withDigest && large && !e.gradient.on();
        if (large)
            fillLargeSnapshot(snap, e.spec, x, r, state, widenedInput, digestNow);
        else
            fillSnapshot(*snap, e.spec, x, r, state);
        fillGradient(*snap, e, x, r, state, threads);
        if (withDigest && !digestNow)
            digestOf(snap);
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
