/* Finding reports. They run from the watchdog thread, from inside a malloc
 * hook and from a sanitizer's error path, so they format into static
 * buffers, write(2) straight to stderr and never allocate. */
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime.h"

static atomic_int reported;

/* Nonzero once ASan has begun an error report (weak: absent without ASan). */
int __asan_report_present(void) __attribute__((weak));
static char line_buf[4096];
static char scenario_buf[8192];

static void write_all(const char *text, size_t len) {
  while (len > 0) {
    ssize_t n = write(STDERR_FILENO, text, len);
    if (n <= 0)
      return;
    text += n;
    len -= (size_t)n;
  }
}

static void write_str(const char *text) { write_all(text, strlen(text)); }

static void write_calls(const fl_scenario *scenario) {
  int used = snprintf(line_buf, sizeof line_buf, FL_FILES_TAG "calls:");
  for (size_t i = 0; i < scenario->nfiles && used > 0 && (size_t)used < sizeof line_buf; i++)
    used += snprintf(line_buf + used, sizeof line_buf - (size_t)used, " %s %u%s",
                     scenario->files[i].name, scenario->files[i].calls,
                     i + 1 < scenario->nfiles ? "," : "");
  write_str(line_buf);
  write_str("\n");
}

static void write_scenario(void) {
  const fl_files_run *run = &fl_files_current;
  if (!run->adapter)
    return;
  if (run->scenario.nfiles == 0)
    snprintf(scenario_buf, sizeof scenario_buf, "bytes handed to a parser, no files");
  else
    fl_scenario_describe(&run->scenario, scenario_buf, sizeof scenario_buf);
  write_str(FL_FILES_TAG "target: ");
  write_str(run->adapter->name ? run->adapter->name : "?");
  write_str("\n" FL_FILES_TAG "scenario: ");
  write_str(scenario_buf);
  write_str("\n");
  write_calls(&run->scenario);
}

int fl_report_started(void) {
  return atomic_load(&reported) || (__asan_report_present && __asan_report_present());
}

void fl_report_hold_if_started(void) {
  if (!atomic_load(&reported))
    return;
  for (;;)
    pause();
}

void fl_report_cleanup(void) { fl_scenario_dir_remove(&fl_files_current.dir); }

void fl_report_finding(const char *kind, const char *fmt, ...) {
  if (atomic_exchange(&reported, 1))
    return;
  int used = snprintf(line_buf, sizeof line_buf, FL_FILES_TAG "finding: %s: ", kind);
  if (used > 0 && (size_t)used < sizeof line_buf) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line_buf + used, sizeof line_buf - (size_t)used, fmt, ap);
    va_end(ap);
  }
  write_str(line_buf);
  write_str("\n");
  write_scenario();
  fl_report_cleanup();
}

_Noreturn void fl_report_die(void) {
  /* SIGABRT: libFuzzer (-handle_abrt) saves the input, AFL++ counts a crash,
   * the replayer's parent sees a signalled child. */
  abort();
}

/* Sanitizers call this with their one-line SUMMARY just before dying
 * (ASan, UBSan with halt_on_error, LSan at exit). It replaces the default,
 * which only prints the summary, and it is the one hook that libFuzzer does
 * not claim for itself (it owns the death callback). */
void __sanitizer_report_error_summary(const char *summary);
void __sanitizer_report_error_summary(const char *summary) {
  write_str(summary);
  write_str("\n");
  const char *what = strncmp(summary, "SUMMARY: ", 9) == 0 ? summary + 9 : summary;
  if (fl_files_current.adapter && fl_files_current.dir.root[0])
    fl_report_finding("sanitizer", "%s", what);
  else if (!atomic_exchange(&reported, 1)) {
    /* Between runs (a leak found at exit): the last scenario is still the
     * one described, but its directory is gone already. */
    snprintf(line_buf, sizeof line_buf, FL_FILES_TAG "finding: sanitizer: %s\n", what);
    write_str(line_buf);
    write_scenario();
  }
}
