/* The driver's dispatch point: which frontend handles which source files.
 * Adding a language = one row in frontends.c plus its parse adapter. */
#ifndef FL_FRONTENDS_H
#define FL_FRONTENDS_H

#include <stdbool.h>
#include <stddef.h>

#include "../frontend/frontend.h"

typedef enum fl_frontend_kind {
  FL_FRONTEND_CLANG = 0, /* one job per C/C++ translation unit */
  FL_FRONTEND_GO,        /* one job per directory (a Go package) */
  FL_FRONTEND_COUNT
} fl_frontend_kind;

/* One unit of parse work. Heap-owned by the job list (discover.h). */
typedef struct fl_source_job {
  fl_frontend_kind frontend;
  char *path;          /* the TU, or the Go package directory */
  char **files;        /* Go: the package's .go file names (relative to `path`,
                          without _test.go), in name order */
  size_t nfiles;
  char *working_dir;   /* compile-DB directory, NULL = cwd */
  char **argv;         /* compiler arguments for the frontend */
  size_t argc;
  char *virtual_path;  /* clang: a file the TU sees with virtual_text (cgo's */
  char *virtual_text;  /* _cgo_export.h for a cgo package's .c file), or NULL */
  bool context_only;   /* Go: a package the inputs import, parsed for its facts
                          (finalizers) only: no findings, diagnostics or counts */
} fl_source_job;

typedef struct fl_frontend_desc {
  const char *name;
  /* Per-worker-thread state (a CXIndex); NULL when the frontend needs none. */
  void *(*worker_new)(void);
  void (*worker_free)(void *worker);
  /* Lowers `job` into units appended to *units (heap array the caller
   * frees, units owned by the caller). NULL parse = frontend not built in:
   * its jobs are skipped silently. Returns 0 or a negative FL_E* code with
   * fl_error_set() naming the file; units parsed before a failure are
   * still returned. `deps` (may be NULL) gets what the parse read besides
   * the job's sources, for the unit cache. */
  int (*parse)(fl_unit ***units, size_t *nunits, void *worker, const fl_source_job *job,
               const fl_frontend_opts *opts, fl_deps *deps);
} fl_frontend_desc;

const fl_frontend_desc *fl_frontend_get(fl_frontend_kind kind);
/* The frontend for a file found while walking a directory, by extension:
 * .c .cc .cpp .cxx → clang, .go → go; false for anything else (headers are
 * not translation units). */
bool fl_frontend_for_source(const char *path, fl_frontend_kind *out);
/* Like fl_frontend_for_source, but also accepts headers (.h .hh .hpp .hxx)
 * that the user named explicitly. */
bool fl_frontend_for_named_file(const char *path, fl_frontend_kind *out);

#endif
