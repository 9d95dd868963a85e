/* Input discovery: command-line paths and the compile database become the
 * list of parse jobs (one per C/C++ translation unit, one per Go package
 * directory), in a deterministic order. */
#ifndef FL_DISCOVER_H
#define FL_DISCOVER_H

#include <stdbool.h>
#include <stddef.h>

#include "../config/config.h"
#include "frontends.h"

typedef struct fl_job_list {
  fl_source_job *jobs;
  size_t count;
  size_t capacity;
} fl_job_list;

typedef struct fl_discover_opts {
  const char *const *inputs;      /* files and directories; with a DB, path filters */
  size_t ninputs;
  const char *compile_db_dir;     /* -p DIR or NULL */
  const char *const *extra_args;  /* `-- FLAGS`: used for files not in a DB, and
                                     appended to every DB command */
  size_t nextra_args;
  const fl_config *config;        /* excludes; may be NULL */
} fl_discover_opts;

/* Fills `out` (which must be zeroed). Without a DB: every named file (any
 * C/C++/Go source or header), and below every named directory each
 * .c/.cc/.cpp/.cxx file and each directory of .go files, skipping hidden
 * entries and config excludes; names sorted. With a DB: its entries, limited
 * to those under the inputs when any are given; a named file the DB lacks is
 * analysed with the `--` flags; directories are still walked for Go.
 * Errors: FL_ENOTFOUND "path: No such file or directory", FL_EUSAGE for a
 * named file of unknown kind, compile-DB errors (compile_db.h). */
int fl_discover(fl_job_list *out, const fl_discover_opts *opts);
void fl_job_list_clear(fl_job_list *list);
/* Appends a zeroed job and returns it (the list may move). */
fl_source_job *fl_job_list_push(fl_job_list *list);
/* A file name the go tool builds into its directory's package: `.go`, not
 * `_test.go`, not hidden, not starting with `_`. */
bool fl_go_package_file(const char *name);

#endif
