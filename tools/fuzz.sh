#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The NormScope authors
# Builds the libFuzzer harnesses of tests/fuzz with clang (engine instrumented, ASan + UBSan) into
# build-fuzz/ and runs each for FUZZ_SECONDS (default 30) on a scratch copy of its committed seeds.
# Any crash, sanitizer report, leak or timeout fails the script; each harness prints its executions
# and coverage. Without clang it says so and fails.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-30}
command -v clang++ >/dev/null || { echo "fuzz: clang++ is not installed (tools/install-deps.sh installs it)" >&2; exit 1; }

CC=clang CXX=clang++ BUILD_DIR=build-fuzz tools/build.sh -DNORMSCOPE_FUZZ=ON -DNORMSCOPE_BUILD_GUI=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo

# harness -> committed seed directory
declare -A seeds=(
  [fuzz_npy]=tests/fixtures/npy
  [fuzz_npz]=tests/fixtures/npz
  [fuzz_options]=tests/fuzz/seeds/options
  [fuzz_tensor_literal]=tests/fuzz/seeds/tensor_literal
  [fuzz_lesson]=resources/lessons
)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for harness in "${!seeds[@]}"; do
  mkdir -p "$scratch/$harness"
  log="$scratch/$harness.log"
  # New inputs go to the scratch corpus; the committed seeds are only read. Findings (crash-*)
  # are written to the scratch directory and printed.
  if ! (cd "$scratch" && ASAN_OPTIONS=detect_leaks=1 "$OLDPWD/build-fuzz/tests/fuzz/$harness" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        "$scratch/$harness" "$OLDPWD/${seeds[$harness]}") >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "fuzz: $harness found a problem (log above)" >&2
    exit 1
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*')
  echo "fuzz: $harness ${seconds}s, ${execs:-?} executions, coverage ${cov:-?} edges, no finding"
done
echo "fuzz: ${#seeds[@]} passed, 0 failed"
