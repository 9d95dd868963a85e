# CLI, driver, configuration and loader tests (issue 2).
#
# 1. tests/cli/<name>.sh: end-to-end runs of the ffi-lint binary, one ctest
#    `cli/<name>` each (lib.sh holds their helpers; inputs/ their sources).
# 2. tests/cli/unit_*.c: unit tests of the loaders and helpers, linked
#    against libffilint.
# 3. cli/tsan-driver: the driver under ThreadSanitizer at -j2, in a second
#    build tree (only the ffi-lint target; the Go grammar tarball the main
#    build fetched is reused) configured by the test itself. Label "tsan";
#    `ctest -LE tsan` skips it.

file(GLOB FL_CLI_SCRIPTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/cli/*.sh)
list(FILTER FL_CLI_SCRIPTS EXCLUDE REGEX "/(lib|tsan)\\.sh$")
foreach(script ${FL_CLI_SCRIPTS})
  get_filename_component(name ${script} NAME_WE)
  add_test(NAME cli/${name}
           COMMAND bash ${script} ${FL_BIN}/ffi-lint ${CMAKE_CURRENT_BINARY_DIR}/cli-scratch/${name})
  set_tests_properties(cli/${name} PROPERTIES ENVIRONMENT "${FL_TEST_ENV}" LABELS "cli")
endforeach()

file(GLOB FL_CLI_UNIT_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/cli/unit_*.c)
foreach(source ${FL_CLI_UNIT_TESTS})
  get_filename_component(name ${source} NAME_WE)
  add_executable(cli_${name} ${source})
  target_compile_options(cli_${name} PRIVATE ${FL_WARNINGS})
  target_compile_definitions(cli_${name} PRIVATE _GNU_SOURCE)
  target_link_libraries(cli_${name} PRIVATE ffilint)
  add_test(NAME cli/${name} COMMAND cli_${name})
  set_tests_properties(cli/${name} PROPERTIES ENVIRONMENT "${FL_TEST_ENV}" LABELS "cli")
endforeach()

if(NOT FL_SANITIZE STREQUAL "thread")
  # The grammar tarball this build used: the one given, or the one it fetched.
  set(FL_TSAN_GO_TGZ ${FL_TREE_SITTER_GO_TGZ})
  if(NOT FL_TSAN_GO_TGZ)
    set(FL_TSAN_GO_TGZ ${CMAKE_BINARY_DIR}/_deps/tree-sitter-go-${FL_TREE_SITTER_GO_VERSION}/tree-sitter-go-${FL_TREE_SITTER_GO_VERSION}.tgz)
  endif()
  add_test(NAME cli/tsan-driver
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/cli/tsan.sh ${FL_SOURCE_ROOT}
                   ${CMAKE_BINARY_DIR}/tsan-driver ${CMAKE_C_COMPILER} ${FL_TSAN_GO_TGZ})
  set_tests_properties(cli/tsan-driver PROPERTIES ENVIRONMENT "${FL_TEST_ENV}"
                       LABELS "cli;tsan" TIMEOUT 1200 RUN_SERIAL TRUE)
endif()
