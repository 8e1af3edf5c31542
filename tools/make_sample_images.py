#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The NormScope authors
"""Writes the lesson images-instancenorm's two sample pictures, resources/samples/*.png (64x64 RGB):

- gradient.png: a smooth colour gradient under a strong warm cast (red high, blue low), the kind of
  per-image colour offset InstanceNorm removes;
- pattern.png: a checkerboard with diagonal stripes at low contrast on a cool, dim ground.

Made here from formulas (numpy, PNG written with zlib and struct), so no third-party picture is
shipped. Run with /usr/bin/python3 (numpy): /usr/bin/python3 tools/make_sample_images.py
"""
import os
import struct
import zlib

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIZE = 64


def write_png(path, rgb):
    """8-bit RGB PNG, filter 0 on every row (what tests/gen_lesson_fixtures.py decodes)."""
    h, w, _ = rgb.shape
    raw = b"".join(b"\x00" + rgb[r].astype(np.uint8).tobytes() for r in range(h))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


def gradient():
    v, u = np.mgrid[0:SIZE, 0:SIZE] / (SIZE - 1.0)
    r = 150 + 100 * u            # a warm cast: red 150..250
    g = 60 + 120 * v             # green 60..180
    b = 20 + 60 * (1 - u) * v    # blue low, 20..80
    return np.rint(np.stack([r, g, b], axis=-1))


def pattern():
    y, x = np.mgrid[0:SIZE, 0:SIZE]
    checker = ((x // 8 + y // 8) % 2).astype(float)
    stripes = (((x + y) // 4) % 2).astype(float)
    t = 0.7 * checker + 0.3 * stripes  # 0..1
    r = 70 + 16 * t                    # low contrast on a dim, cool ground
    g = 80 + 16 * t
    b = 110 + 16 * t
    return np.rint(np.stack([r, g, b], axis=-1))


def main():
    out = os.path.join(ROOT, "resources", "samples")
    os.makedirs(out, exist_ok=True)
    write_png(os.path.join(out, "gradient.png"), gradient())
    write_png(os.path.join(out, "pattern.png"), pattern())


if __name__ == "__main__":
    main()
