#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The NormScope authors
# Installs what is missing, checks the C++ style against .clang-format, builds everything with
# warnings as errors, runs every test, then builds the engine and CLI tests again with
# AddressSanitizer + UndefinedBehaviorSanitizer and runs those, then runs every libFuzzer harness for
# 30 s (tools/fuzz.sh). Any failure, sanitizer report or fuzzer finding fails the script.
set -euo pipefail
cd "$(dirname "$0")"
tools/install-deps.sh
tools/check-format.sh

BUILD_DIR=build tools/build.sh -DNORMSCOPE_WERROR=ON
(cd build && ctest --output-on-failure -j"$(nproc)")

BUILD_DIR=build-asan tools/build.sh -DNORMSCOPE_WERROR=ON -DNORMSCOPE_SANITIZE=ON -DNORMSCOPE_BUILD_GUI=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo
(cd build-asan && ctest --output-on-failure -j"$(nproc)" -L 'engine|cli')

tools/fuzz.sh
