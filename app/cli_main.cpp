// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// normscope-cli: the engine, headless. Subcommands parse their own options; this file only
// dispatches and turns errors into exit statuses (2: the user's input, 1: a program error).

#include "app/cli/bench_command.h"
#include "app/cli/compare_command.h"
#include "engine/core/error.h"
#include "engine/io/signal_cleanup.h"
#include "app/cli/forward_command.h"

#include <cstdio>
#include <exception>
#include <iostream>
#include <new>
#include <string>
#include <vector>

namespace {

constexpr const char* kUsage = R"(usage: normscope-cli <command> [options]

commands:
  forward   run one normalization module on a .npy tensor (PyTorch semantics)
  compare   the same tensor under all five norms, as the window's compare view (a table)
  bench     time the engine on generated data
  help      show this text; `normscope-cli COMMAND --help` shows a command's options
)";

int fail(const std::string& message)
{
    std::cerr << "normscope-cli: " << message << '\n';
    return 2;
}

} // namespace

int main(int argc, char** argv)
{
    normscope::installSignalCleanup();
    const std::vector<std::string> args(argv + (argc > 1 ? 2 : 1), argv + argc);
    const std::string command = argc > 1 ? argv[1] : "";
    const bool wantsHelp = !args.empty() && (args[0] == "--help" || args[0] == "-h");
    try {
        if (command == "forward") {
            if (wantsHelp) {
                std::cout << normscope::forwardUsage();
                return 0;
            }
            for (const std::string& warning : normscope::runForwardCommand(args))
                std::cerr << "normscope-cli: warning: " << warning << '\n';
            return 0;
        }
        if (command == "compare") {
            if (wantsHelp) {
                std::cout << normscope::compareUsage();
                return 0;
            }
            for (const std::string& warning : normscope::runCompareCommand(args))
                std::cerr << "normscope-cli: warning: " << warning << '\n';
            return 0;
        }
        if (command == "bench") {
            if (wantsHelp) {
                std::cout << normscope::benchUsage();
                return 0;
            }
            normscope::runBenchCommand(args);
            return 0;
        }
        if (command == "help" || command == "--help" || command == "-h") {
            std::cout << kUsage;
            return 0;
        }
        std::cerr << kUsage;
        return fail(command.empty() ? "no command given" : "unknown command '" + command + "'");
    } catch (const normscope::Error& e) {
        return fail(e.what());
    } catch (const std::bad_alloc&) {
        std::cerr << "normscope-cli: out of memory\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "normscope-cli: internal error: " << e.what() << '\n';
        return 1;
    }
}
