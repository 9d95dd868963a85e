# Output layer: text, SARIF 2.1.0 and JSON writers, the source line cache,
# suppressions and fingerprints (analyzer/output/, docs/output.md).
#
# The test program is built from analyzer/output/ and the few core files it
# uses rather than linked against the whole ffilint library: the output tests
# then need neither libclang nor the other layers, and keep running while
# those are being changed.
set(FL_OUTPUT_TEST_DIR ${CMAKE_CURRENT_SOURCE_DIR}/output)
file(GLOB fl_output_lib_sources CONFIGURE_DEPENDS ${FL_SOURCE_ROOT}/analyzer/output/*.c)
file(GLOB fl_output_test_sources CONFIGURE_DEPENDS ${FL_OUTPUT_TEST_DIR}/*.c)
add_executable(fl_output_tests ${fl_output_test_sources} ${fl_output_lib_sources}
  ${FL_SOURCE_ROOT}/analyzer/core/error.c ${FL_SOURCE_ROOT}/analyzer/core/strmap.c
  ${FL_SOURCE_ROOT}/analyzer/core/vec.c ${FL_SOURCE_ROOT}/analyzer/core/arena.c
  ${FL_SOURCE_ROOT}/analyzer/engine/finding.c ${FL_SOURCE_ROOT}/analyzer/model/model.c)
target_include_directories(fl_output_tests PRIVATE ${FL_SOURCE_ROOT}/analyzer)
target_compile_options(fl_output_tests PRIVATE ${FL_WARNINGS})
target_compile_definitions(fl_output_tests PRIVATE _GNU_SOURCE)
target_link_libraries(fl_output_tests PRIVATE PkgConfig::JANSSON)

foreach(group sha256 source paths suppress fingerprint)
  add_test(NAME output_${group} COMMAND fl_output_tests ${group}
           WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
endforeach()
add_test(NAME output_formats
         COMMAND fl_output_tests formats ${FL_OUTPUT_TEST_DIR}/src ${FL_OUTPUT_TEST_DIR}/golden
         WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
add_test(NAME output_sarif_schema
         COMMAND sh ${FL_OUTPUT_TEST_DIR}/validate_sarif.sh $<TARGET_FILE:fl_output_tests>
                 ${FL_OUTPUT_TEST_DIR}/src ${CMAKE_CURRENT_BINARY_DIR}/output-sarif-schema)
set_tests_properties(output_sarif_schema PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
set_tests_properties(output_sha256 output_source output_paths output_suppress output_fingerprint
                     output_formats output_sarif_schema PROPERTIES ENVIRONMENT "${FL_TEST_ENV}" LABELS output)
