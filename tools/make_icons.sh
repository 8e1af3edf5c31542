#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The NormScope authors
# Renders resources/icons/normscope.svg to the hicolor PNG sizes (resources/icons/hicolor/NxN/apps/),
# which are committed: the build and the package need no SVG renderer. Run after editing the SVG.
# Needs rsvg-convert (Debian: librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")/../resources/icons"
for size in 16 22 24 32 48 64 128 256; do
  mkdir -p "hicolor/${size}x${size}/apps"
  rsvg-convert -w "$size" -h "$size" normscope.svg -o "hicolor/${size}x${size}/apps/normscope.png"
done
