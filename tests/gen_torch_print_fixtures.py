#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The NormScope authors
"""Writes tests/fixtures/torch_print/cases.json: tensors and their text as torch 1.13 prints them.

Each case holds the shape, the dtype, the values (row-major, as Python floats: a float32 value's
double is exact) and print(tensor) with the default print options (precision 4, threshold 1000,
edgeitems 3, linewidth 80). tests/engine/test_torch_print.cpp compares engine/report/torch_print.h
with them.

Run with /usr/bin/python3 (torch 1.13): /usr/bin/python3 tests/gen_torch_print_fixtures.py
"""
import json
import math
import os

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def cases():
    g = torch.Generator().manual_seed(15)

    def randn(*shape, dtype=torch.float32):
        return torch.randn(*shape, generator=g, dtype=torch.float64).to(dtype)

    f32 = torch.float32
    yield "article_bn1d_2d_x", torch.tensor([[0, 1, 2], [3, 4, 5], [6, 7, 8]], dtype=f32)
    yield "article_bn1d_2d_y", torch.nn.BatchNorm1d(3)(torch.tensor([[0, 1, 2], [3, 4, 5], [6, 7, 8]], dtype=f32)).detach()
    yield "article_bn1d_3d_x", torch.arange(12, dtype=f32).reshape(2, 2, 3)
    yield "article_bn1d_3d_y", torch.nn.BatchNorm1d(2)(torch.arange(12, dtype=f32).reshape(2, 2, 3)).detach()
    yield "negative_2d", randn(3, 4)
    yield "rank1_wrapped", randn(30)
    yield "rank1_ints_wrapped", torch.arange(-20, 25, dtype=f32)
    yield "rank4", randn(2, 3, 2, 2)
    yield "rank5", randn(2, 2, 2, 2, 3)
    yield "scientific_small", randn(2, 3) * 1e-5
    yield "scientific_large", randn(2, 3) * 1e9
    yield "scientific_ratio", torch.tensor([[0.001, 2.5], [-3.0, 10.0]], dtype=f32)
    yield "ints_scientific", torch.tensor([1.0, -2000.0, 3.0], dtype=f32)
    yield "ints_negative_zero", torch.tensor([[0.0, -0.0], [-4.0, 12.0]], dtype=f32)
    yield "zeros", torch.zeros(2, 3)
    yield "nonfinite", torch.tensor([[float("nan"), 1.5, -float("inf")], [0.0, 2.25, float("inf")]], dtype=f32)
    yield "nonfinite_only", torch.tensor([float("nan"), float("inf")], dtype=f32)
    yield "float64", randn(3, 3, dtype=torch.float64)
    yield "float64_suffix_newline", randn(11, dtype=torch.float64) * 100
    yield "elided_2d", randn(40, 40)
    yield "elided_rank1", randn(2000)
    yield "elided_rank3_mixed", randn(2, 600, 3)
    yield "elided_rank4", randn(4, 6, 8, 8)
    yield "elided_rank5", randn(3, 4, 5, 6, 7)
    yield "not_elided_1000", randn(10, 100)
    yield "rank5_720", randn(2, 3, 4, 5, 6)
    yield "elided_float64", randn(8, 130, dtype=torch.float64)
    yield "elided_ints", torch.arange(1200, dtype=f32).reshape(4, 300)


def main():
    out = []
    for name, t in cases():
        out.append({
            "name": name,
            "shape": list(t.shape),
            "dtype": "float64" if t.dtype == torch.float64 else "float32",
            # JSON readers drop the sign of -0.0 and have no nan/inf: those are strings.
            "values": [v if math.isfinite(v) and not (v == 0 and math.copysign(1, v) < 0) else str(v)
                       for v in t.reshape(-1).double().tolist()],
            "text": repr(t),
        })
    path = os.path.join(ROOT, "tests", "fixtures", "torch_print", "cases.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
