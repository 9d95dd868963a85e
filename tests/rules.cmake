# Rule tests.
#
# 1. Every fixture of every rule: one ctest `rule/<rule-id>/<fixture>` per file
#    under corpus/rules/<rule-id>/, checked by scripts/check-fixtures against
#    the inline `expect:` / `no-finding` annotations. Globbed at configure
#    time, so a new rule only adds fixtures. A fixture may pass extra ffi-lint
#    arguments with a `fixture-args: ...` comment on its first lines.
# 2. Unit tests of rules that build the model by hand (tests/rules/*.c): they
#    pin the rule's semantics independently of the frontends.

file(GLOB FL_RULE_FIXTURES CONFIGURE_DEPENDS
     ${FL_SOURCE_ROOT}/corpus/rules/*/*.c
     ${FL_SOURCE_ROOT}/corpus/rules/*/*.cc
     ${FL_SOURCE_ROOT}/corpus/rules/*/*.cpp
     ${FL_SOURCE_ROOT}/corpus/rules/*/*.go)
# Directory fixtures: a program in several files (the link step) or a Go
# package, linted as a whole.
file(GLOB FL_RULE_FIXTURE_ENTRIES CONFIGURE_DEPENDS LIST_DIRECTORIES true
     ${FL_SOURCE_ROOT}/corpus/rules/*/*)
foreach(entry ${FL_RULE_FIXTURE_ENTRIES})
  if(IS_DIRECTORY ${entry})
    list(APPEND FL_RULE_FIXTURES ${entry})
  endif()
endforeach()
find_package(Python3 COMPONENTS Interpreter)
if(FL_RULE_FIXTURES AND NOT Python3_Interpreter_FOUND)
  message(WARNING "python3 not found: rule fixture tests are not registered")
elseif(FL_RULE_FIXTURES)
  foreach(fixture ${FL_RULE_FIXTURES})
    get_filename_component(fixture_dir ${fixture} DIRECTORY)
    get_filename_component(rule_id ${fixture_dir} NAME)
    if(IS_DIRECTORY ${fixture})
      set(fixture_dir ${fixture})
    endif()
    get_filename_component(fixture_name ${fixture} NAME)
    add_test(NAME rule/${rule_id}/${fixture_name}
             COMMAND ${Python3_EXECUTABLE} ${FL_SOURCE_ROOT}/scripts/check-fixtures
                     ${FL_BIN}/ffi-lint ${fixture}
             WORKING_DIRECTORY ${fixture_dir})
    # Exit 77: the fixture needs something this build lacks (the Go grammar).
    set_tests_properties(rule/${rule_id}/${fixture_name} PROPERTIES
                         ENVIRONMENT "${FL_TEST_ENV}" SKIP_RETURN_CODE 77 LABELS "rules;fixtures")
  endforeach()
endif()

# The fixture runner checks itself: a fake ffi-lint reports a chosen set of
# findings, and every way a fixture can fail must fail.
if(Python3_Interpreter_FOUND)
  add_test(NAME rule/check-fixtures-selftest
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/rules/check_fixtures_selftest.py
                   ${FL_SOURCE_ROOT}/scripts/check-fixtures)
  set_tests_properties(rule/check-fixtures-selftest PROPERTIES LABELS "rules")
  # The scaffolder, in a scratch tree: artefacts, sorted rules.def, changelog,
  # and a generated rule that compiles with our warnings.
  add_test(NAME rule/new-rule-selftest
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/rules/new_rule_selftest.py
                   ${FL_SOURCE_ROOT} ${CMAKE_C_COMPILER})
  set_tests_properties(rule/new-rule-selftest PROPERTIES LABELS "rules")
endif()

file(GLOB FL_RULE_UNIT_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/rules/*.c)
foreach(source ${FL_RULE_UNIT_TESTS})
  get_filename_component(name ${source} NAME_WE)
  add_executable(rule_${name} ${source})
  target_compile_options(rule_${name} PRIVATE ${FL_WARNINGS})
  target_compile_definitions(rule_${name} PRIVATE _GNU_SOURCE)
  target_link_libraries(rule_${name} PRIVATE ffilint)
  add_test(NAME rule/unit/${name} COMMAND rule_${name})
  set_tests_properties(rule/unit/${name} PROPERTIES ENVIRONMENT "${FL_TEST_ENV}" LABELS "rules")
endforeach()
