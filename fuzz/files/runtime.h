/* Internals shared by the runtime's pieces. One scenario runs at a time per
 * process (fuzzers and the replayer's children call the loader serially), so
 * the current run is process state that hooks and crash handlers can reach. */
#ifndef FL_FILES_RUNTIME_H
#define FL_FILES_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#include "files_harness.h"
#include "scenario.h"
#include "scenario_dir.h"

typedef struct fl_files_run {
  const fl_files_adapter *adapter;
  fl_scenario scenario;
  fl_scenario_dir dir;
} fl_files_run;

/* The run in progress (dir.root is "" between runs). */
extern fl_files_run fl_files_current;

/* runtime.c: once per process, before the first run. Returns 0 or -1 (the
 * message is printed: this is the top of the harness). */
int fl_files_init(void);
/* Runs one input: decode, build, call the loader under hooks, watchdog and
 * budget, check, clean up. Returns 0; a finding ends the process. */
int fl_files_run_input(const fl_files_adapter *adapter, const uint8_t *data, size_t size);

/* The input in plain words, without running it. 0, or -1 for a broken
 * adapter. */
int fl_files_describe_input(const fl_files_adapter *adapter, const uint8_t *data, size_t size,
                            char *buf, size_t cap);

/* syscall_hooks.c: counting and swapping on the current scenario's files. */
void fl_hooks_begin(void);
/* Stops counting; returns how many descriptors the loader opened on
 * scenario files and left open (and closes them), naming the first in
 * first_name. */
int fl_hooks_end(char *first_name, size_t cap);
/* Counts an fd the harness opened for an fd-based entry as file `index`. */
void fl_hooks_track_fd(int fd, size_t index);

/* watchdog.c */
void fl_watchdog_arm(unsigned timeout_ms);
void fl_watchdog_disarm(void);

/* budget.c: returns 0, or -1 when no sanitizer allocator hooks exist. */
int fl_budget_install(void);
void fl_budget_begin(size_t budget_bytes);
void fl_budget_end(void);

/* report.c: prints "==ffi-lint-files== finding: <kind>: <message>", the
 * scenario and per-file call counts to stderr, and removes the scenario
 * directory. Only the first report in a process prints. No heap. */
void fl_report_finding(const char *kind, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Whether a finding is already being reported (ours or ASan's): the
 * watchdog must then stay quiet, since the reporter may be slow in the
 * symbolizer and a second report on top of it deadlocks there. */
int fl_report_started(void);
/* Blocks forever when another thread has begun a report: the loader came
 * back (a signal interrupted its blocking call) while the watchdog is
 * reporting it, and starting another run would create a directory that
 * the coming abort leaves behind. */
void fl_report_hold_if_started(void);
/* Ends the process the way fuzzers recognise as a crash. */
_Noreturn void fl_report_die(void);
/* Removes the current scenario directory (atexit and crash paths). */
void fl_report_cleanup(void);

#define FL_FILES_TAG "==ffi-lint-files== "

#endif
