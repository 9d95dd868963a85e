/* One run of a cached-file scenario, and the process-wide setup around it.
 *
 * Input layout: byte 0 picks the mode -- 0 (mod 1 + number of parsers) is a
 * file-system scenario decoded from the rest (scenario.h), k > 0 hands the
 * rest to the adapter's k-th byte-only parser. For a scenario, the next bit
 * of byte 0 (bit 0 of byte0 / (1 + parsers)) runs the adapter's fixup. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime.h"

fl_files_run fl_files_current;

static unsigned timeout_ms = 2000;
static size_t budget_bytes = (size_t)256 << 20;

static unsigned long env_number(const char *name, unsigned long fallback) {
  const char *text = getenv(name);
  if (!text || !*text)
    return fallback;
  char *end;
  unsigned long value = strtoul(text, &end, 10);
  if (*end || value == 0) {
    fprintf(stderr, FL_FILES_TAG "note: ignoring %s=%s (want a positive number)\n", name, text);
    return fallback;
  }
  return value;
}

static void cleanup_at_exit(void) { fl_report_cleanup(); }

int fl_files_init(void) {
  static int done;
  if (done)
    return 0;
  done = 1;
  timeout_ms = (unsigned)env_number("FL_FILES_TIMEOUT_MS", timeout_ms);
  budget_bytes = (size_t)env_number("FL_FILES_BUDGET_MB", budget_bytes >> 20) << 20;
  const char *kinds = getenv("FL_FILES_KINDS");
  if (kinds && *kinds) {
    unsigned mask;
    char err[128];
    if (fl_scenario_parse_kinds(kinds, &mask, err, sizeof err) < 0) {
      fprintf(stderr, FL_FILES_TAG "error: FL_FILES_KINDS: %s\n", err);
      return -1;
    }
    fl_scenario_allow_kinds(mask);
    fprintf(stderr, FL_FILES_TAG "note: FL_FILES_KINDS=%s: other kinds decode as regular\n",
            kinds);
  }
  int stale = fl_scenario_dir_sweep_stale();
  if (stale > 0)
    fprintf(stderr, FL_FILES_TAG "note: removed %d scenario dir(s) left by killed runs\n", stale);
  if (fl_budget_install() < 0)
    fprintf(stderr, FL_FILES_TAG "note: no sanitizer allocator hooks; memory budget is off "
                                 "(build with -fsanitize=address)\n");
  atexit(cleanup_at_exit);
  return 0;
}

static size_t count_parsers(const fl_files_adapter *adapter) {
  size_t n = 0;
  while (adapter->parsers && adapter->parsers[n].name)
    n++;
  return n;
}

/* Calls the adapter's entry point on the built scenario; `entry_fd` is the
 * descriptor for an fd-based entry (opened before counting began, since the
 * caller's open is not the loader's). Returns the adapter's verdict (NULL or
 * an invariant message). */
static const char *call_entry(const fl_files_adapter *adapter, int entry_fd) {
  fl_files_run *run = &fl_files_current;
  char path[FL_SCENARIO_PATH_MAX];
  snprintf(path, sizeof path, "%s/%s", run->dir.cache, run->scenario.files[0].name);
  switch (adapter->entry) {
  case FL_FILES_ENTRY_DIR:
    return adapter->load_dir(run->dir.cache, adapter->key ? adapter->key : "entry");
  case FL_FILES_ENTRY_PATH:
    return adapter->load_path(path);
  case FL_FILES_ENTRY_FD:
    fl_hooks_track_fd(entry_fd, 0);
    return adapter->load_fd(entry_fd);
  }
  return NULL;
}

/* For an fd-based entry, opens files[0] the way a caller would, but
 * nonblocking so the harness itself never waits on a FIFO. -1 when it cannot
 * be opened (then there is nothing to run) or the entry is not fd-based. */
static int open_entry_fd(const fl_files_adapter *adapter) {
  if (adapter->entry != FL_FILES_ENTRY_FD)
    return -1;
  char path[FL_SCENARIO_PATH_MAX];
  fl_files_run *run = &fl_files_current;
  snprintf(path, sizeof path, "%s/%s", run->dir.cache, run->scenario.files[0].name);
  return open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
}

