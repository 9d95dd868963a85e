/* libFuzzer harness: the rule-metadata YAML parser (config/rule_meta.h). */
#include <stddef.h>
#include <stdint.h>

#include "config/rule_meta.h"
#include "core/error.h"
#include "self_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = self_text_copy(data, size);
  fl_rule_meta meta;
  if (fl_rule_meta_parse(&meta, "fuzz.yml", text, size) == 0)
    fl_rule_meta_clear(&meta);
  fl_error_clear();
  free(text);
  return 0;
}
