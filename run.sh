#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The NormScope authors
# Installs what is missing, builds, and launches NormScope on its built-in demo tensor. Arguments go
# to the window (./run.sh --norm group --num-groups 3). Without a display it renders the window to
# normscope-demo.png instead and says so.
set -euo pipefail
cd "$(dirname "$0")"
tools/install-deps.sh
tools/build.sh
if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
  exec build/app/normscope "$@"
fi
echo "no display: rendering the demo window to $(pwd)/normscope-demo.png"
QT_QPA_PLATFORM=offscreen build/app/normscope --screenshot normscope-demo.png "$@"
