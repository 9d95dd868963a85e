# fl_add_file_harness(NAME <target> ADAPTER <adapter.c>
#                     [SOURCES <loader sources...>] [INCLUDE_DIRS <dirs...>]
#                     [LINK_LIBRARIES <libs...>] [CORPUS <dir>])
#
# Builds a cached-file harness (fuzz/files, issue 8) for one adapter:
#   bin/<target>-fuzz    libFuzzer, ASan+UBSan
#   bin/<target>-replay  standalone replayer (ASan+UBSan), also what ctest runs
#   bin/<target>-afl     AFL++ (afl-clang-fast + libAFLDriver) when available
#                        and the harness links no libraries of ours (those
#                        would need an AFL-instrumented build of their own)
# CORPUS (default corpus/fuzz/<target>) is recorded for tests/files.cmake and
# scripts/fuzz-files.
include_guard(GLOBAL)

# Included from several directories but guarded: what the functions need
# is computed inside them, not left in one directory's variables.
macro(_fl_files_runtime_vars)
  set(FL_FILES_RUNTIME_DIR ${CMAKE_CURRENT_FUNCTION_LIST_DIR})
  set(FL_FILES_RUNTIME_SOURCES)
  foreach(file budget report runtime scenario_decode scenario_describe scenario_dir
               syscall_hooks watchdog)
    list(APPEND FL_FILES_RUNTIME_SOURCES ${FL_FILES_RUNTIME_DIR}/${file}.c)
  endforeach()
  set(FL_FILES_SANITIZE address,undefined)
endmacro()
find_program(FL_AFL_CC afl-clang-fast)
find_file(FL_AFL_DRIVER libAFLDriver.a PATHS /usr/lib/afl /usr/local/lib/afl NO_DEFAULT_PATH)
option(FL_FILES_DB "Replayers of cached-file harnesses link libffilint for --import-db" ON)
option(FL_FUZZ_AFL "Build AFL++ variants of the cached-file harnesses when afl-clang-fast exists" ON)
set_property(GLOBAL PROPERTY FL_FILE_HARNESSES "")

function(_fl_files_target target kind)
  _fl_files_runtime_vars()
  cmake_parse_arguments(H "" "ADAPTER" "SOURCES;INCLUDE_DIRS;LINK_LIBRARIES" ${ARGN})
  if(kind STREQUAL "fuzz")
    set(entry ${FL_FILES_RUNTIME_DIR}/libfuzzer_main.c)
    set(sanitize fuzzer,${FL_FILES_SANITIZE})
    # A library with a coverage-instrumented twin <lib>_fuzz (ffilint has
    # ffilint_fuzz) is linked as the twin: its code is what is under test.
    set(libs)
    foreach(lib ${H_LINK_LIBRARIES})
      if(TARGET ${lib}_fuzz)
        list(APPEND libs ${lib}_fuzz)
      else()
        list(APPEND libs ${lib})
      endif()
    endforeach()
    set(H_LINK_LIBRARIES ${libs})
  else()
    set(entry ${FL_FILES_RUNTIME_DIR}/replay_main.c ${FL_FILES_RUNTIME_DIR}/replay_verdict.c)
    set(sanitize ${FL_FILES_SANITIZE})
    if(FL_FILES_DB AND TARGET ffilint)
      list(APPEND entry ${FL_FILES_RUNTIME_DIR}/replay_db.c)
      list(APPEND H_LINK_LIBRARIES ffilint) # the audit DB (--import-db)
      set(with_db 1)
    endif()
  endif()
  add_executable(${target} ${FL_FILES_RUNTIME_SOURCES} ${entry} ${H_ADAPTER} ${H_SOURCES})
  target_include_directories(${target} PRIVATE ${FL_FILES_RUNTIME_DIR} ${H_INCLUDE_DIRS})
  target_compile_definitions(${target} PRIVATE _GNU_SOURCE)
  if(with_db)
    target_compile_definitions(${target} PRIVATE FL_FILES_HAVE_DB=1)
  endif()
  target_compile_options(${target} PRIVATE ${FL_WARNINGS} -g -O1 -fno-omit-frame-pointer
                         -fsanitize=${sanitize} -fno-sanitize-recover=all)
  target_link_options(${target} PRIVATE -fsanitize=${sanitize})
  target_link_libraries(${target} PRIVATE ${H_LINK_LIBRARIES} Threads::Threads ${CMAKE_DL_LIBS})
  set_target_properties(${target} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
endfunction()

function(fl_add_file_harness)
  _fl_files_runtime_vars()
  cmake_parse_arguments(H "" "NAME;ADAPTER;CORPUS" "SOURCES;INCLUDE_DIRS;LINK_LIBRARIES" ${ARGN})
  if(NOT H_NAME OR NOT H_ADAPTER)
    message(FATAL_ERROR "fl_add_file_harness: NAME and ADAPTER are required")
  endif()
  if(FL_SANITIZE MATCHES "thread|memory")
    message(STATUS "fuzz/files: ${H_NAME} skipped (FL_SANITIZE=${FL_SANITIZE} excludes ASan)")
    return()
  endif()
  if(NOT H_CORPUS)
    set(H_CORPUS ${FL_SOURCE_ROOT}/corpus/fuzz/${H_NAME})
  endif()
  set(common ADAPTER ${H_ADAPTER} SOURCES ${H_SOURCES} INCLUDE_DIRS ${H_INCLUDE_DIRS}
      LINK_LIBRARIES ${H_LINK_LIBRARIES})
  _fl_files_target(${H_NAME}-fuzz fuzz ${common})
  _fl_files_target(${H_NAME}-replay replay ${common})
  set_property(GLOBAL APPEND PROPERTY FL_FILE_HARNESSES ${H_NAME})
  set_property(GLOBAL PROPERTY FL_FILE_HARNESS_CORPUS_${H_NAME} ${H_CORPUS})

  if(FL_FUZZ_AFL AND FL_AFL_CC AND FL_AFL_DRIVER AND NOT H_LINK_LIBRARIES)
    set(includes)
    foreach(dir ${FL_FILES_RUNTIME_DIR} ${H_INCLUDE_DIRS})
      list(APPEND includes -I${dir})
    endforeach()
    set(output ${CMAKE_BINARY_DIR}/bin/${H_NAME}-afl)
    add_custom_command(
      OUTPUT ${output}
      COMMAND ${CMAKE_COMMAND} -E env AFL_QUIET=1 ${FL_AFL_CC} -std=c11 -D_GNU_SOURCE -g -O1
              -fno-omit-frame-pointer -fsanitize=${FL_FILES_SANITIZE} ${includes}
              ${FL_FILES_RUNTIME_SOURCES} ${FL_FILES_RUNTIME_DIR}/libfuzzer_main.c
              ${H_ADAPTER} ${H_SOURCES} ${FL_AFL_DRIVER} -lpthread -ldl -o ${output}
      DEPENDS ${FL_FILES_RUNTIME_SOURCES} ${FL_FILES_RUNTIME_DIR}/libfuzzer_main.c
              ${H_ADAPTER} ${H_SOURCES}
      COMMENT "AFL++ build of ${H_NAME}" VERBATIM)
    add_custom_target(${H_NAME}-afl ALL DEPENDS ${output})
  endif()
endfunction()
