/* fl_deps (frontend.h): what a frontend read besides the unit's own source. */
#include <stdlib.h>

#include "frontend.h"

void fl_deps_clear(fl_deps *deps) {
  for (size_t i = 0; i < deps->files.count; i++) free(deps->files.items[i]);
  for (size_t i = 0; i < deps->absent.count; i++) free(deps->absent.items[i]);
  fl_ptrvec_free(&deps->files);
  fl_ptrvec_free(&deps->absent);
  deps->uncacheable = false;
}
