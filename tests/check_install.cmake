# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The NormScope authors
# install.validate: `cmake --install` into a staging prefix, then check that tree as a desktop sees
# it: every file the package promises exists, desktop-file-validate and appstreamcli validate
# --no-net pass, both man pages render without a groff warning, and every option the programs'
# --help lists is in their man page (the pages are written by hand, so a new option must be added).
# Called with -DBUILD=<build dir> -DSTAGE=<staging dir> -DAPP_ID=<metainfo id>.
file(REMOVE_RECURSE ${STAGE})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD} --prefix ${STAGE}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${rc}):\n${out}${err}")
endif()

set(share ${STAGE}/share)
set(expected
  bin/normscope bin/normscope-cli
  share/applications/normscope.desktop
  share/mime/packages/normscope.xml
  share/metainfo/${APP_ID}.metainfo.xml
  share/icons/hicolor/scalable/apps/normscope.svg
  share/man/man1/normscope.1 share/man/man1/normscope-cli.1
  share/doc/normscope/README.md share/doc/normscope/LICENSE)
foreach(size 16 22 24 32 48 64 128 256)
  list(APPEND expected share/icons/hicolor/${size}x${size}/apps/normscope.png)
endforeach()
foreach(f ${expected})
  if(NOT EXISTS ${STAGE}/${f})
    message(FATAL_ERROR "the install tree lacks ${f}")
  endif()
endforeach()
# The programs run from the tree: check_options below runs each installed binary's --help.

# A validator's verdict: it must exit 0 and report no error or warning (hints and infos are advice).
function(run_validator what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR "${out}${err}" MATCHES "(^|\n)[^\n]*(error|warning)[: ]" OR "${out}${err}" MATCHES "(^|\n)[EW]: ")
    message(FATAL_ERROR "${what} fails (${rc}):\n${out}${err}")
  endif()
  message(STATUS "${what}: ok\n${out}${err}")
endfunction()
run_validator("desktop-file-validate" desktop-file-validate ${share}/applications/normscope.desktop)
run_validator("appstreamcli validate" appstreamcli validate --no-net ${share}/metainfo/${APP_ID}.metainfo.xml)

# The desktop entry starts the installed program with the file it is given.
file(STRINGS ${share}/applications/normscope.desktop exec REGEX "^Exec=")
if(NOT exec STREQUAL "Exec=normscope %f")
  message(FATAL_ERROR "the desktop entry's Exec line is '${exec}', expected 'Exec=normscope %f'")
endif()
file(READ ${share}/applications/normscope.desktop entry)
if(NOT entry MATCHES "MimeType=[^\n]*application/x-normscope-session;")
  message(FATAL_ERROR "the desktop entry does not name the session MIME type")
endif()

# Man pages: groff's warnings (-ww) on stderr fail, as does an empty rendering.
foreach(page normscope normscope-cli)
  execute_process(COMMAND groff -man -Tutf8 -ww ${share}/man/man1/${page}.1
                  RESULT_VARIABLE rc OUTPUT_VARIABLE text ERROR_VARIABLE err)
  string(LENGTH "${text}" length)
  if(NOT rc EQUAL 0 OR NOT err STREQUAL "" OR length LESS 2000)
    message(FATAL_ERROR "man page ${page}.1 does not render cleanly (${rc}, ${length} chars):\n${err}")
  endif()
endforeach()

# Every option of each --help is documented in the man page ("\-\-name" in troff source).
function(check_options page)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE help ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${ARGN} failed (${rc}): ${err}")
  endif()
  file(READ ${share}/man/man1/${page}.1 source)
  string(REPLACE "\\-" "-" source "${source}")
  string(REGEX MATCHALL "(^|\n) *--[a-z][a-z-]*" options "${help}")
  list(LENGTH options count)
  if(count LESS 5)
    message(FATAL_ERROR "found only ${count} options in the --help of ${ARGN}")
  endif()
  foreach(option ${options})
    string(STRIP "${option}" option)
    if(NOT source MATCHES "${option}([^a-z-]|$)")
      message(FATAL_ERROR "${page}.1 does not document ${option} (from ${ARGN})")
    endif()
  endforeach()
endfunction()
check_options(normscope-cli ${STAGE}/bin/normscope-cli forward --help)
check_options(normscope-cli ${STAGE}/bin/normscope-cli compare --help)
check_options(normscope-cli ${STAGE}/bin/normscope-cli bench --help)
check_options(normscope ${STAGE}/bin/normscope --help)
