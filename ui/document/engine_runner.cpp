// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/engine_runner.h"

#include "engine/core/error.h"
#include "engine/kernels/backward.h"
#include "engine/kernels/forward.h"
#include "ui/document/input_cache.h"
#include "ui/document/result_digest.h"
#include "ui/document/snapshot_builder.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace normscope::ui::engine_runner {

namespace {

Tensor<double> asTensor(const std::vector<double>& values)
{
    return Tensor<double>(Shape{static_cast<std::int64_t>(values.size())}, values);
}

/// An input-sized tensor for a snapshot: shared from the pool (it returns there once no view shows it).
template <typename T>
ResultTensor shared(Tensor<T>&& t, TensorPool* pool)
{
    if (pool)
        return ResultTensor(pool->share(std::move(t)));
    return ResultTensor(std::move(t));
}

/// mean(g) and mean(g·x-hat) over one group for the formula panel, g = dL/dy·gamma and x-hat from
/// the statistics the forward pass saved (mean = center + lo, center a T, so x - center is exact).
/// In double, in four lanes along each run that shares its gamma: the numbers are shown to six
/// digits, and a long double loop over every element was two thirds of a change with the gradient
/// on at 6.4M elements.
template <typename T>
void groupGradientMeans(const StatsLayout& layout, std::int64_t group, const T* x, const T* dy, const T* gamma,
                        double center, double lo, double rstd, double& meanG, double& meanGXhat)
{
    const std::int64_t L = layout.segmentLength();
    const bool perElement = layout.paramsPerElement(); // gamma[i] along the segment
    const std::int64_t run = perElement ? L : layout.paramInner();
    constexpr int kLanes = 4;
    double sumG[kLanes] = {}, sumGXhat[kLanes] = {};
    for (std::int64_t a = 0; a < layout.segmentCount(); ++a) {
        const std::int64_t start = layout.segmentStart(group, a);
        for (std::int64_t r = start; r < start + L; r += run) {
            const double scale = gamma && !perElement ? static_cast<double>(gamma[layout.paramOf(r)]) : 1.0;
            const auto term = [&](std::int64_t i, int lane) {
                const double gi =
                    static_cast<double>(dy[r + i]) * (gamma && perElement ? static_cast<double>(gamma[i]) : scale);
                sumG[lane] += gi;
                sumGXhat[lane] += gi * (((static_cast<double>(x[r + i]) - center) - lo) * rstd);
            };
            std::int64_t i = 0;
            for (; i + kLanes <= run; i += kLanes)
                for (int lane = 0; lane < kLanes; ++lane)
                    term(i + lane, lane);
            for (; i < run; ++i)
                term(i, 0);
        }
    }
    const double n = static_cast<double>(layout.groupSize());
    meanG = ((sumG[0] + sumG[1]) + (sumG[2] + sumG[3])) / n;
    meanGXhat = ((sumGXhat[0] + sumGXhat[1]) + (sumGXhat[2] + sumGXhat[3])) / n;
}

/// The gradient view: dL/dy from the experiment's choice, the backward pass with the statistics this
/// forward pass saved (the state's weight is all it reads besides), and the per-group terms of dL/dx
/// the hover shows. A gradient the engine refuses leaves the forward result standing, with gradError.
template <typename T>
void fillGradient(ResultSnapshot& s, const Experiment& e, const Tensor<T>& x, const ForwardResult<T>& r,
                  const NormState<T>& state, int threads, TensorPool* pool, InputCache* inputs)
{
    if (!e.gradient.on())
        return;
    std::shared_ptr<const AnyTensor> upstream;
    BackwardResult<T> g;
    try {
        upstream = inputs ? inputs->upstream(e.gradient, x.shape(), dtypeOf<T>())
                          : std::make_shared<const AnyTensor>(upstreamGradient<T>(e.gradient, x.shape()));
        if (pool)
            g.grad_input = pool->take<T>(x.shape());
        backward(e.spec, x, state, std::get<Tensor<T>>(*upstream), r, g, BackwardOptions{threads});
    } catch (const Error& err) {
        s.gradError = err.what();
        return;
    }
    const Tensor<T>& dy = std::get<Tensor<T>>(*upstream);
    const StatsLayout layout(e.spec, x.shape());
    const std::int64_t groups = layout.groupCount();
    s.grad_mean_g = Tensor<double>(layout.statsShape(), 0.0);
    s.grad_mean_g_xhat = Tensor<double>(layout.statsShape(), 0.0);
    const T* gamma = e.spec.affine ? state.weight.data() : nullptr;
    if (s.grad_mean_g.numel() == groups)
        for (std::int64_t group = 0; group < groups; ++group) {
            const auto g = static_cast<std::size_t>(group);
            groupGradientMeans(layout, group, x.data(), dy.data(), gamma, r.saved_mean[g], r.saved_mean_lo[g],
                               r.saved_rstd[g], s.grad_mean_g[group], s.grad_mean_g_xhat[group]);
        }
    std::int64_t reached = 0;
    double largest = 0;
    for (std::int64_t i = 0; i < g.grad_input.numel(); ++i) {
        const double v = static_cast<double>(g.grad_input[i]);
        reached += v != 0.0;
        largest = std::max(largest, std::abs(v));
    }
    s.gradient = e.gradient;
    s.grad_reached = reached;
    s.grad_max_abs = largest;
    s.grad_output = ResultTensor(std::move(upstream)); // the cache's: nothing copied per change
    s.grad_input = shared(std::move(g.grad_input), pool);
    s.grad_weight = g.grad_weight.template cast<double>();
    s.grad_bias = g.grad_bias.template cast<double>();
}

template <typename T>
ResultPtr runTyped(const Experiment& e, const std::shared_ptr<const AnyTensor>& input, std::uint64_t generation,
                   int threads, double* engineMs, const RunOptions& options)
{
    const Tensor<T>& x = std::get<Tensor<T>>(*input);
    try {
        validate(e.spec, x.shape());
        NormState<T> state = e.state<T>(); // a copy: looking must not advance running statistics
        validateState(e.spec, x.shape(), state);
        const Tensor<T> runningMeanBefore = state.running_mean;
        const Tensor<T> runningVarBefore = state.running_var;
        const std::int64_t batchesBefore = state.num_batches_tracked;
        const auto start = std::chrono::steady_clock::now();
        ForwardResult<T> r;
        if (options.pool)
            r.output = options.pool->take<T>(x.shape());
        forward(e.spec, x, state, r, ForwardOptions{threads});
        if (engineMs)
            *engineMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();

        auto snap = std::make_shared<ResultSnapshot>();
        snap->generation = generation;
        fillGradient(*snap, e, x, r, state, threads, options.pool, options.inputs);
        // running_mean/var as this pass leaves them (what Step would commit); the history holds
        // the committed buffers.
        if (options.keepOutput)
            snap->output = shared(std::move(r.output), options.pool);
        else if (options.pool)
            options.pool->give(std::move(r.output));
        r.output = Tensor<T>(); // y is the snapshot's now, or nobody's
        fillSnapshot(*snap, e.spec, input, std::move(r), state);
        snap->running_mean_before = runningMeanBefore.template cast<double>();
        snap->running_var_before = runningVarBefore.template cast<double>();
        snap->num_batches_tracked_before = batchesBefore;
        if (e.spec.hasRunningStats()) {
            for (const auto& v : e.running_mean_history)
                snap->running_mean_history.push_back(asTensor(v));
            for (const auto& v : e.running_var_history)
                snap->running_var_history.push_back(asTensor(v));
        }
        if (options.withDigest)
            digestOf(snap);
        return snap;
    } catch (const Error& err) {
        return buildErrorSnapshot(generation, e.spec, input, err.what(), err.byPyTorch());
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

ResultPtr run(const Experiment& experiment, const std::shared_ptr<const AnyTensor>& x, std::uint64_t generation,
              int threads, double* engineMs, const RunOptions& options)
{
    if (x->index() == 0)
        return runTyped<float>(experiment, x, generation, threads, engineMs, options);
    return runTyped<double>(experiment, x, generation, threads, engineMs, options);
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
    // The row reads y in the run's dtype, beside the statistics in the same type (exact: they were T).
    const auto rowOf = [&](const auto& y) {
        using T = typename std::decay_t<decltype(y)>::value_type;
        const Tensor<T> mean = result.mean.template cast<T>(), var = result.var.template cast<T>();
        ComparisonInput<T> in;
        in.mean = mean.data();
        in.var = var.data();
        in.statsCount = var.numel();
        if (withOutput) {
            in.y = y.data();
            in.yCount = y.numel();
        }
        return comparisonRow(result.spec, result.shape, in);
    };
    if (withOutput && result.output.empty()) // a compare column keeps no y: compute it whole here
        return std::visit(rowOf, result.elements->outputTensor());
    if (!withOutput || !result.output.tensor())
        return rowOf(Tensor<double>());
    return std::visit(rowOf, *result.output.tensor());
}

} // namespace normscope::ui::engine_runner
