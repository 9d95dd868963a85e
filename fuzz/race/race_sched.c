/* The controlled scheduler (see race_sched.h for the model). Only the thread
 * holding the baton touches `sched`; main touches it before handing out the
 * first turn and after the last thread ended, so no lock is needed. */
#include "race_sched.h"

#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

typedef enum thread_state {
  THREAD_IDLE = 0,  /* not started or ended */
  THREAD_RUNNABLE,
  THREAD_BLOCKED,   /* on a mutex/rwlock held by someone else */
  THREAD_WAITING,   /* on a condition variable */
} thread_state;

typedef struct race_thread {
  uint32_t turn;          /* futex: 1 = this thread holds the baton */
  unsigned index;
  thread_state state;
  int priority;
  const void *waiting_for; /* lock or cond */
  bool timed;              /* WAITING with a timeout */
  bool timed_out;
  unsigned call_index;
  unsigned local_steps;    /* steps this thread took: change points count these */
} race_thread;

static struct {
  race_thread threads[FL_RACE_MAX_THREADS];
  unsigned thread_count;
  unsigned live;
  race_thread *current;
  uint32_t done;          /* futex: main waits for 1 */
  bool active;
  uint32_t budget;
  int lowest;             /* next priority below every other */
  uint8_t change_thread[FL_RACE_MAX_CHANGES];
  uint8_t change_step[FL_RACE_MAX_CHANGES];
  unsigned change_count;
  fl_race_trace *trace;
} sched;

static __thread race_thread *self;

/* Interleaving coverage for libFuzzer: every time consecutive steps come
 * from different threads, the pair (where the last thread stopped, where
 * this one goes on) bumps a counter. libFuzzer reads counters in this
 * section as coverage, so an input that reaches a new cross-thread order
 * is kept and mutated further — the gradient towards deep interleavings
 * (two preemptions at the right places) that code coverage alone lacks.
 * Outside libFuzzer the section is plain memory. */
#define SWITCH_COUNTERS 4096
__attribute__((section("__libfuzzer_extra_counters"), used))
static uint8_t switch_counters[SWITCH_COUNTERS];
static uintptr_t last_step_key;
static int last_step_thread = -1;

static void count_interleaving(const race_thread *t, fl_race_event_kind kind, const void *fn,
                               const void *site) {
  uintptr_t key = (uintptr_t)(fn ? fn : site) * 31u + (uintptr_t)kind;
  if (last_step_thread >= 0 && last_step_thread != (int)t->index) {
    uintptr_t pair = (last_step_key * 0x9E3779B97F4A7C15ull) ^ key;
    pair ^= pair >> 29;
    uint8_t *counter = &switch_counters[pair % SWITCH_COUNTERS];
    if (*counter < 255)
      (*counter)++;
  }
  last_step_key = key;
  last_step_thread = (int)t->index;
}

void (*fl_race_on_fatal)(const char *what);

static void futex_wait(uint32_t *word, uint32_t expected) {
  syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, expected, NULL, NULL, 0);
}

static void futex_wake(uint32_t *word) {
  syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
}

static void give_turn(race_thread *to) {
  sched.current = to;
  __atomic_store_n(&to->turn, 1, __ATOMIC_RELEASE);
  futex_wake(&to->turn);
}

static void await_turn(race_thread *t) {
  while (__atomic_load_n(&t->turn, __ATOMIC_ACQUIRE) == 0)
    futex_wait(&t->turn, 0);
}

void fl_race_sched_init(const fl_race_plan *plan, fl_race_trace *trace, uint32_t budget) {
  memset(&sched, 0, sizeof sched);
  sched.thread_count = plan->thread_count;
  sched.live = plan->thread_count;
  sched.budget = budget ? budget : FL_RACE_DEFAULT_BUDGET;
  sched.lowest = -1;
  sched.trace = trace;
  last_step_thread = -1;
  sched.change_count = plan->change_count;
  memcpy(sched.change_thread, plan->change_thread, sizeof sched.change_thread);
  memcpy(sched.change_step, plan->change_step, sizeof sched.change_step);
  for (unsigned t = 0; t < plan->thread_count; t++) {
    race_thread *thread = &sched.threads[t];
    thread->index = t;
    thread->state = THREAD_RUNNABLE;
    /* Distinct priorities above every demoted one; ties go to the lower index. */
    thread->priority = 1 + plan->priority[t] * FL_RACE_MAX_THREADS + (FL_RACE_MAX_THREADS - 1 - t);
  }
  memset(trace, 0, offsetof(fl_race_trace, events));
  trace->plan = *plan;
  sched.active = true;
}

