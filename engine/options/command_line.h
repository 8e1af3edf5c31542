#pragma once

#include "engine/core/norm_spec.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace normscope {

/**
 * A command line of `--name value` / `--name=value` options and `--flag`s, as both normscope-cli
 * and the normscope window take them. Option names follow ../shared/cli.md.
 */
class CommandLine {
public:
    /// Parses args (without the program and subcommand). Throws Error for an unknown option, a
    /// missing value, a positional argument or an option given twice.
    CommandLine(const std::vector<std::string>& args, const std::set<std::string>& valueOptions,
                const std::set<std::string>& flagOptions);

    bool has(const std::string& name) const { return values_.count(name) || flags_.count(name); }
    std::optional<std::string> value(const std::string& name) const;
    std::string required(const std::string& name) const;   ///< throws Error naming the option
    bool flag(const std::string& name) const { return flags_.count(name) > 0; }

    std::optional<double> number(const std::string& name) const;         ///< strict: the whole text
    std::optional<std::int64_t> integer(const std::string& name) const;  ///< strict: the whole text

private:
    std::map<std::string, std::string> values_;
    std::set<std::string> flags_;
};

/// The options that describe the module: --norm, --num-groups, --normalized-shape, --eps,
/// --momentum, --affine/--no-affine, --track-running-stats/--no-track-running-stats, --eval.
const std::set<std::string>& specValueOptions();
const std::set<std::string>& specFlagOptions();

/**
 * The NormSpec a command line describes, with PyTorch's defaults for what it leaves out. Refuses
 * (Error) an option the module's constructor does not take (e.g. --momentum for LayerNorm), a missing
 * --num-groups / --normalized-shape, and values that are not numbers. Range checks that depend on the
 * input (num_groups dividing C, eps > 0...) are left to validate().
 */
NormSpec specFromCommandLine(const CommandLine& cl);

/// Parses a strict floating-point number ("1e-5", "nan", "inf" included); nullopt when not a number.
std::optional<double> parseNumber(const std::string& text);

} // namespace normscope
