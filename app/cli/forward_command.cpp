// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "app/cli/forward_command.h"

#include "app/cli/pass_arrays.h"

#include "engine/core/degenerate.h"

#include "engine/kernels/backward.h"
#include "engine/options/module_options.h"
#include "engine/core/error.h"
#include "engine/kernels/forward.h"
#include "engine/io/npy.h"
#include "engine/io/staged_outputs.h"
#include "engine/report/statistics_table.h"
#include "engine/report/table_format.h"

#include <algorithm>
#include <filesystem>
#include <iterator>

namespace normscope {

namespace {

/// forward's own options: what it writes. The module and its start are specOptions() and startOptions().
const OptionTable& outputOptions()
{
    static const OptionTable table{
        {"--output", "Y.npy", "the output tensor (required unless --npz-out)"},
        {"--npz-out", "FILE.npz", "every array of the pass: y, mean, var, rstd, running stats, gradients"},
        {"--state-out", "DIR", "write running_mean.npy, running_var.npy, num_batches_tracked.txt"},
        {"--mean-out", "M.npy", "the mean the output was normalized with (not rms)"},
        {"--var-out", "V.npy", "the biased variance it was normalized with (rms: the mean of squares)"},
        {"--grad-output", "G.npy", "upstream gradient dL/dY (the input's shape); for the last pass:"},
        {"--grad-input-out", "DX.npy", "write dL/dX, as PyTorch autograd computes it"},
        {"--grad-weight-out", "DW.npy", "write dL/dgamma (needs affine)"},
        {"--grad-bias-out", "DB.npy", "write dL/dbeta (needs affine; rms has no bias)"},
        {"--table-out", "FILE", "the statistics table of the last pass: .csv .tsv .md .tex .json .html"},
        {"--threads", "T", "worker threads (default 0: all cores)"},
    };
    return table;
}

struct ForwardFiles {
    std::string output, npzOut, stateOut, meanOut, varOut;
    std::string gradOutput, gradInputOut, gradWeightOut, gradBiasOut;
    std::string tableOut;
    TableFormat tableFormat = TableFormat::Csv;
    bool wantsGradients() const { return !gradOutput.empty(); }
};

std::string optional(const CommandLine& cl, const std::string& name)
{
    return cl.value(name).value_or("");
}

/// The rules of forward's own options; the shared ones are parseModuleOptions()'.
void checkOutputOptions(const CommandLine& cl, const NormSpec& spec)
{
    if (cl.has("--state-out"))
        requireRunningStats("--state-out", spec);
    if (!spec.subtractsMean() && cl.has("--mean-out"))
        throw Error(std::string("--mean-out does not apply to --norm ") + toString(spec.kind) + " ("
                    + spec.traits().displayName + " subtracts no mean; --var-out holds the mean of squares)");

    const char* outputs[] = {"--grad-input-out", "--grad-weight-out", "--grad-bias-out"};
    const bool anyOutput =
        std::any_of(std::begin(outputs), std::end(outputs), [&](const char* o) { return cl.has(o); });
    if (!cl.has("--grad-output")) {
        for (const char* option : outputs)
            if (cl.has(option))
                throw Error(std::string(option) + " needs --grad-output (the upstream gradient dL/dY)");
        return;
    }
    if (!anyOutput && !cl.has("--npz-out"))
        throw Error("--grad-output given but no gradient is asked for (add --grad-input-out, --grad-weight-out, "
                    "--grad-bias-out or --npz-out)");
    if (cl.has("--grad-weight-out"))
        requireAffine("--grad-weight-out", spec);
    if (cl.has("--grad-bias-out"))
        requireBias("--grad-bias-out", spec);
}

/// A file converted to the input's dtype, as `tensor.to(x.dtype)` would.
template <typename T>
Tensor<T> readAs(const std::string& path)
{
    return std::visit([](const auto& t) { return t.template cast<T>(); }, readNpy(path));
}

template <typename T>
void run(const ModuleStart& start, const Tensor<T>& x, const ForwardFiles& files, int threads)
{
    const NormSpec& spec = start.spec;
    NormState<T> state = start.state<T>();

    Tensor<T> gradOutput;
    if (files.wantsGradients()) {
        gradOutput = readAs<T>(files.gradOutput);
        validateGradOutput(gradOutput.shape(), x.shape());
    }

    ForwardResult<T> result;
    for (std::int64_t step = 0; step < start.steps; ++step)
        forward(spec, x, state, result, ForwardOptions{threads});
    // The gradients are those of the last pass: the statistics it saved, and the weight, which no pass
    // changes (the running statistics it moved do not enter).
    BackwardResult<T> gradients;
    if (files.wantsGradients())
        backward(spec, x, state, gradOutput, result, gradients, BackwardOptions{threads});

    StagedOutputs outputs;
    if (!files.output.empty())
        outputs.stageNpy(files.output, result.output);
    if (!files.npzOut.empty()) {
        const auto arrays = passArrays(spec, result, state, files.wantsGradients() ? &gradients : nullptr);
        outputs.stage(files.npzOut, [&](std::ostream& out) { writeNpz(out, arrays); });
    }
    if (!files.meanOut.empty())
        outputs.stageNpy(files.meanOut, result.mean);
    if (!files.varOut.empty())
        outputs.stageNpy(files.varOut, result.var);
    if (!files.gradInputOut.empty())
        outputs.stageNpy(files.gradInputOut, gradients.grad_input);
    if (!files.gradWeightOut.empty())
        outputs.stageNpy(files.gradWeightOut, gradients.grad_weight);
    if (!files.gradBiasOut.empty())
        outputs.stageNpy(files.gradBiasOut, gradients.grad_bias);
    if (!files.tableOut.empty()) {
        // With a gradient, dL/dgamma and dL/dbeta columns, as the window's table shows them.
        std::optional<ParamGradients> grads;
        if (files.wantsGradients())
            grads = ParamGradients{
                std::vector<double>(gradients.grad_weight.values().begin(), gradients.grad_weight.values().end()),
                std::vector<double>(gradients.grad_bias.values().begin(), gradients.grad_bias.values().end())};
        const Table table = statisticsTable(spec, x.shape(), dtypeOf<T>(), summarizeGroups(spec, x, result, state),
                                            grads ? &*grads : nullptr);
        outputs.stageText(files.tableOut, writeTable(table, files.tableFormat));
    }
    if (!files.stateOut.empty()) {
        const std::filesystem::path dir(files.stateOut);
        outputs.stageNpy((dir / "running_mean.npy").string(), state.running_mean, true);
        outputs.stageNpy((dir / "running_var.npy").string(), state.running_var, true);
        outputs.stageText((dir / "num_batches_tracked.txt").string(), std::to_string(state.num_batches_tracked) + "\n",
                          true);
    }
    outputs.commit();
}

} // namespace

std::vector<std::string> runForwardCommand(const std::vector<std::string>& args)
{
    const CommandLine cl(args, {&specOptions(), &startOptions(), &outputOptions()});
    const ModuleOptions module = parseModuleOptions(cl);
    checkOutputOptions(cl, module.spec);

    ForwardFiles files;
    files.npzOut = optional(cl, "--npz-out");
    files.output = files.npzOut.empty() ? cl.required("--output") : optional(cl, "--output");
    files.stateOut = optional(cl, "--state-out");
    files.meanOut = optional(cl, "--mean-out");
    files.varOut = optional(cl, "--var-out");
    files.gradOutput = optional(cl, "--grad-output");
    files.gradInputOut = optional(cl, "--grad-input-out");
    files.gradWeightOut = optional(cl, "--grad-weight-out");
    files.gradBiasOut = optional(cl, "--grad-bias-out");
    files.tableOut = optional(cl, "--table-out");
    if (!files.tableOut.empty())
        files.tableFormat = tableFormatForPath(files.tableOut);
    const std::int64_t threads = cl.integer("--threads").value_or(0);
    if (threads < 0 || threads > 1024)
        throw Error("--threads must be between 0 (all cores) and 1024, got " + std::to_string(threads));

    const ModuleStart start = readModuleStart(module);
    std::visit([&](const auto& x) { run(start, x, files, static_cast<int>(threads)); }, *start.input);
    return degenerateRunWarnings(start.spec, std::visit([](const auto& x) { return countNonFinite(x); }, *start.input));
}

std::string forwardUsage()
{
    return "usage: normscope-cli forward --norm KIND --input X.npy --output Y.npy [options]\n\n"
           "Runs one PyTorch normalization module on X (BatchNorm1d/2d/3d and InstanceNorm1d/2d/3d chosen by\n"
           "the input's rank) and writes its output. --num-groups is required for group, --normalized-shape\n"
           "for layer and rms. The module (PyTorch's constructor arguments):\n"
        + formatOptionHelp(specOptions()) + "Its input and starting state:\n" + formatOptionHelp(startOptions())
        + "Outputs:\n" + formatOptionHelp(outputOptions())
        + "Errors exit with status 2 and one line on stderr; no output file is created or changed.\n";
}

} // namespace normscope
