# Golden model dumps of the libclang frontend (tests/model/): each input
# file is lowered by dump_model and compared with <input>.expected.
# Regenerate with: FL_UPDATE_GOLDEN=1 ctest -R '^model\.'
add_executable(dump_model ${CMAKE_CURRENT_SOURCE_DIR}/model/dump_model.c)
target_compile_options(dump_model PRIVATE ${FL_WARNINGS})
target_compile_definitions(dump_model PRIVATE _GNU_SOURCE)
target_link_libraries(dump_model PRIVATE ffilint)

set(FL_MODEL_DIR ${CMAKE_CURRENT_SOURCE_DIR}/model)
file(GLOB FL_MODEL_INPUTS CONFIGURE_DEPENDS ${FL_MODEL_DIR}/*.c ${FL_MODEL_DIR}/*.cpp)
list(REMOVE_ITEM FL_MODEL_INPUTS ${FL_MODEL_DIR}/dump_model.c)
# A file that does not exist: the frontend must name it in its error.
set(FL_MODEL_GOLDENS ${FL_MODEL_INPUTS} ${FL_MODEL_DIR}/missing_file.c)
foreach(input ${FL_MODEL_GOLDENS})
  get_filename_component(name ${input} NAME)
  add_test(NAME model.${name}
           COMMAND sh ${FL_MODEL_DIR}/compare.sh $<TARGET_FILE:dump_model> ${FL_MODEL_DIR}
                   ${name} ${FL_MODEL_DIR}/${name}.expected)
  set_tests_properties(model.${name} PROPERTIES ENVIRONMENT "${FL_TEST_ENV}")
endforeach()
