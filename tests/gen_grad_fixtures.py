#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The NormScope authors
"""Writes tests/fixtures/grad/: the window's gradient view checked against PyTorch autograd.

For every norm (batch 1d/2d/3d, layer, instance, group, rms), both modes (train; eval, with running
statistics for batch and for instance with track_running_stats), float32 and float64, and each
upstream gradient of --grad (ones, onehot, random), the window is run headless
(--export-tensors) to get the input x and dL/dy it used; PyTorch then computes dL/dx, dL/dgamma and
dL/dbeta in float64 on that same x and dy (y.backward(dy)). RMSNorm (not in torch 1.13) is written
out. tests/ui/test_gradient_view.cpp runs the same command lines and compares.

Files: cases.txt (one case a line: NAME<TAB>window arguments separated by spaces, paths relative to
tests/fixtures/grad), params/*.npy (gamma, beta, running statistics the cases load) and
NAME.npz per case (x, grad_output as the window exported them; grad_input, grad_weight, grad_bias
from PyTorch in float64).

Run after building, with /usr/bin/python3 (numpy, torch 1.13):
    /usr/bin/python3 tests/gen_grad_fixtures.py [path/to/normscope]
"""
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np
import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "grad")

# name: (norm, shape, extra module options, statistic shape of gamma/beta)
NORMS = {
    "batch1d": ("batch", (4, 3, 5), [], (3,)),
    "batch2d": ("batch", (3, 4, 3, 3), [], (4,)),
    "batch3d": ("batch", (2, 3, 2, 3, 2), [], (3,)),
    "layer": ("layer", (3, 4, 3, 3), ["--normalized-shape", "3,3"], (3, 3)),
    "instance": ("instance", (3, 4, 3, 3), ["--affine"], (4,)),
    "group": ("group", (3, 4, 3, 3), ["--num-groups", "2"], (4,)),
    "rms": ("rms", (3, 4, 3, 3), ["--normalized-shape", "3,3"], (3, 3)),
}
GRADS = ["ones", "onehot", "random"]


def f32_exact(rng, shape, low, high):
    """Values a float32 holds exactly, so float32 and float64 runs read the same parameters."""
    return rng.uniform(low, high, size=shape).astype(np.float32).astype(np.float64)


def write_params(name, norm, affine_shape, channels):
    rng = np.random.default_rng(sum(map(ord, name)))  # seeded from the name: stable across runs
    files = {}
    params = {"weight": f32_exact(rng, affine_shape, 0.5, 1.5)}
    if norm != "rms":
        params["bias"] = f32_exact(rng, affine_shape, -0.5, 0.5)
    if norm in ("batch", "instance"):
        params["running_mean"] = f32_exact(rng, (channels,), -1.0, 1.0)
        params["running_var"] = f32_exact(rng, (channels,), 0.5, 2.0)
    os.makedirs(os.path.join(OUT, "params"), exist_ok=True)
    for key, value in params.items():
        rel = "params/%s_%s.npy" % (name, key)
        np.save(os.path.join(OUT, rel), value)
        files[key] = (rel, value)
    return files


def cases():
    for name, (norm, shape, extra, affine_shape) in NORMS.items():
        params = write_params(name, norm, affine_shape, shape[1])
        for mode in ("train", "eval"):
            for dtype in ("float32", "float64"):
                for k, grad in enumerate(GRADS):
                    args = ["--norm", norm, "--shape", ",".join(map(str, shape)), "--dtype", dtype,
                            "--seed", str(3 + k)] + extra
                    args += ["--weight", params["weight"][0]]
                    if "bias" in params:
                        args += ["--bias", params["bias"][0]]
                    if mode == "eval":
                        args.append("--eval")
                        if norm in ("batch", "instance"):
                            if norm == "instance":
                                args.append("--track-running-stats")
                            args += ["--running-mean", params["running_mean"][0],
                                     "--running-var", params["running_var"][0]]
                    args += ["--grad", grad]
                    if grad == "onehot":
                        args += ["--select", str(int(np.prod(shape)) // 2 + 1)]
                    yield "%s_%s_%s_%s" % (name, mode, "f" + dtype[5:], grad), norm, args, params


def truth(norm, args, params, x, dy, dtype):
    """dL/dx, dL/dgamma, dL/dbeta by PyTorch autograd in float64."""
    x = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    dy = torch.tensor(dy, dtype=torch.float64)
    w = torch.tensor(params["weight"][1], dtype=torch.float64, requires_grad=True)
    b = torch.tensor(params["bias"][1], dtype=torch.float64, requires_grad=True) if "bias" in params else None
    train = "--eval" not in args
    C = x.shape[1]
    if norm == "batch":
        m = {3: torch.nn.BatchNorm1d, 4: torch.nn.BatchNorm2d, 5: torch.nn.BatchNorm3d}[x.dim()](C).double()
    elif norm == "instance":
        tracked = "--track-running-stats" in args
        m = {4: torch.nn.InstanceNorm2d}[x.dim()](C, affine=True, track_running_stats=tracked).double()
    elif norm == "group":
        m = torch.nn.GroupNorm(int(args[args.index("--num-groups") + 1]), C).double()
    elif norm == "layer":
        m = torch.nn.LayerNorm(list(x.shape[2:])).double()
    else:
        m = None
    if m is not None:
        with torch.no_grad():
            m.weight.copy_(w)
            m.bias.copy_(b)
            if "--running-mean" in args:
                m.running_mean.copy_(torch.tensor(params["running_mean"][1]))
                m.running_var.copy_(torch.tensor(params["running_var"][1]))
        m.train(train)
        y = m(x)
        y.backward(dy)
        gb = m.bias.grad.numpy()
        gw = m.weight.grad.numpy()
    else:
        # RMSNorm(normalized_shape, eps=None): eps is the input dtype's machine epsilon.
        eps = float(np.finfo(np.float32 if dtype == "float32" else np.float64).eps)
        dims = list(range(x.dim() - 2, x.dim()))
        y = x * torch.rsqrt((x * x).mean(dims, keepdim=True) + eps) * w
        y.backward(dy)
        gw = w.grad.numpy()
        gb = None
    return x.grad.numpy(), gw, gb


def main():
    window = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "app", "normscope")
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    lines = []
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for name, norm, args, params in cases():
            out = os.path.join(tmp, name + ".npz")
            subprocess.run([window] + args + ["--export-tensors", out], cwd=OUT, env=env, check=True)
            exported = np.load(out)
            x, dy = exported["x"], exported["grad_output"]
            dtype = "float32" if x.dtype == np.float32 else "float64"
            gx, gw, gb = truth(norm, args, params, x, dy, dtype)
            arrays = {"x": x, "grad_output": dy, "grad_input": gx, "grad_weight": gw}
            if gb is not None:
                arrays["grad_bias"] = gb
            np.savez(os.path.join(OUT, name + ".npz"), **arrays)
            worst = max(worst, float(np.max(np.abs(exported["grad_input"] - gx))))
            lines.append(name + "\t" + " ".join(args))
    with open(os.path.join(OUT, "cases.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("%d cases in %s; largest |dL/dx(window) - dL/dx(torch float64)|: %.3g" % (len(lines), OUT, worst))


if __name__ == "__main__":
    main()