static int adapter_usable(const fl_files_adapter *adapter) {
  switch (adapter->entry) {
  case FL_FILES_ENTRY_DIR:
    return adapter->load_dir != NULL;
  case FL_FILES_ENTRY_PATH:
    return adapter->load_path != NULL;
  case FL_FILES_ENTRY_FD:
    return adapter->load_fd != NULL;
  }
  return 0;
}

/* Whether a scenario input runs the adapter's fixup (layout above). */
static int wants_fixup(const uint8_t *data, size_t size, size_t nparsers) {
  return size > 0 && (data[0] / (1 + nparsers)) & 1;
}

int fl_files_describe_input(const fl_files_adapter *adapter, const uint8_t *data, size_t size,
                            char *buf, size_t cap) {
  size_t nparsers = count_parsers(adapter);
  size_t mode = size > 0 ? data[0] % (1 + nparsers) : 0;
  if (mode > 0) {
    snprintf(buf, cap, "parser %s on %zu bytes", adapter->parsers[mode - 1].name, size - 1);
    return 0;
  }
  fl_scenario scenario;
  if (fl_scenario_decode(&scenario, adapter, size ? data + 1 : data, size ? size - 1 : 0,
                         wants_fixup(data, size, nparsers)) < 0)
    return -1;
  fl_scenario_describe(&scenario, buf, cap);
  return 0;
}

int fl_files_run_input(const fl_files_adapter *adapter, const uint8_t *data, size_t size) {
  fl_files_run *run = &fl_files_current;
  size_t nparsers = count_parsers(adapter);
  size_t mode = size > 0 ? data[0] % (1 + nparsers) : 0;
  if (mode > 0) {
    /* Bytes only, but the same bounds: a parser may hang or blow up too. */
    run->adapter = adapter;
    run->scenario.nfiles = 0;
    fl_budget_begin(budget_bytes);
    fl_watchdog_arm(timeout_ms);
    adapter->parsers[mode - 1].parse(data + 1, size - 1);
    fl_report_hold_if_started();
    fl_watchdog_disarm();
    fl_budget_end();
    return 0;
  }
  if (!adapter_usable(adapter) ||
      fl_scenario_decode(&run->scenario, adapter, size ? data + 1 : data, size ? size - 1 : 0,
                         wants_fixup(data, size, nparsers)) < 0) {
    fprintf(stderr, FL_FILES_TAG "error: adapter '%s' has no entry point for its kind, no files, "
                    "more than %d files or a file name that is not a plain name\n",
            adapter->name ? adapter->name : "?", FL_FILES_MAX_FILES);
    abort(); /* a broken adapter must not look like a clean fuzzing session */
  }
  run->adapter = adapter;
  char err[FL_SCENARIO_PATH_MAX + 128];
  if (fl_scenario_dir_build(&run->dir, &run->scenario, err, sizeof err) < 0) {
    /* The machine's problem (disk full, TMPDIR unwritable), not the loader's. */
    fprintf(stderr, FL_FILES_TAG "note: skipped a run: %s\n", err);
    return 0;
  }
  int entry_fd = open_entry_fd(adapter);
  if (adapter->entry == FL_FILES_ENTRY_FD && entry_fd < 0) {
    fl_scenario_dir_remove(&run->dir);
    return 0;
  }
  run->scenario.ran = 1;
  fl_hooks_begin();
  fl_budget_begin(budget_bytes);
  fl_watchdog_arm(timeout_ms);
  const char *verdict = call_entry(adapter, entry_fd);
  fl_report_hold_if_started();
  fl_watchdog_disarm();
  fl_budget_end();
  if (entry_fd >= 0)
    close(entry_fd); /* while counting: untracks it, so it is not a leak */
  char leaked_name[FL_SCENARIO_NAME_MAX] = "";
  int leaked = fl_hooks_end(leaked_name, sizeof leaked_name);
  if (verdict) {
    fl_report_finding("invariant", "%s", verdict);
    fl_report_die();
  }
  if (leaked > 0) {
    fl_report_finding("fd-leak", "loader left %d descriptor(s) open, the first on %s", leaked,
                      leaked_name);
    fl_report_die();
  }
  fl_scenario_dir_remove(&run->dir);
  return 0;
}
