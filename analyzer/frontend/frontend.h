/* Frontends lower source into the shared model (model.h). One file per job:
 * frontend/clang/ for C, C++ and cgo preambles (libclang), frontend/go/ for
 * Go (tree-sitter). No CX* or TS* type crosses this header. */
#ifndef FL_FRONTEND_H
#define FL_FRONTEND_H

#include <stdbool.h>

#include "../core/vec.h"
#include "../model/api.h"
#include "../model/model.h"

typedef struct fl_frontend_opts {
  const fl_api *api;          /* classifies calls: lock/unlock/free/guards */
  const char *resource_dir;   /* clang resource dir (builtin headers); NULL = compiled-in default */
  bool keep_going;            /* lower what parsed even when the TU has errors */
  bool facts_only;            /* Go: leave the cgo preambles unparsed (no C declarations):
                                 the units serve their package facts, not the rules */
} fl_frontend_opts;

/* What a unit's lowering read besides its own source, for a cache that must
 * know when a stored result is stale (engine/unit_cache.h): the headers
 * read, the places a header that was not found was looked for (it appearing
 * there changes the result), or that the result must not be stored at all.
 * Heap strings, in the order met; free with fl_deps_clear. */
typedef struct fl_deps {
  fl_ptrvec files;   /* char *: headers read */
  fl_ptrvec absent;  /* char *: paths that did not exist and must not start to */
  bool uncacheable;  /* what was missing cannot be pinned down by `absent` */
} fl_deps;
#define FL_DEPS_INIT {FL_PTRVEC_INIT, FL_PTRVEC_INIT, false}
void fl_deps_clear(fl_deps *deps);

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
/* A file the parse sees with this content whether or not it exists on disk
 * (cgo's generated `_cgo_export.h`). */
typedef struct fl_virtual_file {
  const char *path; /* absolute */
  const char *text;
} fl_virtual_file;

/* fl_clang_parse that also appends to *deps (may be NULL) every file the TU
 * included (virtual files excepted); a TU with a header that was not found
 * is marked uncacheable. `virtual_file` may be NULL. */
int fl_clang_parse_deps(fl_unit **out, fl_clang_index *index, const char *path,
                        const char *const *argv, int argc, const char *working_dir,
                        const fl_frontend_opts *opts, fl_deps *deps,
                        const fl_virtual_file *virtual_file);

#endif
