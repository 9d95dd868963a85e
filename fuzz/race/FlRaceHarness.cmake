# fl_add_race_harness(NAME <name> ADAPTER <adapter.c> LIBRARY <sources...>
#                     [INCLUDES <dirs...>] [LINK <libs...>])
#
# Builds a handle-API adapter (race.h) with the library under test into
#   <name>-fuzzer   libFuzzer binary (or AFL++ binary when configured with
#                   CC=afl-clang-fast: -fsanitize=fuzzer links libAFLDriver)
#   <name>-replay   standalone replayer / minimiser / stress baseline
# The library sources are compiled with -finstrument-functions (switch
# points at function entry/exit) and linked with --wrap for the pthread and
# sleep calls the scheduler interposes. Sanitizers: FL_RACE_SANITIZE
# (default address,undefined; "thread" for the TSan variant).
# The library must be given as sources (or static objects): --wrap only
# reroutes references resolved at static link time.

set(FL_RACE_DIR ${CMAKE_CURRENT_LIST_DIR})
set(FL_RACE_WRAPPED
  pthread_mutex_lock pthread_mutex_trylock pthread_mutex_unlock
  pthread_cond_wait pthread_cond_timedwait pthread_cond_signal pthread_cond_broadcast
  pthread_rwlock_rdlock pthread_rwlock_wrlock pthread_rwlock_tryrdlock
  pthread_rwlock_trywrlock pthread_rwlock_unlock
  sched_yield sleep usleep nanosleep)
set(FL_RACE_WRAP_FLAGS)
foreach(fn ${FL_RACE_WRAPPED})
  list(APPEND FL_RACE_WRAP_FLAGS "-Wl,--wrap=${fn}")
endforeach()

if(NOT FL_RACE_SANITIZE)
  if(FL_SANITIZE)
    set(FL_RACE_SANITIZE ${FL_SANITIZE})
  else()
    set(FL_RACE_SANITIZE address,undefined)
  endif()
endif()
set(FL_RACE_SAN_FLAGS -fsanitize=${FL_RACE_SANITIZE} -fno-omit-frame-pointer
    -fno-sanitize-recover=all -g)
if(NOT DEFINED FL_RACE_WARNINGS)
  set(FL_RACE_WARNINGS -Wall -Wextra -Werror -Wno-unused-parameter)
endif()

# The runtime is shared by every harness in the build. It is compiled
# without TSan instrumentation so that the baton handoff between threads
# creates no happens-before edge TSan could see.
if(NOT TARGET fl_race_runtime)
  add_library(fl_race_runtime STATIC
    ${FL_RACE_DIR}/race_input.c ${FL_RACE_DIR}/race_plan.c ${FL_RACE_DIR}/race_sched.c
    ${FL_RACE_DIR}/race_wrap.c ${FL_RACE_DIR}/race_hooks.c ${FL_RACE_DIR}/race_run.c
    ${FL_RACE_DIR}/race_timeline.c)
  target_include_directories(fl_race_runtime PUBLIC ${FL_RACE_DIR})
  target_compile_definitions(fl_race_runtime PRIVATE _GNU_SOURCE)
  target_compile_options(fl_race_runtime PRIVATE ${FL_RACE_WARNINGS} ${FL_RACE_SAN_FLAGS})
  if(FL_RACE_SANITIZE MATCHES "thread")
    target_compile_options(fl_race_runtime PRIVATE -fno-sanitize=thread)
  endif()
  # The scheduler compares each step with the input's change points; with
  # comparison tracing libFuzzer sees the step numbers a run went through
  # and can copy them into change points. (Outside libFuzzer the sanitizer
  # runtime's empty defaults take the calls.)
  set_source_files_properties(${FL_RACE_DIR}/race_sched.c PROPERTIES
    COMPILE_OPTIONS "-fsanitize-coverage=trace-cmp")
  find_package(Threads REQUIRED)
  target_link_libraries(fl_race_runtime PUBLIC Threads::Threads)

  add_library(fl_race_tools STATIC
    ${FL_RACE_DIR}/race_replay.c ${FL_RACE_DIR}/race_child.c ${FL_RACE_DIR}/race_report.c
    ${FL_RACE_DIR}/race_minimize.c ${FL_RACE_DIR}/race_stress.c)
  target_include_directories(fl_race_tools PUBLIC ${FL_RACE_DIR})
  target_compile_definitions(fl_race_tools PRIVATE _GNU_SOURCE)
  target_compile_options(fl_race_tools PRIVATE ${FL_RACE_WARNINGS} ${FL_RACE_SAN_FLAGS})
  target_link_libraries(fl_race_tools PUBLIC fl_race_runtime)
  if(TARGET fl_race_db_import)
    target_link_libraries(fl_race_tools PUBLIC fl_race_db_import)
  endif()
endif()

