/* One execution of a plan (race_run.h). */
#include "race_run.h"

#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "race_sched.h"


typedef struct worker {
  const fl_race_adapter *adapter;
  const fl_race_plan *plan;
  void *handle;
  unsigned index;
  bool scheduled;
  uint32_t *start_gate; /* GATE_*: threads start together, or not at all */
} worker;

enum { GATE_CLOSED = 0, GATE_OPEN = 1, GATE_CANCELLED = 2 };

static uint32_t wait_gate(uint32_t *gate) {
  uint32_t state;
  while ((state = __atomic_load_n(gate, __ATOMIC_ACQUIRE)) == GATE_CLOSED)
    syscall(SYS_futex, gate, FUTEX_WAIT_PRIVATE, GATE_CLOSED, NULL, NULL, 0);
  return state;
}

static void set_gate(uint32_t *gate, uint32_t state) {
  __atomic_store_n(gate, state, __ATOMIC_RELEASE);
  syscall(SYS_futex, gate, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
}

static void run_call(const worker *w, const fl_race_call *call) {
  fl_race_input args = {call->args, sizeof call->args, 0};
  switch (call->kind) {
  case FL_RACE_CALL_CLOSE:
    w->adapter->close(w->handle);
    break;
  case FL_RACE_CALL_FREE:
    w->adapter->free(w->handle);
    break;
  case FL_RACE_CALL_OP:
    w->adapter->ops[call->op].run(w->handle, &args);
    break;
  }
}

static void *worker_main(void *arg) {
  const worker *w = arg;
  if (wait_gate(w->start_gate) == GATE_CANCELLED)
    return NULL;
  if (w->scheduled)
    fl_race_sched_thread_begin(w->index);
  for (unsigned i = 0; i < w->plan->call_count[w->index]; i++) {
    const fl_race_call *call = &w->plan->calls[w->index][i];
    fl_race_sched_set_call(i);
    fl_race_sched_point(FL_RACE_EV_CALL_BEGIN, NULL, NULL, NULL);
    run_call(w, call);
    fl_race_sched_point(FL_RACE_EV_CALL_END, NULL, NULL, NULL);
  }
  if (w->scheduled)
    fl_race_sched_thread_end();
  return NULL;
}

static fl_race_trace internal_trace;

int fl_race_run(const fl_race_adapter *adapter, const fl_race_plan *plan,
                const fl_race_run_opts *opts) {
  worker workers[FL_RACE_MAX_THREADS];
  pthread_t tids[FL_RACE_MAX_THREADS];
  uint32_t start_gate = 0;
  unsigned started = 0;
  int rc = 0;

  void *handle = adapter->create();
  if (!handle)
    return -1;
  for (unsigned t = 0; t < plan->thread_count; t++) {
    workers[t] = (worker){adapter, plan, handle, t, opts->scheduled, &start_gate};
    if (pthread_create(&tids[t], NULL, worker_main, &workers[t]) != 0) {
      rc = -1;
      break;
    }
    started++;
  }
  if (rc != 0) {
    /* A partial plan is not the input's schedule: run nothing. */
    set_gate(&start_gate, GATE_CANCELLED);
  } else if (opts->scheduled) {
    fl_race_sched_init(plan, opts->trace ? opts->trace : &internal_trace, opts->budget);
    set_gate(&start_gate, GATE_OPEN);
    fl_race_sched_run();
  } else {
    set_gate(&start_gate, GATE_OPEN);
  }
  for (unsigned t = 0; t < started; t++)
    pthread_join(tids[t], NULL);
  if (rc == 0 && opts->scheduled)
    fl_race_sched_finish();
  if (rc != 0 || !fl_race_plan_has_free(plan))
    adapter->free(handle);
  if (adapter->reclaim)
    adapter->reclaim(handle);
  return rc;
}

static const fl_race_adapter *crash_adapter;

/* Crash-time printer: the timeline of the execution that crashed, so a crash
 * found by libFuzzer or AFL++ is readable without the replayer. */
static void print_crash_timeline(void) {
  fl_race_trace *trace = fl_race_sched_trace();
  if (!trace || !crash_adapter || trace->steps == 0)
    return;
  fprintf(stderr, "==race== schedule of the crashing execution (%u steps, %u preemptions):\n",
          (unsigned)trace->steps, (unsigned)trace->preemptions);
  fl_race_timeline_print(stderr, trace, crash_adapter, NULL, 0);
}

static void on_fatal(const char *what) {
  (void)what;
  print_crash_timeline();
}

/* Every sanitizer calls this with its one-line summary just before it ends
 * the process; defining it replaces the runtime's weak default (which only
 * prints the line). libFuzzer owns the death callback, so this is the hook
 * that works under libFuzzer, AFL++ and the in-process replay alike. */
void __sanitizer_report_error_summary(const char *error_summary);
void __sanitizer_report_error_summary(const char *error_summary) {
  fprintf(stderr, "%s\n", error_summary);
  print_crash_timeline();
}

void fl_race_install_crash_report(const fl_race_adapter *adapter) {
  crash_adapter = adapter;
  fl_race_on_fatal = on_fatal;
}
