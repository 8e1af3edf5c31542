// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/tensor_export.h"

#include "engine/core/error.h"
#include "engine/io/npz_reader.h"
#include "engine/io/npz_writer.h"
#include "engine/io/staged_outputs.h"

namespace normscope::ui {

namespace {

/// The snapshot widens every value to double for the views; a float32 input's values go back
/// exactly, so the archive holds the engine's own numbers.
AnyTensor inDType(const Tensor<double>& values, DType dtype)
{
    if (dtype == DType::Float32)
        return values.cast<float>();
    return values;
}

} // namespace

TensorArchive tensorArchive(const ResultSnapshot& result)
{
    if (!result.ok())
        throw Error("no tensors to export: " + (result.error.empty() ? std::string("no result yet") : result.error));
    TensorArchive archive;
    const std::pair<const char*, const Tensor<double>*> arrays[] = {
        {"x", &result.input},
        {"xhat", &result.normalized},
        {"y", &result.output},
        {"mean", &result.mean},
        {"var", &result.var},
        {"rstd", &result.rstd},
        {"weight", &result.weight},
        {"bias", &result.bias},
        {"running_mean", &result.running_mean},
        {"running_var", &result.running_var},
        {"grad_output", &result.grad_output},
        {"grad_input", &result.grad_input},
        {"grad_weight", &result.grad_weight},
        {"grad_bias", &result.grad_bias},
    };
    // RMSNorm subtracts no mean: the engine's zeros there are no statistic (forward --npz-out has none).
    const bool noMean = !result.spec.subtractsMean();
    for (const auto& [key, values] : arrays)
        if (values->numel() > 0 && !(noMean && values == &result.mean))
            archive.tensors.emplace_back(key, inDType(*values, result.dtype));
    if (result.spec.hasRunningStats())
        archive.num_batches_tracked = result.num_batches_tracked;
    return archive;
}

void stageTensors(StagedOutputs& outputs, const ResultSnapshot& result, const std::string& path)
{
    if (!isNpzPath(path))
        throw Error("cannot export tensors to '" + path + "': the file name must end in .npz");
    const TensorArchive archive = tensorArchive(result);
    std::vector<NpzArray> members;
    for (const auto& [key, tensor] : archive.tensors)
        members.push_back(npzArray(key, tensor));
    if (archive.num_batches_tracked)
        members.push_back(npzScalar("num_batches_tracked", *archive.num_batches_tracked));
    outputs.stage(path, [&members](std::ostream& out) { writeNpz(out, members); });
}

} // namespace normscope::ui
