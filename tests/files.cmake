# Cached-file harness tests (issue 8), libgit2 style: every input under
# corpus/fuzz/<target>/ is a ctest test.
#   corpus/fuzz/<target>/*            must replay clean
#   corpus/fuzz/<target>/crashes/<kind>__<what>
#                                     must replay to a finding containing <kind>
#                                     (hang, memory, outside-read, invariant,
#                                     sanitizer, fd-leak)
# plus short live libFuzzer runs of the example loaders. Harnesses register
# themselves with fl_add_file_harness(); with no clang (no fuzz/) or no
# ASan-compatible FL_SANITIZE there are none and nothing is added.
get_property(fl_file_harnesses GLOBAL PROPERTY FL_FILE_HARNESSES)
# A generous watchdog: tests share a loaded machine, and a 4 GB malloc under
# ASan alone can take seconds before the budget hook sees it.
set(fl_files_env ${FL_TEST_ENV} FL_FILES_TIMEOUT_MS=8000 FL_FILES_BUDGET_MB=64)

foreach(harness ${fl_file_harnesses})
  get_property(corpus GLOBAL PROPERTY FL_FILE_HARNESS_CORPUS_${harness})
  file(GLOB inputs LIST_DIRECTORIES false CONFIGURE_DEPENDS ${corpus}/*)
  foreach(input ${inputs})
    get_filename_component(name ${input} NAME)
    add_test(NAME files/${harness}/corpus/${name}
             COMMAND ${FL_BIN}/${harness}-replay ${input})
    set_tests_properties(files/${harness}/corpus/${name} PROPERTIES
                         ENVIRONMENT "${fl_files_env}" LABELS "files;fuzz-corpus" TIMEOUT 60)
  endforeach()
  file(GLOB crashes LIST_DIRECTORIES false CONFIGURE_DEPENDS ${corpus}/crashes/*)
  foreach(input ${crashes})
    get_filename_component(name ${input} NAME)
    string(REGEX REPLACE "__.*$" "" kind ${name})
    add_test(NAME files/${harness}/crash/${name}
             COMMAND ${FL_BIN}/${harness}-replay --expect ${kind} ${input})
    set_tests_properties(files/${harness}/crash/${name} PROPERTIES
                         ENVIRONMENT "${fl_files_env}" LABELS "files;fuzz-corpus" TIMEOUT 60)
  endforeach()
endforeach()

# Live runs: the buggy loader must yield a finding within 60 s from its
# seeds (the easy defects fall in seconds; scripts/bench-files measures all
# of them), the hardened one must stay clean for 20 s. Scenario directories
# must all be gone afterwards.
if(cache_loader_buggy IN_LIST fl_file_harnesses)
  add_test(NAME files/cache_loader_buggy/live-finds-a-defect
           COMMAND ${FL_SOURCE_ROOT}/scripts/fuzz-files --build ${CMAKE_BINARY_DIR}
                   --seconds 60 --expect finding cache_loader_buggy)
  add_test(NAME files/cache_loader_hardened/live-stays-clean
           COMMAND ${FL_SOURCE_ROOT}/scripts/fuzz-files --build ${CMAKE_BINARY_DIR}
                   --seconds 20 --expect clean cache_loader_hardened)
  set_tests_properties(files/cache_loader_buggy/live-finds-a-defect
                       files/cache_loader_hardened/live-stays-clean PROPERTIES
                       ENVIRONMENT "${fl_files_env}" LABELS "files;fuzz-live" TIMEOUT 180
                       RUN_SERIAL TRUE)
endif()
if(TARGET cache_loader_hardened-afl)
  add_test(NAME files/cache_loader_hardened/afl-binary-replays-seed
           COMMAND ${FL_BIN}/cache_loader_hardened-afl
                   ${FL_SOURCE_ROOT}/corpus/fuzz/cache_loader_hardened/seed-valid-small)
  set_tests_properties(files/cache_loader_hardened/afl-binary-replays-seed PROPERTIES
                       ENVIRONMENT "${fl_files_env}" LABELS "files")
endif()

# ffi-lint's own byte parsers (fuzz/self): each corpus input, run once by the
# libFuzzer binary, must not crash.
get_property(fl_self_harnesses GLOBAL PROPERTY FL_SELF_HARNESSES)
foreach(harness ${fl_self_harnesses})
  file(GLOB inputs LIST_DIRECTORIES false CONFIGURE_DEPENDS
       ${FL_SOURCE_ROOT}/corpus/fuzz/${harness}/*)
  # corpus/fuzz/<harness>.seeds: globs (from the repository root) of seeds
  # kept elsewhere in the tree, e.g. the rule fixtures for self_go_source.
  set(seeds_file ${FL_SOURCE_ROOT}/corpus/fuzz/${harness}.seeds)
  if(EXISTS ${seeds_file})
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${seeds_file})
    file(STRINGS ${seeds_file} patterns REGEX "^[^#]")
    foreach(pattern ${patterns})
      file(GLOB seeds LIST_DIRECTORIES false CONFIGURE_DEPENDS ${FL_SOURCE_ROOT}/${pattern})
      list(APPEND inputs ${seeds})
    endforeach()
  endif()
  foreach(input ${inputs})
    file(RELATIVE_PATH name ${FL_SOURCE_ROOT} ${input})
    string(REPLACE "corpus/fuzz/${harness}/" "" name "${name}")
    add_test(NAME files/${harness}/corpus/${name} COMMAND ${FL_BIN}/${harness}-fuzz ${input})
    set_tests_properties(files/${harness}/corpus/${name} PROPERTIES
                         ENVIRONMENT "${FL_TEST_ENV}" LABELS "files;fuzz-corpus" TIMEOUT 60)
  endforeach()
endforeach()

# Open crashers in ffi-lint's own byte parsers, kept under
# corpus/fuzz/self_<name>/crashes/ until fixed: each must still crash (so the
# test turns red, and the input moves up to the corpus, once it is fixed).
foreach(harness ${fl_self_harnesses})
  file(GLOB crashes LIST_DIRECTORIES false CONFIGURE_DEPENDS
       ${FL_SOURCE_ROOT}/corpus/fuzz/${harness}/crashes/*)
  foreach(input ${crashes})
    get_filename_component(name ${input} NAME)
    add_test(NAME files/${harness}/crash/${name} COMMAND ${FL_BIN}/${harness}-fuzz ${input})
    set_tests_properties(files/${harness}/crash/${name} PROPERTIES
                         ENVIRONMENT "${FL_TEST_ENV}" LABELS "files;fuzz-corpus" TIMEOUT 60
                         WILL_FAIL TRUE)
  endforeach()
endforeach()
