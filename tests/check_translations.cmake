# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The NormScope authors
# Runs lupdate over ui/ into a copy of TS and fails when the catalogue is not what lupdate makes of
# the tree (a string added, changed or removed without the .ts following) or when any entry is
# unfinished, vanished or obsolete. Arguments: -DLUPDATE= -DSOURCE_DIR= -DTS= -DWORK=.
file(MAKE_DIRECTORY ${WORK})
get_filename_component(name ${TS} NAME)
set(copy ${WORK}/${name})
configure_file(${TS} ${copy} COPYONLY)
file(GLOB_RECURSE sources ${SOURCE_DIR}/ui/*.cpp ${SOURCE_DIR}/ui/*.h)
execute_process(COMMAND ${LUPDATE} -I ${SOURCE_DIR} -no-obsolete -locations none ${sources} -ts ${copy}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "lupdate failed (${rc}): ${err}")
endif()
file(READ ${copy} updated)
string(REGEX MATCHALL "<source>[^<]*</source>[ \n]*<translation type=\"(unfinished|vanished|obsolete)\"" bad "${updated}")
if(bad)
  message(FATAL_ERROR "${name}: entries without a finished translation after lupdate:\n${bad}")
endif()
file(READ ${TS} original)
if(NOT original STREQUAL updated)
  message(FATAL_ERROR "${name} is not what lupdate makes of ui/ (run: cmake --build build --target normscope_ui_lupdate, "
                      "then translate):\n${out}")
endif()
message(STATUS "${name}: complete, ${out}")
