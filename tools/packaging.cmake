# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The NormScope authors
# Installation and the Debian package: `cmake --install build` and `cpack -G DEB` (in build/).
# Everything a desktop expects of an application: the programs, the desktop entry with the session
# MIME type, AppStream metainfo, hicolor icons, man pages, README and LICENSE. The translations need
# no file: the .qm is compiled into the program (ui/CMakeLists.txt, :/i18n). The install.validate
# test (tests/check_install.cmake) installs into a staging directory and validates that tree.
include(GNUInstallDirs)

set(NORMSCOPE_APP_ID io.github.normscope.NormScope)
set(NORMSCOPE_HOMEPAGE https://github.com/normscope/normscope)
# The date of the release named by project(VERSION); the metainfo's <release> carries it.
set(NORMSCOPE_RELEASE_DATE 2026-12-06)

install(TARGETS normscope-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(TARGET normscope)
  install(TARGETS normscope RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  install(FILES resources/normscope.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  install(FILES resources/normscope-mime.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages
          RENAME normscope.xml)
  configure_file(resources/${NORMSCOPE_APP_ID}.metainfo.xml.in ${NORMSCOPE_APP_ID}.metainfo.xml @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/${NORMSCOPE_APP_ID}.metainfo.xml
          DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
  install(FILES resources/icons/normscope.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
  # The PNG sizes are rendered from the SVG by tools/make_icons.sh and committed.
  install(DIRECTORY resources/icons/hicolor/ DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor)
  install(FILES resources/man/normscope.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endif()
install(FILES resources/man/normscope-cli.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES README.md LICENSE DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/normscope)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME normscope)
set(CPACK_PACKAGE_VENDOR "The NormScope authors")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "visualiser of neural-network normalization layers")
set(CPACK_PACKAGE_HOMEPAGE_URL ${NORMSCOPE_HOMEPAGE})
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "The NormScope authors <normscope@users.noreply.github.com>")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
# The extended description; CPack puts the summary above it and indents each line.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "NormScope shows which elements BatchNorm, LayerNorm, InstanceNorm, GroupNorm
and RMSNorm normalise together: the tensor as a cube with the cells that share
a mean and a variance lit, and every number PyTorch would compute, from an
engine that matches torch.nn. Lessons in English and Chinese.

normscope-cli runs the same engine on NumPy arrays for scripts.")
# The library dependencies come from dpkg-shlibdeps; what the programs load at run time without
# linking it is named here: Qt's platform plugins (the window), Qt's own Chinese catalogue and a CJK font.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n, fonts-noto-cjk")
set(CPACK_STRIP_FILES ON)
include(CPack)
