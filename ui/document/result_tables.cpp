// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/result_tables.h"

#include "engine/core/error.h"
#include "engine/report/comparison.h"
#include "engine/report/statistics_table.h"
#include "ui/document/engine_runner.h"
#include "ui/document/input_cache.h"
#include "ui/document/result_digest.h"

namespace normscope::ui::result_tables {

namespace {

DigestPtr digestOrThrow(const ResultPtr& result)
{
    if (!result || !result->ok())
        throw Error("no statistics table: " + (result ? result->error : std::string("no result yet")));
    return digestOf(result);
}

/// The gradient view's dL/dgamma and dL/dbeta for the table's columns, or null without them.
std::optional<ParamGradients> gradientsOf(const ResultSnapshot& r)
{
    if (!r.hasGradient())
        return std::nullopt;
    return ParamGradients{std::vector<double>(r.grad_weight.values().begin(), r.grad_weight.values().end()),
                          std::vector<double>(r.grad_bias.values().begin(), r.grad_bias.values().end())};
}

} // namespace

Table statistics(const ResultPtr& result)
{
    const DigestPtr digest = digestOrThrow(result);
    const auto gradients = gradientsOf(*result);
    return statisticsTable(result->spec, result->shape, result->dtype, digest->groups,
                           gradients ? &*gradients : nullptr);
}

Table statistics(const ResultPtr& result, const std::vector<int>& groups)
{
    const DigestPtr digest = digestOrThrow(result);
    std::vector<GroupRow> rows;
    rows.reserve(groups.size());
    for (int g : groups)
        rows.push_back(digest->groups.at(static_cast<std::size_t>(g)));
    const auto gradients = gradientsOf(*result);
    return statisticsTable(result->spec, result->shape, result->dtype, rows, gradients ? &*gradients : nullptr);
}

std::vector<ResultPtr> compareResults(const Experiment& experiment)
{
    InputCache cache;
    const std::shared_ptr<const AnyTensor> x = cache.input(experiment);
    std::vector<ResultPtr> out;
    for (const Experiment& e : engine_runner::compareExperiments(experiment))
        out.push_back(engine_runner::run(e, x, 0, 0, nullptr, engine_runner::RunOptions{false, true}));
    return out;
}

Table comparison(const Experiment& experiment, const std::vector<ResultPtr>& compare)
{
    const std::vector<ResultPtr> results = compare.empty() ? compareResults(experiment) : compare;
    std::vector<ComparisonRow> rows;
    for (const ResultPtr& r : results)
        rows.push_back(engine_runner::comparisonRowOf(*r));
    return comparisonTable(comparisonSettingsFor(experiment.spec, experiment.shape), experiment.shape, experiment.dtype,
                           rows);
}

} // namespace normscope::ui::result_tables
