// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/tensor_export.h"

#include "engine/core/error.h"
#include "engine/io/npz_reader.h"
#include "engine/io/npz_writer.h"
#include "engine/io/staged_outputs.h"

namespace normscope::ui {

namespace {

/// The snapshot widens the small tensors to double for the views; a float32 run's values go back
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
    // The input-sized tensors are already in the run's dtype; x-hat (and y where the run kept none)
    // is computed whole here.
    const auto large = [&](const char* key, const std::shared_ptr<const AnyTensor>& t) {
        if (t)
            archive.tensors.emplace_back(key, *t);
    };
    const auto fromDouble = [&](const char* key, const Tensor<double>& t) {
        if (t.numel() > 0)
            archive.tensors.emplace_back(key, inDType(t, result.dtype));
    };
    large("x", result.input.tensor());
    archive.tensors.emplace_back("xhat", result.elements->normalizedTensor());
    archive.tensors.emplace_back("y",
                                 result.output.tensor() ? *result.output.tensor() : result.elements->outputTensor());
    // RMSNorm subtracts no mean: the engine's zeros there are no statistic (forward --npz-out has none).
    if (result.spec.subtractsMean())
        fromDouble("mean", result.mean);
    fromDouble("var", result.var);
    fromDouble("rstd", result.rstd);
    fromDouble("weight", result.weight);
    fromDouble("bias", result.bias);
    fromDouble("running_mean", result.running_mean);
    fromDouble("running_var", result.running_var);
    large("grad_output", result.grad_output.tensor());
    large("grad_input", result.grad_input.tensor());
    fromDouble("grad_weight", result.grad_weight);
    fromDouble("grad_bias", result.grad_bias);
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
