/* libFuzzer harness: ffi-lint on a Go package of fuzzed source -- the
 * tree-sitter-go frontend (lowering whatever parses, ERROR nodes and all),
 * cgo preambles through libclang, the link step, every rule, suppressions
 * and fingerprints -- through the same driver the CLI runs. The input is
 * one .go file; the seeds are the Go rule fixtures. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/error.h"
#include "engine/driver.h"
#include "self_api.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char package_dir[] = "/tmp/fl-fuzz-go.XXXXXX";
static char source_path[sizeof package_dir + 16];

static void remove_package_dir(void) {
  unlink(source_path);
  rmdir(package_dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!source_path[0]) {
    if (!mkdtemp(package_dir)) abort();
    snprintf(source_path, sizeof source_path, "%s/a.go", package_dir);
    atexit(remove_package_dir);
  }
  FILE *out = fopen(source_path, "wb");
  if (!out) abort();
  if (size) fwrite(data, 1, size, out);
  if (fclose(out) != 0) abort();
  const char *inputs[] = {package_dir};
  fl_driver_opts opts = {.inputs = inputs, .ninputs = 1, .jobs = 1, .api = self_builtin_api()};
  fl_driver_result result;
  fl_driver_run(&opts, &result); /* errors (nothing parsed) are fine: crashes are not */
  fl_driver_result_clear(&result);
  fl_error_clear();
  return 0;
}
