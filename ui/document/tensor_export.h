// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/tensor.h"
#include "ui/document/result_snapshot.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace normscope {
class StagedOutputs;
}

namespace normscope::ui {

/**
 * The arrays of File > Export > Tensors... and --export-tensors (../shared/cli.md): x, xhat, y,
 * mean, var, rstd, weight, bias, running_mean, running_var (after the pass, as the table shows
 * them) in the input's dtype, each where the result has it (RMSNorm has no mean, no bias; affine
 * off has no weight), and num_batches_tracked (int64, shape ()) where statistics are tracked.
 */
struct TensorArchive {
    std::vector<std::pair<std::string, AnyTensor>> tensors;
    std::optional<std::int64_t> num_batches_tracked;
};

/// The archive of a result; throws normscope::Error for a refused spec (no numbers to export).
TensorArchive tensorArchive(const ResultSnapshot& result);

/// Stages the result's archive as an .npz (np.savez's layout, engine/io/npz_writer.h) at path, to be
/// committed with the command's other outputs. Throws Error for a path not ending in .npz.
void stageTensors(StagedOutputs& outputs, const ResultSnapshot& result, const std::string& path);

} // namespace normscope::ui
