// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/norm_spec.h"
#include "engine/core/norm_state.h"
#include "engine/core/tensor.h"
#include "engine/options/command_line.h"

#include <cstdint>
#include <optional>
#include <string>

namespace normscope {

/// The options that describe the module (PyTorch's constructor arguments and its mode): --norm,
/// --num-groups, --normalized-shape, --eps, --momentum, --affine/--no-affine,
/// --track-running-stats/--no-track-running-stats, --eval. normscope-cli forward and bench and the
/// window take them.
const OptionTable& specOptions();

/// The options that give the module its starting point: --input (a .npy, or an .npz with
/// --input-key), --weight, --bias, --running-mean, --running-var, --num-batches-tracked, --steps.
/// normscope-cli forward and the window take them.
const OptionTable& startOptions();

/// The most forward passes --steps asks for.
constexpr std::int64_t kMaxSteps = 1000000;

/// What a program supplies where normscope-cli forward requires an option. The CLI leaves all of it
/// empty; the window, which generates a demo input, fills them.
struct ModuleDefaults {
    std::optional<NormKind> kind;    ///< the module without --norm; nullopt: --norm is required
    std::optional<Shape> inputShape; ///< the input's shape without --input; nullopt: --input is required
    /// num_groups and normalized_shape without --num-groups / --normalized-shape, picked for the
    /// input's shape (needs inputShape); null: those options are required for the kinds that take them.
    NormSpec (*shapeArguments)(NormKind kind, const Shape& inputShape) = nullptr;
};

/**
 * What the module and start options mean, checked without reading any file: the spec (PyTorch's
 * defaults for what is left out), the files to read, num_batches_tracked and the number of passes.
 * Every rule about these options lives here, so both programs refuse the same command lines with
 * the same messages: an option the module does not take (--momentum for layer), one that needs
 * something the spec turned off (--weight without affine, --running-mean without tracking), --bias
 * for rms, contradicting flags, values that are not numbers, and what PyTorch's constructor refuses
 * whatever the input (validateSpec()).
 */
struct ModuleOptions {
    NormSpec spec;                       ///< complete; picked shape arguments are the default input's
    std::string inputPath;               ///< empty: the program's default input (ModuleDefaults::inputShape)
    std::optional<std::string> inputKey; ///< --input-key: the .npz member (readArrayFile's rule without it)
    std::string weightPath, biasPath, runningMeanPath, runningVarPath; ///< empty: not given
    std::int64_t num_batches_tracked = 0;
    std::int64_t steps = 1; ///< forward passes; the result is the last one's
    ModuleDefaults defaults;
    bool pickNumGroups = false; ///< num_groups comes from defaults.shapeArguments, for the input read
    bool pickNormalizedShape = false;
};

/// Parses and checks the options of specOptions() and startOptions() (those present in `cl`).
/// Throws Error naming the option.
ModuleOptions parseModuleOptions(const CommandLine& cl, const ModuleDefaults& defaults = {});

/// --input-key, checked against the --input it picks from (an .npz): the rule both commands share.
std::optional<std::string> inputKeyOption(const CommandLine& cl, const std::string& inputPath);

/// The spec of the specOptions() alone, as parseModuleOptions() reads it (normscope-cli bench).
NormSpec specFromCommandLine(const CommandLine& cl);

/// Applicability rules of options that need something of the module, shared with the options of
/// one program (normscope-cli's --state-out, --grad-weight-out...). Each throws Error naming the option.
void requireRunningStats(const std::string& option, const NormSpec& spec); ///< the module keeps running statistics
void requireAffine(const std::string& option, const NormSpec& spec);       ///< affine is on
void requireBias(const std::string& option, const NormSpec& spec);         ///< the module has beta (and affine is on)

/// The module ready to run: the spec complete and valid for the input, the input, and the
/// parameters and buffers read from their files (in the files' dtype), their shapes checked.
struct ModuleStart {
    NormSpec spec;
    std::optional<AnyTensor> input; ///< read from --input; nullopt: the program's default input
    Shape inputShape;
    std::optional<AnyTensor> weight, bias, running_mean, running_var;
    std::int64_t num_batches_tracked = 0;
    std::int64_t steps = 1;

    /// PyTorch's initial state for the spec and input with the files' tensors in place, converted
    /// to T as `module.to(x.dtype)` would.
    template <typename T>
    NormState<T> state() const
    {
        NormState<T> s = NormState<T>::initial(spec, inputShape);
        const auto assign = [](Tensor<T>& to, const std::optional<AnyTensor>& from) {
            if (from)
                to = std::visit([](const auto& t) { return t.template cast<T>(); }, *from);
        };
        assign(s.weight, weight);
        assign(s.bias, bias);
        assign(s.running_mean, running_mean);
        assign(s.running_var, running_var);
        s.num_batches_tracked = num_batches_tracked;
        return s;
    }
};

/// Reads the input (or takes the default shape), completes the spec from the program's defaults,
/// refuses what PyTorch refuses for this input (validate()), then reads the parameter and buffer
/// files and checks their shapes. Throws Error naming the file or the values.
ModuleStart readModuleStart(const ModuleOptions& options);

} // namespace normscope
