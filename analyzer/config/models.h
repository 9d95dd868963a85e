/* Loader for API-model YAML (design.md §4): the built-in
 * rules/models/NAME.yml and the user's `models:` files from .ffi-lint.yml.
 *
 *   models:
 *     - name: pthread_rwlock_rdlock   # exact or glob (*_free)
 *       role: lock                    # api.h role names
 *       arg: 0                        # subject argument; -1 receiver, -2 return value
 *       shared: true                  # optional flags: shared, try, critical
 *       dst: 0                        # optional: dst (dst_arg), len (len_arg),
 *       len: 2                        #   size (size_arg), bits (len_bits)
 *       pairs: Py_DECREF              # optional pairs_with
 *       lang: c                       # optional: c, c++, go
 *
 * A file may also describe handle APIs under `handles:` (model_handles.h):
 * the race-harness generator reads them, and their close/free/guard calls
 * are added as the entries above.
 *
 * Each entry's origin is recorded as "file.yml:line". */
#ifndef FL_MODELS_H
#define FL_MODELS_H

#include <stddef.h>

#include "../model/api.h"

/* Adds every embedded rules/models/NAME.yml to `api`. FL_ECONFIG naming
 * "rules/models/x.yml:LINE" when one is malformed (a build defect). */
int fl_models_load_builtin(fl_api *api);
/* Adds the entries of the model file at `path`. FL_ENOTFOUND / FL_EIO /
 * FL_ECONFIG with "path:LINE: problem". Nothing is added on error. */
int fl_models_load_file(fl_api *api, const char *path);
/* Parses `text` (named `name` in messages and origins). Nothing is added
 * on error. */
int fl_models_parse(fl_api *api, const char *name, const char *text, size_t len);

#endif
