/* The controlled scheduler: real threads, one running at a time.
 *
 * Each managed thread owns a baton word (a futex). At every switch point
 * (API call boundary, instrumented function entry/exit, interposed
 * pthread/sleep call) the running thread asks the scheduler who runs next:
 * the runnable thread of highest priority (PCT). Priorities start from the
 * input bytes; at each change-point step the running thread drops below all
 * others; sleep/sched_yield drop the caller too (it asked to let others
 * run). A thread blocked on a mutex/rwlock or waiting on a condvar is not
 * runnable until an unlock/signal makes it so, so a blocked thread is never
 * chosen while the holder is suspended. The baton is a futex word per
 * thread, in code built without TSan instrumentation, so TSan sees only the
 * library's own synchronisation.
 *
 * Outside managed threads (libFuzzer's, main) everything passes through. */
#ifndef FL_RACE_SCHED_H
#define FL_RACE_SCHED_H

#include <stdbool.h>
#include <stdint.h>

#include "race_plan.h"
#include "race_trace.h"

#define FL_RACE_DEFAULT_BUDGET 20000u

/* Prepares a run of `plan` (priorities, change points) recording into
 * `trace` (caller-owned, may be shared memory). */
void fl_race_sched_init(const fl_race_plan *plan, fl_race_trace *trace, uint32_t budget);
/* Called first thing on managed thread `index`: registers it and waits for
 * its first turn. */
void fl_race_sched_thread_begin(unsigned index);
/* Called last on a managed thread: passes the baton on for good. */
void fl_race_sched_thread_end(void);
/* From the main (unmanaged) thread: hands out the first turn and waits
 * until every managed thread has ended. */
void fl_race_sched_run(void);
void fl_race_sched_finish(void);
bool fl_race_sched_managed(void); /* is the caller a managed thread? */
void fl_race_sched_set_call(unsigned call_index);

/* Switch points. `object` is the lock/cond, `fn`/`site` code addresses. */
void fl_race_sched_point(fl_race_event_kind kind, const void *object, const void *fn,
                         const void *site);
/* sleep/sched_yield: drop the caller's priority below all, then switch. */
void fl_race_sched_demote(fl_race_event_kind kind, const void *site);
/* The caller could not take `object`: it sleeps until fl_race_sched_release. */
void fl_race_sched_block(const void *object, const void *site);
void fl_race_sched_release(const void *object);
/* Condition variables: wait until signalled (returns 0) or, for a timed
 * wait, until nothing else can run (returns ETIMEDOUT). */
int fl_race_sched_cond_wait(const void *cond, bool timed, const void *site);
void fl_race_sched_cond_signal(const void *cond, bool all, const void *site);

/* The trace of the current/last run, for the crash callback. */
fl_race_trace *fl_race_sched_trace(void);
/* Called when a crash report is about to end the process. */
extern void (*fl_race_on_fatal)(const char *what);

#endif