fl_race_trace *fl_race_sched_trace(void) { return sched.trace; }

bool fl_race_sched_managed(void) { return self != NULL && sched.active; }

void fl_race_sched_set_call(unsigned call_index) {
  if (self)
    self->call_index = call_index;
}

static fl_race_event *record(race_thread *t, fl_race_event_kind kind, const void *object,
                             const void *fn, const void *site) {
  fl_race_trace *trace = sched.trace;
  fl_race_event *ev = &trace->events[trace->count % FL_RACE_TRACE_MAX];
  trace->count++;
  ev->step = trace->steps;
  ev->local_step = (uint16_t)t->local_steps;
  ev->thread = (uint8_t)t->index;
  ev->kind = (uint8_t)kind;
  ev->flags = 0;
  ev->call_index = (uint8_t)t->call_index;
  ev->fn = fn;
  ev->site = site;
  ev->object = object;
  return ev;
}

/* Ends the process with a report the replayer and the crash importer parse
 * ("==race== HANG"/"==race== DEADLOCK"). */
static void __attribute__((noreturn)) fatal(fl_race_outcome outcome, const char *what) {
  sched.trace->outcome = outcome;
  fprintf(stderr, "==race== %s: %s (step %u, budget %u)\n",
          outcome == FL_RACE_OUTCOME_HANG ? "HANG" : "DEADLOCK", what,
          (unsigned)sched.trace->steps, (unsigned)sched.budget);
  if (fl_race_on_fatal)
    fl_race_on_fatal(what);
  abort();
}

/* The runnable thread of highest priority. When none is runnable, time
 * "passes": the timed waiter of highest priority times out. NULL means
 * deadlock. */
static race_thread *pick_next(void) {
  race_thread *best = NULL;
  for (unsigned i = 0; i < sched.thread_count; i++) {
    race_thread *t = &sched.threads[i];
    if (t->state == THREAD_RUNNABLE && (!best || t->priority > best->priority))
      best = t;
  }
  if (best)
    return best;
  for (unsigned i = 0; i < sched.thread_count; i++) {
    race_thread *t = &sched.threads[i];
    if (t->state == THREAD_WAITING && t->timed && (!best || t->priority > best->priority))
      best = t;
  }
  if (best) {
    best->state = THREAD_RUNNABLE;
    best->timed_out = true;
  }
  return best;
}

/* Chooses who runs after `t`'s event `ev` and, if it is someone else, passes
 * the baton and sleeps until `t` is chosen again. */
static void reschedule(race_thread *t, fl_race_event *ev, bool voluntary) {
  race_thread *next = pick_next();
  if (!next)
    fatal(FL_RACE_OUTCOME_DEADLOCK, "every live thread is blocked on a lock or condition");
  if (next == t)
    return;
  ev->flags |= FL_RACE_EVF_SWITCH;
  sched.trace->switches++;
  if (t->state == THREAD_RUNNABLE && !voluntary) {
    ev->flags |= FL_RACE_EVF_PREEMPT;
    sched.trace->preemptions++;
  }
  __atomic_store_n(&t->turn, 0, __ATOMIC_RELAXED);
  give_turn(next);
  await_turn(t);
}

/* Counts a step, enforces the budget and applies a PCT change point. */
static fl_race_event *step(race_thread *t, fl_race_event_kind kind, const void *object,
                           const void *fn, const void *site) {
  sched.trace->steps++;
  t->local_steps++;
  count_interleaving(t, kind, fn, site);
  fl_race_event *ev = record(t, kind, object, fn, site);
  if (sched.trace->steps > sched.budget)
    fatal(FL_RACE_OUTCOME_HANG, "step budget exhausted: livelock or endless spin");
  for (unsigned c = 0; c < sched.change_count; c++) {
    if (sched.change_thread[c] == t->index && sched.change_step[c] == t->local_steps) {
      t->priority = sched.lowest--;
      ev->flags |= FL_RACE_EVF_CHANGE;
    }
  }
  return ev;
}

