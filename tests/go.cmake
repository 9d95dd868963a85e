# Go frontend tests (issue 3): golden dumps of Go fixture packages printed by
# go-model-dump. The tool links a private library of just the layers the Go
# frontend needs (core, model, frontend/go), so these tests do not depend on
# the rest of libffilint building.
#
#   FL_UPDATE_GOLDEN=1 ctest -R go_golden    rewrites tests/go/golden/*.txt
if(TARGET tree_sitter_go)
  set(FL_GO_TEST_ROOT ${CMAKE_CURRENT_SOURCE_DIR}/go)
  file(GLOB FL_GO_FRONTEND_SOURCES CONFIGURE_DEPENDS ${FL_SOURCE_ROOT}/analyzer/frontend/go/*.c)
  file(GLOB FL_GO_CORE_SOURCES CONFIGURE_DEPENDS ${FL_SOURCE_ROOT}/analyzer/core/*.c)
  add_library(fl_go_frontend_test STATIC ${FL_GO_FRONTEND_SOURCES} ${FL_GO_CORE_SOURCES}
              ${FL_SOURCE_ROOT}/analyzer/model/model.c ${FL_SOURCE_ROOT}/analyzer/model/api.c
              ${FL_SOURCE_ROOT}/analyzer/frontend/libclang_guard.c)
  target_include_directories(fl_go_frontend_test PUBLIC ${FL_SOURCE_ROOT}/analyzer)
  target_compile_options(fl_go_frontend_test PRIVATE ${FL_WARNINGS})
  target_compile_definitions(fl_go_frontend_test PRIVATE _GNU_SOURCE FL_HAVE_TREE_SITTER_GO=1
                             FL_CLANG_RESOURCE_DIR="${FL_CLANG_RESOURCE_DIR}")
  target_link_libraries(fl_go_frontend_test PUBLIC tree_sitter_go PkgConfig::TREE_SITTER fl_libclang
                        Threads::Threads)

  add_executable(go-model-dump ${FL_GO_TEST_ROOT}/go_model_dump.c)
  target_compile_options(go-model-dump PRIVATE ${FL_WARNINGS})
  target_compile_definitions(go-model-dump PRIVATE _GNU_SOURCE)
  target_link_libraries(go-model-dump PRIVATE fl_go_frontend_test)
  set_target_properties(go-model-dump PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${FL_BIN})

  file(GLOB FL_GO_FIXTURES LIST_DIRECTORIES true ${FL_GO_TEST_ROOT}/fixtures/*)
  foreach(fixture ${FL_GO_FIXTURES})
    if(NOT IS_DIRECTORY ${fixture})
      continue()
    endif()
    get_filename_component(name ${fixture} NAME)
    add_test(NAME go_golden_${name}
             COMMAND ${CMAKE_COMMAND} -DTOOL=$<TARGET_FILE:go-model-dump> -DDIR=${fixture}
                     -DGOLDEN=${FL_GO_TEST_ROOT}/golden/${name}.txt
                     -P ${FL_GO_TEST_ROOT}/check_golden.cmake)
    set_tests_properties(go_golden_${name} PROPERTIES ENVIRONMENT "${FL_TEST_ENV}" LABELS go)
  endforeach()

  # cgo preambles parse as few libclang units as give the same declarations
  # (golden: go_golden_preambles), every one with the #cgo flags of the whole
  # package (i_flags' -D reaches j_uses_flag): [a b c_guard] merged, split at
  # c_guard's include-guard clash into [a b] + [c_guard]; [d_define
  # d_define2] merged (the same macro lines, before their #include); [e_error
  # f_ok] merged despite e_error's missing header, which is warned about on
  # e_error alone; [g_syntax h_after] each alone after g_syntax's syntax
  # error; [i_flags j_uses_flag k_constraints] merged, broken.h's error
  # warned about on j_uses_flag, which includes it; k_constraints' windows
  # flags left out.
  add_test(NAME go_preambles_merged
           COMMAND go-model-dump --phases ${FL_GO_TEST_ROOT}/fixtures/preambles)
  set_tests_properties(go_preambles_merged PROPERTIES ENVIRONMENT "${FL_TEST_ENV}" LABELS go
                       PASS_REGULAR_EXPRESSION "preambles_parsed=9 preambles_reused=0 preambles_merged=9")

  # The same run charges libclang's parse of those preambles and their
  # headers (scripts/bench-go's parsing floor) apart: some time, and no more
  # than the whole cgo phase.
  add_test(NAME go_phases_clang_parse
           COMMAND ${CMAKE_COMMAND} -DDUMP=$<TARGET_FILE:go-model-dump>
                   -DDIR=${FL_GO_TEST_ROOT}/fixtures/preambles
                   -P ${FL_GO_TEST_ROOT}/check_phases.cmake)
  set_tests_properties(go_phases_clang_parse PROPERTIES ENVIRONMENT "${FL_TEST_ENV}" LABELS go)

  # Files no build compiles (//go:build ignore) are left out before parsing.
  add_executable(go-build-constraint-test ${FL_GO_TEST_ROOT}/build_constraint_test.c)
  target_compile_options(go-build-constraint-test PRIVATE ${FL_WARNINGS})
  target_link_libraries(go-build-constraint-test PRIVATE fl_go_frontend_test)
  add_test(NAME go_build_constraint COMMAND go-build-constraint-test)
  set_tests_properties(go_build_constraint PROPERTIES ENVIRONMENT "${FL_TEST_ENV}" LABELS go)

  # gs_parse against tree-sitter-go (the oracle): every .go file of the
  # fixtures and the corpus must parse to the same tree or be refused.
  # scripts/syntax-diff runs it over the Go sources installed on the machine.
  add_executable(syntax-diff ${FL_GO_TEST_ROOT}/syntax_diff.c)
  target_compile_options(syntax-diff PRIVATE ${FL_WARNINGS})
  target_link_libraries(syntax-diff PRIVATE fl_go_frontend_test)
  set_target_properties(syntax-diff PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${FL_BIN})
  add_test(NAME go_syntax_diff
           COMMAND syntax-diff --no-timing ${FL_GO_TEST_ROOT}/fixtures ${FL_SOURCE_ROOT}/corpus)
  set_tests_properties(go_syntax_diff PROPERTIES ENVIRONMENT "${FL_TEST_ENV}" LABELS go)

  # Bad input: a missing file is an error naming it, never a crash.
  add_test(NAME go_missing_file COMMAND go-model-dump ${FL_GO_TEST_ROOT}/fixtures/handle no_such.go)
  set_tests_properties(go_missing_file PROPERTIES ENVIRONMENT "${FL_TEST_ENV}" LABELS go
                       PASS_REGULAR_EXPRESSION "no_such.go: cannot open")
endif()
