/* Greedy plan minimisation (race_minimize.h). Every step removes one thing
 * and keeps the result only if the same crash still happens. Change points
 * count a thread's own steps, so removing a call shifts only that thread's
 * later change points: they move back by the steps the call took (read
 * from the trace of the current best run); the unshifted plan is tried too. */
#include "race_minimize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "race_plan.h"

static char min_error[256];

const char *fl_race_minimize_error(void) { return min_error; }

typedef struct min_state {
  const fl_race_adapter *adapter;
  const fl_race_child_opts *opts;
  fl_race_trace *trace;
  fl_race_crash target;
  fl_race_plan best;
  fl_race_trace *best_trace; /* copy of the best run's trace */
  unsigned tries;
} min_state;

/* Runs `plan`; true if it gives the target crash (and then it becomes the
 * best, with its trace). */
static bool try_plan(min_state *m, const fl_race_plan *plan) {
  uint8_t bytes[FL_RACE_PLAN_MAX_BYTES];
  size_t size = fl_race_plan_encode(plan, m->adapter, bytes, sizeof bytes);
  fl_race_child_result result;
  m->tries++;
  if (fl_race_child_run(m->adapter, bytes, size, m->opts, m->trace, &result) != 0)
    return false;
  bool same = result.crashed && fl_race_crash_same(&result.crash, &m->target);
  free(result.report);
  if (same) {
    m->best = *plan;
    memcpy(m->best_trace, m->trace, sizeof *m->trace);
  }
  return same;
}

/* Steps that call `call` of thread `thread` took, in the best run, before
 * that thread's own step `limit`. */
static unsigned steps_before(const min_state *m, unsigned thread, unsigned call,
                             unsigned limit) {
  unsigned count = 0;
  uint32_t length = fl_race_trace_length(m->best_trace);
  for (uint32_t i = 0; i < length; i++) {
    const fl_race_event *ev = fl_race_trace_event(m->best_trace, i);
    if (ev->thread == thread && ev->call_index == call && ev->local_step < limit &&
        ev->kind != FL_RACE_EV_THREAD_END && ev->kind != FL_RACE_EV_THREAD_START)
      count++;
  }
  return count;
}

/* Moves the thread's change points back by what the removed call took
 * before them. */
static void shift_changes(const min_state *m, fl_race_plan *plan, unsigned thread,
                          unsigned call) {
  for (unsigned c = 0; c < plan->change_count; c++) {
    if (plan->change_thread[c] != thread)
      continue;
    unsigned step = plan->change_step[c];
    unsigned gone = steps_before(m, thread, call, step);
    plan->change_step[c] = (uint8_t)(step > gone + 1 ? step - gone : 1);
  }
}

static void drop_change(fl_race_plan *plan, unsigned c) {
  for (unsigned i = c; i + 1 < plan->change_count; i++) {
    plan->change_thread[i] = plan->change_thread[i + 1];
    plan->change_step[i] = plan->change_step[i + 1];
  }
  plan->change_count--;
}

static bool try_remove_thread(min_state *m, unsigned t) {
  fl_race_plan plan = m->best;
  if (plan.thread_count <= 2)
    return false;
  for (unsigned c = plan.change_count; c-- > 0;) {
    if (plan.change_thread[c] == t)
      drop_change(&plan, c);
    else if (plan.change_thread[c] > t)
      plan.change_thread[c]--;
  }
  for (unsigned i = t; i + 1 < plan.thread_count; i++) {
    plan.call_count[i] = plan.call_count[i + 1];
    memcpy(plan.calls[i], plan.calls[i + 1], sizeof plan.calls[i]);
    plan.priority[i] = plan.priority[i + 1];
  }
  plan.thread_count--;
  return try_plan(m, &plan);
}

static bool try_remove_call(min_state *m, unsigned t, unsigned i) {
  fl_race_plan plan = m->best;
  if (plan.call_count[t] <= 1)
    return false;
  fl_race_plan shifted = plan;
  shift_changes(m, &shifted, t, i);
  fl_race_plan *variants[2] = {&shifted, &plan};
  for (int v = 0; v < 2; v++) {
    fl_race_plan *p = variants[v];
    memmove(&p->calls[t][i], &p->calls[t][i + 1],
            (p->call_count[t] - i - 1) * sizeof p->calls[t][0]);
    p->call_count[t]--;
    if (try_plan(m, p))
      return true;
  }
  return false;
}

static bool try_remove_change(min_state *m, unsigned c) {
  fl_race_plan plan = m->best;
  drop_change(&plan, c);
  return try_plan(m, &plan);
}

static bool try_zero_args(min_state *m, unsigned t, unsigned i) {
  fl_race_plan plan = m->best;
  static const uint8_t zero[FL_RACE_ARG_BYTES];
  if (memcmp(plan.calls[t][i].args, zero, sizeof zero) == 0)
    return false;
  memset(plan.calls[t][i].args, 0, sizeof zero);
  return try_plan(m, &plan);
}

/* One pass over everything removable; true if anything was removed. */
static bool minimize_pass(min_state *m) {
  bool progress = false;
  for (unsigned t = m->best.thread_count; t-- > 0;)
    progress |= try_remove_thread(m, t);
  for (unsigned t = 0; t < m->best.thread_count; t++)
    for (unsigned i = m->best.call_count[t]; i-- > 0;)
      if (i < m->best.call_count[t])
        progress |= try_remove_call(m, t, i);
  for (unsigned c = m->best.change_count; c-- > 0;)
    if (c < m->best.change_count)
      progress |= try_remove_change(m, c);
  for (unsigned t = 0; t < m->best.thread_count; t++)
    for (unsigned i = 0; i < m->best.call_count[t]; i++)
      progress |= try_zero_args(m, t, i);
  return progress;
}

int fl_race_minimize(const fl_race_adapter *adapter, const uint8_t *data, size_t size,
                     const fl_race_child_opts *opts, uint8_t *out, size_t *out_size,
                     fl_race_min_stats *stats) {
  int rc = -1;
  min_state m = {.adapter = adapter, .opts = opts};
  fl_race_child_result first;
  memset(stats, 0, sizeof *stats);
  m.trace = fl_race_child_trace_new();
  m.best_trace = malloc(sizeof *m.best_trace);
  if (!m.trace || !m.best_trace) {
    snprintf(min_error, sizeof min_error, "out of memory for traces");
    goto done;
  }
  if (fl_race_child_run(adapter, data, size, opts, m.trace, &first) != 0) {
    snprintf(min_error, sizeof min_error, "could not start a child process");
    goto done;
  }
  free(first.report);
  if (!first.crashed) {
    snprintf(min_error, sizeof min_error, "the input does not crash; nothing to minimise");
    goto done;
  }
  m.target = first.crash;
  m.best = m.trace->plan;
  memcpy(m.best_trace, m.trace, sizeof *m.trace);
  stats->calls_before = fl_race_plan_total_calls(&m.best);
  stats->preemptions_before = m.best_trace->preemptions;
  for (int round = 0; round < 8 && minimize_pass(&m); round++)
    ;
  *out_size = fl_race_plan_encode(&m.best, adapter, out, FL_RACE_PLAN_MAX_BYTES);
  stats->tries = m.tries;
  stats->calls_after = fl_race_plan_total_calls(&m.best);
  stats->preemptions_after = m.best_trace->preemptions;
  rc = 0;
done:
  free(m.best_trace);
  fl_race_child_trace_free(m.trace);
  return rc;
}
