/* A parallel for-loop over `count` work items on `jobs` threads.
 *
 * The only state shared between the threads is the queue (the next item's
 * index) behind one mutex, plus whatever `shared` the caller hands in, which
 * must be read-only or indexed by item: each item writes only its own
 * result slot, so results come out in item order whatever the schedule
 * (deterministic output at any -j). */
#ifndef FL_WORKERS_H
#define FL_WORKERS_H

#include <stddef.h>

#include "progress.h"

typedef struct fl_worker_ops {
  /* Per-worker state (e.g. a clang index); both may be NULL. Called in the
   * coordinating thread, before any worker starts and after all have
   * finished: libLLVM initialises process-wide statics in the first
   * clang_createIndex, invisibly to TSan and unsafely if two threads race. */
  void *(*thread_init)(void *shared);
  void (*thread_fini)(void *thread_state, void *shared);
  /* Processes item `index`. */
  void (*run)(void *thread_state, size_t index, void *shared);
  /* For the progress line: a short name of item `index` (may be NULL). */
  const char *(*item_name)(size_t index, void *shared);
  const char *verb;   /* "parsing" */
  size_t batch;       /* items taken per queue visit (>= 1) */
} fl_worker_ops;

/* Runs every item and returns when all are done. `jobs` <= 1 runs in the
 * calling thread, as does everything if no thread can be started. */
void fl_workers_run(size_t count, int jobs, const fl_worker_ops *ops, void *shared,
                    fl_progress *progress);

/* Online CPUs (>= 1). */
int fl_workers_default_jobs(void);

#endif
