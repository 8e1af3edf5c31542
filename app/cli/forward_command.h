// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include <string>
#include <vector>

namespace normscope {

/// `normscope-cli forward`: one module, one input, PyTorch semantics (../shared/cli.md). Reads the
/// files, runs --steps passes, then writes every requested output or none. Throws Error for anything
/// the user can fix (exit status 2). Returns the warnings of a run that succeeded but is degenerate
/// (non-finite input values, eps <= 0), for stderr; the exit status stays 0.
std::vector<std::string> runForwardCommand(const std::vector<std::string>& args);

/// The `forward` option list for --help.
std::string forwardUsage();

} // namespace normscope
