// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/core/norm_spec.h"

#include "engine/core/error.h"
#include "engine/core/number_format.h"

#include <cmath>

namespace normscope {

NormSpec NormSpec::defaults(NormKind kind)
{
    const NormTraits& t = traitsOf(kind);
    NormSpec spec;
    spec.kind = kind;
    spec.affine = t.defaultAffine;
    spec.track_running_stats = t.defaultTrackRunningStats;
    if (t.defaultEpsNone)
        spec.eps = std::nullopt;
    return spec;
}

const char* toString(Mode mode)
{
    return mode == Mode::Training ? "training" : "eval";
}

std::string moduleSignature(const NormSpec& spec, const Shape& inputShape)
{
    const NormTraits& t = spec.traits();
    const NormSpec d = NormSpec::defaults(spec.kind);
    const int rank = static_cast<int>(inputShape.size());
    const std::int64_t C = rank > 1 ? inputShape[1] : (rank == 1 ? inputShape[0] : 1);
    std::string args;
    if (t.takesNumGroups)
        args = std::to_string(spec.num_groups) + ", " + std::to_string(C);
    else if (t.takesNormalizedShape)
        args = toListString(spec.normalized_shape);
    else
        args = std::to_string(C);
    const auto optional = [](const std::optional<double>& v) {
        return v ? formatPythonFloat(*v, DType::Float64) : std::string("None");
    };
    if (spec.eps != d.eps)
        args += ", eps=" + optional(spec.eps);
    if (t.takesRunningStats && spec.momentum != d.momentum)
        args += ", momentum=" + optional(spec.momentum);
    if (spec.affine != d.affine)
        args += std::string(", ") + t.affineArgument + "=" + (spec.affine ? "True" : "False");
    if (t.takesRunningStats && spec.track_running_stats != d.track_running_stats)
        args += std::string(", track_running_stats=") + (spec.track_running_stats ? "True" : "False");
    return moduleName(spec.kind, rank) + "(" + args + ")";
}

namespace {

std::int64_t spatialSize(const Shape& shape)
{
    std::int64_t s = 1;
    for (std::size_t i = 2; i < shape.size(); ++i)
        s *= shape[i];
    return s;
}

} // namespace

void validateSpec(const NormSpec& spec)
{
    const NormTraits& t = spec.traits();
    // PyTorch takes any eps, 0 and negative included (the result may be inf or NaN: a warning says
    // so); NaN and inf are NormScope's limit, they make every output NaN or 0.
    if (spec.eps && !std::isfinite(*spec.eps))
        throw Error("eps must be a finite number, got " + formatShortest(*spec.eps, DType::Float64)
                    + " (NormScope's limit: PyTorch would compute NaN or 0 everywhere)");
    if (!spec.eps && !t.acceptsEpsNone)
        throw pytorchError("eps=None is only accepted by " + displayNamesWhere(&NormTraits::acceptsEpsNone)
                           + ", not by --norm " + t.cliName);
    if (t.takesRunningStats) {
        if (spec.momentum && !std::isfinite(*spec.momentum))
            throw Error("momentum must be a finite number or none, got "
                        + formatShortest(*spec.momentum, DType::Float64)
                        + " (NormScope's limit: PyTorch's running statistics would become NaN)");
        if (!spec.momentum && !t.acceptsMomentumNone)
            throw pytorchError(std::string(t.displayName)
                               + " does not accept momentum=None (PyTorch: argument 'momentum' must be float)");
    }
    if (t.takesNumGroups && spec.num_groups <= 0)
        throw pytorchError("num_groups must be positive, got " + std::to_string(spec.num_groups));
    if (t.takesNormalizedShape && spec.normalized_shape.empty())
        throw pytorchError("normalized_shape must have at least one dimension");
}

void validate(const NormSpec& spec, const Shape& x)
{
    const int rank = static_cast<int>(x.size());
    if (rank < 1 || rank > 5)
        throw Error("input must have 1 to 5 dimensions, got " + std::to_string(rank) + " (shape " + toString(x)
                    + "; NormScope's limit)");
    for (std::int64_t d : x)
        if (d <= 0)
            // PyTorch returns an empty output for N = 0; NormScope has nothing to show or compute there.
            throw Error("input has an empty dimension: shape " + toString(x)
                        + " (NormScope's limit: PyTorch would return an empty output)");

    validateSpec(spec);

    switch (spec.kind) {
    case NormKind::Batch: {
        if (rank < 2)
            throw pytorchError("BatchNorm expects a 2D to 5D input (N, C, ...), got " + std::to_string(rank)
                               + "D input of shape " + toString(x));
        // PyTorch normalises with batch statistics in training and when nothing is tracked.
        if (spec.usesInputStats() && x[0] * spatialSize(x) == 1)
            throw pytorchError("Expected more than 1 value per channel when training, got input size "
                               + toListString(x));
        break;
    }
    case NormKind::Instance: {
        if (rank < 3)
            throw pytorchError("InstanceNorm expects a 3D to 5D input (N, C, ...), got " + std::to_string(rank)
                               + "D input of shape " + toString(x));
        if (spec.usesInputStats() && spatialSize(x) == 1)
            throw pytorchError("Expected more than 1 spatial element when training, got input size " + toListString(x));
        break;
    }
    case NormKind::Group: {
        if (rank < 2)
            throw pytorchError("GroupNorm expects an input of at least 2 dimensions (N, C, ...), got shape "
                               + toString(x));
        if (x[1] % spec.num_groups != 0)
            throw pytorchError("num_groups (" + std::to_string(spec.num_groups) + ") must divide num_channels ("
                               + std::to_string(x[1]) + ")");
        // F.group_norm checks the (N*C/G, G, *spatial) view like batch norm does, in every mode.
        if (x[0] * (x[1] / spec.num_groups) * spatialSize(x) == 1) {
            Shape view{x[0] * x[1] / spec.num_groups, spec.num_groups};
            view.insert(view.end(), x.begin() + 2, x.end());
            throw pytorchError("Expected more than 1 value per channel when training, got input size "
                               + toListString(view) + " (GroupNorm with one element per group)");
        }
        break;
    }
    case NormKind::Layer:
    case NormKind::Rms: {
        const Shape& ns = spec.normalized_shape;
        bool fits = ns.size() <= x.size();
        for (std::size_t i = 0; fits && i < ns.size(); ++i)
            fits = ns[i] == x[x.size() - ns.size() + i];
        if (!fits)
            throw pytorchError("Given normalized_shape=" + toListString(ns) + ", expected input with shape [*, "
                               + toListString(ns).substr(1) + ", but got input of size " + toListString(x));
        break;
    }
    }
}

Shape affineShape(const NormSpec& spec, const Shape& x)
{
    if (spec.traits().takesNormalizedShape)
        return spec.normalized_shape;
    return Shape{x.size() > 1 ? x[1] : 1};
}

Shape runningStatsShape(const Shape& x)
{
    return Shape{x.size() > 1 ? x[1] : 1};
}

void checkParameterShape(const std::string& what, const Shape& actual, const Shape& expected)
{
    if (actual != expected)
        throw pytorchError(what + " must have shape " + toString(expected) + ", got " + toString(actual));
}

} // namespace normscope
