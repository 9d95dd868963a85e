/* Runs one plan against the adapter: create the handle, run the threads'
 * calls (under the controlled scheduler, or freely for the stress
 * baseline), free per the contract, reclaim. */
#ifndef FL_RACE_RUN_H
#define FL_RACE_RUN_H

#include <stdbool.h>
#include <stdint.h>

#include "race.h"
#include "race_plan.h"
#include "race_trace.h"

typedef struct fl_race_run_opts {
  bool scheduled;        /* false: real concurrency (stress baseline) */
  uint32_t budget;       /* step budget; 0 = FL_RACE_DEFAULT_BUDGET */
  fl_race_trace *trace;  /* where to record (scheduled runs); NULL = internal */
} fl_race_run_opts;

/* Runs `plan`. Returns 0, or -1 when the harness itself could not run it
 * (adapter create returned NULL, a thread could not start; nothing ran).
 * A bug in the library ends the process through the sanitizer or the
 * scheduler's hang report instead of returning. */
int fl_race_run(const fl_race_adapter *adapter, const fl_race_plan *plan,
                const fl_race_run_opts *opts);

/* From now on a sanitizer report or a scheduler hang report in this process
 * is followed by the timeline of the execution that crashed (stderr). For
 * the fuzzer and in-process replays; forked replays print their own. */
void fl_race_install_crash_report(const fl_race_adapter *adapter);

#endif
