#include "app/cli/forward_command.h"

#include "engine/kernels/backward.h"
#include "engine/options/command_line.h"
#include "engine/core/error.h"
#include "engine/kernels/forward.h"
#include "engine/io/npy.h"
#include "engine/io/staged_outputs.h"

#include <algorithm>
#include <filesystem>
#include <iterator>

namespace normscope {

namespace {

const std::set<std::string>& valueOptions()
{
    static const std::set<std::string> options = [] {
        std::set<std::string> o = specValueOptions();
        o.insert({"--input", "--output", "--weight", "--bias", "--running-mean", "--running-var",
                  "--num-batches-tracked", "--steps", "--state-out", "--mean-out", "--var-out", "--threads",
                  "--grad-output", "--grad-input-out", "--grad-weight-out", "--grad-bias-out"});
        return o;
    }();
    return options;
}

/// A parameter or buffer file, converted to the input's dtype as `module.to(x.dtype)` would.
template <typename T>
Tensor<T> readAs(const std::string& path)
{
    return std::visit([](const auto& t) { return t.template cast<T>(); }, readNpy(path));
}

struct ForwardFiles {
    std::string input, output, weight, bias, runningMean, runningVar, stateOut, meanOut, varOut;
    std::string gradOutput, gradInputOut, gradWeightOut, gradBiasOut;
    bool wantsGradients() const { return !gradOutput.empty(); }
};

std::string optional(const CommandLine& cl, const std::string& name)
{
    return cl.value(name).value_or("");
}

void checkGradientOptions(const CommandLine& cl, const NormSpec& spec, const std::string& module)
{
    const char* outputs[] = {"--grad-input-out", "--grad-weight-out", "--grad-bias-out"};
    const bool anyOutput = std::any_of(std::begin(outputs), std::end(outputs), [&](const char* o) { return cl.has(o); });
    if (!cl.has("--grad-output")) {
        for (const char* option : outputs)
            if (cl.has(option))
                throw Error(std::string(option) + " needs --grad-output (the upstream gradient dL/dY)");
        return;
    }
    if (!anyOutput)
        throw Error("--grad-output given but no gradient is asked for (add --grad-input-out, --grad-weight-out or --grad-bias-out)");
    if (spec.kind == NormKind::Rms && cl.has("--grad-bias-out"))
        throw Error("--grad-bias-out does not apply to --norm rms (RMSNorm has no bias)");
    for (const char* option : {"--grad-weight-out", "--grad-bias-out"})
        if (cl.has(option) && !spec.affine)
            throw Error(std::string(option) + " needs the affine parameters, but affine is off for " + module + " (add --affine)");
}

void checkApplicability(const CommandLine& cl, const NormSpec& spec)
{
    const std::string module = std::string("--norm ") + toString(spec.kind);
    if (!spec.hasRunningStats())
        for (const char* option : {"--running-mean", "--running-var", "--num-batches-tracked", "--state-out"})
            if (cl.has(option))
                throw Error(std::string(option) + " needs running statistics, which " + module
                            + (spec.kind == NormKind::Batch || spec.kind == NormKind::Instance
                                   ? " keeps only with --track-running-stats"
                                   : " does not keep"));
    for (const char* option : {"--weight", "--bias"})
        if (cl.has(option) && !spec.affine)
            throw Error(std::string(option) + " given but affine is off for " + module + " (add --affine)");
    if (spec.kind == NormKind::Rms && cl.has("--bias"))
        throw Error("--bias does not apply to --norm rms (RMSNorm has no bias)");
    if (spec.kind == NormKind::Rms && cl.has("--mean-out"))
        throw Error("--mean-out does not apply to --norm rms (RMSNorm subtracts no mean; --var-out holds the mean of squares)");
    checkGradientOptions(cl, spec, module);
}

template <typename T>
void run(const NormSpec& spec, const Tensor<T>& x, const ForwardFiles& files, std::int64_t steps,
         std::int64_t numBatchesTracked, int threads)
{
    validate(spec, x.shape());
    NormState<T> state = NormState<T>::initial(spec, x.shape());
    if (!files.weight.empty()) state.weight = readAs<T>(files.weight);
    if (!files.bias.empty()) state.bias = readAs<T>(files.bias);
    if (!files.runningMean.empty()) state.running_mean = readAs<T>(files.runningMean);
    if (!files.runningVar.empty()) state.running_var = readAs<T>(files.runningVar);
    state.num_batches_tracked = numBatchesTracked;
    validateState(spec, x.shape(), state);

    Tensor<T> gradOutput;
    if (files.wantsGradients()) {
        gradOutput = readAs<T>(files.gradOutput);
        validateGradOutput(gradOutput.shape(), x.shape());
    }

    ForwardResult<T> result;
    for (std::int64_t step = 0; step < steps; ++step)
        forward(spec, x, state, result, ForwardOptions{threads});
    // The gradients are those of the last pass: the statistics it saved, and the weight, which no pass
    // changes (the running statistics it moved do not enter).
    BackwardResult<T> gradients;
    if (files.wantsGradients())
        backward(spec, x, state, gradOutput, result, gradients, BackwardOptions{threads});

    StagedOutputs outputs;
    outputs.stageNpy(files.output, result.output);
    if (!files.meanOut.empty()) outputs.stageNpy(files.meanOut, result.mean);
    if (!files.varOut.empty()) outputs.stageNpy(files.varOut, result.var);
    if (!files.gradInputOut.empty()) outputs.stageNpy(files.gradInputOut, gradients.grad_input);
    if (!files.gradWeightOut.empty()) outputs.stageNpy(files.gradWeightOut, gradients.grad_weight);
    if (!files.gradBiasOut.empty()) outputs.stageNpy(files.gradBiasOut, gradients.grad_bias);
    if (!files.stateOut.empty()) {
        const std::filesystem::path dir(files.stateOut);
        outputs.stageNpy((dir / "running_mean.npy").string(), state.running_mean, true);
        outputs.stageNpy((dir / "running_var.npy").string(), state.running_var, true);
        outputs.stageText((dir / "num_batches_tracked.txt").string(), std::to_string(state.num_batches_tracked) + "\n", true);
    }
    outputs.commit();
}

} // namespace

void runForwardCommand(const std::vector<std::string>& args)
{
    const CommandLine cl(args, valueOptions(), specFlagOptions());
    const NormSpec spec = specFromCommandLine(cl);
    checkApplicability(cl, spec);

    ForwardFiles files;
    files.input = cl.required("--input");
    files.output = cl.required("--output");
    files.weight = optional(cl, "--weight");
    files.bias = optional(cl, "--bias");
    files.runningMean = optional(cl, "--running-mean");
    files.runningVar = optional(cl, "--running-var");
    files.stateOut = optional(cl, "--state-out");
    files.meanOut = optional(cl, "--mean-out");
    files.varOut = optional(cl, "--var-out");
    files.gradOutput = optional(cl, "--grad-output");
    files.gradInputOut = optional(cl, "--grad-input-out");
    files.gradWeightOut = optional(cl, "--grad-weight-out");
    files.gradBiasOut = optional(cl, "--grad-bias-out");

    const std::int64_t steps = cl.integer("--steps").value_or(1);
    if (steps < 1 || steps > 1000000)
        throw Error("--steps must be between 1 and 1000000, got " + std::to_string(steps));
    const std::int64_t numBatchesTracked = cl.integer("--num-batches-tracked").value_or(0);
    if (numBatchesTracked < 0)
        throw Error("--num-batches-tracked must be >= 0, got " + std::to_string(numBatchesTracked));
    const std::int64_t threads = cl.integer("--threads").value_or(0);
    if (threads < 0 || threads > 1024)
        throw Error("--threads must be between 0 (all cores) and 1024, got " + std::to_string(threads));

    const AnyTensor x = readNpy(files.input);
    std::visit([&](const auto& t) { run(spec, t, files, steps, numBatchesTracked, static_cast<int>(threads)); }, x);
}

std::string forwardUsage()
{
    return R"(usage: normscope-cli forward --norm batch|layer|instance|group|rms --input X.npy --output Y.npy [options]

Runs one PyTorch normalization module on X (BatchNorm1d/2d/3d and InstanceNorm1d/2d/3d chosen by
the input's rank) and writes its output. Options mirror the module's constructor arguments:
  --num-groups G                 GroupNorm's num_groups (required for group; must divide C)
  --normalized-shape D1[,D2...]  LayerNorm/RMSNorm normalized_shape (required for layer, rms)
  --eps E                        default 1e-5; rms: the dtype's machine epsilon
  --momentum M|none              running-statistics momentum (batch, instance); default 0.1
  --affine | --no-affine         learnable gamma/beta; default on (off for instance)
  --track-running-stats | --no-track-running-stats   default on for batch, off for instance
  --eval                         the module is in eval() mode (default: training)
  --weight W.npy --bias B.npy    gamma and beta (default ones, zeros)
  --running-mean RM.npy --running-var RV.npy --num-batches-tracked K   starting running statistics
  --steps K                      run K forward passes; the output is the last one's
  --state-out DIR                write running_mean.npy, running_var.npy, num_batches_tracked.txt
  --mean-out M.npy --var-out V.npy   the mean and biased variance the output was normalized with
  --grad-output G.npy            upstream gradient dL/dY (the input's shape); then, for the last pass,
                                 as PyTorch autograd computes them:
  --grad-input-out DX.npy        write dL/dX
  --grad-weight-out DW.npy       write dL/dgamma (needs affine)
  --grad-bias-out DB.npy         write dL/dbeta (needs affine; rms has no bias)
  --threads T                    worker threads (default 0: all cores)
Errors exit with status 2 and one line on stderr; no output file is created or changed.
)";
}

} // namespace normscope
