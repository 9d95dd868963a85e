/* Frontends lower source into the shared model (model.h). One file per job:
 * frontend/clang/ for C, C++ and cgo preambles (libclang), frontend/go/ for
 * Go (tree-sitter). No CX* or TS* type crosses this header. */
#ifndef FL_FRONTEND_H
#define FL_FRONTEND_H

#include <stdbool.h>

#include "../model/api.h"
#include "../model/model.h"

typedef struct fl_frontend_opts {
  const fl_api *api;          /* classifies calls: lock/unlock/free/guards */
  const char *resource_dir;   /* clang resource dir (builtin headers); NULL = compiled-in default */
  bool keep_going;            /* lower what parsed even when the TU has errors */
} fl_frontend_opts;

/* --- C / C++ (libclang) ---------------------------------------------------
 * One fl_clang_index per worker thread (wraps one CXIndex). */
typedef struct fl_clang_index fl_clang_index;

fl_clang_index *fl_clang_index_new(void);
void fl_clang_index_free(fl_clang_index *index);

/* Parses `path` with compiler arguments `argv[0..argc)` (no compiler name,
 * no input file; may be empty: sensible defaults are used) from directory
 * `working_dir` (NULL = cwd) and lowers it.
 *
 * On return *out is a new unit owned by the caller (fl_unit_free) unless the
 * file could not be parsed at all. Clang's errors are recorded in
 * unit->diags and unit->status is FL_UNIT_PARTIAL when any error occurred.
 * Returns 0, or FL_EPARSE / FL_ENOTFOUND with fl_error_set() naming the file. */
int fl_clang_parse(fl_unit **out, fl_clang_index *index, const char *path,
                   const char *const *argv, int argc, const char *working_dir,
                   const fl_frontend_opts *opts);

#endif
