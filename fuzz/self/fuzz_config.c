/* libFuzzer harness: the .ffi-lint.yml config parser (config/config.h). */
#include <stddef.h>
#include <stdint.h>

#include "config/config.h"
#include "core/error.h"
#include "self_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = self_text_copy(data, size);
  fl_config *config = NULL;
  if (fl_config_parse(&config, ".ffi-lint.yml", text, size, "/nonexistent/project") == 0) {
    fl_config_rule(config, "unguarded-length");
    fl_config_excluded(config, "/nonexistent/project/build/x.c");
    fl_config_free(config);
  }
  fl_error_clear();
  free(text);
  return 0;
}
