/* What the controlled scheduler did in one execution: a ring of events the
 * timeline printer and the minimiser read. The replayer places the trace in
 * memory shared with its forked child so it survives the child's crash. */
#ifndef FL_RACE_TRACE_H
#define FL_RACE_TRACE_H

#include <stdint.h>
#include <stdio.h>

#include "race.h"
#include "race_plan.h"

#define FL_RACE_TRACE_MAX 8192

#define FL_RACE_EVENT_KINDS(X)                                                 \
  X(THREAD_START, "start")                                                     \
  X(THREAD_END, "end")                                                         \
  X(CALL_BEGIN, "call")                                                        \
  X(CALL_END, "return")                                                        \
  X(FUNC_ENTER, "enter")                                                       \
  X(FUNC_EXIT, "exit")                                                         \
  X(LOCK, "lock")                                                              \
  X(TRYLOCK, "trylock")                                                        \
  X(UNLOCK, "unlock")                                                          \
  X(BLOCK, "blocked")                                                          \
  X(COND_WAIT, "cond-wait")                                                    \
  X(COND_SIGNAL, "cond-signal")                                                \
  X(SLEEP, "sleep")                                                            \
  X(YIELD, "yield")                                                            \
  X(POINT, "point")

typedef enum fl_race_event_kind {
#define X(id, name) FL_RACE_EV_##id,
  FL_RACE_EVENT_KINDS(X)
#undef X
  FL_RACE_EV_COUNT
} fl_race_event_kind;

#define FL_RACE_EVF_SWITCH 0x1u  /* another thread ran next */
#define FL_RACE_EVF_PREEMPT 0x2u /* ...although this one could have gone on */
#define FL_RACE_EVF_CHANGE 0x4u  /* a PCT change point hit at this step */

typedef struct fl_race_event {
  uint32_t step;
  uint16_t local_step; /* the thread's own step count (change points use it) */
  uint8_t thread;
  uint8_t kind;        /* fl_race_event_kind */
  uint8_t flags;       /* FL_RACE_EVF_* */
  uint8_t call_index;  /* index of the thread's current call in the plan */
  const void *fn;      /* FUNC_*: the function; CALL_*: unused */
  const void *site;    /* FUNC_ENTER: the call site; lock/sleep: caller */
  const void *object;  /* the mutex/cond/rwlock */
} fl_race_event;

typedef enum fl_race_outcome {
  FL_RACE_OUTCOME_RUNNING = 0,
  FL_RACE_OUTCOME_DONE,
  FL_RACE_OUTCOME_HANG,     /* step budget exhausted: livelock */
  FL_RACE_OUTCOME_DEADLOCK, /* no thread can run */
} fl_race_outcome;

typedef struct fl_race_trace {
  uint32_t count;           /* events recorded (ring keeps the last MAX) */
  uint32_t steps;
  uint32_t switches;
  uint32_t preemptions;
  uint32_t outcome;         /* fl_race_outcome */
  fl_race_plan plan;        /* the plan that ran */
  fl_race_event events[FL_RACE_TRACE_MAX];
} fl_race_trace;

const char *fl_race_event_kind_name(fl_race_event_kind kind);

/* The i-th of the last min(count, MAX) events, oldest first. */
const fl_race_event *fl_race_trace_event(const fl_race_trace *trace, uint32_t i);
uint32_t fl_race_trace_length(const fl_race_trace *trace);

/* Source locations a crash report gave us, to mark on the timeline. Any
 * field may be empty. */
typedef struct fl_race_marks {
  char use[256];        /* "fn file:line" of the bad access, or "" */
  char use_file[192];
  int use_line;
  char free[256];       /* "fn file:line" where the memory was freed, or "" */
  char free_file[192];
  int free_line;
  int use_thread;       /* T number (T1 = first worker), -1 if unknown */
  int free_thread;
} fl_race_marks;

/* Prints the schedule as a two-column timeline (step | thread | event):
 * calls, switches with the function/lock where they happened, and the
 * marks. `verbose` also lists every function entry/exit. */
void fl_race_timeline_print(FILE *out, const fl_race_trace *trace,
                            const fl_race_adapter *adapter,
                            const fl_race_marks *marks, int verbose);

/* The timeline in the audit DB's text format (analyzer/db/crash.h:
 * "THREAD|OP|LOCATION|NOTE" per line): calls and returns, switches, locks,
 * and the free and use from the marks. Returns a malloc'd string or NULL. */
char *fl_race_timeline_db_text(const fl_race_trace *trace, const fl_race_adapter *adapter,
                               const fl_race_marks *marks);

/* For hangs and deadlocks (no sanitizer stack): the function each thread
 * was last in, one per line, at most three — the crash state. */
void fl_race_trace_stuck_state(const fl_race_trace *trace, char *out, size_t size);

#endif
