#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The NormScope authors
"""normscope-cli bench against PyTorch on the same machine, same cases, same thread counts.

    /usr/bin/python3 tools/bench_vs_torch.py --cli build/app/normscope-cli [--rounds 5] [--markdown]

Needs python3-torch (tools/install-deps.sh --torch). Every case runs in both, interleaved round by
round (ours, then PyTorch, then the next case...), so that a noisy neighbour hurts both alike; the
result of each side is the median over rounds of each round's median. PyTorch gets its best
allocator: it runs in worker processes with jemalloc preloaded (Debian's libjemalloc2, decay off so
freed pages stay mapped) when available, else glibc with mmap/trim thresholds raised so large
outputs are not unmapped and faulted in again on every call. One worker also asks for transparent
huge pages, as NormScope does for its own large tensors (engine/aligned_allocator.h), the other does
not: they help PyTorch's large cases a little and slow its small ones, so each case takes whichever
worker was faster (the medians compared). Inference runs under no_grad, and the input, module and
upstream gradient are made once. Ratio = PyTorch ms / ours ms (> 1: we are faster).

NORMSCOPE_CACHE_L1D, NORMSCOPE_CACHE_L2 and NORMSCOPE_CACHE_L3 in the environment reach normscope-cli
bench, whose kernels then choose as on a machine with those caches (engine/core/cache_sizes.h):
    NORMSCOPE_CACHE_L1D=32K NORMSCOPE_CACHE_L2=1M NORMSCOPE_CACHE_L3=32M /usr/bin/python3 tools/bench_vs_torch.py ...
"""

import argparse
import json
import os
import statistics
import subprocess
import sys

CASES = [
    # (label, norm args for the CLI, torch module expression, shape, backward)
    ("BatchNorm2d", ["--norm", "batch"], "nn.BatchNorm2d(C)", (32, 64, 56, 56), False),
    ("GroupNorm G=32", ["--norm", "group", "--num-groups", "32"], "nn.GroupNorm(32, C)", (32, 64, 56, 56), False),
    ("LayerNorm (C,H,W)", ["--norm", "layer", "--normalized-shape", "64,56,56"], "nn.LayerNorm([64, 56, 56])", (32, 64, 56, 56), False),
    ("InstanceNorm2d", ["--norm", "instance"], "nn.InstanceNorm2d(C)", (32, 64, 56, 56), False),
    ("LayerNorm last dim", ["--norm", "layer", "--normalized-shape", "768"], "nn.LayerNorm(768)", (64, 197, 768), False),
    ("BatchNorm2d", ["--norm", "batch"], "nn.BatchNorm2d(C)", (8, 16, 16, 16), False),
    ("GroupNorm G=4", ["--norm", "group", "--num-groups", "4"], "nn.GroupNorm(4, C)", (8, 16, 16, 16), False),
    ("LayerNorm (C,H,W)", ["--norm", "layer", "--normalized-shape", "16,16,16"], "nn.LayerNorm([16, 16, 16])", (8, 16, 16, 16), False),
    ("InstanceNorm2d", ["--norm", "instance"], "nn.InstanceNorm2d(C)", (8, 16, 16, 16), False),
    ("BatchNorm2d fwd+bwd", ["--norm", "batch"], "nn.BatchNorm2d(C)", (16, 64, 56, 56), True),
    ("GroupNorm G=32 fwd+bwd", ["--norm", "group", "--num-groups", "32"], "nn.GroupNorm(32, C)", (16, 64, 56, 56), True),
    ("InstanceNorm2d fwd+bwd", ["--norm", "instance"], "nn.InstanceNorm2d(C)", (16, 64, 56, 56), True),
    ("LayerNorm last dim fwd+bwd", ["--norm", "layer", "--normalized-shape", "768"], "nn.LayerNorm(768)", (64, 197, 768), True),
]

