// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// libFuzzer harness: any bytes as a command line (arguments separated by newlines), parsed as
// normscope-cli forward and the window parse their module options, with and without the window's
// defaults. The parser must accept (a spec that validateSpec() accepts) or throw Error, never
// crash. No file is read: readModuleStart() would open the fuzzer's paths.

#include "engine/core/error.h"
#include "engine/options/command_line.h"
#include "engine/options/module_options.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

normscope::NormSpec pickedForShape(normscope::NormKind kind, const normscope::Shape& shape)
{
    normscope::NormSpec spec = normscope::NormSpec::defaults(kind);
    spec.num_groups = 1;
    spec.normalized_shape = normscope::Shape(shape.begin() + 1, shape.end());
    return spec;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::vector<std::string> args(1);
    for (std::size_t i = 0; i < size; ++i) {
        if (data[i] == '\n')
            args.emplace_back();
        else
            args.back() += static_cast<char>(data[i]);
    }
    const normscope::OptionTable extra{{"--output", "Y.npy", ""}, {"--shape", "N,C,H,W", ""}, {"--compare", "", ""}};
    for (const bool windowDefaults : {false, true}) {
        normscope::NormSpec accepted;
        try {
            const normscope::CommandLine cl(args, {&normscope::specOptions(), &normscope::startOptions(), &extra});
            const normscope::ModuleDefaults defaults = windowDefaults
                ? normscope::ModuleDefaults{normscope::NormKind::Batch, normscope::Shape{4, 6, 5, 5}, &pickedForShape}
                : normscope::ModuleDefaults{};
            accepted = normscope::parseModuleOptions(cl, defaults).spec;
        } catch (const normscope::Error&) {
            continue;
        }
        try {
            normscope::validateSpec(accepted);
        } catch (const normscope::Error&) {
            std::abort(); // the parser accepted a spec the engine refuses whatever the input
        }
    }
    return 0;
}
