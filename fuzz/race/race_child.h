/* Runs one input in a forked child so that a crash ends only the child:
 * the replayer, the minimiser and the reliability count run many inputs
 * from one process. The child's stderr (the sanitizer report) is captured
 * and its schedule trace is written to memory shared with the parent. */
#ifndef FL_RACE_CHILD_H
#define FL_RACE_CHILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "race.h"
#include "race_report.h"
#include "race_trace.h"

typedef struct fl_race_child_opts {
  uint32_t budget;        /* step budget, 0 = default */
  unsigned timeout_s;     /* wall-clock limit for one child (a spin without switch points) */
  const char *adapter_file;
} fl_race_child_opts;

typedef struct fl_race_child_result {
  bool crashed;
  fl_race_crash crash;    /* valid when crashed */
  fl_race_trace *trace;   /* shared mapping, owned by the caller of _new */
  char *report;           /* child's stderr, malloc'd */
} fl_race_child_result;

/* Maps a trace shared with forked children; NULL on failure. Release with
 * fl_race_child_trace_free. */
fl_race_trace *fl_race_child_trace_new(void);
void fl_race_child_trace_free(fl_race_trace *trace);

/* Runs `data` once in a child. Returns 0 (result filled; result->report is
 * the caller's to free) or -1 when the child could not be started. */
int fl_race_child_run(const fl_race_adapter *adapter, const uint8_t *data, size_t size,
                      const fl_race_child_opts *opts, fl_race_trace *trace,
                      fl_race_child_result *result);

#endif
