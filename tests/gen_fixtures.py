#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The NormScope authors
"""Generates the PyTorch reference fixtures for normscope-cli's parity tests.

    /usr/bin/python3 tests/gen_fixtures.py

Deletes and rewrites tests/fixtures/{forward,refusals,backward}. The format is described in
tests/fixtures/README.md. Every case is seeded from its own name, so the files are byte-identical
from run to run and adding a case does not change the others.

Reference policy: the expected arrays are the exact answer for the stored data. Float64 cases run
PyTorch in float64; float32 cases run PyTorch in float64 on the widened float32 data and cast the
result back, and PyTorch in float32 is run beside it only as a sanity check. RMSNorm is not in
torch 1.13, so its reference is the formula, evaluated (and differentiated) in float64.
The mean and variance files are computed here with numpy reductions, independently of the module,
and checked against the module's output.
"""

import math
import os
import shutil
import sys
import zlib

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "fixtures")
SUBDIRS = ("forward", "refusals", "backward")

# Agreement required between PyTorch float32 and the float64 reference on well-conditioned data
# (forward outputs and running statistics); large-offset data is only reported, never asserted.
FLOAT32_TOLERANCE = 1e-4

torch.set_num_threads(1)

NP_DTYPE = {"f32": np.float32, "f64": np.float64}
TORCH_DTYPE = {"f32": torch.float32, "f64": torch.float64}


# ----------------------------------------------------------------------------------------------
# Case description


class Case:
    """One normscope-cli invocation. Options left at None are omitted from args.txt, so the
    CLI's defaults are exercised; the reference uses PyTorch's defaults for them."""

    def __init__(self, norm, shape, dtype="f32", *, train=True, affine=None, params="random",
                 track=None, momentum=None, eps=None, groups=None, ns=None, steps=None,
                 running=False, nbt=None, data="randn", backward=False, tag=None, threads=None):
        self.norm = norm
        self.shape = tuple(shape)
        self.dtype = dtype
        self.train = train
        self.affine_flag = affine          # None: no flag (module default)
        self.params = params               # "random" (weight+bias files), "default" (none), "weight"
        self.track_flag = track            # None: no flag (module default)
        self.momentum = momentum           # None: omitted; a token such as "0.3" or "none"
        self.eps = eps                     # None: omitted; a token such as "1e-3"
        self.groups = groups
        self.ns = ns                       # number of trailing dims normalized (layer/rms)
        self.steps = steps
        self.running = running             # write running_mean/running_var input files
        self.nbt = nbt                     # --num-batches-tracked K
        self.data = data                   # randn, offset, constant, halfconst, zerorows
        self.backward = backward
        self.tag = tag
        self.threads = threads             # --threads T (large cases: the threaded kernels)
        assert 1 <= len(self.shape) <= 5

    # Effective module arguments -------------------------------------------------------------
    @property
    def rank(self):
        return len(self.shape)

    @property
    def affine(self):
        if self.affine_flag is not None:
            return self.affine_flag
        return self.norm != "instance"

    @property
    def track(self):
        if self.norm not in ("batch", "instance"):
            return False
        if self.track_flag is not None:
            return self.track_flag
        return self.norm == "batch"

    @property
    def momentum_value(self):
        if self.momentum is None:
            return 0.1
        return None if self.momentum == "none" else float(self.momentum)

    @property
    def eps_value(self):
        if self.eps is not None:
            return float(self.eps)
        if self.norm == "rms":
            return float(np.finfo(NP_DTYPE[self.dtype]).eps)
        return 1e-5

    @property
    def step_count(self):
        return self.steps if self.steps is not None else 1

    @property
    def normalized_shape(self):
        return self.shape[self.rank - self.ns:]

    @property
    def uses_input_stats(self):
        return self.train or not self.track

    @property
    def has_bias(self):
        return self.affine and self.norm != "rms"

    @property
    def param_shape(self):
        if self.norm in ("layer", "rms"):
            return self.normalized_shape
        return (self.shape[1],)

    @property
    def category(self):
        if self.data == "offset":
            return "offset"
        if self.data in ("constant", "halfconst", "zerorows"):
            return "constant"
        if self.data in NONFINITE_DATA:
            return "nonfinite"
        return "normal"

    def module_tag(self):
        if self.norm in ("batch", "instance"):
            return "%s%dd" % (self.norm, 1 if self.rank <= 3 else self.rank - 2)
        if self.norm in ("layer", "rms"):
            return "%s_ns%d" % (self.norm, self.ns)
        return "group%d" % self.groups

    def name(self):
        parts = [self.module_tag(), self.dtype, "train" if self.train else "eval"]
        if self.affine:
            parts.append({"random": "affine", "default": "affine_defw", "weight": "affine_wonly"}[self.params])
        else:
            parts.append("noaffine")
        if self.norm in ("batch", "instance"):
            parts.append("tracked" if self.track else "untracked")
        if self.momentum is not None:
            parts.append("mom" + self.momentum)
        if self.eps is not None:
            parts.append("eps" + self.eps)
        if self.steps is not None:
            parts.append("steps%d" % self.steps)
        if self.running:
            parts.append("rs")
        if self.nbt is not None:
            parts.append("nbt%d" % self.nbt)
        if self.data != "randn":
            parts.append(self.data)
        if self.tag:
            parts.append(self.tag)
        if self.threads is not None:
            parts.append("t%d" % self.threads)
        parts.append("x".join(str(d) for d in self.shape))
        return "_".join(parts)


# ----------------------------------------------------------------------------------------------
# Data


def rng_for(name):
    return np.random.default_rng(zlib.crc32(name.encode()))


def stats_shape(case):
    """Shape of the per-statistic arrays (see README)."""
    n = case.shape[0]
    if case.norm == "batch":
        return (case.shape[1],)
    if case.norm == "instance":
        return (n, case.shape[1])
    if case.norm == "group":
        return (n, case.groups)
    return case.shape[:case.rank - case.ns]


