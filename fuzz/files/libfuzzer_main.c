/* libFuzzer (and AFL++ through libAFLDriver) entry points for a cached-file
 * harness: the adapter linked next to this file is the target. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "runtime.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  if (fl_files_init() < 0)
    exit(2); /* a bad environment setting: nothing useful can run */
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  return fl_files_run_input(&fl_files_adapter_main, data, size);
}
