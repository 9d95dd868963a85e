/* The progress line on a terminal: `[ 12/340] parsing foo.c`, rewritten in
 * place with \r and erased at the end so it never mixes with real output.
 * Off a terminal (CI logs) it is silent unless FFI_LINT_PROGRESS=SECONDS:
 * then one plain line at most every SECONDS, so a long run shows it is alive.
 * Callers serialise updates (the worker queue's mutex). */
#ifndef FL_PROGRESS_H
#define FL_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

typedef struct fl_progress {
  FILE *out;      /* NULL = disabled */
  size_t width;   /* columns written by the last update, to erase them */
  long line_interval; /* > 0: plain lines at most this many seconds apart */
  time_t last_line;   /* when the last plain line was written */
} fl_progress;

/* Enabled only when `enabled` is true and `out` is a terminal, or as plain
 * lines when FFI_LINT_PROGRESS holds a number of seconds. */
void fl_progress_init(fl_progress *progress, FILE *out, bool enabled);
void fl_progress_update(fl_progress *progress, size_t done, size_t total, const char *verb,
                        const char *name);
/* Erases the line (no-op when disabled or nothing was written). */
void fl_progress_clear(fl_progress *progress);

#endif
