// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include <string>
#include <vector>

namespace normscope {

/// `normscope-cli bench`: times the engine on generated data in-process (../shared/cli.md). Prints a
/// human summary, or with --json a last line holding one JSON object. Throws Error for bad options.
void runBenchCommand(const std::vector<std::string>& args);

std::string benchUsage();

} // namespace normscope
