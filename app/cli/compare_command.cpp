// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "app/cli/compare_command.h"

#include "engine/core/degenerate.h"
#include "engine/core/error.h"
#include "engine/io/npy.h"
#include "engine/io/npz_reader.h"
#include "engine/io/npz_writer.h"
#include "engine/io/staged_outputs.h"
#include "engine/options/module_options.h"
#include "engine/report/comparison.h"
#include "engine/report/table_format.h"

#include <algorithm>

namespace normscope {

namespace {

/// The module options compare shares with forward (same names, same help) and its own.
const OptionTable& compareOptions()
{
    static const OptionTable table = [] {
        OptionTable t;
        for (const OptionTable* from : {&startOptions(), &specOptions()})
            for (const OptionInfo& o : *from)
                for (const char* name : {"--input", "--input-key", "--num-groups", "--normalized-shape", "--eps",
                                         "--affine", "--no-affine", "--eval"})
                    if (o.name == name)
                        t.push_back(o);
        t.push_back({"--table-out", "FILE", "the comparison table (required): .csv .tsv .md .tex .json .html"});
        t.push_back({"--npz-out", "FILE.npz", "the five outputs: y_batch, y_layer, y_instance, y_group, y_rms"});
        t.push_back({"--threads", "T", "worker threads (default 0: all cores)"});
        return t;
    }();
    return table;
}

bool isNone(const std::string& text)
{
    return text == "none" || text == "None";
}

/// The command line over the window's defaults for this input.
ComparisonSettings settingsFrom(const CommandLine& cl, const Shape& inputShape)
{
    ComparisonSettings s = defaultComparisonSettings(inputShape);
    if (cl.has("--num-groups"))
        s.num_groups = *cl.integer("--num-groups");
    if (const auto text = cl.value("--normalized-shape"))
        s.normalized_shape = parseShape(*text, "--normalized-shape");
    if (const auto eps = cl.value("--eps"))
        s.eps = isNone(*eps) ? std::nullopt : cl.number("--eps");
    if (cl.flag("--affine") && cl.flag("--no-affine"))
        throw Error("--affine and --no-affine contradict each other");
    if (cl.flag("--no-affine"))
        s.affine = false;
    if (cl.flag("--eval"))
        s.mode = Mode::Eval;
    return s;
}

} // namespace

std::vector<std::string> runCompareCommand(const std::vector<std::string>& args)
{
    const CommandLine cl(args, {&compareOptions()});
    const std::string tableOut = cl.required("--table-out");
    const TableFormat format = tableFormatForPath(tableOut);
    const std::string input = cl.required("--input");
    const std::optional<std::string> inputKey = inputKeyOption(cl, input);
    const std::string npzOut = cl.value("--npz-out").value_or("");
    const std::int64_t threads = cl.integer("--threads").value_or(0);
    if (threads < 0 || threads > 1024)
        throw Error("--threads must be between 0 (all cores) and 1024, got " + std::to_string(threads));

    const AnyTensor x = readArrayFile(input, inputKey);
    const ComparisonSettings settings = settingsFrom(cl, shapeOf(x));
    // What a module's constructor refuses whatever the input (eps = nan, num_groups 0) is the
    // command line's fault; what it refuses for this input becomes its row.
    const std::vector<NormSpec> specs = comparisonSpecs(settings, shapeOf(x));
    for (const NormSpec& spec : specs)
        validateSpec(spec);

    StagedOutputs outputs;
    std::visit(
        [&](const auto& t) {
            const auto comparison = compareNorms(settings, t, static_cast<int>(threads));
            outputs.stageText(tableOut,
                              writeTable(comparisonTable(settings, t.shape(), dtypeOf(x), comparison.rows), format));
            if (npzOut.empty())
                return;
            // One member per module that ran; a refused module's row says why its y is missing.
            std::vector<NpzArray> arrays;
            for (std::size_t k = 0; k < comparison.rows.size(); ++k)
                if (comparison.rows[k].ok())
                    arrays.push_back(
                        npzArray(std::string("y_") + toString(comparison.rows[k].spec.kind), comparison.outputs[k]));
            outputs.stage(npzOut, [&](std::ostream& out) { writeNpz(out, arrays); }); // written now
        },
        x);
    outputs.commit();

    // The modules share the input and (but for RMSNorm's None) eps: most warnings are the same.
    const NonFiniteCounts counts = std::visit([](const auto& t) { return countNonFinite(t); }, x);
    std::vector<std::string> warnings;
    for (const NormSpec& spec : specs)
        for (const std::string& w : degenerateRunWarnings(spec, counts))
            if (std::find(warnings.begin(), warnings.end(), w) == warnings.end())
                warnings.push_back(w);
    return warnings;
}

std::string compareUsage()
{
    return "usage: normscope-cli compare --input X.npy --table-out FILE [options]\n\n"
           "Runs BatchNorm, LayerNorm, InstanceNorm, GroupNorm and RMSNorm on X, as the window's compare view\n"
           "does, and writes one row per module: its signature, groups, group size, the axes reduced, the\n"
           "range of the statistics it normalised with and the mean and std of its output. num_groups\n"
           "defaults to the window's pick for C, normalized_shape to every dim after N. A module that\n"
           "refuses X gets a row holding the refusal (and no y_ member in --npz-out).\n"
        + formatOptionHelp(compareOptions())
        + "Errors exit with status 2 and one line on stderr; no output file is created or changed.\n";
}

} // namespace normscope
