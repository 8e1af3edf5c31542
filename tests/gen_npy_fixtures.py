#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The NormScope authors
"""Writes the .npy fixtures for tests/engine/test_npy.cpp with real numpy.

Run from anywhere: /usr/bin/python3 tests/gen_npy_fixtures.py
Output: tests/fixtures/npy/*.npy (deterministic, a few KB; committed).

The test never compares against numbers printed by this script: every valid array is a closed-form
formula the test recomputes, and each Fortran-order file has a C-order twin holding the same array.

  c_f4_3d / fortran_f4_3d      float32 (2, 3, 4)     x[i, j, k] = i*100 + j*10 + k
  c_f8_2d / fortran_f8_2d      float64 (3, 5)        x[i, j] = i*10 + j + 0.25
  c_f8_4d / fortran_f8_4d      float64 (2, 3, 2, 2)  x[a, b, c, d] = a*1000 + b*100 + c*10 + d
  v2_f8_1d                     float64 (5,)          x[i] = i * 0.5          format 2.0
  v3_f4_2d                     float32 (2, 2)        x[i, j] = i - j * 0.5   format 3.0
  rank0_f8                     float64 ()            -2.5
  zero_size_f4                 float32 (0, 3)        no values
  nonfinite_f4                 float32 (4,)          [nan, inf, -inf, 1.0]

Files named bad_* must be refused; the test checks what the message names.
"""

import os

import numpy as np
from numpy.lib import format as npformat

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "npy")


def path(name):
    return os.path.join(OUT, name + ".npy")


def save(name, array, version=None):
    with open(path(name), "wb") as f:
        npformat.write_array(f, array, version=version, allow_pickle=(array.dtype == object))


def raw(name, data):
    with open(path(name), "wb") as f:
        f.write(data)


def main():
    os.makedirs(OUT, exist_ok=True)
    for old in os.listdir(OUT):
        if old.endswith(".npy"):
            os.remove(os.path.join(OUT, old))

    i, j, k = np.indices((2, 3, 4))
    x3 = (i * 100 + j * 10 + k).astype("<f4")
    save("c_f4_3d", np.ascontiguousarray(x3))
    save("fortran_f4_3d", np.asfortranarray(x3))

    i, j = np.indices((3, 5))
    x2 = (i * 10 + j + 0.25).astype("<f8")
    save("c_f8_2d", np.ascontiguousarray(x2))
    save("fortran_f8_2d", np.asfortranarray(x2))

    a, b, c, d = np.indices((2, 3, 2, 2))
    x4 = (a * 1000 + b * 100 + c * 10 + d).astype("<f8")
    save("c_f8_4d", np.ascontiguousarray(x4))
    save("fortran_f8_4d", np.asfortranarray(x4))

    save("v2_f8_1d", np.arange(5, dtype="<f8") * 0.5, version=(2, 0))
    i, j = np.indices((2, 2))
    save("v3_f4_2d", (i - j * 0.5).astype("<f4"), version=(3, 0))
    save("rank0_f8", np.array(-2.5, dtype="<f8"))
    save("zero_size_f4", np.zeros((0, 3), dtype="<f4"))
    save("nonfinite_f4", np.array([np.nan, np.inf, -np.inf, 1.0], dtype="<f4"))

    save("bad_big_endian_f8", np.arange(3, dtype=">f8"))
    save("bad_int32", np.arange(3, dtype="<i4"))
    save("bad_float16", np.arange(3, dtype="<f2"))
    save("bad_structured", np.zeros(2, dtype=[("a", "<f4"), ("b", "<f4")]))
    save("bad_object", np.array([1, "a"], dtype=object))

    with open(path("c_f4_3d"), "rb") as f:
        good = f.read()
    raw("bad_truncated_data", good[:-56])       # 40 of the 96 data bytes left
    raw("bad_extra_data", good + b"\0" * 8)
    raw("bad_magic", b"PK\x03\x04" + good[4:])
    # A format 2.0 preamble whose 4-byte header length is close to 4 GiB.
    raw("bad_huge_header", b"\x93NUMPY\x02\x00" + (0xFFFFFFF0).to_bytes(4, "little") + b"{'descr': '<f4'")


if __name__ == "__main__":
    main()
