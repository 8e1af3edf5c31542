#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The NormScope authors
"""Writes tests/fixtures/lessons/<id>.json: every number a lesson's text names, computed by PyTorch.

For each lesson in resources/lessons and each step, the step's state (inherited from the steps
before it) is rebuilt as a PyTorch module and input, "steps": K gives K training passes (in train()
the shown pass is the K-th; in eval() all K come before the shown pass, none without "steps"), and each numeric placeholder of the English and Chinese text
({y[0,0]}, {running_var[0]}, ...) is evaluated. RMSNorm (not in torch 1.13) is written out by hand;
running_var_biased is the hand-written BatchNorm's running variance (the biased variance averaged
with the same momentum). tests/ui/test_lessons.cpp compares the window's values with these.

Run with /usr/bin/python3 (torch 1.13): /usr/bin/python3 tests/gen_lesson_fixtures.py
"""
import copy
import glob
import json
import math
import os
import re
import struct
import zlib

import numpy as np
import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z_]+)(?:\[([0-9, ]+)\])?(?::\d+)?\}")


def literal(text, dtype):
    m = re.fullmatch(r"(?:torch\.)?arange\((\d+)\)(?:\.reshape\(([\d, ]+)\))?", text.replace(" ", ""))
    if m:
        t = torch.arange(int(m.group(1)), dtype=dtype)
        return t.reshape([int(d) for d in m.group(2).split(",")]) if m.group(2) else t
    return torch.tensor(json.loads(text), dtype=dtype)


