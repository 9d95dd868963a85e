# Race harness (fuzz/race, issue 7): saved crashes replay, the correct
# version stays clean, live fuzzing finds the narrow windows, the minimiser
# shrinks, the step budget reports hangs, and the TSan / AFL++ variants
# build and catch the same bug. Short by design (the benchmark is
# scripts/bench-race, not CI).
if(NOT TARGET race_hl_flag-replay)
  return() # fuzz harnesses need clang (FL_BUILD_FUZZ, CC=clang)
endif()

set(RACE_CORPUS ${FL_SOURCE_ROOT}/corpus/fuzz)
set(RACE_ARTIFACTS ${CMAKE_BINARY_DIR}/race-artifacts/)
file(MAKE_DIRECTORY ${RACE_ARTIFACTS})

# Every saved crash of a buggy version crashes the same way, 3 of 3.
foreach(version flag unlock_early refcount flag_wait)
  file(GLOB inputs ${RACE_CORPUS}/race-hl_${version}/*)
  add_test(NAME race_replay_hl_${version}
    COMMAND ${FL_BIN}/race_hl_${version}-replay --quiet --repeat 3 --expect crash ${inputs})
endforeach()

# The correct version survives every saved input, including the buggy
# versions' crashes.
foreach(version guard guard_wait)
  file(GLOB inputs ${RACE_CORPUS}/race-hl_${version}/*)
  add_test(NAME race_replay_hl_${version}
    COMMAND ${FL_BIN}/race_hl_${version}-replay --quiet --expect clean ${inputs})
endforeach()

# Live fuzzing from an empty corpus finds the narrow windows.
foreach(version flag unlock_early)
  add_test(NAME race_fuzz_hl_${version}
    COMMAND ${FL_BIN}/race_hl_${version}-fuzzer -seed=1 -max_total_time=45
            -artifact_prefix=${RACE_ARTIFACTS}${version}-)
  set_tests_properties(race_fuzz_hl_${version} PROPERTIES TIMEOUT 60
    PASS_REGULAR_EXPRESSION "ERROR: AddressSanitizer: heap-use-after-free")
endforeach()
add_test(NAME race_fuzz_hl_guard
  COMMAND ${FL_BIN}/race_hl_guard-fuzzer -seed=1 -max_total_time=8
          -artifact_prefix=${RACE_ARTIFACTS}guard-)
set_tests_properties(race_fuzz_hl_guard PROPERTIES TIMEOUT 40
  PASS_REGULAR_EXPRESSION "Done [0-9]+ runs" FAIL_REGULAR_EXPRESSION "ERROR:|==race==")

# The minimiser shrinks a 9-call crash and the result still crashes.
file(GLOB flag_wait_found ${RACE_CORPUS}/race-hl_flag_wait/crash-[0-9a-f]*)
add_test(NAME race_minimize
  COMMAND sh -c "\"$0\" --minimize \"$2\" \"$1\" && \"$0\" --quiet --repeat 3 --expect crash \"$2\""
          ${FL_BIN}/race_hl_flag_wait-replay ${flag_wait_found} ${RACE_ARTIFACTS}minimized)
set_tests_properties(race_minimize PROPERTIES
  PASS_REGULAR_EXPRESSION "calls 9 -> [1-3], preemptions [0-9]+ -> [1-2]")

# A step budget too small for the run is reported as a hang, not a stuck run.
add_test(NAME race_step_budget_hang_message
  COMMAND ${FL_BIN}/race_hl_guard-replay --quiet --budget 5
          ${RACE_CORPUS}/race-hl_guard/buggy-refcount-crash)
set_tests_properties(race_step_budget_hang_message PROPERTIES
  PASS_REGULAR_EXPRESSION "CRASH hang")

# Bad input: a clear message naming the file, exit 2.
add_test(NAME race_replay_missing_file
  COMMAND ${FL_BIN}/race_hl_flag-replay ${RACE_ARTIFACTS}does-not-exist)
set_tests_properties(race_replay_missing_file PROPERTIES
  PASS_REGULAR_EXPRESSION "does-not-exist: cannot open")

# Crash import into the audit DB: deduplicated by (target, state), with
# reliability from 10 replays and the timeline in the DB's text format.
if(TARGET fl_race_db_import)
  add_test(NAME race_import_db
    COMMAND sh -c "rm -f \"$1\" && \"$0\" --quiet --import-db \"$1\" \"$2\" \"$2\""
            ${FL_BIN}/race_hl_flag-replay ${RACE_ARTIFACTS}crashes.db
            ${RACE_CORPUS}/race-hl_flag/crash-minimized)
  set_tests_properties(race_import_db PROPERTIES ENVIRONMENT "${FL_TEST_ENV}" LABELS race
    PASS_REGULAR_EXPRESSION "10/10 with the same crash.*crash #1 \\(new\\).*crash #1 \\(seen before\\)")
endif()

# Variants built in their own directories (their sanitizer flags cannot mix
# with the main build's); skipped (77) when the compiler is missing.
add_test(NAME race_variant_tsan
  COMMAND sh -c "\"$0\" --build-only --variant tsan --jobs 2 --build-dir \"$1\" race_hl_flag && TSAN_OPTIONS=halt_on_error=1 \"$1/bin/race_hl_flag-replay\" --quiet --expect crash \"$2\""
          ${FL_SOURCE_ROOT}/scripts/fuzz-race ${CMAKE_BINARY_DIR}/race-tsan
          ${RACE_CORPUS}/race-hl_flag/crash-minimized)
set_tests_properties(race_variant_tsan PROPERTIES TIMEOUT 180 SKIP_RETURN_CODE 77
  PASS_REGULAR_EXPRESSION "CRASH tsan: heap-use-after-free")
add_test(NAME race_variant_afl
  COMMAND sh -c "\"$0\" --build-only --engine afl --jobs 2 --build-dir \"$1\" race_hl_flag && \"$1/bin/race_hl_flag-fuzzer\" \"$2\""
          ${FL_SOURCE_ROOT}/scripts/fuzz-race ${CMAKE_BINARY_DIR}/race-afl
          ${RACE_CORPUS}/race-hl_flag/crash-minimized)
set_tests_properties(race_variant_afl PROPERTIES TIMEOUT 180 SKIP_RETURN_CODE 77
  PASS_REGULAR_EXPRESSION "ERROR: AddressSanitizer: heap-use-after-free")

set_tests_properties(
  race_replay_hl_flag race_replay_hl_unlock_early race_replay_hl_refcount
  race_replay_hl_flag_wait race_replay_hl_guard race_replay_hl_guard_wait
  race_fuzz_hl_flag race_fuzz_hl_unlock_early race_fuzz_hl_guard race_minimize
  race_step_budget_hang_message race_replay_missing_file
  race_variant_tsan race_variant_afl
  PROPERTIES ENVIRONMENT "${FL_TEST_ENV}" LABELS race)

# The harness generated from the handle description (hl.ffi-models.yml,
# fl_add_race_harness_from_model) finds the same bug from the saved input and
# stays clean on the correct version; the generator names file:line of a
# malformed description.
if(TARGET race_hl_model_flag-replay)
  add_test(NAME race_model_replay_hl_flag
    COMMAND ${FL_BIN}/race_hl_model_flag-replay --quiet --repeat 3 --expect crash
            ${RACE_CORPUS}/race-hl_flag/crash-minimized)
  file(GLOB guard_inputs ${RACE_CORPUS}/race-hl_guard/*)
  add_test(NAME race_model_replay_hl_guard
    COMMAND ${FL_BIN}/race_hl_model_guard-replay --quiet --expect clean ${guard_inputs}
            ${RACE_CORPUS}/race-hl_flag/crash-minimized)
  add_test(NAME race_model_gen_bad_model
    COMMAND sh -c "printf 'handles:\\n  - name: hl\\n    type: hl_handle\\n    create: hl_open\\n    ops: [{call: hl_write, args: [bytes]}]\\n    free: hl_free\\n' > \"$1\" && \"$0\" \"$1\" hl \"$1.c\"; echo \"exit $?\""
            ${FL_BIN}/race-adapter-gen ${RACE_ARTIFACTS}bad.ffi-models.yml)
  set_tests_properties(race_model_gen_bad_model PROPERTIES PASS_REGULAR_EXPRESSION
    "bad.ffi-models.yml:5: 'bytes' \\(argument 1\\) must be followed by 'size'.*exit 2")
  set_tests_properties(race_model_replay_hl_flag race_model_replay_hl_guard race_model_gen_bad_model
    PROPERTIES ENVIRONMENT "${FL_TEST_ENV}" LABELS race)
endif()
