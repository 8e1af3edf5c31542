// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/options/module_options.h"

#include "engine/core/error.h"
#include "engine/io/npy.h"
#include "engine/io/npz_reader.h"

namespace normscope {

const OptionTable& specOptions()
{
    static const OptionTable table{
        {"--norm", "KIND", "the module: " + normKindChoices()},
        {"--num-groups", "G", "GroupNorm's num_groups; must divide C"},
        {"--normalized-shape", "D1[,D2...]", "LayerNorm/RMSNorm normalized_shape: the input's trailing dims"},
        {"--eps", "E|none", "default 1e-5; none: the dtype's machine epsilon (rms only, its default)"},
        {"--momentum", "M|none", "running-statistics momentum (default 0.1); none: cumulative average (batch)"},
        {"--affine", "", "learnable gamma and beta (elementwise_affine); default on, off for instance"},
        {"--no-affine", "", "no gamma and beta"},
        {"--track-running-stats", "", "keep running_mean and running_var (batch: default, instance)"},
        {"--no-track-running-stats", "", "keep no running statistics"},
        {"--eval", "", "the module is in eval() mode (default: training)"},
    };
    return table;
}

const OptionTable& startOptions()
{
    static const OptionTable table{
        {"--input", "X.npy|X.npz", "the input tensor, float32 or float64"},
        {"--input-key", "K", "the .npz member to read (default: its only member, else x)"},
        {"--weight", "W.npy", "gamma: shape (C,), or normalized_shape for layer, rms (default ones)"},
        {"--bias", "B.npy", "beta, shaped as gamma (default zeros; rms has none)"},
        {"--running-mean", "RM.npy", "starting running_mean, shape (C,) (default zeros)"},
        {"--running-var", "RV.npy", "starting running_var, shape (C,) (default ones)"},
        {"--num-batches-tracked", "K", "starting num_batches_tracked (default 0)"},
        {"--steps", "K", "K passes, the running statistics updating on each; the result is the last's"},
    };
    return table;
}

namespace {

std::string moduleOption(const NormSpec& spec)
{
    return std::string("--norm ") + spec.traits().cliName;
}

/// "(only GroupNorm takes num_groups)", "(only LayerNorm and RMSNorm take normalized_shape)".
std::string onlyThoseTake(bool NormTraits::*trait, const std::string& what)
{
    int count = 0;
    for (const NormTraits& t : kNormTraits)
        count += t.*trait ? 1 : 0;
    return "(only " + displayNamesWhere(trait) + (count == 1 ? " takes " : " take ") + what + ")";
}

void refuseUnless(const CommandLine& cl, bool applies, const std::string& option, const std::string& why)
{
    if (!applies && cl.has(option))
        throw Error(option + " does not apply to " + why);
}

bool isNone(const std::string& text)
{
    return text == "none" || text == "None";
}

/// The spec options; `pick*` say which shape argument the program's defaults fill in later.
NormSpec parseSpec(const CommandLine& cl, const ModuleDefaults& defaults, bool& pickNumGroups,
                   bool& pickNormalizedShape)
{
    NormKind kind;
    if (const auto name = cl.value("--norm")) {
        const auto parsed = parseNormKind(*name);
        if (!parsed)
            throw Error("--norm must be " + normKindChoices() + ", got '" + *name + "'");
        kind = *parsed;
    } else if (defaults.kind) {
        kind = *defaults.kind;
    } else {
        throw Error("option --norm is required");
    }
    NormSpec spec = NormSpec::defaults(kind);
    const NormTraits& t = spec.traits();
    const std::string module = moduleOption(spec);

    refuseUnless(cl, t.takesNumGroups, "--num-groups",
                 module + " " + onlyThoseTake(&NormTraits::takesNumGroups, "num_groups"));
    refuseUnless(cl, t.takesNormalizedShape, "--normalized-shape",
                 module + " " + onlyThoseTake(&NormTraits::takesNormalizedShape, "normalized_shape"));
    for (const char* option : {"--momentum", "--track-running-stats", "--no-track-running-stats"})
        refuseUnless(cl, t.takesRunningStats, option, module + " (it keeps no running statistics)");

    // A program with defaults picks what is not given (for every kind, so that switching kinds in
    // the window starts from the same picks); the CLI requires it where the module takes it.
    pickNumGroups = defaults.shapeArguments && !cl.has("--num-groups");
    pickNormalizedShape = defaults.shapeArguments && !cl.has("--normalized-shape");
    if (cl.has("--num-groups"))
        spec.num_groups = *cl.integer("--num-groups");
    else if (t.takesNumGroups && !pickNumGroups)
        throw Error(module + " needs --num-groups G");
    if (const auto text = cl.value("--normalized-shape"))
        spec.normalized_shape = parseShape(*text, "--normalized-shape");
    else if (t.takesNormalizedShape && !pickNormalizedShape)
        throw Error(module + " needs --normalized-shape D1[,D2...]");
    if (const auto eps = cl.value("--eps")) {
        if (isNone(*eps) && !t.acceptsEpsNone)
            throw Error("--eps none does not apply to " + module + " "
                        + onlyThoseTake(&NormTraits::acceptsEpsNone, "eps=None"));
        spec.eps = isNone(*eps) ? std::nullopt : cl.number("--eps");
    }
    if (const auto momentum = cl.value("--momentum")) {
        if (isNone(*momentum) && !t.acceptsMomentumNone)
            throw Error("--momentum none does not apply to " + module + " "
                        + onlyThoseTake(&NormTraits::acceptsMomentumNone, "momentum=None"));
        spec.momentum = isNone(*momentum) ? std::nullopt : cl.number("--momentum");
    }
    if (cl.flag("--affine") && cl.flag("--no-affine"))
        throw Error("--affine and --no-affine contradict each other");
    if (cl.flag("--affine") || cl.flag("--no-affine"))
        spec.affine = cl.flag("--affine");
    if (cl.flag("--track-running-stats") && cl.flag("--no-track-running-stats"))
        throw Error("--track-running-stats and --no-track-running-stats contradict each other");
    if (cl.flag("--track-running-stats") || cl.flag("--no-track-running-stats"))
        spec.track_running_stats = cl.flag("--track-running-stats");
    if (cl.flag("--eval"))
        spec.mode = Mode::Eval;
    return spec;
}

std::string pathOption(const CommandLine& cl, const std::string& name)
{
    return cl.value(name).value_or("");
}

/// The shape arguments the program's defaults pick for this input, where the command line gave none.
void pickShapeArguments(const ModuleOptions& o, const Shape& inputShape, NormSpec& spec)
{
    if (!o.pickNumGroups && !o.pickNormalizedShape)
        return;
    const NormSpec picked = o.defaults.shapeArguments(spec.kind, inputShape);
    if (o.pickNumGroups)
        spec.num_groups = picked.num_groups;
    if (o.pickNormalizedShape)
        spec.normalized_shape = picked.normalized_shape;
}

/// A parameter or buffer file, its shape checked against what the module holds.
std::optional<AnyTensor> readParameter(const std::string& path, const std::string& what, const Shape& expected)
{
    if (path.empty())
        return std::nullopt;
    AnyTensor t = readNpy(path);
    checkParameterShape(what, shapeOf(t), expected);
    return t;
}

} // namespace

void requireRunningStats(const std::string& option, const NormSpec& spec)
{
    if (!spec.hasRunningStats())
        throw Error(option + " needs running statistics, which " + moduleOption(spec)
                    + (spec.traits().takesRunningStats ? " keeps only with --track-running-stats" : " does not keep"));
}

void requireAffine(const std::string& option, const NormSpec& spec)
{
    if (!spec.affine)
        throw Error(option + " needs the affine parameters, but affine is off for " + moduleOption(spec)
                    + " (add --affine)");
}

void requireBias(const std::string& option, const NormSpec& spec)
{
    if (!spec.traits().hasBias)
        throw Error(option + " does not apply to " + moduleOption(spec) + " (" + spec.traits().displayName
                    + " has no bias)");
    requireAffine(option, spec);
}

std::optional<std::string> inputKeyOption(const CommandLine& cl, const std::string& inputPath)
{
    std::optional<std::string> key = cl.value("--input-key");
    if (key && inputPath.empty())
        throw Error("--input-key needs --input X.npz");
    if (key && !isNpzPath(inputPath))
        throw Error("--input-key needs an .npz input, got --input " + inputPath);
    return key;
}

ModuleOptions parseModuleOptions(const CommandLine& cl, const ModuleDefaults& defaults)
{
    ModuleOptions o;
    o.defaults = defaults;
    o.spec = parseSpec(cl, defaults, o.pickNumGroups, o.pickNormalizedShape);

    o.inputPath = pathOption(cl, "--input");
    o.inputKey = inputKeyOption(cl, o.inputPath);
    o.weightPath = pathOption(cl, "--weight");
    o.biasPath = pathOption(cl, "--bias");
    o.runningMeanPath = pathOption(cl, "--running-mean");
    o.runningVarPath = pathOption(cl, "--running-var");
    for (const char* option : {"--running-mean", "--running-var", "--num-batches-tracked"})
        if (cl.has(option))
            requireRunningStats(option, o.spec);
    if (cl.has("--weight"))
        requireAffine("--weight", o.spec);
    if (cl.has("--bias"))
        requireBias("--bias", o.spec);

    o.num_batches_tracked = cl.integer("--num-batches-tracked").value_or(0);
    if (o.num_batches_tracked < 0)
        throw Error("--num-batches-tracked must be >= 0, got " + std::to_string(o.num_batches_tracked));
    o.steps = cl.integer("--steps").value_or(1);
    if (o.steps < 1 || o.steps > kMaxSteps)
        throw Error("--steps must be between 1 and " + std::to_string(kMaxSteps) + ", got " + std::to_string(o.steps));

    if (o.inputPath.empty() && !defaults.inputShape)
        throw Error("option --input is required");
    // Picked for the default input for now, for --input's once it is read (readModuleStart).
    pickShapeArguments(o, defaults.inputShape.value_or(Shape{}), o.spec);
    // What the constructor refuses whatever the input, before any file is read.
    validateSpec(o.spec);
    return o;
}

NormSpec specFromCommandLine(const CommandLine& cl)
{
    bool pickNumGroups = false, pickNormalizedShape = false;
    const NormSpec spec = parseSpec(cl, {}, pickNumGroups, pickNormalizedShape);
    validateSpec(spec);
    return spec;
}

ModuleStart readModuleStart(const ModuleOptions& o)
{
    ModuleStart s;
    s.spec = o.spec;
    s.num_batches_tracked = o.num_batches_tracked;
    s.steps = o.steps;
    if (!o.inputPath.empty()) {
        s.input = readArrayFile(o.inputPath, o.inputKey);
        s.inputShape = shapeOf(*s.input);
    } else {
        s.inputShape = o.defaults.inputShape.value_or(Shape{});
    }
    pickShapeArguments(o, s.inputShape, s.spec);
    validate(s.spec, s.inputShape);

    const Shape affine = affineShape(s.spec, s.inputShape);
    const Shape channels = runningStatsShape(s.inputShape);
    s.weight = readParameter(o.weightPath, "weight", affine);
    s.bias = readParameter(o.biasPath, "bias", affine);
    s.running_mean = readParameter(o.runningMeanPath, "running_mean", channels);
    s.running_var = readParameter(o.runningVarPath, "running_var", channels);
    return s;
}

} // namespace normscope
