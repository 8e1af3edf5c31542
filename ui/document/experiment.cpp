// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/experiment.h"

#include "engine/core/error.h"

namespace normscope::ui {

Experiment Experiment::demo()
{
    Experiment e;
    e.spec = defaultSpecFor(NormKind::Batch, e.shape);
    e.recipe.kind = GeneratorKind::ChannelOffset;
    e.recipe.mean = -2.5;
    e.recipe.std = 0.5;
    e.recipe.offset_step = 1.0;
    e.recipe.scale_step = 0.4;
    e.recipe.seed = 1;
    return e;
}

bool sameSpec(const NormSpec& a, const NormSpec& b)
{
    return a.kind == b.kind && a.num_groups == b.num_groups && a.normalized_shape == b.normalized_shape
        && a.eps == b.eps && a.momentum == b.momentum && a.affine == b.affine
        && a.track_running_stats == b.track_running_stats && a.mode == b.mode;
}

bool Experiment::operator==(const Experiment& o) const
{
    return sameSpec(spec, o.spec) && shape == o.shape && dtype == o.dtype && recipe == o.recipe && loaded == o.loaded
        && loadedPath == o.loadedPath && image == o.image && weight == o.weight && bias == o.bias
        && running_mean == o.running_mean && running_var == o.running_var
        && num_batches_tracked == o.num_batches_tracked && running_mean_history == o.running_mean_history
        && running_var_history == o.running_var_history && gradient == o.gradient;
}

void Experiment::conform()
{
    std::int64_t affineCount = -1;
    try {
        validate(spec, shape);
        affineCount = numel(affineShape(spec, shape));
    } catch (const Error&) {
        // An invalid spec keeps its edits, so fixing it (e.g. num_groups) restores them.
    }
    if (affineCount >= 0) {
        if (!weight.empty() && static_cast<std::int64_t>(weight.size()) != affineCount)
            weight.clear();
        if (!bias.empty() && static_cast<std::int64_t>(bias.size()) != affineCount)
            bias.clear();
    }
    if (!running_mean.empty() && static_cast<std::int64_t>(running_mean.size()) != channels())
        resetRunningStats();
    if (!spec.hasRunningStats())
        resetRunningStats();
    // A one-hot index outside a new shape moves to the first element rather than failing the run.
    if (gradient.kind == GradKind::OneHot && (gradient.index < 0 || gradient.index >= numel(shape)))
        gradient.index = 0;
}

void Experiment::resetRunningStats()
{
    running_mean.clear();
    running_var.clear();
    num_batches_tracked = 0;
    running_mean_history.clear();
    running_var_history.clear();
}

namespace {

template <typename T>
void copyInto(Tensor<T>& dst, const std::vector<double>& src)
{
    if (src.empty() || static_cast<std::int64_t>(src.size()) != dst.numel())
        return;
    for (std::size_t i = 0; i < src.size(); ++i)
        dst[static_cast<std::int64_t>(i)] = static_cast<T>(src[i]);
}

template <typename T>
std::vector<double> toDoubles(const Tensor<T>& t)
{
    return std::vector<double>(t.values().begin(), t.values().end());
}

} // namespace

template <typename T>
NormState<T> Experiment::state() const
{
    NormState<T> s = NormState<T>::initial(spec, shape);
    if (spec.affine) {
        copyInto(s.weight, weight);
        if (spec.hasBias())
            copyInto(s.bias, bias);
    }
    if (spec.hasRunningStats()) {
        copyInto(s.running_mean, running_mean);
        copyInto(s.running_var, running_var);
        s.num_batches_tracked = num_batches_tracked;
    }
    return s;
}

template <typename T>
void Experiment::commitRunningStats(const NormState<T>& after)
{
    if (!spec.hasRunningStats())
        return;
    if (running_mean_history.empty()) {
        const NormState<T> before = state<T>();
        running_mean_history.push_back(toDoubles(before.running_mean));
        running_var_history.push_back(toDoubles(before.running_var));
    }
    running_mean = toDoubles(after.running_mean);
    running_var = toDoubles(after.running_var);
    num_batches_tracked = after.num_batches_tracked;
    running_mean_history.push_back(running_mean);
    running_var_history.push_back(running_var);
}

template NormState<float> Experiment::state<float>() const;
template NormState<double> Experiment::state<double>() const;
template void Experiment::commitRunningStats<float>(const NormState<float>&);
template void Experiment::commitRunningStats<double>(const NormState<double>&);

} // namespace normscope::ui
