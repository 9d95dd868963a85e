# The users' workflows as scripts (issue 9): smoke tests with tiny budgets.
# Each test is bash tests/workflows/<name>.sh BIN_DIR SCRATCH_DIR; exit 77
# means a tool it needs (AFL++, clang, git) is missing, and ctest skips it.
set(FL_WORKFLOW_TEST_DIR ${CMAKE_CURRENT_SOURCE_DIR}/workflows)
set(FL_WORKFLOW_SCRATCH ${CMAKE_BINARY_DIR}/workflows)
foreach(workflow ci_lint pre_commit fuzz_overnight clusterfuzzlite)
  add_test(NAME workflows.${workflow}
           COMMAND bash ${FL_WORKFLOW_TEST_DIR}/${workflow}.sh ${FL_BIN}
                   ${FL_WORKFLOW_SCRATCH}/${workflow})
  # ffi-lint runs many times here; leak checking is the CLI tests' job.
  set_tests_properties(workflows.${workflow} PROPERTIES
    ENVIRONMENT "${FL_TEST_ENV};ASAN_OPTIONS=detect_leaks=0" SKIP_RETURN_CODE 77
    LABELS workflows TIMEOUT 120)
endforeach()
