// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include <optional>
#include <string>

namespace normscope::ui {

/// The views the window exports as a figure (File > Export > Figure, --figure).
enum class FigureKind { Cube, Compare, Histogram, GroupStats, RunningStats, Window, Tensor };
constexpr int kFigureKindCount = 7;

/// The contract's name of a figure (../shared/cli.md, --figure): "cube", "group-stats", ...
const char* figureKindName(FigureKind kind);
/// The figure of a --figure value; nullopt for an unknown one.
std::optional<FigureKind> parseFigureKind(const std::string& name);

/// The file formats of a figure, chosen by the file's extension.
enum class FigureFormat { Png, Svg, Pdf };
/// The format of a figure file from its extension (any case). Throws normscope::Error naming the
/// file and listing .png, .svg and .pdf for any other.
FigureFormat figureFormatForPath(const std::string& path);

} // namespace normscope::ui
