/* The `handles:` section of an API-model file (models.h): one description of
 * a handle API that the race-harness generator reads and that registers the
 * static meaning of its close/free/guard calls.
 *
 *   handles:
 *     - name: hl
 *       type: hl_handle                 # C type; the handle is a pointer to it
 *       header: hl.h                    # optional
 *       create: {call: hl_open}         # or just `create: hl_open`
 *       ops:
 *         - {call: hl_write, args: [bytes, size]}
 *         - {call: hl_read, args: [buffer, size]}
 *       close: {call: hl_close}         # optional
 *       free: {call: hl_free}
 *       reclaim: {call: hl_reclaim}     # optional
 *       contract: free_races_ops        # or free_after_ops (default)
 *       guard: {enter: hl_enter, leave: hl_leave, drain: hl_drain, try: true}
 *
 * Internal to analyzer/config (libyaml types). */
#ifndef FL_MODEL_HANDLES_H
#define FL_MODEL_HANDLES_H

#include "../model/api.h"
#include "yaml_doc.h"

/* One parsed description; strings point into the YAML document. */
typedef struct fl_model_handle {
  fl_api_handle handle;
  unsigned line;
  bool guard_try; /* guard.enter may fail (FL_API_TRY on its entry) */
} fl_model_handle;

/* Parses the `handles:` sequence `list` into a heap array (*out, freed by
 * the caller, also on error) of *count_out descriptions. FL_ECONFIG naming
 * file:line of the first problem. */
int fl_model_handles_parse(fl_model_handle **out, size_t *count_out, fl_yaml_doc *doc,
                           yaml_node_t *list);

/* Adds `handle` to `api` and the entries that give its calls their static
 * meaning: close, free and reclaim free argument 0; the guard calls claim,
 * leave and drain argument 0. `origin` is "file.yml:line". */
void fl_model_handle_register(fl_api *api, const fl_model_handle *parsed, const char *origin);

#endif
