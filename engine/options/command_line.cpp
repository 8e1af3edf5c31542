#include "engine/options/command_line.h"

#include "engine/core/error.h"
#include "engine/core/shape.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>

namespace normscope {

CommandLine::CommandLine(const std::vector<std::string>& args, const std::set<std::string>& valueOptions,
                         const std::set<std::string>& flagOptions)
{
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string name = args[i];
        std::optional<std::string> inlineValue;
        if (name.rfind("--", 0) != 0)
            throw Error("unexpected argument '" + name + "' (options start with --)");
        if (const auto eq = name.find('='); eq != std::string::npos) {
            inlineValue = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        if (has(name))
            throw Error("option " + name + " is given twice");
        if (valueOptions.count(name)) {
            if (!inlineValue) {
                if (i + 1 >= args.size())
                    throw Error("option " + name + " needs a value");
                inlineValue = args[++i];
            }
            values_[name] = *inlineValue;
        } else if (flagOptions.count(name)) {
            if (inlineValue)
                throw Error("option " + name + " takes no value");
            flags_.insert(name);
        } else {
            throw Error("unknown option " + name);
        }
    }
}

std::optional<std::string> CommandLine::value(const std::string& name) const
{
    const auto it = values_.find(name);
    return it == values_.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::string CommandLine::required(const std::string& name) const
{
    if (auto v = value(name))
        return *v;
    throw Error("option " + name + " is required");
}

std::optional<double> parseNumber(const std::string& text)
{
    if (text.empty() || std::isspace(static_cast<unsigned char>(text.front())))
        return std::nullopt;
    char* end = nullptr;
    errno = 0;
    const double v = std::strtod(text.c_str(), &end);
    if (*end != '\0' || errno == ERANGE)
        return std::nullopt;
    return v;
}

std::optional<double> CommandLine::number(const std::string& name) const
{
    const auto text = value(name);
    if (!text)
        return std::nullopt;
    const auto v = parseNumber(*text);
    if (!v)
        throw Error(name + " must be a number, got '" + *text + "'");
    return v;
}

std::optional<std::int64_t> CommandLine::integer(const std::string& name) const
{
    const auto text = value(name);
    if (!text)
        return std::nullopt;
    char* end = nullptr;
    errno = 0;
    const long long v = std::strtoll(text->c_str(), &end, 10);
    if (text->empty() || *end != '\0' || errno == ERANGE)
        throw Error(name + " must be an integer, got '" + *text + "'");
    return v;
}

const std::set<std::string>& specValueOptions()
{
    static const std::set<std::string> options{"--norm", "--num-groups", "--normalized-shape", "--eps", "--momentum"};
    return options;
}

const std::set<std::string>& specFlagOptions()
{
    static const std::set<std::string> options{"--affine", "--no-affine", "--track-running-stats",
                                               "--no-track-running-stats", "--eval"};
    return options;
}

namespace {

void refuseUnless(const CommandLine& cl, bool applies, const std::string& option, const std::string& why)
{
    if (!applies && cl.has(option))
        throw Error(option + " does not apply to " + why);
}

} // namespace

NormSpec specFromCommandLine(const CommandLine& cl)
{
    const std::string kindName = cl.required("--norm");
    const auto kind = parseNormKind(kindName);
    if (!kind)
        throw Error("--norm must be batch, layer, instance, group or rms, got '" + kindName + "'");
    NormSpec spec = NormSpec::defaults(*kind);
    const std::string module = std::string("--norm ") + kindName;

    const bool hasRunningStats = *kind == NormKind::Batch || *kind == NormKind::Instance;
    refuseUnless(cl, *kind == NormKind::Group, "--num-groups", module + " (only GroupNorm takes num_groups)");
    refuseUnless(cl, *kind == NormKind::Layer || *kind == NormKind::Rms, "--normalized-shape",
                 module + " (only LayerNorm and RMSNorm take normalized_shape)");
    for (const char* option : {"--momentum", "--track-running-stats", "--no-track-running-stats"})
        refuseUnless(cl, hasRunningStats, option, module + " (it keeps no running statistics)");

    if (*kind == NormKind::Group) {
        if (!cl.has("--num-groups"))
            throw Error("--norm group needs --num-groups G");
        spec.num_groups = *cl.integer("--num-groups");
    }
    if (*kind == NormKind::Layer || *kind == NormKind::Rms) {
        if (!cl.has("--normalized-shape"))
            throw Error(module + " needs --normalized-shape D1[,D2...]");
        spec.normalized_shape = parseShape(*cl.value("--normalized-shape"), "--normalized-shape");
    }
    if (cl.has("--eps"))
        spec.eps = cl.number("--eps");
    if (const auto m = cl.value("--momentum")) {
        if (*m == "none" || *m == "None")
            spec.momentum = std::nullopt;
        else
            spec.momentum = cl.number("--momentum");
    }
    if (cl.flag("--affine") && cl.flag("--no-affine"))
        throw Error("--affine and --no-affine contradict each other");
    if (cl.flag("--affine"))
        spec.affine = true;
    if (cl.flag("--no-affine"))
        spec.affine = false;
    if (cl.flag("--track-running-stats") && cl.flag("--no-track-running-stats"))
        throw Error("--track-running-stats and --no-track-running-stats contradict each other");
    if (cl.flag("--track-running-stats"))
        spec.track_running_stats = true;
    if (cl.flag("--no-track-running-stats"))
        spec.track_running_stats = false;
    if (cl.flag("--eval"))
        spec.mode = Mode::Eval;
    return spec;
}

} // namespace normscope
