#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The NormScope authors
"""Writes the .npz fixtures for tests/engine/test_npz.cpp with real numpy and python's zipfile.

Run from anywhere: /usr/bin/python3 tests/gen_npz_fixtures.py
Output: tests/fixtures/npz/*.npz and tests/fixtures/npz/expected/<file>.<key>.npy (deterministic:
the zip timestamps are pinned; a few KB; committed).

Every array of a valid archive is also written as a plain .npy with numpy.save (C order) under
expected/, and the test compares what it reads from the archive with that file bit for bit.

  savez.npz             np.savez: x float32 (2, 3, 4), w float64 (3,), s float64 () -- stored
  compressed.npz        np.savez_compressed: x float64 (3, 5), m float32 (4, 1)   -- deflated
  fortran.npz           np.savez_compressed: f float64 (3, 4) Fortran order, g float32 (2, 3, 2) Fortran
  zip64_forced.npz      zipfile, force_zip64=True: x float32 (2, 5), y float64 (6,) -- ZIP64 local extras
  zip64_full.npz        zipfile with its ZIP64 limits lowered: ZIP64 sizes in every header, a ZIP64
                        end of central directory: x float64 (2, 2, 2), deflated
  single.npz            np.savez(data=...): one member not named x, float32 (2, 3)
  no_x.npz              np.savez(a=..., b=...): two members, none named x
  empty.npz             np.savez() with no arrays

Files named bad_* must be refused; the test checks what the message names.

  bad_truncated.npz     savez.npz cut to its first half (no central directory)
  bad_crc.npz           savez.npz with one data byte of x changed (the CRC no longer matches)
  bad_non_npy.npz       zipfile: x.npy valid, notes.txt plain text, y.npy text that is not .npy
  bad_member.npz        np.savez of x, with x.npy's .npy header then cut short by hand (data truncated)
  bad_not_zip.npz       a .npy file renamed .npz
"""

import io
import os
import shutil
import time
import zipfile

import numpy as np
from numpy.lib import format as npformat

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fixtures", "npz")
EXPECTED = os.path.join(OUT, "expected")

# zipfile stamps members with time.localtime(time.time()): pin both for byte-identical files.
os.environ["TZ"] = "UTC"
time.tzset()
time.time = lambda: 1767225600.0  # 2026-01-01 00:00:00 UTC


def path(name):
    return os.path.join(OUT, name)


def expect(name, arrays):
    for key, value in arrays.items():
        np.save(os.path.join(EXPECTED, "%s.%s.npy" % (name, key)), value.copy(order="C"))


def npy_bytes(array):
    buf = io.BytesIO()
    npformat.write_array(buf, array)
    return buf.getvalue()


def check(name, arrays):
    with np.load(path(name)) as z:
        assert sorted(z.files) == sorted(arrays), (name, z.files)
        for key, value in arrays.items():
            got = z[key]
            assert got.dtype == value.dtype and got.shape == value.shape, (name, key)
            assert np.array_equal(got, value, equal_nan=True), (name, key)


def ramp(shape, dtype, scale=1.0, offset=0.0):
    return (np.arange(int(np.prod(shape)), dtype=np.float64).reshape(shape) * scale + offset).astype(dtype)


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(EXPECTED)

    savez = {
        "x": ramp((2, 3, 4), np.float32, 0.1, -1.0),
        "w": np.array([0.5, -2.25, 1e-300], dtype=np.float64),
        "s": np.array(3.75, dtype=np.float64),
    }
    np.savez(path("savez.npz"), **savez)

    compressed = {
        "x": ramp((3, 5), np.float64, 1.0 / 3.0, 100.0),
        "m": np.array([[np.nan], [np.inf], [-np.inf], [0.1]], dtype=np.float32),
    }
    np.savez_compressed(path("compressed.npz"), **compressed)

    fortran = {
        "f": np.asfortranarray(ramp((3, 4), np.float64, 10.0, 0.25)),
        "g": np.asfortranarray(ramp((2, 3, 2), np.float32, -0.5)),
    }
    assert fortran["f"].flags.f_contiguous and not fortran["f"].flags.c_contiguous
    np.savez_compressed(path("fortran.npz"), **fortran)

    zip64_forced = {"x": ramp((2, 5), np.float32, 2.0), "y": ramp((6,), np.float64, -1.5, 7.0)}
    with zipfile.ZipFile(path("zip64_forced.npz"), "w", compression=zipfile.ZIP_STORED) as z:
        for key, value in zip64_forced.items():
            with z.open(key + ".npy", "w", force_zip64=True) as f:
                f.write(npy_bytes(value))

    zip64_full = {"x": ramp((2, 2, 2), np.float64, 0.125, -3.0)}
    limits = (zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT)
    zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT = 16, 0
    try:
        with zipfile.ZipFile(path("zip64_full.npz"), "w", compression=zipfile.ZIP_DEFLATED) as z:
            for key, value in zip64_full.items():
                z.writestr(key + ".npy", npy_bytes(value))
    finally:
        zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT = limits
    raw = open(path("zip64_full.npz"), "rb").read()
    assert b"PK\x06\x06" in raw and b"PK\x06\x07" in raw, "no ZIP64 end of central directory"

    single = {"data": ramp((2, 3), np.float32, 1.0, 1.0)}
    np.savez(path("single.npz"), **single)

    no_x = {"a": ramp((2,), np.float64), "b": ramp((3,), np.float64, 2.0)}
    np.savez(path("no_x.npz"), **no_x)

    np.savez(path("empty.npz"))

    for name, arrays in [("savez", savez), ("compressed", compressed), ("fortran", fortran),
                         ("zip64_forced", zip64_forced), ("zip64_full", zip64_full), ("single", single),
                         ("no_x", no_x)]:
        check(name + ".npz", arrays)
        expect(name, arrays)

    good = open(path("savez.npz"), "rb").read()
    with open(path("bad_truncated.npz"), "wb") as f:
        f.write(good[: len(good) // 2])

    x_data = npy_bytes(savez["x"])[-16:]
    at = good.index(x_data)
    crc = bytearray(good)
    crc[at] ^= 0x01
    with open(path("bad_crc.npz"), "wb") as f:
        f.write(bytes(crc))

    with zipfile.ZipFile(path("bad_non_npy.npz"), "w") as z:
        z.writestr("x.npy", npy_bytes(savez["x"]))
        z.writestr("notes.txt", "not an array\n")
        z.writestr("y.npy", "neither is this\n")

    member = npy_bytes(savez["x"])
    with zipfile.ZipFile(path("bad_member.npz"), "w") as z:
        z.writestr("x.npy", member[: len(member) - 40])

    with open(path("bad_not_zip.npz"), "wb") as f:
        f.write(npy_bytes(savez["x"]))

    for name in sorted(os.listdir(OUT)):
        if name.endswith(".npz"):
            print("%-20s %6d bytes" % (name, os.path.getsize(path(name))))


if __name__ == "__main__":
    main()
