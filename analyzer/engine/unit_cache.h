/* The incremental cache (design.md §1): lowered units stored on disk -- a
 * Go package's units, or a C/C++ translation unit -- so a second run over
 * unchanged code skips tree-sitter, libclang and the lowering (the cost of
 * a run) and goes straight to the rules.
 *
 * An entry is keyed by a SHA-256 over everything that decides what the
 * frontend produces: ffi-lint's own binary and the shared libraries it
 * loaded (libclang, libtree-sitter: size, mtime, inode), the model
 * format version, the API models in force (every entry's fields), the
 * frontend options, the job as named (Go package directory and file names;
 * TU path, working directory and compiler arguments) and the contents of
 * its sources. It also lists what the parse read besides those -- every
 * header with its size and mtime, and for a Go preamble's header that was
 * not found, every place it was looked for; an entry whose list no longer
 * matches the file system is stale. A C/C++ TU with a missing header is
 * not stored.
 *
 * Entries are files DIR/xx/<key>.flc (header, dependency list, the units
 * as model/serialize.h encodes them, a checksum), written to a temporary
 * name and renamed, so concurrent runs and killed runs never leave half an
 * entry (at worst a stray DIR/tmp.* file, which a later run sweeps when
 * old). A corrupt, truncated or foreign entry is a miss, removed and
 * rewritten: the cache can always be deleted. Entries unused for 30 days
 * are removed (a sweep at most once a day). Safe for concurrent use by the
 * parse workers of one run and by concurrent runs. */
#ifndef FL_UNIT_CACHE_H
#define FL_UNIT_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "frontends.h"

typedef struct fl_unit_cache fl_unit_cache;

/* Counters for the run summary, in jobs; updated atomically. */
typedef struct fl_unit_cache_stats {
  size_t hits, misses; /* misses include stale entries */
  size_t corrupt;      /* entries that did not decode (rebuilt): a disk or format problem */
  size_t write_errors; /* results that could not be stored */
} fl_unit_cache_stats;

/* The default directory: $FFI_LINT_CACHE_DIR, else $XDG_CACHE_HOME/ffi-lint,
 * else $HOME/.cache/ffi-lint, else NULL (no cache). Heap string. */
char *fl_unit_cache_default_dir(void);

/* Opens the cache in `dir` (created with its parents if missing) for runs
 * with the API table `api`. Returns 0, or FL_EIO with the message when the
 * directory cannot be created or written: the caller warns and runs
 * without a cache. *out is freed with fl_unit_cache_close. */
int fl_unit_cache_open(fl_unit_cache **out, const char *dir, const fl_api *api);
void fl_unit_cache_close(fl_unit_cache *cache);

/* Lowers `job` as its frontend would (same contract and ownership as
 * fl_frontend_desc.parse; `worker` is the clang worker state for C/C++
 * jobs), from the cache when a fresh entry exists, else by parsing and
 * then storing the result. Cache trouble is never an error (it is counted,
 * and the job parsed). */
int fl_unit_cache_parse(fl_unit_cache *cache, fl_unit ***units_out, size_t *nunits_out,
                        void *worker, const fl_source_job *job, const fl_frontend_opts *opts);

void fl_unit_cache_stats_get(const fl_unit_cache *cache, fl_unit_cache_stats *out);

#endif
