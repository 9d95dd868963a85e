/* The race harness's adapter contract (design.md §7, issue 7).
 *
 * A user describes a handle API in one adapter file: how to create a handle,
 * the operations (each reading its arguments from fuzz-input bytes), close,
 * free, and which calls may race which. The harness turns fuzz input into
 * 2-4 threads of operations plus a schedule, runs the threads one at a time
 * under a controlled scheduler, and lets ASan/UBSan/TSan catch what breaks.
 * Same input -> same interleaving -> same crash.
 *
 * Minimal adapter (see docs/race-fuzzing.md):
 *
 *   static void *my_create(void) { return my_open(); }
 *   static void op_send(void *h, fl_race_input *in) { my_send(h, fl_race_u32(in)); }
 *   static const fl_race_op my_ops[] = { { "my_send", op_send } };
 *   FL_RACE_ADAPTER(my_api) = {
 *     .name = "my_api", .create = my_create, .ops = my_ops,
 *     .op_count = sizeof my_ops / sizeof my_ops[0],
 *     .close = my_close, .free = my_free,
 *     .contract = FL_RACE_FREE_AFTER_OPS,
 *   };
 */
#ifndef FL_RACE_H
#define FL_RACE_H

#include <stddef.h>
#include <stdint.h>

/* Argument bytes for one call: a fixed slice of the fuzz input, so that
 * mutating one operation's arguments never shifts another's. Reads past the
 * end return zeros. */
typedef struct fl_race_input {
  const uint8_t *bytes;
  size_t size;
  size_t pos;
} fl_race_input;

uint8_t fl_race_u8(fl_race_input *in);
uint32_t fl_race_u32(fl_race_input *in);
/* Copies up to `max` bytes into `out` (length taken from the next byte,
 * capped by what is left and by `max`); returns the count copied. */
size_t fl_race_bytes(fl_race_input *in, void *out, size_t max);

typedef struct fl_race_op {
  const char *name;                               /* shown in timelines */
  void (*run)(void *handle, fl_race_input *args); /* one API call */
} fl_race_op;

typedef enum fl_race_contract {
  /* Common C contract: close may race ops, free only after every op has
   * returned (the harness joins all threads, then frees). */
  FL_RACE_FREE_AFTER_OPS = 0,
  /* Guard-based APIs (seed 001): free may race ops, and ops on a freed
   * handle must fail cleanly. Free runs once, on a fuzzer-chosen thread at
   * a fuzzer-chosen position (or after the join if the input picks none). */
  FL_RACE_FREE_RACES_OPS = 1,
} fl_race_contract;

typedef struct fl_race_adapter {
  const char *name;
  void *(*create)(void);          /* NULL return: skip this input */
  const fl_race_op *ops;
  size_t op_count;                /* 1..255 */
  void (*close)(void *handle);    /* optional; may race ops under both contracts */
  void (*free)(void *handle);     /* required */
  /* Optional: runs after every thread has returned and free has run, to
   * release memory the API leaks on purpose so late ops stay valid (seed
   * 001 leaks the handle box); keeps LeakSanitizer quiet about it. */
  void (*reclaim)(void *handle);
  fl_race_contract contract;
} fl_race_adapter;

/* The adapter file defines exactly one adapter with this macro. */
#define FL_RACE_ADAPTER(var)                                              \
  static const fl_race_adapter var;                                       \
  const fl_race_adapter *fl_race_adapter_get(void) { return &var; }       \
  static const fl_race_adapter var

const fl_race_adapter *fl_race_adapter_get(void);

/* An explicit switch point, for code that spins on memory without calling
 * anything (the library is otherwise switched at function entry/exit and at
 * pthread/sleep calls). A no-op outside the controlled scheduler. */
void fl_race_point(void);

#endif
