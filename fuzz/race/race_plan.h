/* Fuzz input <-> execution plan: how many threads, what each calls, and the
 * PCT schedule (thread priorities and priority change points).
 *
 * Byte layout (every byte string decodes; missing bytes read as 0):
 *   [0]            thread count  = 2 + b % 3
 *   [1]            change points = b % (FL_RACE_MAX_CHANGES + 1)
 *   [2 .. 2+n)     one priority byte per thread
 *   then           two bytes per change point: a thread (b % threads) and
 *                  that thread's own step at which it drops below every
 *                  other thread (fl_race_change_step: 1..64, 3/4 of the
 *                  byte values on steps 1..24, where one call's window is)
 *   then per thread: a count byte (1 + b % FL_RACE_MAX_OPS) and, per call,
 *                  a selector byte and FL_RACE_ARG_BYTES argument bytes
 * Selector s picks ops[s % k] where k counts the adapter's ops, then close
 * (if any), then free (FL_RACE_FREE_RACES_OPS only; the first pick wins,
 * later picks of free fall back to an op).
 */
#ifndef FL_RACE_PLAN_H
#define FL_RACE_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "race.h"

#define FL_RACE_MAX_THREADS 4
#define FL_RACE_MAX_OPS 6
#define FL_RACE_MAX_CHANGES 3
#define FL_RACE_ARG_BYTES 8
#define FL_RACE_STEP_MAX 64u /* a change point is one of a thread's first 64 steps */
#define FL_RACE_PLAN_MAX_BYTES                                                 \
  (2 + FL_RACE_MAX_THREADS + 2 * FL_RACE_MAX_CHANGES +                         \
   FL_RACE_MAX_THREADS * (1 + FL_RACE_MAX_OPS * (1 + FL_RACE_ARG_BYTES)))

typedef enum fl_race_call_kind {
  FL_RACE_CALL_OP = 0,
  FL_RACE_CALL_CLOSE,
  FL_RACE_CALL_FREE,
} fl_race_call_kind;

typedef struct fl_race_call {
  fl_race_call_kind kind;
  uint8_t op;                          /* FL_RACE_CALL_OP: index into ops */
  uint8_t args[FL_RACE_ARG_BYTES];
} fl_race_call;

typedef struct fl_race_plan {
  unsigned thread_count;               /* 2..FL_RACE_MAX_THREADS */
  unsigned call_count[FL_RACE_MAX_THREADS];
  fl_race_call calls[FL_RACE_MAX_THREADS][FL_RACE_MAX_OPS];
  uint8_t priority[FL_RACE_MAX_THREADS];
  unsigned change_count;
  /* PCT change points in thread-local coordinates: when thread
   * change_thread[c] takes its change_step[c]-th step it drops below every
   * other thread. Local steps stay put when other threads' calls change. */
  uint8_t change_thread[FL_RACE_MAX_CHANGES];
  uint8_t change_step[FL_RACE_MAX_CHANGES]; /* 1..FL_RACE_STEP_MAX */
} fl_race_plan;

/* Decodes any byte string into a valid plan for `adapter`. */
void fl_race_plan_decode(fl_race_plan *out, const uint8_t *data, size_t size,
                         const fl_race_adapter *adapter);

/* Writes the canonical bytes of `plan` into `out` (FL_RACE_PLAN_MAX_BYTES
 * suffice) and returns their count; decoding them gives `plan` back. */
size_t fl_race_plan_encode(const fl_race_plan *plan, const fl_race_adapter *adapter,
                           uint8_t *out, size_t cap);

/* The name of a call for timelines ("close", "free" or the op's name). */
const char *fl_race_call_name(const fl_race_call *call, const fl_race_adapter *adapter);

/* Byte <-> thread-local step of a change point (see the layout above). */
unsigned fl_race_change_step(uint8_t byte);
uint8_t fl_race_change_byte(unsigned step);

bool fl_race_plan_has_free(const fl_race_plan *plan);
unsigned fl_race_plan_total_calls(const fl_race_plan *plan);

#endif
