# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The NormScope authors
# Fails when a source file under DIR has an #include line matching FORBID: the layers of
# ARCHITECTURE.md point down only. Run as: cmake -DDIR=... -DFORBID=regex -DRULE=text -P this file.
file(GLOB_RECURSE files ${DIR}/*.h ${DIR}/*.cpp)
if(NOT files)
  message(FATAL_ERROR "no source files under ${DIR}")
endif()
foreach(f ${files})
  file(STRINGS ${f} includes REGEX "^[ \t]*#[ \t]*include")
  foreach(line ${includes})
    if(line MATCHES "${FORBID}")
      message(FATAL_ERROR "${f}: ${line}\n  breaks the rule: ${RULE}")
    endif()
  endforeach()
endforeach()
list(LENGTH files n)
message(STATUS "${n} files under ${DIR}: ${RULE}")