function(fl_add_race_harness)
  cmake_parse_arguments(ARG "" "NAME;ADAPTER" "LIBRARY;INCLUDES;LINK" ${ARGN})
  if(NOT ARG_NAME OR NOT ARG_ADAPTER OR NOT ARG_LIBRARY)
    message(FATAL_ERROR "fl_add_race_harness: NAME, ADAPTER and LIBRARY are required")
  endif()
  set(name ${ARG_NAME})
  set(out_dir ${CMAKE_BINARY_DIR}/bin)

  # The library under test, twice: with libFuzzer coverage for the fuzzer,
  # without for the replayer (which has no libFuzzer runtime). Switch points
  # at function entry/exit come from -finstrument-functions, in the library
  # only: the adapter is harness code.
  foreach(flavour fuzz plain)
    add_library(${name}_lib_${flavour} OBJECT ${ARG_LIBRARY})
    target_include_directories(${name}_lib_${flavour} PRIVATE ${ARG_INCLUDES})
    target_compile_definitions(${name}_lib_${flavour} PRIVATE _GNU_SOURCE)
    target_compile_options(${name}_lib_${flavour} PRIVATE ${FL_RACE_SAN_FLAGS}
                           -finstrument-functions)
  endforeach()
  # Code coverage counters are plain memory writes from every thread; TSan
  # (which sees no order between our threads, by design) would report them
  # as races. The TSan fuzzer is guided by interleaving coverage alone.
  if(NOT FL_RACE_SANITIZE MATCHES "thread")
    target_compile_options(${name}_lib_fuzz PRIVATE -fsanitize=fuzzer-no-link)
  endif()

  add_executable(${name}-fuzzer ${FL_RACE_DIR}/race_fuzzer.c ${ARG_ADAPTER}
                 $<TARGET_OBJECTS:${name}_lib_fuzz>)
  add_executable(${name}-replay ${FL_RACE_DIR}/race_replay_main.c ${ARG_ADAPTER}
                 $<TARGET_OBJECTS:${name}_lib_plain>)
  get_filename_component(adapter_file ${ARG_ADAPTER} NAME)
  target_compile_definitions(${name}-replay PRIVATE
    FL_RACE_ADAPTER_FILE="${adapter_file}" FL_RACE_TARGET="${name}")
  target_link_libraries(${name}-fuzzer PRIVATE fl_race_runtime ${ARG_LINK})
  target_link_libraries(${name}-replay PRIVATE fl_race_tools ${ARG_LINK})
  target_link_options(${name}-fuzzer PRIVATE -fsanitize=fuzzer)
  foreach(exe ${name}-fuzzer ${name}-replay)
    target_include_directories(${exe} PRIVATE ${ARG_INCLUDES} ${FL_RACE_DIR})
    target_compile_definitions(${exe} PRIVATE _GNU_SOURCE)
    target_compile_options(${exe} PRIVATE ${FL_RACE_WARNINGS} ${FL_RACE_SAN_FLAGS})
    target_link_options(${exe} PRIVATE ${FL_RACE_SAN_FLAGS} ${FL_RACE_WRAP_FLAGS})
    set_target_properties(${exe} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${out_dir})
  endforeach()
endfunction()

# fl_add_race_harness_from_model(NAME <name> MODEL <file.yml> HANDLE <handle>
#                                LIBRARY <sources...> [INCLUDES <dirs...>] [LINK <libs...>])
#
# Like fl_add_race_harness, with the adapter generated from the handle
# description `HANDLE` under `handles:` in the API-model file MODEL (the same
# file ffi-lint reads through `models:`). race-adapter-gen reads it with
# ffi-lint's own loader, so it needs the main build (libffilint).
if(TARGET ffilint AND NOT TARGET race-adapter-gen)
  add_executable(race-adapter-gen ${FL_RACE_DIR}/race_adapter_gen.c)
  target_compile_options(race-adapter-gen PRIVATE ${FL_RACE_WARNINGS})
  target_link_libraries(race-adapter-gen PRIVATE ffilint)
  set_target_properties(race-adapter-gen PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
endif()

function(fl_add_race_harness_from_model)
  cmake_parse_arguments(ARG "" "NAME;MODEL;HANDLE" "LIBRARY;INCLUDES;LINK" ${ARGN})
  if(NOT ARG_NAME OR NOT ARG_MODEL OR NOT ARG_HANDLE OR NOT ARG_LIBRARY)
    message(FATAL_ERROR "fl_add_race_harness_from_model: NAME, MODEL, HANDLE and LIBRARY are required")
  endif()
  if(NOT TARGET race-adapter-gen)
    message(FATAL_ERROR "fl_add_race_harness_from_model: race-adapter-gen needs libffilint "
                        "(configure the main build, not fuzz/race alone)")
  endif()
  get_filename_component(model ${ARG_MODEL} ABSOLUTE)
  set(adapter ${CMAKE_CURRENT_BINARY_DIR}/${ARG_NAME}_adapter.c)
  # The generator is a sanitized build tool: leak checks at exit are the
  # test build's business, not the code generation's.
  add_custom_command(
    OUTPUT ${adapter}
    COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0
            $<TARGET_FILE:race-adapter-gen> ${model} ${ARG_HANDLE} ${adapter}
    DEPENDS race-adapter-gen ${model}
    COMMENT "Generating race adapter ${ARG_NAME} from ${ARG_MODEL} (${ARG_HANDLE})"
    VERBATIM)
  fl_add_race_harness(NAME ${ARG_NAME} ADAPTER ${adapter} LIBRARY ${ARG_LIBRARY}
                      INCLUDES ${ARG_INCLUDES} LINK ${ARG_LINK})
endfunction()
