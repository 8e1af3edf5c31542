// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "app/cli/bench_command.h"

#include "engine/kernels/backward.h"
#include "engine/core/cache_sizes.h"
#include "engine/options/module_options.h"
#include "engine/core/error.h"
#include "engine/core/number_format.h"
#include "engine/kernels/forward.h"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <functional>
#include <iostream>
#include <random>
#include <sstream>

namespace normscope {

namespace {

struct Timing {
    double medianMs = 0;
    double minMs = 0;
};

/// Runs `work` warmup times untimed, then `repeat` times timed.
Timing measure(int warmup, int repeat, const std::function<void()>& work)
{
    for (int i = 0; i < warmup; ++i)
        work();
    std::vector<double> ms;
    ms.reserve(static_cast<std::size_t>(repeat));
    for (int i = 0; i < repeat; ++i) {
        const auto start = std::chrono::steady_clock::now();
        work();
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    const std::size_t n = ms.size();
    return {n % 2 ? ms[n / 2] : 0.5 * (ms[n / 2 - 1] + ms[n / 2]), ms.front()};
}

template <typename T>
Tensor<T> generated(const Shape& shape, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal(0.5, 2.0);
    Tensor<T> t(shape);
    for (std::int64_t i = 0; i < t.numel(); ++i)
        t[i] = static_cast<T>(normal(rng));
    return t;
}

struct BenchOptions {
    NormSpec spec;
    Shape shape;
    bool backward = false;
    int threads = 1;
    int repeat = 20;
    bool json = false;
};

template <typename T>
void bench(const BenchOptions& o)
{
    validate(o.spec, o.shape);
    const Tensor<T> x = generated<T>(o.shape, 1);
    NormState<T> state = NormState<T>::initial(o.spec, o.shape);
    ForwardResult<T> result;
    const double elementBytes = static_cast<double>(x.numel()) * sizeof(T);

    Timing t;
    double bytes = 2 * elementBytes; // input read once, output written once
    const int warmup = 3;
    if (!o.backward) {
        t = measure(warmup, o.repeat, [&] { forward(o.spec, x, state, result, ForwardOptions{o.threads}); });
    } else {
        const Tensor<T> dy = generated<T>(o.shape, 2);
        BackwardResult<T> grads;
        bytes += 3 * elementBytes; // backward: x and dy read, dx written
        // The backward pass reads only the weight from the state, which the forward pass does not change.
        t = measure(warmup, o.repeat, [&] {
            forward(o.spec, x, state, result, ForwardOptions{o.threads});
            backward(o.spec, x, state, dy, result, grads, BackwardOptions{o.threads});
        });
    }

    // The yardstick for bandwidth: a plain parallel copy of the same data in the same run.
    Tensor<T> copy(o.shape);
    const std::int64_t n = x.numel();
    const int threads = o.threads > 0 ? o.threads : omp_get_max_threads();
    const Timing c = measure(warmup, o.repeat, [&] {
#pragma omp parallel num_threads(threads)
        {
            const std::int64_t parts = omp_get_num_threads(), me = omp_get_thread_num();
            const std::int64_t begin = n * me / parts, end = n * (me + 1) / parts;
            std::memcpy(copy.data() + begin, x.data() + begin, static_cast<std::size_t>(end - begin) * sizeof(T));
        }
    });
    const double gbps = bytes / (t.medianMs * 1e6);
    const double copyGbps = 2 * elementBytes / (c.medianMs * 1e6);

    // The sizes the kernels planned for: this machine's, or NORMSCOPE_CACHE_L1D/L2/L3's (cache_sizes.h).
    const CacheSizes& caches = machineCacheSizes();
    std::ostringstream shape;
    for (std::size_t i = 0; i < o.shape.size(); ++i)
        shape << (i ? "," : "") << o.shape[i];
    // Timings are measurements, not tensor values: a few significant digits say all they hold.
    if (o.json) {
        const auto n = [](double v) { return formatSignificant(v, 6); };
        std::cout << "{\"norm\": \"" << toString(o.spec.kind) << "\", \"shape\": [" << shape.str() << "], \"dtype\": \""
                  << toString(dtypeOf<T>()) << "\", \"mode\": \"" << toString(o.spec.mode)
                  << "\", \"backward\": " << (o.backward ? "true" : "false") << ", \"threads\": " << threads
                  << ", \"repeat\": " << o.repeat << ", \"median_ms\": " << n(t.medianMs)
                  << ", \"min_ms\": " << n(t.minMs) << ", \"gbytes_per_s\": " << n(gbps)
                  << ", \"copy_median_ms\": " << n(c.medianMs) << ", \"copy_gbytes_per_s\": " << n(copyGbps)
                  << ", \"fraction_of_copy_bandwidth\": " << n(gbps / copyGbps)
                  << ", \"cache_bytes\": {\"l1d\": " << caches.l1d << ", \"l2\": " << caches.l2
                  << ", \"l3\": " << caches.l3 << "}}\n";
    } else {
        const auto n = [](double v) { return formatSignificant(v, 4); };
        std::cout << moduleName(o.spec.kind, static_cast<int>(o.shape.size())) << " "
                  << (o.backward ? "forward+backward" : "forward") << " on (" << shape.str() << ") "
                  << toString(dtypeOf<T>()) << ", " << toString(o.spec.mode) << ", " << threads << " thread(s), "
                  << o.repeat << " runs: median " << n(t.medianMs) << " ms, min " << n(t.minMs) << " ms, " << n(gbps)
                  << " GB/s (plain copy: " << n(copyGbps) << " GB/s, " << formatSignificant(100 * gbps / copyGbps, 3)
                  << "%)\n";
    }
}

const OptionTable& benchOptions()
{
    static const OptionTable table{
        {"--shape", "N,C,H,W", "the generated input's shape (required)"},
        {"--dtype", "float32|float64", "default float32"},
        {"--backward", "", "time forward plus backward (dx, dgamma, dbeta), as a training step runs them"},
        {"--threads", "T", "worker threads (default 1; 0: all cores)"},
        {"--repeat", "R", "timed runs after 3 warm-up runs (default 20)"},
        {"--json", "", "end with one JSON object on its own line"},
    };
    return table;
}

} // namespace

void runBenchCommand(const std::vector<std::string>& args)
{
    const CommandLine cl(args, {&specOptions(), &benchOptions()});

    BenchOptions o;
    o.spec = specFromCommandLine(cl);
    o.shape = parseShape(cl.required("--shape"), "--shape");
    o.backward = cl.flag("--backward");
    o.json = cl.flag("--json");
    const std::int64_t threads = cl.integer("--threads").value_or(1);
    if (threads < 0 || threads > 1024)
        throw Error("--threads must be between 0 (all cores) and 1024, got " + std::to_string(threads));
    o.threads = static_cast<int>(threads);
    const std::int64_t repeat = cl.integer("--repeat").value_or(20);
    if (repeat < 1 || repeat > 100000)
        throw Error("--repeat must be between 1 and 100000, got " + std::to_string(repeat));
    o.repeat = static_cast<int>(repeat);
    const std::string dtype = cl.value("--dtype").value_or("float32");
    if (dtype == "float32")
        bench<float>(o);
    else if (dtype == "float64")
        bench<double>(o);
    else
        throw Error("--dtype must be float32 or float64, got '" + dtype + "'");
}

std::string benchUsage()
{
    return "usage: normscope-cli bench --norm KIND --shape N,C,H,W [options]\n\n"
           "Times the engine on generated data in-process. Bandwidth counts the input read once and the\n"
           "output written once (backward adds x and dy read, dx written); a plain parallel copy of the same\n"
           "data is timed in the same run as the yardstick. The kernels plan for this machine's cache sizes;\n"
           "NORMSCOPE_CACHE_L1D, NORMSCOPE_CACHE_L2 and NORMSCOPE_CACHE_L3 (bytes, or 48K, 1M) replace them, to\n"
           "time the choices the kernels would make on another machine. The module:\n"
        + formatOptionHelp(specOptions()) + "The run:\n" + formatOptionHelp(benchOptions());
}

} // namespace normscope
