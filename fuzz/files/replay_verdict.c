/* Reading a replayed child's stderr into a verdict (replay_verdict.h). */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "replay_verdict.h"
#include "runtime.h"

/* Frames that belong to the harness runtime, the sanitizers or libc, not to
 * the code under test. */
static int frame_is_ours(const char *function, const char *location) {
  static const char *const runtime_functions[] = {
      "open", "open64", "openat", "openat64", "read", "fstat", "fstat64", "close",
      "print_stack_here", "on_malloc", "call_entry", "main", "_start", NULL};
  if (strncmp(function, "__", 2) == 0 || strncmp(function, "real_", 5) == 0)
    return 1;
  for (size_t i = 0; runtime_functions[i]; i++)
    if (strcmp(function, runtime_functions[i]) == 0)
      return 1;
  return strstr(location, "/fuzz/files/") || strstr(location, "sysdeps/") ||
         strstr(location, "/libc.so") || strstr(location, "compiler-rt") || location[0] == '(';
}

/* Collects up to three function names from the first stack trace in
 * `output` ("    #3 0x... in cache_load_buggy /path/file.c:95:21"). */
static void read_crash_state(char *state, size_t cap, const char *output) {
  state[0] = '\0';
  size_t used = 0;
  int frames = 0, seen_stack = 0;
  for (const char *line = output; line && *line && frames < 3;) {
    const char *end = strchr(line, '\n');
    size_t len = end ? (size_t)(end - line) : strlen(line);
    char text[1024];
    snprintf(text, sizeof text, "%.*s", (int)len, line);
    line = end ? end + 1 : NULL;
    char function[256], location[512] = "";
    int number;
    if (sscanf(text, " #%d 0x%*x", &number) != 1) {
      if (seen_stack)
        break; /* only the first stack: the one that shows the bug */
      continue;
    }
    seen_stack = 1;
    if (sscanf(text, " #%d 0x%*x in %255s %511s", &number, function, location) < 2)
      continue; /* an unsymbolised frame (the signal trampoline) */
    if (frame_is_ours(function, location))
      continue;
    int n = snprintf(state + used, cap - used, "%s%s", frames ? "\n" : "", function);
    if (n < 0 || (size_t)n >= cap - used)
      break;
    used += (size_t)n;
    frames++;
  }
}

/* "sanitizer: AddressSanitizer: heap-buffer-overflow (...)" -> the bug type. */
static void sanitizer_type(char *out, size_t cap, const char *message) {
  const char *colon = strstr(message, "Sanitizer: ");
  const char *type = colon ? colon + strlen("Sanitizer: ") : message;
  if (strstr(type, "leaked")) {
    snprintf(out, cap, "memory-leak");
    return;
  }
  snprintf(out, cap, "%.*s", (int)strcspn(type, " \n"), type);
}

void fl_replay_verdict_read(fl_replay_verdict *out, const char *output, int status, int killed,
                            double limit_seconds) {
  memset(out, 0, sizeof *out);
  const char *finding = strstr(output, FL_FILES_TAG "finding: ");
  if (finding) {
    finding += strlen(FL_FILES_TAG);
    snprintf(out->line, sizeof out->line, "%.*s", (int)strcspn(finding, "\n"), finding);
  } else if (killed) {
    snprintf(out->line, sizeof out->line,
             "finding: hang: killed after %.0f s (watchdog did not act)", limit_seconds);
  } else if (WIFSIGNALED(status)) {
    snprintf(out->line, sizeof out->line, "finding: crash: signal %d", WTERMSIG(status));
  } else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
    snprintf(out->line, sizeof out->line, "finding: crash: exit status %d", WEXITSTATUS(status));
  } else {
    out->clean = 1;
    snprintf(out->line, sizeof out->line, "clean");
    return;
  }
  const char *kind = out->line + strlen("finding: ");
  size_t kind_len = strcspn(kind, ":");
  if (strncmp(kind, "hang", kind_len) == 0)
    snprintf(out->crash_type, sizeof out->crash_type, "timeout");
  else if (strncmp(kind, "memory", kind_len) == 0)
    snprintf(out->crash_type, sizeof out->crash_type, "oom");
  else if (strncmp(kind, "sanitizer", kind_len) == 0)
    sanitizer_type(out->crash_type, sizeof out->crash_type, kind + kind_len);
  else
    snprintf(out->crash_type, sizeof out->crash_type, "%.*s", (int)kind_len, kind);
  read_crash_state(out->crash_state, sizeof out->crash_state, output);
  if (!out->crash_state[0]) /* no stack (invariant, fd-leak): the message is the state */
    snprintf(out->crash_state, sizeof out->crash_state, "%s", kind);
}
