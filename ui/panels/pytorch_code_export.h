// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/result_snapshot.h"

#include <string>

namespace normscope {
class StagedOutputs;
}

namespace normscope::ui {

/**
 * Writes the PyTorch code panel's code for this result to pyPath, and the tensors too long to list
 * (PyTorchCode::sideFiles) as .npy files beside it, named after pyPath's stem ("run.py":
 * "run_x.npy"). All or nothing, through one StagedOutputs commit. Both File > Export > PyTorch code...
 * and the window's --export-code call this. Throws normscope::Error naming the path on failure.
 */
void exportPyTorchCode(const ResultSnapshot& result, const std::string& pyPath);

/// The same files staged into outputs, to be committed with a command's other outputs (the window's
/// command line writes all its exports in one commit).
void stagePyTorchCode(StagedOutputs& outputs, const ResultSnapshot& result, const std::string& pyPath);

} // namespace normscope::ui