def expand_stats(case, s):
    """Broadcasts a per-statistic array to the input's shape."""
    shape = case.shape
    s = np.asarray(s)
    if case.norm == "batch":
        return np.broadcast_to(s.reshape((1, shape[1]) + (1,) * (case.rank - 2)), shape)
    if case.norm == "instance":
        return np.broadcast_to(s.reshape(s.shape + (1,) * (case.rank - 2)), shape)
    if case.norm == "group":
        per_channel = np.repeat(s, shape[1] // case.groups, axis=1)
        return np.broadcast_to(per_channel.reshape(per_channel.shape + (1,) * (case.rank - 2)), shape)
    return np.broadcast_to(s.reshape(s.shape + (1,) * case.ns), shape)


# Non-finite data: normal data with values replaced at fixed flat positions (the first element, and
# for "mixed" one of each kind spread over the tensor), so some groups stay finite.
NONFINITE_DATA = ("nan", "posinf", "neginf", "mixed")


def make_input(case, rng):
    shape = case.shape
    if case.data in NONFINITE_DATA:
        x = (rng.standard_normal(shape) * 1.3 + 0.2).reshape(-1)
        if case.data == "mixed":
            x[0], x[x.size // 3], x[(2 * x.size) // 3] = np.nan, np.inf, -np.inf
        else:
            x[0] = {"nan": np.nan, "posinf": np.inf, "neginf": -np.inf}[case.data]
        return x.reshape(shape)
    if case.data == "randn":
        return rng.standard_normal(shape) * 1.3 + 0.2
    if case.data == "offset":
        return 1e4 + 1e-2 * rng.standard_normal(shape)
    # Every statistic group constant (variance 0), or every other group constant / zero.
    const = expand_stats(case, np.asarray(rng.standard_normal(stats_shape(case)) * 2.0 + 0.7))
    if case.data == "constant":
        return np.array(const)
    noise = rng.standard_normal(shape) * 1.3 + 0.2
    flat_group = expand_stats(case, np.arange(int(np.prod(stats_shape(case)))).reshape(stats_shape(case)))
    chosen = flat_group % 2 == 0
    if case.data == "halfconst":
        return np.where(chosen, const, noise)
    if case.data == "zerorows":
        return np.where(chosen, 0.0, noise)
    raise ValueError(case.data)


def make_arrays(case):
    """Input files of a case, already in its dtype."""
    rng = rng_for(case.name())
    dt = NP_DTYPE[case.dtype]
    arrays = {"input": make_input(case, rng).astype(dt)}
    if case.affine and case.params in ("random", "weight"):
        arrays["weight"] = (1.0 + 0.5 * rng.standard_normal(case.param_shape)).astype(dt)
        if case.params == "random" and case.has_bias:
            arrays["bias"] = (0.5 * rng.standard_normal(case.param_shape)).astype(dt)
    if case.running:
        c = case.shape[1]
        if case.data == "offset":
            arrays["running_mean"] = (1e4 + 1e-2 * rng.standard_normal(c)).astype(dt)
            arrays["running_var"] = (1e-4 * rng.uniform(0.5, 2.0, c)).astype(dt)
        else:
            arrays["running_mean"] = (0.5 * rng.standard_normal(c)).astype(dt)
            arrays["running_var"] = rng.uniform(0.5, 2.0, c).astype(dt)
    if case.backward:
        arrays["grad_output"] = rng.standard_normal(case.shape).astype(dt)
    return arrays


# ----------------------------------------------------------------------------------------------
# PyTorch


def build_module(case):
    c = case.shape[1] if case.rank > 1 else None
    if case.norm == "batch":
        cls = {2: nn.BatchNorm1d, 3: nn.BatchNorm1d, 4: nn.BatchNorm2d, 5: nn.BatchNorm3d}[case.rank]
        return cls(c, eps=case.eps_value, momentum=case.momentum_value, affine=case.affine,
                   track_running_stats=case.track)
    if case.norm == "instance":
        cls = {3: nn.InstanceNorm1d, 4: nn.InstanceNorm2d, 5: nn.InstanceNorm3d}[case.rank]
        return cls(c, eps=case.eps_value, momentum=case.momentum_value, affine=case.affine,
                   track_running_stats=case.track)
    if case.norm == "group":
        return nn.GroupNorm(case.groups, c, eps=case.eps_value, affine=case.affine)
    if case.norm == "layer":
        return nn.LayerNorm(list(case.normalized_shape), eps=case.eps_value, elementwise_affine=case.affine)
    raise ValueError(case.norm)


class RmsNorm(nn.Module):
    """RMSNorm (not in torch 1.13) as the formula y = x / sqrt(mean(x^2) + eps) * weight."""

    def __init__(self, normalized_shape, eps, affine):
        super().__init__()
        self.dims = tuple(range(-len(normalized_shape), 0))
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(normalized_shape)) if affine else None

    def forward(self, x):
        y = x / torch.sqrt((x * x).mean(dim=self.dims, keepdim=True) + self.eps)
        return y * self.weight if self.weight is not None else y


def run_torch(case, arrays, torch_dtype):
    """Runs the case's module in torch_dtype on the given arrays (widened as needed).
    Returns output, state and gradients as float64 numpy arrays."""
    if case.norm == "rms":
        m = RmsNorm(case.normalized_shape, case.eps_value, case.affine)
    else:
        m = build_module(case)
    m = m.to(torch_dtype)
    t = {k: torch.from_numpy(v).to(torch_dtype) for k, v in arrays.items()}
    with torch.no_grad():
        if "weight" in t:
            m.weight.copy_(t["weight"])
        if "bias" in t:
            m.bias.copy_(t["bias"])
        if case.track:
            if "running_mean" in t:
                m.running_mean.copy_(t["running_mean"])
                m.running_var.copy_(t["running_var"])
            if case.nbt is not None:
                m.num_batches_tracked.fill_(case.nbt)
    m.train(case.train)
    x = t["input"].clone().requires_grad_(case.backward)
    for _ in range(case.step_count):
        if case.backward:
            y = m(x)
        else:
            with torch.no_grad():
                y = m(x)
    out = {"output": y.detach().double().numpy()}
    if case.track:
        out["running_mean"] = m.running_mean.double().numpy()
        out["running_var"] = m.running_var.double().numpy()
        out["num_batches_tracked"] = int(m.num_batches_tracked.item())
    if case.backward:
        y.backward(t["grad_output"])
        out["grad_input"] = x.grad.double().numpy()
        if case.affine:
            out["grad_weight"] = m.weight.grad.double().numpy()
            if case.has_bias:
                out["grad_bias"] = m.bias.grad.double().numpy()
    return out


def independent_stats(case, arrays, wide=np.float64):
    """The mean and biased variance the output is normalized with, from numpy in float64 (or wider)."""
    x = arrays["input"].astype(wide)
    n = case.shape[0]
    if case.norm in ("batch", "instance") and not case.uses_input_stats:
        # Eval with running statistics: the (unchanged) running statistics are used.
        c = case.shape[1]
        rm = arrays["running_mean"].astype(wide) if case.running else np.zeros(c, dtype=wide)
        rv = arrays["running_var"].astype(wide) if case.running else np.ones(c, dtype=wide)
        if case.norm == "instance":
            rm, rv = np.broadcast_to(rm, (n, c)).copy(), np.broadcast_to(rv, (n, c)).copy()
        return rm, rv
    if case.norm == "batch":
        axes = (0,) + tuple(range(2, case.rank))
        return x.mean(axis=axes), x.var(axis=axes)
    if case.norm == "instance":
        axes = tuple(range(2, case.rank))
        return x.mean(axis=axes), x.var(axis=axes)
    if case.norm == "group":
        g = x.reshape(n, case.groups, -1)
        return g.mean(axis=2), g.var(axis=2)
    axes = tuple(range(case.rank - case.ns, case.rank))
    if case.norm == "layer":
        return x.mean(axis=axes), x.var(axis=axes)
    return None, (x * x).mean(axis=axes)


def output_from_stats(case, arrays, mean, var, wide=np.float64):
    """y = (x - mean) / sqrt(var + eps) * weight + bias, evaluated in `wide` precision."""
    x = arrays["input"].astype(wide)
    m = expand_stats(case, mean) if mean is not None else wide(0)
    eps = wide(case.eps_value)
    v = expand_stats(case, var)
    with np.errstate(divide="ignore", invalid="ignore"):
        rstd = 1 / np.sqrt(v + eps)
    if case.norm in ("batch", "instance") and case.uses_input_stats and case.eps_value == 0:
        # ATen's batch_norm (InstanceNorm runs through it) takes invstd = 0 where var == 0 and eps == 0.
        rstd = np.where(v == 0, wide(0), rstd)
    with np.errstate(invalid="ignore"):
        y = (x - m) * rstd
    if case.affine:
        w = arrays["weight"].astype(wide) if "weight" in arrays else np.ones(case.param_shape, dtype=wide)
        b = arrays["bias"].astype(wide) if "bias" in arrays else np.zeros(case.param_shape, dtype=wide)
        if case.norm in ("layer", "rms"):
            y = y * w + (b if case.has_bias else 0.0)
        else:
            bshape = (1, case.shape[1]) + (1,) * (case.rank - 2)
            y = y * w.reshape(bshape) + b.reshape(bshape)
    return y


def group_mean(case, a):
    """Mean of a (input-shaped) over each statistic group, broadcast back to the input's shape."""
    n = case.shape[0]
    if case.norm == "batch":
        m = a.mean(axis=(0,) + tuple(range(2, case.rank)))
    elif case.norm == "instance":
        m = a.mean(axis=tuple(range(2, case.rank)))
    elif case.norm == "group":
        m = a.reshape(n, case.groups, -1).mean(axis=2)
    else:
        m = a.mean(axis=tuple(range(case.rank - case.ns, case.rank)))
    return expand_stats(case, m)


def param_sum(case, a):
    """Sum of a over everything that shares one gamma/beta entry: shape param_shape."""
    if case.norm in ("layer", "rms"):
        return a.sum(axis=tuple(range(case.rank - case.ns)))
    return a.sum(axis=(0,) + tuple(range(2, case.rank)))


def gradients_from_formula(case, arrays, mean, var, wide=np.float64):
    """dL/dx, dL/dgamma, dL/dbeta by the closed forms, evaluated in `wide` precision:
    with input statistics dx = rstd * (g - mean(g) - xhat * mean(g * xhat)), g = dy * gamma
    (RMSNorm: dx = rstd * (g - x * rstd^2 * mean(g * x))); with running statistics dx = g * rstd."""
    x = arrays["input"].astype(wide)
    dy = arrays["grad_output"].astype(wide)
    m = expand_stats(case, mean) if mean is not None else wide(0)
    rstd = 1 / np.sqrt(expand_stats(case, var) + wide(case.eps_value))
    xhat = (x - m) * rstd
    w = np.ones(case.param_shape, dtype=wide)
    if case.affine and "weight" in arrays:
        w = arrays["weight"].astype(wide)
    if case.norm not in ("layer", "rms"):
        w = w.reshape((1, case.shape[1]) + (1,) * (case.rank - 2))
    g = dy * w
    if case.norm == "rms":
        dx = rstd * (g - x * rstd * rstd * group_mean(case, g * x))
    elif case.uses_input_stats:
        dx = rstd * (g - group_mean(case, g) - xhat * group_mean(case, g * xhat))
    else:
        dx = g * rstd
    out = {"grad_input": dx}
    if case.affine:
        out["grad_weight"] = param_sum(case, dy * xhat)
        if case.has_bias:
            out["grad_bias"] = param_sum(case, dy)
    return out


def max_diff(a, b):
    """max |a - b|, where equal values (inf included) and NaN against NaN count as 0; NaN against a
    number is inf."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if not a.size:
        return 0.0
    d = np.abs(a - b)
    d[(a == b) | (np.isnan(a) & np.isnan(b))] = 0.0
    d[np.isnan(d)] = np.inf
    return float(np.max(d))


def check_output_against_stats(case, arrays, ref, mean, var):
    y = output_from_stats(case, arrays, mean, var)
    err = max_diff(y, ref["output"])
    finite = ref["output"][np.isfinite(ref["output"])]
    scale = 1.0 + (np.max(np.abs(finite)) if finite.size else 0.0)
    assert err <= 1e-9 * scale, "%s: output disagrees with independent stats by %g" % (case.name(), err)


# ----------------------------------------------------------------------------------------------
# Writing


def save(path, array, dtype):
    # Not np.ascontiguousarray: it turns rank-0 arrays (LayerNorm over the whole input) into (1,).
    np.save(path, np.array(array, dtype=np.float64).astype(dtype, order="C"))


def args_line(case, arrays):
    a = ["--norm", case.norm, "--input", "input.npy"]
    if "weight" in arrays:
        a += ["--weight", "weight.npy"]
    if "bias" in arrays:
        a += ["--bias", "bias.npy"]
    if "running_mean" in arrays:
        a += ["--running-mean", "running_mean.npy", "--running-var", "running_var.npy"]
    if case.nbt is not None:
        a += ["--num-batches-tracked", str(case.nbt)]
    if case.norm == "group":
        a += ["--num-groups", str(case.groups)]
    if case.norm in ("layer", "rms"):
        a += ["--normalized-shape", ",".join(str(d) for d in case.normalized_shape)]
    if case.eps is not None:
        a += ["--eps", case.eps]
    if case.momentum is not None:
        a += ["--momentum", case.momentum]
    if case.affine_flag is not None:
        a.append("--affine" if case.affine_flag else "--no-affine")
    if case.track_flag is not None:
        a.append("--track-running-stats" if case.track_flag else "--no-track-running-stats")
    if not case.train:
        a.append("--eval")
    if case.steps is not None:
        a += ["--steps", str(case.steps)]
    if case.threads is not None:
        a += ["--threads", str(case.threads)]
    a += ["--output", "output.npy"]
    if case.norm != "rms":
        a += ["--mean-out", "mean.npy"]
    a += ["--var-out", "var.npy"]
    if case.track:
        a += ["--state-out", "state"]
    if case.backward:
        a += ["--grad-output", "grad_output.npy", "--grad-input-out", "grad_input.npy"]
        if case.affine:
            a += ["--grad-weight-out", "grad_weight.npy"]
            if case.has_bias:
                a += ["--grad-bias-out", "grad_bias.npy"]
    return " ".join(a)


class Discrepancy:
    """Largest |PyTorch float32 - float64 reference| seen, per data category and quantity."""

    def __init__(self):
        self.max = {}

    def record(self, category, what, value, name):
        key = (category, what)
        if key not in self.max or value > self.max[key][0]:
            self.max[key] = (value, name)

    def report(self):
        for (category, what), (value, name) in sorted(self.max.items()):
            print("  float32 vs float64 %-8s %-12s max |diff| %.3g  (%s)" % (category, what, value, name))


def write_case(root, case, discrepancy, strict=True):
    """strict: assert that PyTorch float32 is near the float64 reference (a sanity check of the
    committed fixtures; random cross-check cases may be ill-conditioned, e.g. tiny eps)."""
    name = case.name()
    arrays = make_arrays(case)
    dt = NP_DTYPE[case.dtype]
    ref = run_torch(case, arrays, torch.float64)
    mean, var = independent_stats(case, arrays)
    check_output_against_stats(case, arrays, ref, mean, var)
    if case.backward and case.dtype == "f64":
        # The closed forms must agree with autograd on every float64 case: that proves them.
        formula = gradients_from_formula(case, arrays, mean, var)
        tol = 1e-6 if case.category == "offset" else 1e-10
        for k, v in formula.items():
            err = float(np.max(np.abs(v - ref[k]) / np.maximum(1.0, np.abs(ref[k])))) if v.size else 0.0
            assert err <= tol, "%s: %s formula disagrees with autograd by %g" % (name, k, err)
    if case.dtype == "f64" and case.category == "offset":
        # With mean 1e4 and std 1e-2, float64 itself (PyTorch's or anyone's) rounds the mean enough to
        # move the output by ~4e-10. The exact answer for this data comes from the same formula in
        # 80-bit long double; PyTorch float64 must agree with it to 1e-8.
        mean_ld, var_ld = independent_stats(case, arrays, np.longdouble)
        exact = output_from_stats(case, arrays, mean_ld, var_ld, np.longdouble).astype(np.float64)
        err = float(np.max(np.abs(exact - ref["output"])))
        assert err <= 1e-8, "%s: PyTorch float64 differs from the long double reference by %g" % (name, err)
        discrepancy.record("offset", "f64 output vs long double", err, name)
        ref["output"] = exact
        if case.backward:
            # Autograd in float64 is off by up to 1e-8 here; keep the long double closed forms.
            for k, v in gradients_from_formula(case, arrays, mean_ld, var_ld, np.longdouble).items():
                err = float(np.max(np.abs(v.astype(np.float64) - ref[k]) / np.maximum(1.0, np.abs(ref[k]))))
                assert err <= 1e-6, "%s: autograd float64 %s differs from long double by %g" % (name, k, err)
                discrepancy.record("offset", "f64 %s vs long double" % k, err, name)
                ref[k] = v.astype(np.float64)

    if case.dtype == "f32":
        f32 = run_torch(case, arrays, torch.float32)
        keys = ["output", "running_mean", "running_var", "grad_input", "grad_weight", "grad_bias"]
        for k in keys:
            if k not in ref:
                continue
            diff = max_diff(f32[k], ref[k])
            discrepancy.record(case.category, k, diff, name)
            if strict and case.category != "offset":
                # Gradients and zero-variance groups (rounding in the mean times 1/sqrt(eps)) get 10x.
                forward_quantity = k == "output" or k.startswith("running")
                factor = 1.0 if case.category == "normal" and forward_quantity else 10.0
                assert diff <= FLOAT32_TOLERANCE * factor, \
                    "%s: PyTorch float32 %s differs from the float64 reference by %g" % (name, k, diff)
        if case.track:
            assert f32["num_batches_tracked"] == ref["num_batches_tracked"]

    d = os.path.join(root, name)
    assert not os.path.exists(d), "duplicate case name " + name
    os.makedirs(os.path.join(d, "expected"))
    for k, v in arrays.items():
        save(os.path.join(d, k + ".npy"), v, dt)
    with open(os.path.join(d, "args.txt"), "w") as f:
        f.write(args_line(case, arrays) + "\n")
    e = os.path.join(d, "expected")
    save(os.path.join(e, "output.npy"), ref["output"], dt)
    if mean is not None:
        save(os.path.join(e, "mean.npy"), mean, dt)
    save(os.path.join(e, "var.npy"), var, dt)
    if case.track:
        s = os.path.join(e, "state")
        os.makedirs(s)
        save(os.path.join(s, "running_mean.npy"), ref["running_mean"], dt)
        save(os.path.join(s, "running_var.npy"), ref["running_var"], dt)
        with open(os.path.join(s, "num_batches_tracked.txt"), "w") as f:
            f.write("%d\n" % ref["num_batches_tracked"])
    for k in ("grad_input", "grad_weight", "grad_bias"):
        if k in ref:
            save(os.path.join(e, k + ".npy"), ref[k], dt)


# ----------------------------------------------------------------------------------------------
# Forward cases

BATCH_SHAPES = {2: (4, 3), 3: (3, 4, 5), 4: (2, 3, 4, 5), 5: (2, 4, 3, 2, 2)}
INSTANCE_SHAPES = {3: (2, 3, 5), 4: (2, 3, 4, 5), 5: (2, 4, 3, 2, 2)}
GROUP_CASES = {2: ((4, 6), 3), 3: ((2, 6, 5), 2), 4: ((2, 4, 3, 5), 2), 5: ((2, 4, 3, 2, 2), 2)}
LAYER_SHAPES = {1: (7,), 2: (4, 3), 3: (3, 4, 5), 4: (2, 3, 4, 5), 5: (2, 4, 3, 2, 2)}


def layer_combos():
    for rank, shape in LAYER_SHAPES.items():
        for ns in range(1, min(3, rank) + 1):
            yield shape, ns


def forward_cases():
    cs = []
    add = cs.append

    # --- BatchNorm ---------------------------------------------------------------------------
    for rank, shape in BATCH_SHAPES.items():
        for dt in ("f32", "f64"):
            add(Case("batch", shape, dt, train=True, momentum="0.1"))
            add(Case("batch", shape, dt, train=False, running=True))
    add(Case("batch", (2, 3, 4, 5), "f32", momentum="0.1", steps=3))
    add(Case("batch", (2, 3, 4, 5), "f32", affine=False))
    add(Case("batch", (3, 4, 5), "f64", affine=False, train=False, running=True))
    add(Case("batch", (2, 3, 4, 5), "f64", affine=True, params="default"))
    add(Case("batch", (4, 3), "f32", params="default"))
    add(Case("batch", (2, 3, 4, 5), "f32", params="weight"))
    add(Case("batch", (3, 4, 5), "f32", track=False))
    add(Case("batch", (2, 3, 4, 5), "f64", track=False, affine=False))
    for shape in ((4, 3), (2, 3, 4, 5), (2, 4, 3, 2, 2)):
        add(Case("batch", shape, "f32", train=False, track=False))   # eval, nothing tracked: batch stats
    add(Case("batch", (2, 3, 4, 5), "f64", train=False))              # eval with default running stats
    add(Case("batch", (2, 3, 4, 5), "f32", train=False, running=True, nbt=3, steps=2))
    # Momentum x steps, starting from given running statistics and num_batches_tracked = 3.
    for mom in ("0.1", "0.3", "1.0", "0.0", "none"):
        for steps in (1, 2, 5):
            add(Case("batch", (2, 3, 4, 5), "f64", momentum=mom, steps=steps, running=True, nbt=3))
    # ... and from the defaults.
    for mom in ("0.1", "none"):
        for steps in (2, 5):
            add(Case("batch", (3, 4, 5), "f32", momentum=mom, steps=steps))
    add(Case("batch", (3, 4, 5), "f32", momentum="none", steps=2, nbt=3))
    add(Case("batch", (4, 3), "f32", momentum="0.3", steps=2, running=True))
    add(Case("batch", (2, 4, 3, 2, 2), "f32", momentum="none", steps=5, running=True, nbt=3))
    for eps in ("1e-3", "0.5"):
        add(Case("batch", (2, 3, 4, 5), "f32", eps=eps))
        add(Case("batch", (2, 3, 4, 5), "f64", eps=eps, train=False, running=True))
    # Odd sizes.
    add(Case("batch", (3, 1, 2, 2), "f32", momentum="0.1", tag="C1"))
    add(Case("batch", (5, 1), "f64", tag="C1"))
    add(Case("batch", (3, 4, 1, 1), "f32", tag="hw1"))
    add(Case("batch", (1, 4, 1, 1), "f32", train=False, running=True, tag="n1hw1"))
    add(Case("batch", (1, 4, 1, 1), "f64", train=False, tag="n1hw1"))
    add(Case("batch", (1, 3, 4, 5), "f32", tag="n1"))
    add(Case("batch", (1, 4, 5), "f64", tag="n1"))
    add(Case("batch", (2, 3), "f32", tag="n2"))
    add(Case("batch", (2, 3, 1, 1, 1), "f64", tag="dhw1"))
    # Large offset and constant channels.
    for dt in ("f32", "f64"):
        add(Case("batch", (2, 3, 4, 5), dt, data="offset"))
        add(Case("batch", (2, 3, 4, 5), dt, data="offset", train=False, running=True))
        add(Case("batch", (3, 4, 5), dt, data="offset", momentum="none", steps=2, running=True, nbt=3))
        add(Case("batch", (2, 3, 4, 5), dt, data="constant"))
    add(Case("batch", (4, 3), "f64", data="offset", track=False, train=False))
    add(Case("batch", (3, 4, 5), "f64", data="halfconst", momentum="0.3", steps=2))
    add(Case("batch", (2, 4, 3, 2, 2), "f32", data="constant", train=False, track=False))

    # --- InstanceNorm ------------------------------------------------------------------------
    for rank, shape in INSTANCE_SHAPES.items():
        for dt in ("f32", "f64"):
            add(Case("instance", shape, dt))                            # defaults: no affine, untracked
            add(Case("instance", shape, dt, track=True, momentum="0.1"))
        add(Case("instance", shape, "f64", train=False, track=True, running=True))
    add(Case("instance", (2, 3, 4, 5), "f32", affine=True))
    add(Case("instance", (2, 3, 5), "f64", affine=True, track=True, running=True))
    add(Case("instance", (2, 4, 3, 2, 2), "f32", affine=True, params="default"))
    add(Case("instance", (2, 3, 4, 5), "f32", affine=False, track=False, train=False))
    add(Case("instance", (2, 3, 5), "f64", train=False))
    add(Case("instance", (2, 3, 4, 5), "f32", train=False, track=True))      # default running stats
    add(Case("instance", (2, 3, 4, 5), "f32", train=False, track=True, running=True, nbt=3, affine=True))
    add(Case("instance", (2, 3, 4, 5), "f32", track=True, momentum="0.3", steps=2, running=True, nbt=3))
    for mom in ("1.0", "0.0"):
        add(Case("instance", (2, 3, 4, 5), "f64", track=True, momentum=mom, steps=5, running=True))
    add(Case("instance", (2, 3, 5), "f32", track=True, steps=2))
    for eps in ("1e-3", "0.5"):
        add(Case("instance", (2, 3, 4, 5), "f32", eps=eps))
        add(Case("instance", (2, 3, 4, 5), "f64", eps=eps, affine=True, track=True, running=True))
    add(Case("instance", (2, 3, 4, 5), "f64", eps="0.5", train=False, track=True, running=True))
    add(Case("instance", (2, 1, 6), "f32", tag="C1"))
    add(Case("instance", (1, 3, 4, 5), "f64", affine=True, tag="n1"))
    add(Case("instance", (2, 3, 1, 1), "f32", train=False, track=True, running=True, tag="hw1"))
    add(Case("instance", (3, 2, 1, 2), "f64", tag="h1"))
    for dt in ("f32", "f64"):
        add(Case("instance", (2, 3, 4, 5), dt, data="offset", affine=True))
        add(Case("instance", (2, 3, 4, 5), dt, data="constant"))
    add(Case("instance", (2, 3, 4, 5), "f64", data="offset", track=True, steps=2, running=True))
    add(Case("instance", (2, 3, 4, 5), "f32", data="offset", track=True, train=False, running=True))
    add(Case("instance", (2, 3, 5), "f64", data="constant", track=True, momentum="0.3"))
    add(Case("instance", (2, 4, 3, 2, 2), "f32", data="halfconst", affine=True))

    # --- GroupNorm ---------------------------------------------------------------------------
    for rank, (shape, g) in GROUP_CASES.items():
        for dt in ("f32", "f64"):
            add(Case("group", shape, dt, groups=g))
    add(Case("group", (2, 4, 3, 5), "f32", groups=1))
    add(Case("group", (2, 4, 3, 5), "f64", groups=4))
    add(Case("group", (4, 6), "f32", groups=6))                  # one element per group
    add(Case("group", (4, 6), "f64", groups=1))
    add(Case("group", (2, 6, 5), "f32", groups=3, affine=False))
    add(Case("group", (2, 6, 5), "f64", groups=6, affine=True, params="default"))
    add(Case("group", (2, 4, 3, 5), "f32", groups=2, train=False))
    add(Case("group", (2, 4, 3, 2, 2), "f64", groups=4, steps=2))
    add(Case("group", (2, 4, 3, 5), "f32", groups=2, eps="1e-3"))
    add(Case("group", (2, 4, 3, 5), "f64", groups=2, eps="0.5", affine=False))
    add(Case("group", (1, 4, 3, 5), "f32", groups=2, tag="n1"))
    add(Case("group", (1, 6), "f64", groups=3, tag="n1"))
    add(Case("group", (3, 1, 4), "f32", groups=1, tag="C1"))
    add(Case("group", (2, 4, 1, 1), "f64", groups=2, tag="hw1"))
    for dt in ("f32", "f64"):
        add(Case("group", (2, 4, 3, 5), dt, groups=2, data="offset"))
        add(Case("group", (2, 4, 3, 5), dt, groups=2, data="constant"))
    add(Case("group", (2, 6, 5), "f64", groups=3, data="halfconst"))
    add(Case("group", (4, 6), "f32", groups=3, data="offset", affine=False))

    # --- LayerNorm and RMSNorm ---------------------------------------------------------------
    for norm in ("layer", "rms"):
        for shape, ns in layer_combos():
            for dt in ("f32", "f64"):
                add(Case(norm, shape, dt, ns=ns))
        add(Case(norm, (3, 4, 5), "f32", ns=1, affine=False))
        add(Case(norm, (2, 3, 4, 5), "f64", ns=2, affine=False))
        add(Case(norm, (4, 3), "f32", ns=1, params="default", affine=True))
        add(Case(norm, (3, 4, 5), "f64", ns=2, train=False))
        add(Case(norm, (4, 3), "f64", ns=2, steps=2))
        add(Case(norm, (3, 4, 5), "f32", ns=1, eps="1e-3"))
        add(Case(norm, (2, 3, 4, 5), "f64", ns=3, eps="0.5"))
        add(Case(norm, (7,), "f32", ns=1, eps="0.5", affine=False))
        add(Case(norm, (3, 1), "f32", ns=1, tag="D1"))
        add(Case(norm, (4, 3, 1, 1), "f64", ns=2, tag="D1"))
        for dt in ("f32", "f64"):
            add(Case(norm, (3, 4, 5), dt, ns=1, data="offset"))
            add(Case(norm, (2, 3, 4, 5), dt, ns=3, data="offset"))
            add(Case(norm, (3, 4, 5), dt, ns=2, data="constant"))
        add(Case(norm, (4, 6), "f32", ns=1, data="zerorows"))
        add(Case(norm, (2, 3, 4, 5), "f64", ns=2, data="halfconst", affine=False))
    add(Case("rms", (3, 4, 5), "f32", ns=1, eps="1e-5"))
    add(Case("rms", (3, 4, 5), "f64", ns=2, eps="1e-5"))

    # --- eps = 0 and negative eps: PyTorch accepts them; on an all-zero group 0/0 gives NaN
    # (zero rows, not constant ones: their mean and variance are exactly 0 in any arithmetic) -------
    for dt in ("f32", "f64"):
        add(Case("batch", (2, 4, 3, 3), dt, eps="0"))
        add(Case("batch", (2, 4, 3, 3), dt, eps="0", data="zerorows"))
    add(Case("batch", (2, 4, 3, 3), "f32", eps="-1"))
    add(Case("batch", (2, 4, 3, 3), "f64", eps="-1", train=False, running=True))
    add(Case("group", (2, 4, 3, 3), "f32", groups=2, eps="-1"))
    add(Case("group", (2, 4, 3, 3), "f64", groups=2, eps="0", data="zerorows"))
    add(Case("instance", (2, 4, 3, 3), "f32", eps="0", data="zerorows"))
    add(Case("layer", (2, 4, 3), "f32", ns=1, eps="0"))
    add(Case("layer", (2, 4, 3), "f64", ns=1, eps="-0.5"))
    add(Case("rms", (2, 4, 3), "f32", ns=1, eps="0"))
    add(Case("rms", (4, 6), "f64", ns=1, eps="0", data="zerorows"))

    # --- NaN and inf in the input: every norm, training and eval, running statistics -------------
    for data in NONFINITE_DATA:
        for dt in ("f32", "f64"):
            add(Case("batch", (2, 3, 4, 5), dt, data=data, steps=2))
        add(Case("batch", (2, 3, 4, 5), "f64", data=data, train=False, running=True))
        add(Case("instance", (2, 3, 4, 5), "f32", data=data, track=True, running=True))
        add(Case("instance", (2, 3, 4, 5), "f64", data=data, track=True, train=False, running=True))
        add(Case("group", (2, 4, 3, 5), "f32", groups=2, data=data))
        add(Case("layer", (3, 4, 5), "f64", ns=1, data=data))
        add(Case("rms", (3, 4, 5), "f32", ns=2, data=data))
    add(Case("batch", (3, 4, 5), "f32", data="mixed", momentum="none", steps=2, nbt=3))

    # --- Large cases (16k+ elements) at 1 and 2 threads: the threaded kernels meet PyTorch --------
    for threads in (1, 2):
        add(Case("batch", (8, 16, 16, 16), "f32", threads=threads))
        add(Case("group", (4, 16, 16, 16), "f32", groups=4, threads=threads))
        add(Case("layer", (16, 32, 32), "f32", ns=2, threads=threads))
        add(Case("instance", (4, 8, 32, 32), "f32", threads=threads, affine=True))
        add(Case("rms", (64, 512), "f32", ns=1, threads=threads))
        add(Case("batch", (8, 16, 16, 16), "f32", data="mixed", threads=threads))
    return cs


# ----------------------------------------------------------------------------------------------
# Backward cases


def backward_cases():
    cs = []
    add = lambda *a, **k: cs.append(Case(*a, backward=True, **k))
    for rank, shape in BATCH_SHAPES.items():
        add("batch", shape, "f32")
        add("batch", shape, "f64", train=False, running=True)
    add("batch", (2, 3, 4, 5), "f64")
    add("batch", (2, 3, 4, 5), "f32", train=False, running=True)
    add("batch", (2, 3, 4, 5), "f32", affine=False)
    add("batch", (3, 4, 5), "f64", affine=False, train=False, running=True)
    add("batch", (2, 3, 4, 5), "f64", track=False)
    add("batch", (2, 3, 4, 5), "f32", track=False, train=False)
    add("batch", (3, 4, 5), "f32", momentum="none", running=True, nbt=3)
    add("batch", (2, 3, 4, 5), "f64", params="default", eps="1e-3")
    add("batch", (3, 4, 1, 1), "f64", tag="hw1")
    add("batch", (2, 3, 4, 5), "f32", data="offset")
    add("batch", (2, 3, 4, 5), "f64", data="offset")
    add("batch", (2, 3, 4, 5), "f64", data="constant")

    for rank, shape in INSTANCE_SHAPES.items():
        add("instance", shape, "f32")
        add("instance", shape, "f64", affine=True)
    add("instance", (2, 3, 4, 5), "f64", track=True, running=True)
    add("instance", (2, 3, 4, 5), "f32", affine=True, track=True, train=False, running=True)
    add("instance", (2, 3, 5), "f64", track=True, train=False, running=True)
    add("instance", (2, 3, 5), "f32", train=False)
    add("instance", (2, 3, 4, 5), "f32", affine=True, track=True, momentum="0.3")
    add("instance", (2, 3, 4, 5), "f64", affine=True, eps="0.5")
    add("instance", (2, 3, 4, 5), "f64", affine=True, data="offset")
    add("instance", (2, 3, 4, 5), "f32", data="constant", affine=True)

    for rank, (shape, g) in GROUP_CASES.items():
        add("group", shape, "f32", groups=g)
        add("group", shape, "f64", groups=g)
    add("group", (2, 4, 3, 5), "f64", groups=1)
    add("group", (2, 4, 3, 5), "f32", groups=4, affine=False)
    add("group", (4, 6), "f64", groups=6)
    add("group", (2, 6, 5), "f64", groups=3, train=False, params="default")
    add("group", (1, 4, 3, 5), "f32", groups=2, tag="n1")
    add("group", (2, 4, 3, 5), "f64", groups=2, data="offset")
    add("group", (2, 4, 3, 5), "f32", groups=2, data="constant")

    for norm in ("layer", "rms"):
        for shape, ns in layer_combos():
            add(norm, shape, "f64" if (len(shape) + ns) % 2 else "f32", ns=ns)
        add(norm, (3, 4, 5), "f32", ns=2, affine=False)
        add(norm, (4, 3), "f64", ns=1, affine=False)
        add(norm, (2, 3, 4, 5), "f64", ns=2, train=False, eps="1e-3")
        add(norm, (3, 4, 5), "f64", ns=1, data="offset")
        add(norm, (3, 4, 5), "f32", ns=2, data="constant")
    return cs


# ----------------------------------------------------------------------------------------------
# Refusals


def torch_raises(fn):
    """Runs fn; returns 'ExceptionType: message' if it raised, None otherwise."""
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - any PyTorch refusal counts
        return "%s: %s" % (type(e).__name__, str(e).strip())
    return None


def module_with(module, **tensors):
    """A module whose parameters/buffers were replaced by tensors of possibly the wrong shape."""
    for k, v in tensors.items():
        if k in ("weight", "bias"):
            setattr(module, k, nn.Parameter(v))
        else:
            setattr(module, k, v)
    return module


def randn(shape, seed):
    return (np.random.default_rng(seed).standard_normal(shape) * 1.3 + 0.2).astype(np.float32)


def refusal_cases():
    """(name, args after the inputs, {file: array}, check) where check() returns the PyTorch error
    text or, for what PyTorch accepts but the contract refuses, ("note", text)."""
    cs = []
    T = lambda a: torch.from_numpy(a)
    out = "--output output.npy"

    def add(name, args, arrays, check):
        cs.append((name, args + " " + out, arrays, check))

    x1 = randn((4,), 1)
    add("batch_rank1", "--norm batch --input input.npy", {"input": x1},
        lambda: torch_raises(lambda: nn.BatchNorm1d(4)(T(x1))))

    x2 = randn((4, 5), 2)

    def instance_rank2():
        F_msg = torch_raises(lambda: F.instance_norm(T(x2)))
        mod = torch_raises(lambda: nn.InstanceNorm1d(4)(T(x2)))
        assert mod is None
        return ("note", "PyTorch's InstanceNorm1d accepts a 2D input as one unbatched (C, L) sample; "
                "the contract refuses rank 2 for instance (the CLI takes dim 1 as C, which would be L). "
                "torch.nn.functional.instance_norm on the same (4, 5) input raises: " + F_msg)
    add("instance_rank2", "--norm instance --input input.npy", {"input": x2}, instance_rank2)

    for name, shape, extra in (("batch1d_train_n1", (1, 4), ""),
                               ("batch1d_train_n1_l1", (1, 4, 1), ""),
                               ("batch2d_train_n1_hw1", (1, 4, 1, 1), ""),
                               ("batch3d_train_n1_dhw1", (1, 2, 1, 1, 1), ""),
                               ("batch2d_eval_untracked_n1_hw1", (1, 4, 1, 1), " --no-track-running-stats --eval")):
        x = randn(shape, 3)

        def check(x=x, extra=extra):
            cls = {2: nn.BatchNorm1d, 3: nn.BatchNorm1d, 4: nn.BatchNorm2d, 5: nn.BatchNorm3d}[x.ndim]
            m = cls(x.shape[1], track_running_stats="no-track" not in extra)
            m.train("--eval" not in extra)
            return torch_raises(lambda: m(T(x)))
        add(name, "--norm batch --input input.npy" + extra, {"input": x}, check)

    for name, shape, extra in (("instance2d_train_hw1", (2, 4, 1, 1), ""),
                               ("instance1d_train_l1", (2, 4, 1), ""),
                               ("instance2d_train_tracked_hw1", (2, 4, 1, 1), " --track-running-stats"),
                               ("instance2d_eval_untracked_hw1", (2, 4, 1, 1), " --eval")):
        x = randn(shape, 4)

        def check(x=x, extra=extra):
            cls = {3: nn.InstanceNorm1d, 4: nn.InstanceNorm2d}[x.ndim]
            m = cls(x.shape[1], track_running_stats="--track-running-stats" in extra)
            m.train("--eval" not in extra)
            return torch_raises(lambda: m(T(x)))
        add(name, "--norm instance --input input.npy" + extra, {"input": x}, check)

    xg = randn((2, 4, 3), 5)
    for name, g in (("group_3_of_4", "3"), ("group_0", "0"), ("group_neg2", "-2")):
        add(name, "--norm group --input input.npy --num-groups " + g, {"input": xg},
            lambda g=g: torch_raises(lambda: nn.GroupNorm(int(g), 4)(T(xg))))
    add("group_missing_num_groups", "--norm group --input input.npy", {"input": xg},
        lambda: torch_raises(lambda: nn.GroupNorm(num_channels=4)))

    xl = randn((2, 3, 5), 6)
    xl2 = randn((3, 5), 7)
    for norm in ("layer", "rms"):
        for name, x, ns in (("wrong_size", xl, "6"), ("wrong_inner", xl, "2,5"), ("wrong_rank", xl2, "2,3,5")):
            def check(x=x, ns=ns, norm=norm):
                msg = torch_raises(lambda: nn.LayerNorm([int(d) for d in ns.split(",")])(T(x)))
                if norm == "layer":
                    return msg
                assert msg is not None
                return ("note", "RMSNorm is not in torch 1.13; LayerNorm with the same normalized_shape "
                        "raises: " + msg)
            add("%s_ns_%s" % (norm, name), "--norm %s --input input.npy --normalized-shape %s" % (norm, ns),
                {"input": x}, check)
    add("layer_missing_normalized_shape", "--norm layer --input input.npy", {"input": xl},
        lambda: torch_raises(lambda: nn.LayerNorm()))

    def rms_missing():
        msg = torch_raises(lambda: nn.LayerNorm())
        assert msg is not None
        return ("note", "RMSNorm is not in torch 1.13 (torch.nn.RMSNorm takes normalized_shape as a "
                "required argument); LayerNorm without it raises: " + msg)
    add("rms_missing_normalized_shape", "--norm rms --input input.npy", {"input": xl}, rms_missing)

    xb = randn((2, 4, 3, 3), 8)
    # eps = 0 and negative eps are accepted (forward fixtures); NaN and inf are NormScope's limit.
    for norm, eps, make in (
            ("batch", "nan", lambda e: nn.BatchNorm2d(4, eps=e)),
            ("batch", "inf", lambda e: nn.BatchNorm2d(4, eps=e)),
            ("instance", "nan", lambda e: nn.InstanceNorm2d(4, eps=e))):
        extra = {"layer": " --normalized-shape 3", "group": " --num-groups 2", "rms": " --normalized-shape 3"}.get(norm, "")
        name = "%s_eps_%s" % (norm, eps.replace("-", "neg"))

        def check(eps=eps, make=make):
            e = float(eps)
            m = make(e)
            with torch.no_grad():
                y = m(T(xb))
            assert torch_raises(lambda: make(e)(T(xb))) is None
            return ("note", "PyTorch 1.13 accepts eps=%s (%s runs; output has %d NaN, %d inf of %d, e.g. %r); "
                    "NormScope's limit: eps must be finite."
                    % (eps, type(m).__name__, int(torch.isnan(y).sum()), int(torch.isinf(y).sum()), y.numel(),
                       float(y.flatten()[0])))
        add(name, "--norm %s --input input.npy --eps %s%s" % (norm, eps, extra), {"input": xb}, check)

    # Parameters and buffers of the wrong shape (C = 4).
    bad = lambda shape: np.ones(shape, dtype=np.float32)
    for name, norm, flags, files, module in (
            ("batch_weight_size3", "batch", "", {"weight": bad(3)}, lambda: nn.BatchNorm2d(4)),
            ("batch_bias_size5", "batch", "", {"bias": bad(5)}, lambda: nn.BatchNorm2d(4)),
            ("batch_running_mean_size3", "batch", "", {"running_mean": bad(3), "running_var": bad(4)},
             lambda: nn.BatchNorm2d(4)),
            ("batch_running_var_size5", "batch", " --eval", {"running_mean": bad(4), "running_var": bad(5)},
             lambda: nn.BatchNorm2d(4).eval()),
            ("batch_weight_shape1x4", "batch", "", {"weight": bad((1, 4))}, lambda: nn.BatchNorm2d(4)),
            ("instance_weight_size3", "instance", " --affine", {"weight": bad(3)},
             lambda: nn.InstanceNorm2d(4, affine=True)),
            ("instance_running_mean_size3", "instance", " --track-running-stats",
             {"running_mean": bad(3), "running_var": bad(4)},
             lambda: nn.InstanceNorm2d(4, track_running_stats=True)),
            ("group_weight_size3", "group", " --num-groups 2", {"weight": bad(3)}, lambda: nn.GroupNorm(2, 4)),
            ("group_bias_size8", "group", " --num-groups 2", {"bias": bad(8)}, lambda: nn.GroupNorm(2, 4)),
            ("layer_weight_size4", "layer", " --normalized-shape 3", {"weight": bad(4)}, lambda: nn.LayerNorm([3])),
            ("layer_weight_shape1x3", "layer", " --normalized-shape 3", {"weight": bad((1, 3))},
             lambda: nn.LayerNorm([3])),
            ("layer_bias_size2", "layer", " --normalized-shape 3", {"bias": bad(2)}, lambda: nn.LayerNorm([3])),
            ("rms_weight_size4", "rms", " --normalized-shape 3", {"weight": bad(4)}, None)):
        arrays = {"input": xb}
        args = "--norm %s --input input.npy" % norm
        for k, v in files.items():
            arrays[k] = v
            args += " --%s %s.npy" % (k.replace("_", "-"), k)
        args += flags

        def check(files=files, module=module, name=name):
            if module is None:
                msg = torch_raises(lambda: module_with(nn.LayerNorm([3]), weight=T(files["weight"]))(T(xb)))
                assert msg is not None
                return ("note", "RMSNorm is not in torch 1.13; LayerNorm given the same weight raises: " + msg)
            msg = torch_raises(lambda: module_with(module(), **{k: T(v) for k, v in files.items()})(T(xb)))
            if msg is not None:
                return msg
            # PyTorch's batch_norm only counts elements; loading the weight into the module is refused.
            m = module()
            sd = m.state_dict()
            sd.update({k: T(v) for k, v in files.items()})
            load = torch_raises(lambda: m.load_state_dict(sd))
            assert load is not None
            return ("note", "torch.nn.functional.batch_norm accepts a weight of shape (1, 4) (it checks only "
                    "the element count); the contract requires shape (C,), as the module does: "
                    "load_state_dict raises " + load.replace("\n", " ").replace("\t", ""))
        add(name, args, arrays, check)

    for name, flags in (("instance_momentum_none", ""), ("instance_tracked_momentum_none", " --track-running-stats")):
        add(name, "--norm instance --input input.npy --momentum none" + flags, {"input": xb},
            lambda flags=flags: torch_raises(lambda: nn.InstanceNorm2d(
                4, momentum=None, track_running_stats=bool(flags))(T(xb))))
    return cs


def key_phrase(name, text):
    """The part of PyTorch's message (or of the note) that NormScope's message must contain too,
    case-insensitively (tests/fixtures/README.md: key_phrase.txt). None: no phrase is shared."""
    if text.startswith("NOTE: "):
        return "NormScope's limit" if "NormScope's limit" in text else None
    for phrase in ("Expected more than 1 value per channel when training",
                   "Expected more than 1 spatial element when training",
                   "argument 'momentum' (position 7) must be float"):
        if phrase in text:
            return "momentum" if "momentum" in phrase else phrase
    if "Given normalized_shape=" in text:
        return text[text.index("Given normalized_shape="):text.index(", but got")]
    table = {
        "batch_rank1": "1D input",
        "group_3_of_4": "num_channels",
        "group_neg2": "-2",
    }
    if name in table:
        return table[name]
    if "missing 1 required positional argument" in text:
        return None  # NormScope names the option (--num-groups), PyTorch the argument
    # Parameters of the wrong size: PyTorch names the array; NormScope names it and its shape.
    for array in ("running_mean", "running_var", "weight", "bias"):
        if array in text:
            return array
    return None


def write_refusals(root):
    notes = 0
    for name, args, arrays, check in refusal_cases():
        d = os.path.join(root, name)
        assert not os.path.exists(d), "duplicate refusal " + name
        os.makedirs(d)
        for k, v in arrays.items():
            save(os.path.join(d, k + ".npy"), v, np.float32)
        with open(os.path.join(d, "args.txt"), "w") as f:
            f.write(args + "\n")
        result = check()
        if isinstance(result, tuple):
            text = "NOTE: " + result[1]
            notes += 1
        else:
            assert result is not None, name + ": PyTorch was expected to raise"
            text = result
        with open(os.path.join(d, "pytorch_error.txt"), "w") as f:
            f.write(text + "\n")
        phrase = key_phrase(name, text)
        if phrase is not None:
            assert phrase.lower() in text.lower(), name
            with open(os.path.join(d, "key_phrase.txt"), "w") as f:
                f.write(phrase + "\n")
    return notes


# ----------------------------------------------------------------------------------------------


def main():
    for sub in SUBDIRS:
        shutil.rmtree(os.path.join(FIXTURES, sub), ignore_errors=True)
        os.makedirs(os.path.join(FIXTURES, sub))
    discrepancy = Discrepancy()
    fwd = forward_cases()
    for c in fwd:
        assert not c.backward
        write_case(os.path.join(FIXTURES, "forward"), c, discrepancy)
    bwd = backward_cases()
    for c in bwd:
        write_case(os.path.join(FIXTURES, "backward"), c, discrepancy)
    notes = write_refusals(os.path.join(FIXTURES, "refusals"))
    refusals = len(os.listdir(os.path.join(FIXTURES, "refusals")))
    size = 0
    for sub in SUBDIRS:
        for dirpath, _, files in os.walk(os.path.join(FIXTURES, sub)):
            size += sum(os.path.getsize(os.path.join(dirpath, f)) for f in files)
    print("forward cases:  %d" % len(fwd))
    print("backward cases: %d" % len(bwd))
    print("refusal cases:  %d (%d where PyTorch accepts and only the contract refuses)" % (refusals, notes))
    print("total size:     %.2f MB" % (size / 1e6))
    discrepancy.report()


if __name__ == "__main__":
    sys.exit(main())
