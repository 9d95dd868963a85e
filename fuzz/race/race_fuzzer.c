/* libFuzzer entry point (also AFL++'s, through libAFLDriver): one input is
 * one execution of its plan under the controlled scheduler. Env
 * FL_RACE_BUDGET overrides the step budget. */
#include <stdint.h>
#include <stdlib.h>

#include "race_plan.h"
#include "race_run.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint32_t budget;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  const char *env = getenv("FL_RACE_BUDGET");
  budget = env ? (uint32_t)strtoul(env, NULL, 10) : 0;
  fl_race_install_crash_report(fl_race_adapter_get());
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const fl_race_adapter *adapter = fl_race_adapter_get();
  fl_race_plan plan;
  fl_race_plan_decode(&plan, data, size, adapter);
  fl_race_run_opts opts = {.scheduled = true, .budget = budget, .trace = NULL};
  fl_race_run(adapter, &plan, &opts);
  return 0;
}
