/* The built-in API models (the YAML under rules/models/), loaded once per fuzzing
 * process and kept for its life: what the CLI runs with by default. */
#ifndef FL_SELF_API_H
#define FL_SELF_API_H

#include <stdlib.h>

#include "config/models.h"

static inline const fl_api *self_builtin_api(void) {
  static fl_api *api;
  if (!api) {
    api = fl_api_new();
    if (fl_models_load_builtin(api) != 0) abort(); /* the embedded models must load */
  }
  return api;
}

#endif
