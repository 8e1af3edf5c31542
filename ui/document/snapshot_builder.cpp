// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/snapshot_builder.h"

namespace normscope::ui {

template <typename T>
void fillSnapshot(ResultSnapshot& s, const NormSpec& spec, const Tensor<T>& x, const ForwardResult<T>& result,
                  const NormState<T>& stateAfter)
{
    fillSnapshotExceptTensors(s, spec, x, result, stateAfter);
    s.input = x.template cast<double>();
    s.normalized = normalizedInput(spec, x, result).template cast<double>();
    s.output = result.output.template cast<double>();
}

template <typename T>
void fillSnapshotExceptTensors(ResultSnapshot& s, const NormSpec& spec, const Tensor<T>& x,
                               const ForwardResult<T>& result, const NormState<T>& stateAfter)
{
    s.spec = spec;
    s.shape = x.shape();
    s.dtype = dtypeOf<T>();
    s.error.clear();
    s.inputNonFinite = countNonFinite(x);
    s.warnings = degenerateRun(spec, s.inputNonFinite);
    s.layout.emplace(spec, x.shape());
    s.mean = result.mean.template cast<double>();
    s.var = result.var.template cast<double>();
    s.rstd = result.rstd.template cast<double>();
    s.weight = stateAfter.weight.template cast<double>();
    s.bias = stateAfter.bias.template cast<double>();
    s.running_mean = stateAfter.running_mean.template cast<double>();
    s.running_var = stateAfter.running_var.template cast<double>();
    s.num_batches_tracked = stateAfter.num_batches_tracked;
    // As if the pass left them (eval); engine_runner sets the buffers the pass really started from.
    s.running_mean_before = s.running_mean;
    s.running_var_before = s.running_var;
    s.num_batches_tracked_before = s.num_batches_tracked;
}

template <typename T>
ResultPtr buildSnapshot(std::uint64_t generation, const NormSpec& spec, const Tensor<T>& x,
                        const ForwardResult<T>& result, const NormState<T>& stateAfter)
{
    auto s = std::make_shared<ResultSnapshot>();
    s->generation = generation;
    fillSnapshot(*s, spec, x, result, stateAfter);
    return s;
}

template <typename T>
ResultPtr buildErrorSnapshot(std::uint64_t generation, const NormSpec& spec, const Tensor<T>& x,
                             const std::string& message, bool byPyTorch)
{
    auto s = std::make_shared<ResultSnapshot>();
    s->generation = generation;
    s->spec = spec;
    s->shape = x.shape();
    s->dtype = dtypeOf<T>();
    s->error = message.empty() ? std::string("the engine refused this configuration") : message;
    s->errorByPyTorch = byPyTorch;
    s->input = x.template cast<double>();
    return s;
}

#define NORMSCOPE_INSTANTIATE(T)                                                                                       \
    template void fillSnapshot<T>(ResultSnapshot&, const NormSpec&, const Tensor<T>&, const ForwardResult<T>&,         \
                                  const NormState<T>&);                                                                \
    template void fillSnapshotExceptTensors<T>(ResultSnapshot&, const NormSpec&, const Tensor<T>&,                     \
                                               const ForwardResult<T>&, const NormState<T>&);                          \
    template ResultPtr buildSnapshot<T>(std::uint64_t, const NormSpec&, const Tensor<T>&, const ForwardResult<T>&,     \
                                        const NormState<T>&);                                                          \
    template ResultPtr buildErrorSnapshot<T>(std::uint64_t, const NormSpec&, const Tensor<T>&, const std::string&,     \
                                             bool);
NORMSCOPE_INSTANTIATE(float)
NORMSCOPE_INSTANTIATE(double)
#undef NORMSCOPE_INSTANTIATE

} // namespace normscope::ui
