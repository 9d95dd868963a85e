# Golden model dumps of the libclang frontend (tests/model/): each input
# file is lowered by dump_model and compared with <input>.expected.
# Regenerate with: FL_UPDATE_GOLDEN=1 ctest -R '^model\.'
add_executable(dump_model ${CMAKE_CURRENT_SOURCE_DIR}/model/dump_model.c)
target_compile_options(dump_model PRIVATE ${FL_WARNINGS})
target_compile_definitions(dump_model PRIVATE _GNU_SOURCE)
target_link_libraries(dump_model PRIVATE ffilint)

set(FL_MODEL_DIR ${CMAKE_CURRENT_SOURCE_DIR}/model)
file(GLOB FL_MODEL_INPUTS CONFIGURE_DEPENDS ${FL_MODEL_DIR}/*.c ${FL_MODEL_DIR}/*.cpp)
list(REMOVE_ITEM FL_MODEL_INPUTS ${FL_MODEL_DIR}/dump_model.c ${FL_MODEL_DIR}/roundtrip.c)
# A file that does not exist: the frontend must name it in its error.
set(FL_MODEL_GOLDENS ${FL_MODEL_INPUTS} ${FL_MODEL_DIR}/missing_file.c)
foreach(input ${FL_MODEL_GOLDENS})
  get_filename_component(name ${input} NAME)
  add_test(NAME model.${name}
           COMMAND sh ${FL_MODEL_DIR}/compare.sh $<TARGET_FILE:dump_model> ${FL_MODEL_DIR}
                   ${name} ${FL_MODEL_DIR}/${name}.expected)
  set_tests_properties(model.${name} PROPERTIES ENVIRONMENT "${FL_TEST_ENV}")
endforeach()

# The binary model encoding (model/serialize.h) round-trips what the real
# frontends lower: every model and rule fixture (C/C++ files, Go package
# directories) is encoded, decoded and compared, then one encoding is
# truncated and damaged. roundtrip.c is a test program, not a fixture: the
# golden glob above picks it up too, so its golden test is switched off.
add_executable(model_roundtrip ${FL_MODEL_DIR}/roundtrip.c)
target_compile_options(model_roundtrip PRIVATE ${FL_WARNINGS})
target_compile_definitions(model_roundtrip PRIVATE _GNU_SOURCE)
target_link_libraries(model_roundtrip PRIVATE ffilint)
file(GLOB FL_ROUNDTRIP_INPUTS CONFIGURE_DEPENDS ${FL_MODEL_DIR}/*.c ${FL_MODEL_DIR}/*.cpp)
list(REMOVE_ITEM FL_ROUNDTRIP_INPUTS ${FL_MODEL_DIR}/dump_model.c ${FL_MODEL_DIR}/roundtrip.c)
file(GLOB_RECURSE FL_ROUNDTRIP_CORPUS CONFIGURE_DEPENDS
     ${FL_SOURCE_ROOT}/corpus/rules/*.c ${FL_SOURCE_ROOT}/corpus/rules/*.cpp)
list(APPEND FL_ROUNDTRIP_INPUTS ${FL_ROUNDTRIP_CORPUS})
if(TARGET tree_sitter_go)
  file(GLOB_RECURSE FL_ROUNDTRIP_GO_FILES CONFIGURE_DEPENDS
       ${CMAKE_CURRENT_SOURCE_DIR}/go/fixtures/*.go ${FL_SOURCE_ROOT}/corpus/rules/*.go)
  foreach(go_file ${FL_ROUNDTRIP_GO_FILES})
    get_filename_component(go_dir ${go_file} DIRECTORY)
    list(APPEND FL_ROUNDTRIP_INPUTS ${go_dir})
  endforeach()
  list(REMOVE_DUPLICATES FL_ROUNDTRIP_INPUTS)
endif()
add_test(NAME model.roundtrip COMMAND model_roundtrip ${FL_ROUNDTRIP_INPUTS})
set_tests_properties(model.roundtrip PROPERTIES ENVIRONMENT "${FL_TEST_ENV}" LABELS model TIMEOUT 900)
