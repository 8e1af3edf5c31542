// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace normscope {

/// One option a program takes: its name, the placeholder of its value in the help (empty for a
/// flag, which takes no value) and a one-line description. A program's option tables define both
/// what its command line accepts and its --help.
struct OptionInfo {
    std::string name;  ///< "--num-groups"
    std::string value; ///< "G"; empty: a flag
    std::string help;
};
using OptionTable = std::vector<OptionInfo>;

/// The tables' options as help lines: two spaces, the name and its value, the description in one
/// column (continued on the next line when the name is long).
std::string formatOptionHelp(const OptionTable& table);

/**
 * The tokenizer of normscope-cli's commands and of the window: `--name value`, `--name=value` and
 * `--flag`, with the same refusals everywhere (../shared/cli.md): an unknown option, a value option
 * without a value or with an empty one (`--weight=`, `--eps ""`), a flag given a value, a positional
 * argument, an option given twice. It only splits and checks names; what a value means is up to the
 * caller (module_options.h for the options both programs share).
 */
class CommandLine {
public:
    /// Parses args (without the program and subcommand) against the options of these tables. Throws
    /// Error naming the option.
    CommandLine(const std::vector<std::string>& args, const std::vector<const OptionTable*>& tables);

    bool has(const std::string& name) const { return values_.count(name) || flags_.count(name); }
    std::optional<std::string> value(const std::string& name) const;
    std::string required(const std::string& name) const; ///< throws Error naming the option
    bool flag(const std::string& name) const { return flags_.count(name) > 0; }

    std::optional<double> number(const std::string& name) const;        ///< strict: the whole text
    std::optional<std::int64_t> integer(const std::string& name) const; ///< strict: the whole text

private:
    std::map<std::string, std::string> values_;
    std::set<std::string> flags_;
};

/// Parses a strict floating-point number ("1e-5", "nan", "inf", subnormals, and 1e400 as inf included);
/// nullopt when the text is not a number.
std::optional<double> parseNumber(const std::string& text);

} // namespace normscope
