# Frontend tests that need a build of their own.
#
# The libclang crash guard, built from its source without sanitizers (ASan
# and TSan own the fault signals, and the guard stands down under them):
# so the test runs in the sanitized CI build too.
add_executable(fl_libclang_guard_test
  ${CMAKE_CURRENT_SOURCE_DIR}/frontend/test_libclang_guard.c
  ${FL_SOURCE_ROOT}/analyzer/frontend/libclang_guard.c)
set_target_properties(fl_libclang_guard_test PROPERTIES COMPILE_OPTIONS "" LINK_OPTIONS ""
                      RUNTIME_OUTPUT_DIRECTORY ${FL_BIN})
target_compile_options(fl_libclang_guard_test PRIVATE ${FL_WARNINGS})
target_compile_definitions(fl_libclang_guard_test PRIVATE _GNU_SOURCE
  FL_CLANG_RESOURCE_DIR="${FL_CLANG_RESOURCE_DIR}")
target_include_directories(fl_libclang_guard_test PRIVATE ${FL_SOURCE_ROOT}/analyzer
                           ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(fl_libclang_guard_test PRIVATE fl_libclang Threads::Threads)
add_test(NAME frontend/libclang_guard COMMAND fl_libclang_guard_test)
set_tests_properties(frontend/libclang_guard PROPERTIES SKIP_RETURN_CODE 77 LABELS "frontend")
