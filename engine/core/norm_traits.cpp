// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/core/norm_traits.h"

#include <algorithm>
#include <vector>

namespace normscope {

const char* toString(NormKind kind)
{
    return traitsOf(kind).cliName;
}

std::optional<NormKind> parseNormKind(const std::string& name)
{
    for (const NormTraits& t : kNormTraits)
        if (name == t.cliName)
            return t.kind;
    return std::nullopt;
}

std::string moduleName(NormKind kind, int rank)
{
    const NormTraits& t = traitsOf(kind);
    if (!t.moduleByRank)
        return t.displayName;
    // (N, C) and (N, C, L) are 1d, (N, C, H, W) 2d, (N, C, D, H, W) 3d.
    return t.displayName + std::to_string(std::clamp(rank - 2, 1, 3)) + "d";
}

namespace {

/// "a, b, c" with `last` before the final item: "a, b or c".
std::string joinNames(const std::vector<std::string>& names, const char* last)
{
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i)
        out += (i == 0 ? "" : i + 1 == names.size() ? last : ", ") + names[i];
    return out;
}

} // namespace

std::string normKindChoices()
{
    std::vector<std::string> names;
    for (const NormTraits& t : kNormTraits)
        names.emplace_back(t.cliName);
    return joinNames(names, " or ");
}

std::string displayNamesWhere(bool NormTraits::*trait)
{
    std::vector<std::string> names;
    for (const NormTraits& t : kNormTraits)
        if (t.*trait)
            names.emplace_back(t.displayName);
    return joinNames(names, " and ");
}

} // namespace normscope
