// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/snapshot_builder.h"

#include "ui/document/input_summary.h"

#include <utility>

namespace normscope::ui {

template <typename T>
void fillSnapshot(ResultSnapshot& s, const NormSpec& spec, const std::shared_ptr<const AnyTensor>& x,
                  ForwardResult<T>&& result, const NormState<T>& stateAfter)
{
    const Tensor<T>& values = std::get<Tensor<T>>(*x);
    s.spec = spec;
    s.shape = values.shape();
    s.dtype = dtypeOf<T>();
    s.error.clear();
    s.inputNonFinite = *InputSummary::of<NonFiniteCounts>(x, "non-finite", [&] { return countNonFinite(values); });
    s.warnings = degenerateRun(spec, s.inputNonFinite);
    s.layout.emplace(spec, values.shape());
    s.input = ResultTensor(x);
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
    if (result.output.numel() > 0)
        s.output = ResultTensor(std::move(result.output));
    s.elements = ElementReader::of(spec, x, std::move(result), stateAfter);
}

template <typename T>
ResultPtr buildSnapshot(std::uint64_t generation, const NormSpec& spec, const Tensor<T>& x,
                        const ForwardResult<T>& result, const NormState<T>& stateAfter)
{
    auto s = std::make_shared<ResultSnapshot>();
    s->generation = generation;
    fillSnapshot(*s, spec, std::make_shared<const AnyTensor>(x), ForwardResult<T>(result), stateAfter);
    return s;
}

ResultPtr buildErrorSnapshot(std::uint64_t generation, const NormSpec& spec, const std::shared_ptr<const AnyTensor>& x,
                             const std::string& message, bool byPyTorch)
{
    auto s = std::make_shared<ResultSnapshot>();
    s->generation = generation;
    s->spec = spec;
    s->shape = shapeOf(*x);
    s->dtype = dtypeOf(*x);
    s->error = message.empty() ? std::string("the engine refused this configuration") : message;
    s->errorByPyTorch = byPyTorch;
    s->input = ResultTensor(x);
    return s;
}

#define NORMSCOPE_INSTANTIATE(T)                                                                                       \
    template void fillSnapshot<T>(ResultSnapshot&, const NormSpec&, const std::shared_ptr<const AnyTensor>&,           \
                                  ForwardResult<T>&&, const NormState<T>&);                                            \
    template ResultPtr buildSnapshot<T>(std::uint64_t, const NormSpec&, const Tensor<T>&, const ForwardResult<T>&,     \
                                        const NormState<T>&);
NORMSCOPE_INSTANTIATE(float)
NORMSCOPE_INSTANTIATE(double)
#undef NORMSCOPE_INSTANTIATE

} // namespace normscope::ui