def read_png(path):
    """An 8-bit RGB or gray PNG whose rows all use filter 0 (tools/make_sample_images.py writes
    them so), decoded here rather than by Qt, as (C, H, W) uint8."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    at, idat = 8, b""
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            w, h, depth, color = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and color in (0, 2), path
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    channels = 3 if color == 2 else 1
    raw = zlib.decompress(idat)
    stride = 1 + w * channels
    rows = [raw[r * stride:(r + 1) * stride] for r in range(h)]
    assert all(row[0] == 0 for row in rows), path + ": a row filter other than 0"
    pixels = np.frombuffer(b"".join(row[1:] for row in rows), dtype=np.uint8).reshape(h, w, channels)
    return pixels.transpose(2, 0, 1)


def image_tensor(spec, dtype):
    """--image FILE[,FILE...]: N x C x H x W, pixel / 255 in float32 (cast to dtype), :/samples/ read
    from resources/samples."""
    pictures = [read_png(os.path.join(ROOT, "resources", "samples", p[len(":/samples/"):]) if p.startswith(":/samples/")
                         else p) for p in spec.split(",")]
    x = np.stack(pictures).astype(np.float32) / np.float32(255)
    return torch.from_numpy(x).to(dtype)


def stats(kind, x, ns, groups):
    """Mean and biased variance (mean of squares for rms) per statistic group, in float64."""
    x = x.double()
    if kind == "batch":
        dims = [0] + list(range(2, x.dim()))
        return x.mean(dims), x.var(dims, unbiased=False)
    if kind == "instance":
        dims = list(range(2, x.dim()))
        return x.mean(dims), x.var(dims, unbiased=False)
    if kind == "group":
        g = x.reshape(x.shape[0], groups, -1)
        return g.mean(-1), g.var(-1, unbiased=False)
    dims = list(range(x.dim() - len(ns), x.dim()))
    if kind == "layer":
        return x.mean(dims), x.var(dims, unbiased=False)
    return None, (x * x).mean(dims)


def run_step(state):
    kind = state["norm"]
    dtype = torch.float64 if state.get("dtype") == "float64" else torch.float32
    if "image" in state:
        # Pictures are 8k float32 values of one sign whose channels have small variances: torch 1.13's
        # float32 no_grad BatchNorm is 5e-5 off there, so the float32 pixels run through float64 (as
        # tests/gen_fixtures.py does for offset data). No lesson on pictures uses RMSNorm's dtype eps.
        x = image_tensor(state["image"], dtype).double()
        dtype = torch.float64
    else:
        x = literal(state["tensor"], dtype)
    C = x.shape[1]
    ns = state.get("normalized-shape", list(x.shape[1:]))
    eps = state.get("eps", None if kind == "rms" else 1e-5)
    momentum = state.get("momentum", 0.1)
    momentum = None if momentum == "none" else momentum
    affine = state.get("affine", kind != "instance")
    track = state.get("track-running-stats", kind == "batch")
    groups = state.get("num-groups", 1)
    eval_mode = state.get("mode") == "eval"
    steps = state.get("steps", 0 if eval_mode else 1)
    eff_eps = torch.finfo(dtype).eps if eps is None else eps
    if kind == "batch":
        m = [None, None, torch.nn.BatchNorm1d, torch.nn.BatchNorm1d, torch.nn.BatchNorm2d, torch.nn.BatchNorm3d][x.dim()](
            C, eps=eps, momentum=momentum, affine=affine, track_running_stats=track)
    elif kind == "instance":
        m = [None, None, None, torch.nn.InstanceNorm1d, torch.nn.InstanceNorm2d, torch.nn.InstanceNorm3d][x.dim()](
            C, eps=eps, momentum=momentum, affine=affine, track_running_stats=track)
    elif kind == "group":
        m = torch.nn.GroupNorm(groups, C, eps=eps, affine=affine)
    elif kind == "layer":
        m = torch.nn.LayerNorm(ns, eps=eps, elementwise_affine=affine)
    else:
        m = None
    out = {}
    with torch.no_grad():
        if m is not None:
            m = m.to(dtype)
        running = m is not None and getattr(m, "running_mean", None) is not None
        biased_var = None
        passes = 0

        def train_pass():
            nonlocal biased_var, passes
            m.train()
            y = m(x)
            passes += 1
            _, v = stats(kind, x, ns, groups)
            v = v if kind == "batch" else v.mean(0)
            f = momentum if momentum is not None else 1.0 / passes
            biased_var = (1 - f) * (biased_var if biased_var is not None else torch.ones(C, dtype=torch.float64)) + f * v
            return y

        if running:
            for _ in range(steps if eval_mode else steps - 1):
                train_pass()
            out["running_mean_before"] = m.running_mean.clone()
            out["running_var_before"] = m.running_var.clone()
        if m is not None:
            if eval_mode:
                m.eval()
                y = m(x)
            elif running:
                y = train_pass()
            else:
                m.train()
                y = m(x)
        else:
            dims = list(range(x.dim() - len(ns), x.dim()))
            y = x * torch.rsqrt((x * x).mean(dims, keepdim=True) + eff_eps)
        mean, var = stats(kind, x, ns, groups)
        out["x"] = x
        out["y"] = y
        out["xhat"] = y  # gamma 1 and beta 0 in every lesson
        if mean is not None:
            out["mean"] = mean
        out["var"] = var
        rstd = 1.0 / torch.sqrt(var + eff_eps)
        if kind == "batch" and eff_eps == 0:
            rstd = torch.where(var == 0, torch.zeros_like(rstd), rstd)
        out["rstd"] = rstd
        if eval_mode and running:
            out["mean"], out["var"] = m.running_mean, m.running_var
        if m is not None and affine:
            out["weight"] = m.weight
            if getattr(m, "bias", None) is not None:
                out["bias"] = m.bias
        if running:
            out["running_mean"] = m.running_mean
            out["running_var"] = m.running_var
            out["num_batches_tracked"] = m.num_batches_tracked
            if biased_var is not None:
                out["running_var_biased"] = biased_var.to(dtype)
        out["eps"] = torch.tensor(eff_eps, dtype=dtype)
    if "grad" in state:
        out.update(gradients(state, kind, m, x, ns, eff_eps, eval_mode))
    with torch.no_grad():
        if momentum is not None:
            out["momentum"] = torch.tensor(momentum, dtype=torch.float64)
    return out


def gradients(state, kind, m, x, ns, eff_eps, eval_mode):
    """The gradient view's numbers by autograd: y.backward(dy) for the pass shown, on a copy of the
    module as the pass started (eval does not move the buffers; train reads none of them)."""
    x = x.detach().clone().requires_grad_(True)
    grad = state["grad"]
    if grad == "ones":
        dy = torch.ones_like(x)
    elif grad == "onehot":
        dy = torch.zeros_like(x)
        dy[tuple(state.get("select", [0] * x.dim()))] = 1
    else:
        raise ValueError("the lessons use --grad ones or onehot (random is NormScope's own stream)")
    params = []
    if m is not None:
        m = copy.deepcopy(m)
        m.train(not eval_mode)
        y = m(x)
        params = [p for p in (getattr(m, "weight", None), getattr(m, "bias", None)) if p is not None]
    else:
        dims = list(range(x.dim() - len(ns), x.dim()))
        y = x * torch.rsqrt((x * x).mean(dims, keepdim=True) + eff_eps)
    y.backward(dy)
    gx = x.grad.detach()
    out = {"grad_output": dy, "grad_input": gx,
           "grad_reach": torch.tensor(float((gx != 0).sum())),
           "grad_max": gx.abs().max().double()}
    if params:
        out["grad_weight"] = params[0].grad
        if len(params) > 1:
            out["grad_bias"] = params[1].grad
    return out


def value(result, name, index):
    t = result[name].detach().reshape(-1) if len(index) <= 1 else result[name].detach()
    v = float(t[tuple(index)] if len(index) > 1 else t[index[0] if index else 0])
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def main():
    for path in sorted(glob.glob(os.path.join(ROOT, "resources", "lessons", "*.json"))):
        with open(path, encoding="utf-8") as f:
            lesson = json.load(f)
        state, steps = {}, []
        for step in lesson["steps"]:
            for k, v in step["state"].items():
                if v is None:
                    state.pop(k, None)
                else:
                    state[k] = v
            try:
                result = run_step(state)
            except (RuntimeError, ValueError):
                result = {}  # PyTorch refuses the step: its text names {error}, no number
            numbers = {}
            for text in step["text"].values():
                for name, index in PLACEHOLDER.findall(text):
                    if name in ("error", "module"):
                        continue
                    idx = [int(i) for i in index.split(",")] if index else []
                    key = name + ("[" + ",".join(str(i) for i in idx) + "]" if idx else "")
                    numbers[key] = value(result, name, idx)
            steps.append(numbers)
        out = os.path.join(ROOT, "tests", "fixtures", "lessons", lesson["id"] + ".json")
        with open(out, "w", encoding="utf-8") as f:
            json.dump({"id": lesson["id"], "steps": steps}, f, indent=1, sort_keys=True)
            f.write("\n")


if __name__ == "__main__":
    main()
