# The hl handle library in its four versions, each built into a race
# harness with the same adapter (fuzz/race/FlRaceHarness.cmake), plus the
# blocking-call adapter for the flag (buggy) and guard (correct) versions.
set(HL_DIR ${CMAKE_CURRENT_LIST_DIR})
foreach(version flag unlock_early refcount guard)
  fl_add_race_harness(NAME race_hl_${version}
    ADAPTER ${HL_DIR}/hl_adapter.c
    LIBRARY ${HL_DIR}/hl_${version}.c ${HL_DIR}/hl_inner.c
    INCLUDES ${HL_DIR})
endforeach()
foreach(version flag guard)
  fl_add_race_harness(NAME race_hl_${version}_wait
    ADAPTER ${HL_DIR}/hl_adapter_wait.c
    LIBRARY ${HL_DIR}/hl_${version}.c ${HL_DIR}/hl_inner.c
    INCLUDES ${HL_DIR})
endforeach()
# The same API from its description (hl.ffi-models.yml) instead of the
# hand-written adapter: the buggy and the correct version.
if(COMMAND fl_add_race_harness_from_model AND TARGET race-adapter-gen)
  foreach(version flag guard)
    fl_add_race_harness_from_model(NAME race_hl_model_${version}
      MODEL ${HL_DIR}/hl.ffi-models.yml HANDLE hl
      LIBRARY ${HL_DIR}/hl_${version}.c ${HL_DIR}/hl_inner.c
      INCLUDES ${HL_DIR})
  endforeach()
endif()
