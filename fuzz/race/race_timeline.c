/* Trace access and the human timeline (race_trace.h). */
#include "race_trace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The sanitizer runtimes (ASan, UBSan, TSan) symbolize code addresses;
 * weak so a build without them prints raw addresses. */
void __sanitizer_symbolize_pc(void *pc, const char *fmt, char *out, size_t size)
    __attribute__((weak));

static const char *const kind_names[] = {
#define X(id, name) name,
    FL_RACE_EVENT_KINDS(X)
#undef X
};

const char *fl_race_event_kind_name(fl_race_event_kind kind) {
  return kind < FL_RACE_EV_COUNT ? kind_names[kind] : "?";
}

uint32_t fl_race_trace_length(const fl_race_trace *trace) {
  return trace->count < FL_RACE_TRACE_MAX ? trace->count : FL_RACE_TRACE_MAX;
}

const fl_race_event *fl_race_trace_event(const fl_race_trace *trace, uint32_t i) {
  uint32_t first = trace->count - fl_race_trace_length(trace);
  return &trace->events[(first + i) % FL_RACE_TRACE_MAX];
}

/* "fn file:line" for a code address. The symbolizer treats every pc as a
 * return address and looks one byte back (the call's line, as wanted for
 * call sites); a function's first byte therefore goes in as fn + 1. */
static void describe_pc(const void *pc, int is_return, char *out, size_t size) {
  out[0] = '\0';
  if (!pc)
    return;
  const char *p = (const char *)pc + (is_return ? 0 : 1);
  if (__sanitizer_symbolize_pc) {
    __sanitizer_symbolize_pc((void *)p, "%f %s:%l", out, size);
    /* strip the directory: timelines are read, not clicked */
    char *space = strchr(out, ' ');
    char *slash = space ? strrchr(space, '/') : NULL;
    if (slash)
      memmove(space + 1, slash + 1, strlen(slash + 1) + 1);
  }
  if (!out[0])
    snprintf(out, size, "%p", (const void *)p);
}

static void function_name(const void *fn, char *out, size_t size) {
  char full[256];
  describe_pc(fn, 0, full, sizeof full);
  char *space = strchr(full, ' ');
  if (space)
    *space = '\0';
  snprintf(out, size, "%s", full);
}

/* Index (in trace order) of the return event of the plan's free call, -1. */
static long free_call_end(const fl_race_trace *trace) {
  uint32_t length = fl_race_trace_length(trace);
  for (uint32_t i = 0; i < length; i++) {
    const fl_race_event *ev = fl_race_trace_event(trace, i);
    if (ev->kind != FL_RACE_EV_CALL_END || ev->thread >= trace->plan.thread_count ||
        ev->call_index >= trace->plan.call_count[ev->thread])
      continue;
    if (trace->plan.calls[ev->thread][ev->call_index].kind == FL_RACE_CALL_FREE)
      return (long)i;
  }
  return -1;
}

static int is_shown(const fl_race_event *ev, int verbose) {
  if (verbose || (ev->flags & (FL_RACE_EVF_SWITCH | FL_RACE_EVF_CHANGE)))
    return 1;
  switch (ev->kind) {
  case FL_RACE_EV_FUNC_ENTER:
  case FL_RACE_EV_FUNC_EXIT:
  case FL_RACE_EV_THREAD_START:
  case FL_RACE_EV_POINT:
    return 0;
  default:
    return 1;
  }
}

static void describe_event(const fl_race_event *ev, const fl_race_trace *trace,
                           const fl_race_adapter *adapter, char *out, size_t size) {
  char where[256] = "", name[128] = "";
  const fl_race_plan *plan = &trace->plan;
  const fl_race_call *call = NULL;
  if (ev->thread < plan->thread_count && ev->call_index < plan->call_count[ev->thread])
    call = &plan->calls[ev->thread][ev->call_index];
  switch (ev->kind) {
  case FL_RACE_EV_CALL_BEGIN:
  case FL_RACE_EV_CALL_END:
    snprintf(out, size, "%s %s", ev->kind == FL_RACE_EV_CALL_BEGIN ? "call" : "return",
             call ? fl_race_call_name(call, adapter) : "?");
    return;
  case FL_RACE_EV_FUNC_ENTER:
  case FL_RACE_EV_FUNC_EXIT:
    function_name(ev->fn, name, sizeof name);
    describe_pc(ev->site, 1, where, sizeof where);
    snprintf(out, size, "  %s %s  (at %s)", ev->kind == FL_RACE_EV_FUNC_ENTER ? "->" : "<-",
             name, where);
    return;
  default: {
    char object[32] = "", at[280] = "";
    describe_pc(ev->site, 1, where, sizeof where);
    if (ev->object)
      snprintf(object, sizeof object, " %p", ev->object);
    if (where[0])
      snprintf(at, sizeof at, "  (at %s)", where);
    snprintf(out, size, "  %s%s%s", fl_race_event_kind_name(ev->kind), object, at);
    return;
  }
  }
}

