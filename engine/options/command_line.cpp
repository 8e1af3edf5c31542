// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/options/command_line.h"

#include "engine/core/error.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>

namespace normscope {

namespace {

constexpr std::size_t kHelpColumn = 32; ///< where descriptions start in --help

const OptionInfo* find(const std::vector<const OptionTable*>& tables, const std::string& name)
{
    for (const OptionTable* table : tables)
        for (const OptionInfo& option : *table)
            if (option.name == name)
                return &option;
    return nullptr;
}

} // namespace

std::string formatOptionHelp(const OptionTable& table)
{
    std::string out;
    for (const OptionInfo& option : table) {
        std::string line = "  " + option.name + (option.value.empty() ? "" : " " + option.value);
        line += line.size() < kHelpColumn ? std::string(kHelpColumn - line.size(), ' ')
                                          : "\n" + std::string(kHelpColumn, ' ');
        out += line + option.help + "\n";
    }
    return out;
}

CommandLine::CommandLine(const std::vector<std::string>& args, const std::vector<const OptionTable*>& tables)
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
        const OptionInfo* option = find(tables, name);
        if (!option)
            throw Error("unknown option " + name);
        if (has(name))
            throw Error("option " + name + " is given twice");
        if (option->value.empty()) {
            if (inlineValue)
                throw Error("option " + name + " takes no value");
            flags_.insert(name);
            continue;
        }
        if (!inlineValue) {
            if (i + 1 >= args.size())
                throw Error("option " + name + " needs a value");
            inlineValue = args[++i];
        }
        if (inlineValue->empty())
            throw Error("option " + name + " needs a value, got an empty one");
        values_[name] = *inlineValue;
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
    // ERANGE is not a refusal: a subnormal such as 1e-320 is a number, and so is 1e400, which reads
    // as inf as it does in Python; what the value may be is the spec's rule (validateSpec).
    const double v = std::strtod(text.c_str(), &end);
    if (*end != '\0')
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
    if (text->empty() || std::isspace(static_cast<unsigned char>(text->front())) || *end != '\0' || errno == ERANGE)
        throw Error(name + " must be an integer, got '" + *text + "'");
    return v;
}

} // namespace normscope
