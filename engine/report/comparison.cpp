// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/report/comparison.h"

#include "engine/core/error.h"
#include "engine/core/spec_defaults.h"
#include "engine/core/stats_layout.h"
#include "engine/kernels/forward.h"

#include <cmath>
#include <limits>

namespace normscope {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Shape allButN(const Shape& shape)
{
    return shape.size() < 2 ? shape : trailingDims(shape, static_cast<int>(shape.size()) - 1);
}

// min and max as torch.amin/amax give them: NaN as soon as one value is.
template <typename T>
void range(const T* p, std::int64_t n, double& lo, double& hi)
{
    lo = hi = kNaN;
    if (!p || n <= 0)
        return;
    lo = hi = double(p[0]);
    for (std::int64_t i = 0; i < n; ++i) {
        const double v = double(p[i]);
        if (std::isnan(v)) {
            lo = hi = kNaN;
            return;
        }
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
}

} // namespace

ComparisonSettings defaultComparisonSettings(const Shape& inputShape)
{
    ComparisonSettings s;
    s.num_groups = defaultGroupCount(inputShape.size() > 1 ? inputShape[1] : 1);
    s.normalized_shape = allButN(inputShape);
    return s;
}

ComparisonSettings comparisonSettingsFor(const NormSpec& current, const Shape& inputShape)
{
    ComparisonSettings s = defaultComparisonSettings(inputShape);
    const std::int64_t C = inputShape.size() > 1 ? inputShape[1] : 1;
    s.eps = current.eps;
    s.affine = current.affine;
    s.mode = current.mode;
    if (current.traits().takesNumGroups || (current.num_groups > 0 && C % current.num_groups == 0))
        s.num_groups = current.num_groups;
    if (current.traits().takesNormalizedShape)
        s.normalized_shape = current.normalized_shape;
    if (current.traits().takesRunningStats) {
        s.momentum = current.momentum;
        s.current = current.kind;
        s.track_running_stats = current.track_running_stats;
    }
    return s;
}

std::vector<NormSpec> comparisonSpecs(const ComparisonSettings& settings, const Shape& inputShape)
{
    std::vector<NormSpec> specs;
    for (NormKind kind : kNormKinds) {
        NormSpec s = defaultSpecFor(kind, inputShape);
        const NormTraits& t = s.traits();
        if (settings.eps || t.acceptsEpsNone)
            s.eps = settings.eps;
        s.affine = settings.affine;
        s.mode = settings.mode;
        s.num_groups = settings.num_groups;
        s.normalized_shape = settings.normalized_shape;
        if (t.takesRunningStats) {
            if (settings.momentum || t.acceptsMomentumNone)
                s.momentum = settings.momentum;
            if (settings.current == kind)
                s.track_running_stats = settings.track_running_stats;
        }
        specs.push_back(s);
    }
    return specs;
}

template <typename T>
ComparisonRow comparisonRow(const NormSpec& spec, const Shape& inputShape, const ComparisonInput<T>& in)
{
    ComparisonRow row;
    row.spec = spec;
    row.module = moduleSignature(spec, inputShape);
    const StatsLayout layout(spec, inputShape);
    row.groups = layout.groupCount();
    row.group_size = layout.groupSize();
    row.reduced_over = layout.reducedOver();
    const auto names = layout.statsAxisNames();
    for (std::size_t i = 0; i < names.size(); ++i)
        row.per += (i ? ", " : "") + names[i];
    if (spec.subtractsMean())
        range(in.mean, in.statsCount, row.mean_min, row.mean_max);
    else
        row.mean_min = row.mean_max = kNaN;
    range(in.var, in.statsCount, row.var_min, row.var_max);

    // Two passes in long double, so an offset output keeps its spread.
    row.y_mean = row.y_std = kNaN;
    if (in.y && in.yCount > 0) {
        long double sum = 0;
        for (std::int64_t i = 0; i < in.yCount; ++i)
            sum += in.y[i];
        const long double mean = sum / in.yCount;
        long double ss = 0;
        for (std::int64_t i = 0; i < in.yCount; ++i) {
            const long double d = in.y[i] - mean;
            ss += d * d;
        }
        row.y_mean = double(mean);
        if (in.yCount > 1)
            row.y_std = double(std::sqrt(ss / (in.yCount - 1)));
    }
    return row;
}

ComparisonRow refusedComparisonRow(const NormSpec& spec, const std::string& message)
{
    ComparisonRow row;
    row.spec = spec;
    row.refusal = message;
    row.mean_min = row.mean_max = row.var_min = row.var_max = row.y_mean = row.y_std = kNaN;
    return row;
}

template <typename T>
Comparison<T> compareNorms(const ComparisonSettings& settings, const Tensor<T>& x, int threads)
{
    Comparison<T> out;
    for (const NormSpec& spec : comparisonSpecs(settings, x.shape())) {
        try {
            validate(spec, x.shape());
            NormState<T> state = NormState<T>::initial(spec, x.shape());
            ForwardResult<T> r;
            forward(spec, x, state, r, ForwardOptions{threads});
            ComparisonInput<T> in;
            in.mean = r.mean.data();
            in.var = r.var.data();
            in.statsCount = r.var.numel();
            in.y = r.output.data();
            in.yCount = r.output.numel();
            out.rows.push_back(comparisonRow(spec, x.shape(), in));
            out.outputs.push_back(std::move(r.output));
        } catch (const Error& e) {
            out.rows.push_back(refusedComparisonRow(spec, e.what()));
            out.outputs.emplace_back();
        }
    }
    return out;
}

Table comparisonTable(const ComparisonSettings& settings, const Shape& inputShape, DType dtype,
                      const std::vector<ComparisonRow>& rows)
{
    Table table;
    table.dtype = dtype;
    table.shape = inputShape;
    std::string normalized = "[";
    for (std::size_t i = 0; i < settings.normalized_shape.size(); ++i)
        normalized += (i ? ", " : "") + std::to_string(settings.normalized_shape[i]);
    table.spec = {{"eps", jsonNumber(settings.eps)},
                  {"affine", settings.affine ? "true" : "false"},
                  {"mode", jsonString(toString(settings.mode))},
                  {"num_groups", std::to_string(settings.num_groups)},
                  {"normalized_shape", normalized + "]"},
                  {"momentum", jsonNumber(settings.momentum)}};
    table.columns = {"norm",     "module",  "groups",  "group_size", "reduced_over", "mean_min",
                     "mean_max", "var_min", "var_max", "y_mean",     "y_std"};
    for (const ComparisonRow& row : rows) {
        std::vector<TableCell> cells{TableCell::ofText(toString(row.spec.kind))};
        if (!row.ok()) {
            cells.push_back(TableCell::ofText(row.refusal));
            cells.resize(table.columns.size());
        } else {
            cells.push_back(TableCell::ofText(row.module));
            cells.push_back(TableCell::ofInteger(row.groups));
            cells.push_back(TableCell::ofInteger(row.group_size));
            cells.push_back(TableCell::ofText(row.reduced_over));
            const bool mean = row.spec.subtractsMean();
            cells.push_back(mean ? TableCell::ofNumber(row.mean_min) : TableCell::empty());
            cells.push_back(mean ? TableCell::ofNumber(row.mean_max) : TableCell::empty());
            for (double v : {row.var_min, row.var_max, row.y_mean, row.y_std})
                cells.push_back(TableCell::ofNumber(v));
        }
        table.rows.push_back(std::move(cells));
    }
    return table;
}

template ComparisonRow comparisonRow(const NormSpec&, const Shape&, const ComparisonInput<float>&);
template ComparisonRow comparisonRow(const NormSpec&, const Shape&, const ComparisonInput<double>&);
template Comparison<float> compareNorms(const ComparisonSettings&, const Tensor<float>&, int);
template Comparison<double> compareNorms(const ComparisonSettings&, const Tensor<double>&, int);

} // namespace normscope
