# The audit database, ffi-audit and the markdown report (issue 6).
set(FL_AUDIT_TEST_DIR ${CMAKE_CURRENT_SOURCE_DIR}/audit)

add_library(fl_audit_test_util STATIC ${FL_AUDIT_TEST_DIR}/test_util.c)
target_compile_options(fl_audit_test_util PRIVATE ${FL_WARNINGS})
target_compile_definitions(fl_audit_test_util PRIVATE _GNU_SOURCE)

add_executable(test_audit_db ${FL_AUDIT_TEST_DIR}/test_db.c)
add_executable(test_audit_report ${FL_AUDIT_TEST_DIR}/test_report.c)
foreach(test_exe test_audit_db test_audit_report)
  target_compile_options(${test_exe} PRIVATE ${FL_WARNINGS})
  target_compile_definitions(${test_exe} PRIVATE _GNU_SOURCE FL_SOURCE_DIR="${FL_SOURCE_ROOT}")
  target_link_libraries(${test_exe} PRIVATE ffilint fl_audit_test_util)
endforeach()

# Synthetic runs for the benchmark and the process-level tests.
add_executable(audit-gen ${FL_AUDIT_TEST_DIR}/audit_gen.c)
target_compile_options(audit-gen PRIVATE ${FL_WARNINGS})
target_compile_definitions(audit-gen PRIVATE _GNU_SOURCE)
target_link_libraries(audit-gen PRIVATE ffilint)
set_target_properties(audit-gen PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${FL_BIN})

add_test(NAME audit.db COMMAND test_audit_db)
add_test(NAME audit.report_golden COMMAND test_audit_report)
foreach(script cli concurrency kill_store)
  add_test(NAME audit.${script}
           COMMAND bash ${FL_AUDIT_TEST_DIR}/${script}.sh ${FL_BIN} ${FL_AUDIT_TEST_DIR})
endforeach()
get_property(fl_audit_tests DIRECTORY PROPERTY TESTS)
list(FILTER fl_audit_tests INCLUDE REGEX "^audit\\.")
set_tests_properties(${fl_audit_tests} PROPERTIES ENVIRONMENT "${FL_TEST_ENV}" LABELS audit)
