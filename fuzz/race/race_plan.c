/* Fuzz input <-> execution plan (layout in race_plan.h). */
#include "race_plan.h"

#include <string.h>

typedef struct byte_reader {
  const uint8_t *data;
  size_t size;
  size_t pos;
} byte_reader;

static uint8_t next_byte(byte_reader *r) {
  return r->pos < r->size ? r->data[r->pos++] : 0;
}

/* Size of the selector space: ops, then close, then free. */
static unsigned selector_space(const fl_race_adapter *adapter) {
  unsigned space = (unsigned)adapter->op_count;
  if (adapter->close)
    space++;
  if (adapter->contract == FL_RACE_FREE_RACES_OPS)
    space++;
  return space;
}

static void decode_call(fl_race_call *call, uint8_t selector, bool *free_taken,
                        const fl_race_adapter *adapter) {
  unsigned pick = selector % selector_space(adapter);
  unsigned ops = (unsigned)adapter->op_count;
  memset(call, 0, sizeof *call);
  if (pick < ops) {
    call->kind = FL_RACE_CALL_OP;
    call->op = (uint8_t)pick;
  } else if (adapter->close && pick == ops) {
    call->kind = FL_RACE_CALL_CLOSE;
  } else if (!*free_taken) {
    call->kind = FL_RACE_CALL_FREE;
    *free_taken = true;
  } else {
    /* free runs at most once per execution */
    call->kind = FL_RACE_CALL_OP;
    call->op = (uint8_t)(selector % ops);
  }
}

void fl_race_plan_decode(fl_race_plan *out, const uint8_t *data, size_t size,
                         const fl_race_adapter *adapter) {
  byte_reader r = {data, size, 0};
  bool free_taken = false;
  memset(out, 0, sizeof *out);
  out->thread_count = 2 + next_byte(&r) % (FL_RACE_MAX_THREADS - 1);
  out->change_count = next_byte(&r) % (FL_RACE_MAX_CHANGES + 1);
  for (unsigned t = 0; t < out->thread_count; t++)
    out->priority[t] = next_byte(&r);
  for (unsigned c = 0; c < out->change_count; c++) {
    out->change_thread[c] = (uint8_t)(next_byte(&r) % out->thread_count);
    out->change_step[c] = (uint8_t)fl_race_change_step(next_byte(&r));
  }
  for (unsigned t = 0; t < out->thread_count; t++) {
    out->call_count[t] = 1 + next_byte(&r) % FL_RACE_MAX_OPS;
    for (unsigned i = 0; i < out->call_count[t]; i++) {
      fl_race_call *call = &out->calls[t][i];
      decode_call(call, next_byte(&r), &free_taken, adapter);
      for (unsigned a = 0; a < FL_RACE_ARG_BYTES; a++)
        call->args[a] = next_byte(&r);
    }
  }
}

/* Most windows sit in a thread's first call or two, so three quarters of
 * the byte values land on steps 1..24 and the rest reach up to 64. */
#define DENSE_STEPS 24u
#define DENSE_BYTES 192u

unsigned fl_race_change_step(uint8_t byte) {
  if (byte < DENSE_BYTES)
    return 1 + byte % DENSE_STEPS;
  return DENSE_STEPS + 1 + (byte - DENSE_BYTES) % (FL_RACE_STEP_MAX - DENSE_STEPS);
}

uint8_t fl_race_change_byte(unsigned step) {
  if (step < 1)
    step = 1;
  if (step > FL_RACE_STEP_MAX)
    step = FL_RACE_STEP_MAX;
  if (step <= DENSE_STEPS)
    return (uint8_t)(step - 1);
  return (uint8_t)(DENSE_BYTES + step - DENSE_STEPS - 1);
}

static uint8_t encode_selector(const fl_race_call *call, const fl_race_adapter *adapter) {
  unsigned ops = (unsigned)adapter->op_count;
  switch (call->kind) {
  case FL_RACE_CALL_CLOSE:
    return (uint8_t)ops;
  case FL_RACE_CALL_FREE:
    return (uint8_t)(ops + (adapter->close ? 1 : 0));
  case FL_RACE_CALL_OP:
  default:
    return call->op;
  }
}

size_t fl_race_plan_encode(const fl_race_plan *plan, const fl_race_adapter *adapter,
                           uint8_t *out, size_t cap) {
  size_t n = 0;
#define PUT(b)                                                                 \
  do {                                                                         \
    if (n < cap)                                                               \
      out[n] = (uint8_t)(b);                                                   \
    n++;                                                                       \
  } while (0)
  PUT(plan->thread_count - 2);
  PUT(plan->change_count);
  for (unsigned t = 0; t < plan->thread_count; t++)
    PUT(plan->priority[t]);
  for (unsigned c = 0; c < plan->change_count; c++) {
    PUT(plan->change_thread[c]);
    PUT(fl_race_change_byte(plan->change_step[c]));
  }
  for (unsigned t = 0; t < plan->thread_count; t++) {
    PUT(plan->call_count[t] - 1);
    for (unsigned i = 0; i < plan->call_count[t]; i++) {
      const fl_race_call *call = &plan->calls[t][i];
      PUT(encode_selector(call, adapter));
      for (unsigned a = 0; a < FL_RACE_ARG_BYTES; a++)
        PUT(call->args[a]);
    }
  }
#undef PUT
  return n < cap ? n : cap;
}

const char *fl_race_call_name(const fl_race_call *call, const fl_race_adapter *adapter) {
  switch (call->kind) {
  case FL_RACE_CALL_CLOSE:
    return "close";
  case FL_RACE_CALL_FREE:
    return "free";
  case FL_RACE_CALL_OP:
  default:
    return call->op < adapter->op_count ? adapter->ops[call->op].name : "?";
  }
}

bool fl_race_plan_has_free(const fl_race_plan *plan) {
  for (unsigned t = 0; t < plan->thread_count; t++)
    for (unsigned i = 0; i < plan->call_count[t]; i++)
      if (plan->calls[t][i].kind == FL_RACE_CALL_FREE)
        return true;
  return false;
}

unsigned fl_race_plan_total_calls(const fl_race_plan *plan) {
  unsigned total = 0;
  for (unsigned t = 0; t < plan->thread_count; t++)
    total += plan->call_count[t];
  return total;
}
