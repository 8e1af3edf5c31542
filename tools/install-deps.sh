#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The NormScope authors
# Installs the Debian packages NormScope needs that are missing (build, tests, window). Idempotent:
# with everything present it only checks. Needs root (or sudo) for apt-get.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config clang-format   # clang-format: ./test.sh checks the style
  libeigen3-dev qt6-base-dev libqcustomplot-dev libgl-dev
  qt6-svg-dev              # figures as SVG (QSvgGenerator), read back by the tests (QSvgRenderer)
  libzip-dev               # .npz archives (engine/io)
  python3-numpy            # the npy test checks that numpy reads what we write
  xvfb xauth fonts-dejavu-core   # running the window headless (screenshots)
  fonts-noto-cjk           # the lessons' Chinese text (and the zh_CN interface)
  qt6-l10n-tools qt6-tools-dev   # lupdate/lrelease and Qt6LinguistTools for CMake (the zh_CN catalogue)
  qt6-translations-l10n    # Qt's own qtbase_zh_CN catalogue (standard dialogs' buttons in Chinese)
  clang libclang-rt-14-dev libomp-14-dev   # the libFuzzer harnesses (tools/fuzz.sh)
  desktop-file-utils appstream groff-base man-db   # install.validate: the desktop entry, metainfo, man pages
  dpkg-dev                 # cpack -G DEB: dpkg-shlibdeps finds the package's dependencies
)
if [[ "${1:-}" == "--torch" ]]; then
  packages+=(python3-torch libjemalloc2)  # regenerating fixtures, PyTorch cross-checks and benchmarks
fi

missing=()
for p in "${packages[@]}"; do
  [[ "$p" == \#* ]] && continue
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