void fl_race_timeline_print(FILE *out, const fl_race_trace *trace,
                            const fl_race_adapter *adapter, const fl_race_marks *marks,
                            int verbose) {
  uint32_t length = fl_race_trace_length(trace);
  const fl_race_plan *plan = &trace->plan;
  fprintf(out, "race timeline: %u threads, %u calls, %u steps, %u switches, %u preemptions\n",
          plan->thread_count, fl_race_plan_total_calls(plan), (unsigned)trace->steps,
          (unsigned)trace->switches, (unsigned)trace->preemptions);
  if (trace->count > length)
    fprintf(out, "  (first %u events not kept)\n", (unsigned)(trace->count - length));
  fprintf(out, "  %6s  %-6s  %s\n", "step", "thread", "event");
  char text[600], previous[600] = "";
  unsigned repeats = 0;
  int last_thread = -1;
  long free_at = free_call_end(trace);
  for (uint32_t i = 0; i < length; i++) {
    const fl_race_event *ev = fl_race_trace_event(trace, i);
    if ((long)i == free_at && marks && marks->free[0]) {
      fprintf(out, "  %6s  T%-5u    free: %s\n", "", (unsigned)ev->thread + 1, marks->free);
      last_thread = -1;
    }
    if (!is_shown(ev, verbose))
      continue;
    describe_event(ev, trace, adapter, text, sizeof text);
    /* spin loops (sleep/yield retries) collapse into one line */
    if (ev->thread == last_thread && strcmp(text, previous) == 0 && !ev->flags) {
      repeats++;
      continue;
    }
    if (repeats)
      fprintf(out, "  %6s  %-6s    (x%u more)\n", "", "", repeats);
    repeats = 0;
    snprintf(previous, sizeof previous, "%s", text);
    last_thread = ev->thread;
    const char *note = "";
    if (ev->flags & FL_RACE_EVF_PREEMPT)
      note = "   << preempted";
    else if (ev->flags & FL_RACE_EVF_SWITCH)
      note = "   << switch";
    fprintf(out, "  %6u  T%-5u  %s%s\n", (unsigned)ev->step, (unsigned)ev->thread + 1, text,
            note);
  }
  if (repeats)
    fprintf(out, "  %6s  %-6s    (x%u more)\n", "", "", repeats);
  if (trace->outcome == FL_RACE_OUTCOME_HANG)
    fprintf(out, "  ** hang: the step budget ran out (livelock or endless retry)\n");
  else if (trace->outcome == FL_RACE_OUTCOME_DEADLOCK)
    fprintf(out, "  ** deadlock: no thread can run\n");
  if (marks && marks->free[0] && free_at < 0)
    fprintf(out, "  %6s  T%-5d    free: %s\n", "", marks->free_thread, marks->free);
  if (marks && marks->use[0])
    fprintf(out, "  %6s  T%-5d    use:  %s   ** crash\n", "", marks->use_thread, marks->use);
}

/* "file.c:LINE" of a return address, or "" */
static void location_of(const void *site, char *out, size_t size) {
  char where[256];
  describe_pc(site, 1, where, sizeof where);
  const char *space = strchr(where, ' ');
  snprintf(out, size, "%s", space && site ? space + 1 : "");
  if (out[0] == '?' || strncmp(out, "0x", 2) == 0)
    out[0] = '\0'; /* unknown: the DB format wants a location or nothing */
}

static void append(char **buf, size_t *len, size_t *cap, const char *line) {
  size_t n = strlen(line);
  if (!*buf)
    return;
  if (*len + n + 1 > *cap) {
    size_t grown = (*cap + n + 1) * 2;
    char *bigger = realloc(*buf, grown);
    if (!bigger) {
      free(*buf);
      *buf = NULL;
      return;
    }
    *buf = bigger;
    *cap = grown;
  }
  memcpy(*buf + *len, line, n + 1);
  *len += n;
}