void fl_race_sched_point(fl_race_event_kind kind, const void *object, const void *fn,
                         const void *site) {
  race_thread *t = self;
  if (!t || !sched.active)
    return;
  fl_race_event *ev = step(t, kind, object, fn, site);
  reschedule(t, ev, false);
}

void fl_race_sched_demote(fl_race_event_kind kind, const void *site) {
  race_thread *t = self;
  if (!t || !sched.active)
    return;
  fl_race_event *ev = step(t, kind, NULL, NULL, site);
  t->priority = sched.lowest--;
  /* Time passes while the caller sleeps: timed waits may expire. */
  for (unsigned i = 0; i < sched.thread_count; i++) {
    race_thread *w = &sched.threads[i];
    if (w->state == THREAD_WAITING && w->timed) {
      w->state = THREAD_RUNNABLE;
      w->timed_out = true;
    }
  }
  reschedule(t, ev, true);
}

void fl_race_sched_block(const void *object, const void *site) {
  race_thread *t = self;
  if (!t || !sched.active)
    return;
  t->state = THREAD_BLOCKED;
  t->waiting_for = object;
  fl_race_event *ev = step(t, FL_RACE_EV_BLOCK, object, NULL, site);
  reschedule(t, ev, true);
}

void fl_race_sched_release(const void *object) {
  if (!self || !sched.active)
    return;
  for (unsigned i = 0; i < sched.thread_count; i++) {
    race_thread *t = &sched.threads[i];
    if (t->state == THREAD_BLOCKED && t->waiting_for == object) {
      t->state = THREAD_RUNNABLE;
      t->waiting_for = NULL;
    }
  }
}

int fl_race_sched_cond_wait(const void *cond, bool timed, const void *site) {
  race_thread *t = self;
  t->state = THREAD_WAITING;
  t->waiting_for = cond;
  t->timed = timed;
  t->timed_out = false;
  fl_race_event *ev = step(t, FL_RACE_EV_COND_WAIT, cond, NULL, site);
  reschedule(t, ev, true);
  t->waiting_for = NULL;
  t->timed = false;
  return t->timed_out ? ETIMEDOUT : 0;
}

void fl_race_sched_cond_signal(const void *cond, bool all, const void *site) {
  race_thread *t = self;
  if (!t || !sched.active)
    return;
  race_thread *woken = NULL;
  for (unsigned i = 0; i < sched.thread_count; i++) {
    race_thread *w = &sched.threads[i];
    if (w->state != THREAD_WAITING || w->waiting_for != cond)
      continue;
    if (all)
      w->state = THREAD_RUNNABLE;
    else if (!woken || w->priority > woken->priority)
      woken = w;
  }
  if (woken)
    woken->state = THREAD_RUNNABLE;
  fl_race_event *ev = step(t, FL_RACE_EV_COND_SIGNAL, cond, NULL, site);
  reschedule(t, ev, false);
}

void fl_race_sched_thread_begin(unsigned index) {
  race_thread *t = &sched.threads[index];
  self = t;
  await_turn(t);
  fl_race_event *ev = step(t, FL_RACE_EV_THREAD_START, NULL, NULL, NULL);
  reschedule(t, ev, false);
}

void fl_race_sched_thread_end(void) {
  race_thread *t = self;
  fl_race_event *ev = record(t, FL_RACE_EV_THREAD_END, NULL, NULL, NULL);
  t->state = THREAD_IDLE;
  self = NULL;
  if (--sched.live == 0) {
    sched.current = NULL;
    __atomic_store_n(&sched.done, 1, __ATOMIC_RELEASE);
    futex_wake(&sched.done);
    return;
  }
  race_thread *next = pick_next();
  if (!next)
    fatal(FL_RACE_OUTCOME_DEADLOCK, "every live thread is blocked on a lock or condition");
  ev->flags |= FL_RACE_EVF_SWITCH;
  sched.trace->switches++;
  __atomic_store_n(&t->turn, 0, __ATOMIC_RELAXED);
  give_turn(next);
}

void fl_race_sched_run(void) {
  race_thread *first = pick_next();
  give_turn(first);
  while (__atomic_load_n(&sched.done, __ATOMIC_ACQUIRE) == 0)
    futex_wait(&sched.done, 0);
}

void fl_race_sched_finish(void) {
  sched.active = false;
  sched.trace->outcome = FL_RACE_OUTCOME_DONE;
}
