#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The NormScope authors
# Fails (and lists the files) when a C++ source file differs from .clang-format or lacks the two-line
# SPDX header (ARCHITECTURE.md, Habits). Checks only; never rewrites. To fix the format:
# clang-format -i $(git ls-files '*.cpp' '*.h')
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.h')
bad=()
unlicensed=()
for f in "${files[@]}"; do
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
  [[ "$(head -n 2 "$f")" == $'// SPDX-License-Identifier: GPL-3.0-or-later\n// SPDX-FileCopyrightText: '* ]] || unlicensed+=("$f")
done
if ((${#unlicensed[@]})); then
  echo "${#unlicensed[@]} file(s) without the SPDX header:" >&2
  printf '  %s\n' "${unlicensed[@]}" >&2
  exit 1
fi
if ((${#bad[@]})); then
  echo "clang-format: ${#bad[@]} file(s) differ from .clang-format:" >&2
  printf '  %s\n' "${bad[@]}" >&2
  exit 1
fi
echo "clang-format: ${#files[@]} files match .clang-format"
