#include "progress.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Long paths are cut from the left: the file name is the useful part. */
#define PROGRESS_NAME_MAX 60

void fl_progress_init(fl_progress *progress, FILE *out, bool enabled) {
  progress->out = enabled && out && isatty(fileno(out)) ? out : NULL;
  progress->width = 0;
  progress->line_interval = 0;
  progress->last_line = time(NULL);
  const char *interval = getenv("FFI_LINT_PROGRESS");
  if (enabled && out && !progress->out && interval) {
    char *end = NULL;
    long seconds = strtol(interval, &end, 10);
    if (end != interval && *end == '\0' && seconds > 0) {
      progress->out = out;
      progress->line_interval = seconds;
    }
  }
}

/* Off a terminal: a whole line now and then, never \r (logs keep every byte). */
static void progress_line(fl_progress *progress, size_t done, size_t total, const char *verb,
                          const char *name) {
  time_t now = time(NULL);
  if (done < total && now - progress->last_line < progress->line_interval) return;
  progress->last_line = now;
  fprintf(progress->out, "ffi-lint: [%zu/%zu] %s %s\n", done, total, verb, name);
  fflush(progress->out);
}

void fl_progress_update(fl_progress *progress, size_t done, size_t total, const char *verb,
                        const char *name) {
  if (!progress->out) return;
  if (progress->line_interval > 0) {
    progress_line(progress, done, total, verb, name);
    return;
  }
  size_t len = strlen(name);
  const char *shown = len > PROGRESS_NAME_MAX ? name + len - PROGRESS_NAME_MAX : name;
  int digits = snprintf(NULL, 0, "%zu", total);
  int written = fprintf(progress->out, "\r[%*zu/%zu] %s %s%s", digits, done, total, verb,
                        shown == name ? "" : "...", shown);
  /* Pad over the tail of a longer previous line. */
  if (written > 0 && (size_t)written < progress->width)
    fprintf(progress->out, "%*s", (int)(progress->width - (size_t)written), "");
  if (written > 0 && (size_t)written > progress->width) progress->width = (size_t)written;
  fflush(progress->out);
}

void fl_progress_clear(fl_progress *progress) {
  if (!progress->out || progress->width == 0) return;
  fprintf(progress->out, "\r%*s\r", (int)progress->width, "");
  fflush(progress->out);
  progress->width = 0;
}