WORKER = r'''
import json, sys, time, statistics
import torch
from torch import nn
torch.set_num_threads(int(sys.argv[1]))
for line in sys.stdin:
    req = json.loads(line)
    shape = tuple(req["shape"])
    C = shape[1]
    m = eval(req["module"])
    m.train()
    x = torch.randn(shape) * 2.0 + 0.5
    times = []
    if req["backward"]:
        x.requires_grad_(True)
        dy = torch.randn(shape)
        def step():
            y = m(x)
            y.backward(dy)
            x.grad = None
            for p in m.parameters():
                p.grad = None
    else:
        def step():
            with torch.no_grad():
                m(x)
    for _ in range(3):
        step()
    for _ in range(req["repeat"]):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1e3)
    print(json.dumps({"median_ms": statistics.median(times)}), flush=True)
'''


def torch_envs():
    """[(environment, allocator description)]: without and with transparent huge pages."""
    envs = []
    for huge in (False, True):
        env = dict(os.environ)
        lib = "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"
        if os.path.exists(lib):
            env["LD_PRELOAD"] = lib
            env["MALLOC_CONF"] = "background_thread:true,dirty_decay_ms:-1,muzzy_decay_ms:-1" + (
                ",thp:always,metadata_thp:always" if huge else "")
            name = "jemalloc (decay off)"
        else:
            env["MALLOC_MMAP_THRESHOLD_"] = str(1 << 30)
            env["MALLOC_TRIM_THRESHOLD_"] = str(1 << 30)
            env["MALLOC_TOP_PAD_"] = str(1 << 28)
            if huge:
                env["GLIBC_TUNABLES"] = "glibc.malloc.hugetlb=1"
            name = "glibc malloc (mmap/trim thresholds 1 GiB)"
        envs.append((env, name + (" with transparent huge pages" if huge else "")))
    return envs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--only", default="", help="run only the cases whose label contains this substring")
    args = ap.parse_args()
    cases = [c for c in CASES if args.only in c[0]]
    envs = torch_envs()
    rows = []
    for threads in [int(t) for t in args.threads.split(",")]:
        workers = [subprocess.Popen([sys.executable, "-c", WORKER, str(threads)], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, text=True, env=env) for env, _ in envs]
        ours = {i: [] for i in range(len(cases))}
        theirs = {(i, w): [] for i in range(len(cases)) for w in range(len(workers))}
        for _ in range(args.rounds):
            for i, (label, norm, module, shape, backward) in enumerate(cases):
                cmd = [args.cli, "bench"] + norm + ["--shape", ",".join(map(str, shape)), "--threads", str(threads),
                                                    "--repeat", str(args.repeat), "--json"]
                if backward:
                    cmd.append("--backward")
                out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
                result = json.loads(out)
                ours[i].append(result)
                for w, worker in enumerate(workers):
                    worker.stdin.write(json.dumps({"module": module, "shape": shape, "backward": backward,
                                                   "repeat": args.repeat}) + "\n")
                    worker.stdin.flush()
                    theirs[(i, w)].append(json.loads(worker.stdout.readline())["median_ms"])
        for worker in workers:
            worker.stdin.close()
            worker.wait()
        for i, (label, norm, module, shape, backward) in enumerate(cases):
            ms = statistics.median(r["median_ms"] for r in ours[i])
            torch_ms = min(statistics.median(theirs[(i, w)]) for w in range(len(workers)))
            frac = statistics.median(r["fraction_of_copy_bandwidth"] for r in ours[i])
            rows.append((label, "x".join(map(str, shape)), threads, torch_ms, ms, torch_ms / ms, frac))
    print("PyTorch %s, allocator: the faster per case of %s; %d rounds x %d runs" % (
        subprocess.run([sys.executable, "-c", "import torch; print(torch.__version__)"], capture_output=True,
                       text=True).stdout.strip(), " and ".join(name for _, name in envs), args.rounds, args.repeat))
    if args.markdown:
        print("| case | shape | threads | PyTorch ms | NormScope ms | ratio | of copy bandwidth |")
        print("|---|---|---|---|---|---|---|")
        for r in rows:
            print("| %s | %s | %d | %.3f | %.3f | %.2fx | %.0f%% |" % (r[:6] + (100 * r[6],)))
    else:
        for r in rows:
            print("%-28s %-14s threads %d  torch %9.3f ms  ours %9.3f ms  ratio %5.2fx  (%.0f%% of copy bw)" % (r[:6] + (100 * r[6],)))


if __name__ == "__main__":
    sys.exit(main())
