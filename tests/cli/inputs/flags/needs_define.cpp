// Parses only with -DFFI_LINT_TEST_FLAG (from `--` or compile_commands.json):
// proves the driver hands each TU its own flags.
#ifndef FFI_LINT_TEST_FLAG
#error FFI_LINT_TEST_FLAG not set
#endif
#include "flag_header.h"

extern "C" int flagged(int x) {
  if (x) throw flag_error{};
  return 0;
}