char *fl_race_timeline_db_text(const fl_race_trace *trace, const fl_race_adapter *adapter,
                               const fl_race_marks *marks) {
  size_t len = 0, cap = 4096;
  char *buf = malloc(cap);
  if (!buf)
    return NULL;
  buf[0] = '\0';
  char line[800], where[300], name[160];
  uint32_t length = fl_race_trace_length(trace);
  long free_at = free_call_end(trace);
  const fl_race_plan *plan = &trace->plan;
  for (uint32_t i = 0; i < length && buf; i++) {
    const fl_race_event *ev = fl_race_trace_event(trace, i);
    unsigned thread = (unsigned)ev->thread + 1;
    const fl_race_call *call = NULL;
    if (ev->thread < plan->thread_count && ev->call_index < plan->call_count[ev->thread])
      call = &plan->calls[ev->thread][ev->call_index];
    const char *call_name = call ? fl_race_call_name(call, adapter) : "?";
    if ((long)i == free_at && marks && marks->free[0]) {
      snprintf(line, sizeof line, "T%u|free|%s:%d|%s\n", thread, marks->free_file,
               marks->free_line, marks->free);
      append(&buf, &len, &cap, line);
    }
    line[0] = '\0';
    switch (ev->kind) {
    case FL_RACE_EV_CALL_BEGIN:
    case FL_RACE_EV_CALL_END:
      snprintf(line, sizeof line, "T%u|%s||%s\n", thread,
               ev->kind == FL_RACE_EV_CALL_BEGIN ? "call" : "return", call_name);
      break;
    case FL_RACE_EV_LOCK:
    case FL_RACE_EV_UNLOCK:
      location_of(ev->site, where, sizeof where);
      snprintf(line, sizeof line, "T%u|%s|%s|in %s\n", thread,
               ev->kind == FL_RACE_EV_LOCK ? "lock" : "unlock", where, call_name);
      break;
    default:
      break;
    }
    append(&buf, &len, &cap, line);
    if ((ev->flags & FL_RACE_EVF_SWITCH) && ev->kind != FL_RACE_EV_THREAD_END) {
      location_of(ev->site, where, sizeof where);
      name[0] = '\0';
      if (ev->fn)
        function_name(ev->fn, name, sizeof name);
      snprintf(line, sizeof line, "T%u|switch|%s|%s at %s%s%s\n", thread, where,
               ev->flags & FL_RACE_EVF_PREEMPT ? "preempted" : "yields",
               fl_race_event_kind_name(ev->kind), name[0] ? " " : "", name);
      append(&buf, &len, &cap, line);
    }
  }
  if (buf && marks && marks->free[0] && free_at < 0) {
    snprintf(line, sizeof line, "T%d|free|%s:%d|%s\n", marks->free_thread, marks->free_file,
             marks->free_line, marks->free);
    append(&buf, &len, &cap, line);
  }
  if (buf && marks && marks->use[0]) {
    snprintf(line, sizeof line, "T%d|use|%s:%d|%s\n", marks->use_thread, marks->use_file,
             marks->use_line, marks->use);
    append(&buf, &len, &cap, line);
  }
  return buf;
}

void fl_race_trace_stuck_state(const fl_race_trace *trace, char *out, size_t size) {
  const void *last_fn[FL_RACE_MAX_THREADS] = {0};
  uint32_t length = fl_race_trace_length(trace);
  out[0] = '\0';
  for (uint32_t i = 0; i < length; i++) {
    const fl_race_event *ev = fl_race_trace_event(trace, i);
    if (ev->kind == FL_RACE_EV_FUNC_ENTER && ev->thread < FL_RACE_MAX_THREADS)
      last_fn[ev->thread] = ev->fn;
  }
  int taken = 0;
  for (unsigned t = 0; t < FL_RACE_MAX_THREADS && taken < 3; t++) {
    if (!last_fn[t])
      continue;
    char name[160];
    function_name(last_fn[t], name, sizeof name);
    size_t used = strlen(out);
    snprintf(out + used, size - used, "%s%s", used ? "\n" : "", name);
    taken++;
  }
}
