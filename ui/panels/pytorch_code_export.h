// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/result_snapshot.h"

#include <string>

namespace normscope::ui {

/**
 * Writes the PyTorch code panel's code for this result to pyPath, and the tensors too long to list
 * (PyTorchCode::sideFiles) as .npy files beside it, named after pyPath's stem ("run.py":
 * "run_x.npy"). All or nothing, through one StagedOutputs commit. Both File > Export PyTorch code...
 * and the window's --export-code call this. Throws normscope::Error naming the path on failure.
 */
void exportPyTorchCode(const ResultSnapshot& result, const std::string& pyPath);

} // namespace normscope::ui
