#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The NormScope authors
"""Random cases through normscope-cli forward and through PyTorch, compared output by output.

Not part of the test suite (it needs torch): run it where python3-torch is installed,
    /usr/bin/python3 tests/torch_crosscheck.py --cli build/app/normscope-cli --cases 500 [--backward]
Each case is drawn at random (norm, rank, sizes including 1, dtype, affine, mode, tracking, momentum
number or none, eps, steps, starting running statistics, normal / offset / constant data), written
with the fixture generator's own reference code (tests/gen_fixtures.py) and run through the CLI.
Prints the worst relative error per dtype and data kind; exits 1 if any case exceeds 5e-5 (float32)
or 1e-10 (float64), relative to max(1, |expected|).
"""

import argparse
import os
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_fixtures as gf  # noqa: E402

TOL = {"f32": 5e-5, "f64": 1e-10}


def random_case(rng, backward):
    norm = rng.choice(["batch", "layer", "instance", "group", "rms"])
    dtype = rng.choice(["f32", "f64"])
    train = bool(rng.random() < 0.6)
    data = rng.choice(["randn"] * 5 + ["offset", "offset", "constant", "halfconst"])
    kw = dict(train=train, data=data, backward=backward)
    if rng.random() < 0.3:
        kw["eps"] = str(rng.choice(["1e-3", "0.2", "1e-6"]))
    if rng.random() < 0.3:
        kw["affine"] = bool(rng.random() < 0.5)
    kw["params"] = str(rng.choice(["random", "random", "default"]))
    if not backward and rng.random() < 0.4:
        kw["steps"] = int(rng.integers(1, 5))

    def dims(rank, lo=1):
        return [int(rng.integers(lo, 6)) for _ in range(rank)]

    while True:
        if norm == "batch":
            shape = dims(int(rng.integers(2, 6)))
        elif norm == "instance":
            shape = dims(int(rng.integers(3, 6)))
        elif norm == "group":
            shape = dims(int(rng.integers(2, 6)))
        else:
            shape = dims(int(rng.integers(1, 6)))
        if np.prod(shape) <= 400:
            break
    if norm in ("batch", "instance"):
        if rng.random() < 0.4:
            kw["track"] = bool(rng.random() < 0.5)
        tracked = kw.get("track", norm == "batch")
        choices = ["0.1", "0.37", "1.0", "0.0"] + (["none", "none"] if norm == "batch" else [])
        if rng.random() < 0.5:
            kw["momentum"] = str(rng.choice(choices))
        if tracked and rng.random() < 0.6:
            kw["running"] = True
            if norm == "batch" and rng.random() < 0.5:
                kw["nbt"] = int(rng.integers(0, 5))
        uses_input = train or not tracked
        spatial = int(np.prod(shape[2:]))
        if uses_input and norm == "batch" and shape[0] * spatial == 1:
            shape[0] = 2
        if uses_input and norm == "instance" and spatial == 1:
            shape[-1] = 2
    if norm == "group":
        c = shape[1]
        kw["groups"] = int(rng.choice([g for g in range(1, c + 1) if c % g == 0]))
    if norm in ("layer", "rms"):
        kw["ns"] = int(rng.integers(1, len(shape) + 1))
    return gf.Case(norm, shape, dtype, tag="r%d" % int(rng.integers(1 << 30)), **kw)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--cases", type=int, default=300)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--backward", action="store_true")
    args = ap.parse_args()
    cli = os.path.abspath(args.cli)
    rng = np.random.default_rng(args.seed)
    worst = {}
    failures = 0
    refusals = 0
    discrepancy = gf.Discrepancy()
    with tempfile.TemporaryDirectory() as root:
        for _ in range(args.cases):
            case = random_case(rng, args.backward)
            try:
                gf.write_case(root, case, discrepancy, strict=False)
            except (ValueError, RuntimeError) as refused:
                # PyTorch refuses this case: the CLI must refuse it too, cleanly.
                refusals += 1
                d = os.path.join(root, case.name())
                os.makedirs(d, exist_ok=True)
                arrays = gf.make_arrays(case)
                for k, v in arrays.items():
                    gf.save(os.path.join(d, k + ".npy"), v, gf.NP_DTYPE[case.dtype])
                argv = gf.args_line(case, arrays).split()
                r = subprocess.run([cli, "forward"] + argv, cwd=d, capture_output=True, text=True)
                wrote = [f for f in os.listdir(d) if f not in [k + ".npy" for k in arrays]]
                if r.returncode != 2 or wrote or r.stderr.count("\n") != 1:
                    failures += 1
                    print("FAIL %s: PyTorch refuses (%s) but the CLI exited %d, wrote %s" % (case.name(), refused, r.returncode, wrote))
                continue
            d = os.path.join(root, case.name())
            argv = open(os.path.join(d, "args.txt")).read().split()
            r = subprocess.run([cli, "forward"] + argv, cwd=d, capture_output=True, text=True)
            if r.returncode != 0:
                failures += 1
                print("FAIL %s: exit %d: %s" % (case.name(), r.returncode, r.stderr.strip()))
                continue
            exp = os.path.join(d, "expected")
            for dirpath, _, files in os.walk(exp):
                for f in files:
                    rel = os.path.relpath(os.path.join(dirpath, f), exp)
                    got = os.path.join(d, rel)
                    if f.endswith(".txt"):
                        ok = open(got).read().strip() == open(os.path.join(exp, rel)).read().strip()
                        err = 0.0 if ok else float("inf")
                    else:
                        a, b = np.load(got), np.load(os.path.join(exp, rel))
                        if a.dtype != b.dtype or a.shape != b.shape:
                            err = float("inf")
                        else:
                            a64, b64 = a.astype(np.float64), b.astype(np.float64)
                            e = np.abs(a64 - b64) / np.maximum(1.0, np.abs(b64))
                            err = float(np.max(e)) if e.size else 0.0
                    key = (case.dtype, case.category, rel.split("/")[-1].replace(".npy", ""))
                    worst[key] = max(worst.get(key, 0.0), err)
                    if not err <= TOL[case.dtype]:
                        failures += 1
                        print("FAIL %s %s: error %.3g" % (case.name(), rel, err))
    print("%d cases (%d refused by PyTorch and by the CLI), %d failures" % (args.cases, refusals, failures))
    for key in sorted(worst):
        print("  %-4s %-9s %-16s worst %.3g" % (key + (worst[key],)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
