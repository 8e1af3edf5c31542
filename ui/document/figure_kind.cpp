// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/figure_kind.h"

#include "engine/core/error.h"

#include <algorithm>
#include <cctype>

namespace normscope::ui {

namespace {

constexpr const char* kNames[kFigureKindCount] = {"cube",          "compare", "histogram", "group-stats",
                                                  "running-stats", "window",  "tensor"};

} // namespace

const char* figureKindName(FigureKind kind)
{
    return kNames[static_cast<int>(kind)];
}

std::optional<FigureKind> parseFigureKind(const std::string& name)
{
    for (int i = 0; i < kFigureKindCount; ++i)
        if (name == kNames[i])
            return static_cast<FigureKind>(i);
    return std::nullopt;
}

FigureFormat figureFormatForPath(const std::string& path)
{
    const std::size_t slash = path.find_last_of('/');
    const std::size_t dot = path.find_last_of('.');
    std::string extension =
        dot == std::string::npos || (slash != std::string::npos && dot < slash) ? std::string() : path.substr(dot);
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (extension == ".png")
        return FigureFormat::Png;
    if (extension == ".svg")
        return FigureFormat::Svg;
    if (extension == ".pdf")
        return FigureFormat::Pdf;
    throw Error("cannot tell the figure format of '" + path + "': expected a file ending in .png, .svg or .pdf");
}

} // namespace normscope::ui
