#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The NormScope authors
"""Runs the window's exported PyTorch code with torch and compares it with normscope-cli.

For N random window states (norm, rank 2-5, dtype, affine, eval, steps, eps, momentum incl. none,
gamma/beta from --weight/--bias files, running statistics from files), exports the code with
`normscope --export-code`, runs it with torch (runpy), and compares its `y` and the module's
running statistics after the run with `normscope-cli forward` on the same input and options (the
window and the CLI share the option parser; the window's --steps K shows the K-th pass).

Not in ctest: CI has no torch. Usage: /usr/bin/python3 tests/check_exported_code.py [--build build]
[--count 40] [--seed 1]. Prints one line per state and the worst errors per dtype; exits 1 on a failure.
"""
import argparse
import os
import random
import runpy
import subprocess
import sys
import tempfile

import numpy as np
import torch


def random_state(rng):
    # nn.RMSNorm needs torch >= 2.4 (the code says so); older torch checks the other four.
    norms = ["batch", "layer", "instance", "group"] + (["rms"] if hasattr(torch.nn, "RMSNorm") else [])
    norm = rng.choice(norms)
    rank = rng.randint(3 if norm == "instance" else 2, 5)
    big = rng.random() < 0.25
    dims = [rng.randint(1, 4) if not big else rng.randint(3, 9) for _ in range(rank)]
    dims[0] = max(dims[0], 2)
    dims[1] = rng.choice([2, 3, 4, 6])
    if big:
        while int(np.prod(dims)) <= 1000:
            dims[-1] += 5
    dtype = rng.choice(["float32", "float64"])
    opts = ["--norm", norm]
    tracked = norm == "batch"
    if norm == "group":
        c = dims[1]
        opts += ["--num-groups", str(rng.choice([g for g in range(1, c + 1) if c % g == 0]))]
    if norm in ("layer", "rms"):
        k = rng.randint(1, min(2, rank - 1))
        opts += ["--normalized-shape", ",".join(str(d) for d in dims[rank - k:])]
    if norm == "instance" and rng.random() < 0.5:
        opts += ["--track-running-stats"]
        tracked = True
    if norm == "batch" and rng.random() < 0.2:
        opts += ["--no-track-running-stats"]
        tracked = False
    affine = rng.random() < 0.7
    opts += ["--affine" if affine else "--no-affine"]
    if not (norm == "rms" and rng.random() < 0.5):
        opts += ["--eps", repr(rng.choice([1e-5, 1e-3, 0.1, 2.5e-4]))]
    if tracked:
        if norm == "batch" and rng.random() < 0.3:
            opts += ["--momentum", "none"]
        else:
            opts += ["--momentum", repr(rng.choice([0.1, 0.3, 0.01, 0.9]))]
    evaluate = tracked and rng.random() < 0.4
    if evaluate:
        opts += ["--eval"]
    steps = rng.randint(1, 4)
    opts += ["--steps", str(steps)]
    return dict(norm=norm, dims=dims, dtype=dtype, opts=opts, tracked=tracked, affine=affine,
                eval=evaluate)


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--build", default=os.path.join(here, "..", "build"))
    ap.add_argument("--count", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    gui = os.path.join(args.build, "app", "normscope")
    cli = os.path.join(args.build, "app", "normscope-cli")
    rng = random.Random(args.seed)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    worst = {"float32": 0.0, "float64": 0.0}
    passed = 0
    for i in range(args.count):
        st = random_state(rng)
        with tempfile.TemporaryDirectory() as d:
            np_rng = np.random.default_rng(args.seed * 1000 + i)
            x = (np_rng.standard_normal(st["dims"]) * 2 + 0.5).astype(st["dtype"])
            np.save(os.path.join(d, "x.npy"), x)
            opts = st["opts"] + ["--input", os.path.join(d, "x.npy")]
            c = st["dims"][1]
            pshape = None
            if st["norm"] in ("layer", "rms"):
                ns = opts[opts.index("--normalized-shape") + 1]
                pshape = [int(v) for v in ns.split(",")]
            else:
                pshape = [c]
            if st["affine"]:
                np.save(os.path.join(d, "w.npy"), np_rng.uniform(0.5, 2, pshape).astype(st["dtype"]))
                opts += ["--weight", os.path.join(d, "w.npy")]
                if st["norm"] != "rms":
                    np.save(os.path.join(d, "b.npy"), np_rng.uniform(-1, 1, pshape).astype(st["dtype"]))
                    opts += ["--bias", os.path.join(d, "b.npy")]
            if st["tracked"] and rng.random() < 0.5:
                np.save(os.path.join(d, "rm.npy"), np_rng.uniform(-1, 1, [c]).astype(st["dtype"]))
                np.save(os.path.join(d, "rv.npy"), np_rng.uniform(0.5, 2, [c]).astype(st["dtype"]))
                opts += ["--running-mean", os.path.join(d, "rm.npy"), "--running-var", os.path.join(d, "rv.npy"),
                         "--num-batches-tracked", str(rng.randint(0, 7))]
            py = os.path.join(d, "state.py")
            g = subprocess.run([gui] + opts + ["--export-code", py], env=env, capture_output=True, text=True)
            cli_opts = opts + ["--output", os.path.join(d, "y_cli.npy")]
            if st["tracked"]:
                cli_opts += ["--state-out", os.path.join(d, "state")]
            cl = subprocess.run([cli, "forward"] + cli_opts, capture_output=True, text=True)
            label = f"{i:2d} {st['norm']:8s} {st['dtype']} {'x'.join(map(str, st['dims'])):14s} " + " ".join(
                o for o in st["opts"][2:])
            if g.returncode != 0 or cl.returncode != 0:
                print(f"FAIL {label}: window rc {g.returncode} {g.stderr.strip()} / cli rc {cl.returncode} "
                      f"{cl.stderr.strip()}")
                continue
            try:
                cwd = os.getcwd()
                os.chdir("/")  # the code finds its .npy beside itself, not in the working directory
                ns = runpy.run_path(py)
                os.chdir(cwd)
            except Exception as e:  # noqa: BLE001 - report any failure of the pasted code
                os.chdir(cwd)
                print(f"FAIL {label}: the code raised {type(e).__name__}: {e}")
                continue
            y = ns["y"].detach().numpy()
            y_cli = np.load(os.path.join(d, "y_cli.npy"))
            errors = [float(np.max(np.abs(y.astype(np.float64) - y_cli))) if y.size else 0.0]
            ok = y.dtype == y_cli.dtype and y.shape == y_cli.shape
            if st["tracked"]:
                module = next(v for v in ns.values() if isinstance(v, torch.nn.Module))
                for name in ("running_mean", "running_var"):
                    ref = np.load(os.path.join(d, "state", name + ".npy"))
                    errors.append(float(np.max(np.abs(getattr(module, name).numpy().astype(np.float64) - ref))))
                with open(os.path.join(d, "state", "num_batches_tracked.txt")) as f:
                    ok = ok and int(f.read().strip()) == int(module.num_batches_tracked)
            err = max(errors)
            tol = 1e-5 if st["dtype"] == "float32" else 1e-12
            ok = ok and err <= tol * max(1.0, float(np.max(np.abs(y_cli))) if y_cli.size else 1.0)
            worst[st["dtype"]] = max(worst[st["dtype"]], err)
            print(f"{'ok  ' if ok else 'FAIL'} {label}: max |diff| {err:.3g}")
            passed += ok
    print(f"torch {torch.__version__}" + ("" if hasattr(torch.nn, "RMSNorm") else " (no nn.RMSNorm: rms not drawn)"))
    print(f"{passed}/{args.count} states pass; worst |diff| float32 {worst['float32']:.3g}, "
          f"float64 {worst['float64']:.3g}")
    return 0 if passed == args.count else 1


if __name__ == "__main__":
    sys.exit(main())
