/* libFuzzer harness: the API-model YAML parser (config/models.h). */
#include <stddef.h>
#include <stdint.h>

#include "config/models.h"
#include "core/error.h"
#include "model/api.h"
#include "self_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = self_text_copy(data, size);
  fl_api *api = fl_api_new();
  fl_models_parse(api, "fuzz-model.yml", text, size);
  fl_api_free(api);
  fl_error_clear();
  free(text);
  return 0;
}
