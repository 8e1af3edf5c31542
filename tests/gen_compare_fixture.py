#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The NormScope authors
"""Writes the fixture of tests/cli/test_cli_tables.cpp's compare check with numpy alone.

Run from anywhere: /usr/bin/python3 tests/gen_compare_fixture.py
Output: tests/fixtures/compare/x.npy (float64 (4, 6, 5, 5), channel c offset by c and scaled by
c + 1) and expected.csv: per norm the comparison table's numbers for `normscope-cli compare --input
x.npy` (eps 1e-5, no affine change, training, GroupNorm's G = 2, LayerNorm and RMSNorm over
(6, 5, 5)), computed here from the definitions, not by NormScope:

  mean_min/max, var_min/max  range of the per-group mean and biased variance (RMSNorm: mean of x^2)
  y_mean, y_std              y.mean() and y.std(ddof=1) of y = (x - mean) / sqrt(var + eps)
                             (RMSNorm: x / sqrt(mean(x^2) + eps))
"""

import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "compare")
EPS = 1e-5


def stats(x, axes):
    mean = x.mean(axis=axes, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=axes, keepdims=True)
    return mean, var


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(14)
    c = np.arange(6, dtype=np.float64)[None, :, None, None]
    x = rng.standard_normal((4, 6, 5, 5)) * (c + 1) + c
    np.save(os.path.join(OUT, "x.npy"), x)

    rows = []
    for norm, axes in (("batch", (0, 2, 3)), ("layer", (1, 2, 3)), ("instance", (2, 3))):
        mean, var = stats(x, axes)
        y = (x - mean) / np.sqrt(var + EPS)
        rows.append((norm, mean.min(), mean.max(), var.min(), var.max(), y.mean(), y.std(ddof=1)))
    g = x.reshape(4, 2, -1)
    mean, var = stats(g, (2,))
    y = ((g - mean) / np.sqrt(var + EPS)).reshape(x.shape)
    rows.append(("group", mean.min(), mean.max(), var.min(), var.max(), y.mean(), y.std(ddof=1)))
    ms = (x * x).mean(axis=(1, 2, 3), keepdims=True)
    y = x / np.sqrt(ms + EPS)
    rows.append(("rms", float("nan"), float("nan"), ms.min(), ms.max(), y.mean(), y.std(ddof=1)))

    with open(os.path.join(OUT, "expected.csv"), "w") as f:
        f.write("norm,mean_min,mean_max,var_min,var_max,y_mean,y_std\n")
        for row in rows:
            f.write(row[0] + "," + ",".join(repr(float(v)) for v in row[1:]) + "\n")


if __name__ == "__main__":
    main()
