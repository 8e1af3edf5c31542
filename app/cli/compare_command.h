// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include <string>
#include <vector>

namespace normscope {

/// `normscope-cli compare`: one input under BatchNorm, LayerNorm, InstanceNorm, GroupNorm and
/// RMSNorm, as the window's compare view shows it (../shared/cli.md), written as the comparison
/// table. A module that refuses the input gets a row holding its refusal; the command still
/// succeeds. Throws Error for anything the user can fix (exit status 2); nothing is written then.
/// Returns the warnings of a degenerate run (non-finite input, eps <= 0), each once, for stderr.
std::vector<std::string> runCompareCommand(const std::vector<std::string>& args);

/// The `compare` option list for --help.
std::string compareUsage();

} // namespace normscope
