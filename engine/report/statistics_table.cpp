// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/report/statistics_table.h"

#include "engine/core/error.h"
#include "engine/core/stats_layout.h"

namespace normscope {

std::vector<std::pair<std::string, std::string>> specJson(const NormSpec& spec, const Shape& inputShape)
{
    const NormTraits& t = spec.traits();
    std::vector<std::pair<std::string, std::string>> out;
    out.emplace_back("norm", jsonString(t.cliName));
    out.emplace_back("module", jsonString(moduleSignature(spec, inputShape)));
    if (t.takesNumGroups)
        out.emplace_back("num_groups", std::to_string(spec.num_groups));
    if (t.takesNormalizedShape) {
        std::string shape = "[";
        for (std::size_t i = 0; i < spec.normalized_shape.size(); ++i)
            shape += (i ? ", " : "") + std::to_string(spec.normalized_shape[i]);
        out.emplace_back("normalized_shape", shape + "]");
    }
    out.emplace_back("eps", jsonNumber(spec.eps));
    if (t.takesRunningStats)
        out.emplace_back("momentum", jsonNumber(spec.momentum));
    out.emplace_back(t.affineArgument, spec.affine ? "true" : "false");
    if (t.takesRunningStats)
        out.emplace_back("track_running_stats", spec.track_running_stats ? "true" : "false");
    out.emplace_back("mode", jsonString(toString(spec.mode)));
    return out;
}

Table statisticsTable(const NormSpec& spec, const Shape& inputShape, DType dtype, const std::vector<GroupRow>& rows)
{
    const bool rms = !spec.subtractsMean();
    const bool running = spec.hasRunningStats();
    Table table;
    table.dtype = dtype;
    table.shape = inputShape;
    table.spec = specJson(spec, inputShape);
    table.columns = {"group", "count"};
    if (!rms)
        table.columns.push_back("mean");
    table.columns.insert(table.columns.end(), {"var", "var_unbiased", "rstd", "y_mean", "y_std"});
    if (running)
        table.columns.insert(table.columns.end(), {"running_mean", "running_var"});

    std::optional<StatsLayout> layout;
    table.rows.reserve(rows.size());
    for (const GroupRow& row : rows) {
        std::string label = row.label;
        if (label.empty()) {
            if (!layout)
                layout.emplace(spec, inputShape);
            label = layout->groupLabel(row.group);
        }
        std::vector<TableCell> cells{TableCell::ofText(std::move(label)), TableCell::ofInteger(row.count)};
        if (!rms)
            cells.push_back(TableCell::ofNumber(row.mean));
        for (double v :
             {rms ? row.mean_square : row.var, row.var_unbiased, row.rstd, row.output_mean, row.output_std_unbiased})
            cells.push_back(TableCell::ofNumber(v));
        if (running) {
            cells.push_back(TableCell::ofNumber(row.running_mean));
            cells.push_back(TableCell::ofNumber(row.running_var));
        }
        table.rows.push_back(std::move(cells));
    }
    return table;
}

bool groupsReadOneParam(const NormSpec& spec, const Shape& inputShape)
{
    if (!spec.affine)
        return false;
    const StatsLayout layout(spec, inputShape);
    // A group is runs of segmentLength elements; gamma changes every paramInner elements.
    return layout.segmentLength() <= layout.paramInner() && layout.paramInner() % layout.segmentLength() == 0;
}

Table statisticsTable(const NormSpec& spec, const Shape& inputShape, DType dtype, const std::vector<GroupRow>& rows,
                      const ParamGradients* gradients)
{
    Table table = statisticsTable(spec, inputShape, dtype, rows);
    if (!gradients || gradients->weight.empty() || !groupsReadOneParam(spec, inputShape))
        return table;
    const StatsLayout layout(spec, inputShape);
    const auto count = static_cast<std::int64_t>(gradients->weight.size());
    const bool bias = static_cast<std::int64_t>(gradients->bias.size()) == count;
    table.columns.push_back("grad_weight");
    if (bias)
        table.columns.push_back("grad_bias");
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::int64_t p = layout.paramOf(layout.segmentStart(rows[i].group, 0));
        if (p < 0 || p >= count)
            throw Error("the gradients hold " + std::to_string(count) + " parameters; group "
                        + std::to_string(rows[i].group) + " reads parameter " + std::to_string(p));
        table.rows[i].push_back(TableCell::ofNumber(gradients->weight[static_cast<std::size_t>(p)]));
        if (bias)
            table.rows[i].push_back(TableCell::ofNumber(gradients->bias[static_cast<std::size_t>(p)]));
    }
    return table;
}

} // namespace normscope
