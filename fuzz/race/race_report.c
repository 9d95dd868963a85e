/* Sanitizer report parsing (race_report.h). */
#include "race_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Frames that belong to the sanitizer runtime, libc or thread start-up. */
static bool is_runtime_function(const char *fn) {
  static const char *const prefixes[] = {
      "__interceptor_", "__asan", "__sanitizer", "__ubsan", "__tsan", "__lsan",
      "__wrap_",        "__real_", "__cyg_profile", "fl_race_", "LLVMFuzzer", "fuzzer::",
      "__libc_",        "__GI_",  "start_thread", "clone", "__clone", "_start"};
  static const char *const exact[] = {"free", "malloc", "calloc", "realloc", "abort",
                                      "raise", "memcpy", "memmove", "memset", "main"};
  for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
    if (strncmp(fn, prefixes[i], strlen(prefixes[i])) == 0)
      return true;
  for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++)
    if (strcmp(fn, exact[i]) == 0)
      return true;
  return false;
}

/* Harness files: the race runtime (race_*.c) and the adapter. */
static bool is_harness_file(const char *file, const char *adapter_file) {
  if (strncmp(file, "race_", 5) == 0)
    return true;
  return adapter_file && strcmp(file, adapter_file) == 0;
}

/* Parses a frame line into `frame`: ASan/UBSan write
 * "    #3 0x4c3e1f in fn /dir/file.c:26:7", TSan "    #3 fn /dir/file.c:26 (bin+0x..)".
 * False when the line is not a frame or the frame has no source location. */
static bool parse_frame(const char *line, fl_race_frame *frame) {
  while (*line == ' ' || *line == '\t')
    line++;
  if (line[0] != '#')
    return false;
  const char *fn = line + 1 + strspn(line + 1, "0123456789");
  fn += strspn(fn, " ");
  const char *in = strstr(fn, " in ");
  if (strncmp(fn, "0x", 2) == 0 && in)
    fn = in + 4;
  const char *fn_end = strchr(fn, ' ');
  if (!fn_end)
    return false;
  snprintf(frame->function, sizeof frame->function, "%.*s", (int)(fn_end - fn), fn);
  const char *loc = fn_end + 1;
  if (*loc == '(' || *loc == '<')
    return false;
  const char *loc_end = loc + strcspn(loc, " \n");
  char path[512];
  snprintf(path, sizeof path, "%.*s", (int)(loc_end - loc), loc);
  char *colon = strchr(path, ':');
  frame->line = 0;
  if (colon) {
    *colon = '\0';
    frame->line = atoi(colon + 1);
  }
  const char *base = strrchr(path, '/');
  snprintf(frame->file, sizeof frame->file, "%s", base ? base + 1 : path);
  return true;
}

static bool is_interesting(const fl_race_frame *frame, const char *adapter_file) {
  return !is_runtime_function(frame->function) && !is_harness_file(frame->file, adapter_file);
}

/* The text after the line that holds `at`, or "" at the end. */
static const char *next_line(const char *at) {
  const char *newline = strchr(at, '\n');
  return newline ? newline + 1 : at + strlen(at);
}

static int thread_number(const char *line) {
  const char *t = strstr(line, "thread T");
  return t ? atoi(t + 8) : -1;
}

/* Walks the frames starting at `p` (one stack); fills `first` with the
 * first interesting frame and appends up to `max` interesting function
 * names to `state`. Returns the text after the stack. */
static const char *scan_stack(const char *p, const char *adapter_file, fl_race_frame *first,
                              char *state, size_t state_size, int max) {
  int taken = 0;
  bool started = false, have_first = false;
  while (*p) {
    const char *end = p + strcspn(p, "\n");
    char line[1024];
    snprintf(line, sizeof line, "%.*s", (int)(end - p), p);
    const char *trimmed = line + strspn(line, " \t");
    bool is_frame = trimmed[0] == '#';
    if (started && !is_frame)
      break;
    if (is_frame) {
      started = true;
      fl_race_frame frame;
      if (parse_frame(line, &frame) && is_interesting(&frame, adapter_file)) {
        if (!have_first && first)
          *first = frame;
        have_first = true;
        if (state && taken < max) {
          size_t used = strlen(state);
          snprintf(state + used, state_size - used, "%s%s", used ? "\n" : "", frame.function);
          taken++;
        }
      }
    }
    p = *end ? end + 1 : end;
  }
  return p;
}

bool fl_race_report_parse(const char *text, const char *adapter_file, fl_race_crash *out) {
  memset(out, 0, sizeof *out);
  out->use_thread = out->free_thread = -1;
  const char *p;
  if ((p = strstr(text, "==race== HANG")) || (p = strstr(text, "==race== DEADLOCK"))) {
    snprintf(out->type, sizeof out->type, "%s",
             strncmp(p, "==race== HANG", 13) == 0 ? "hang" : "deadlock");
    return true;
  }
  const char *error = strstr(text, "ERROR: AddressSanitizer: ");
  const char *tsan = strstr(text, "WARNING: ThreadSanitizer: ");
  const char *ubsan = strstr(text, ": runtime error: ");
  const char *leak = strstr(text, "ERROR: LeakSanitizer: ");
  if (error) {
    const char *kind = error + strlen("ERROR: AddressSanitizer: ");
    size_t kind_len = strcspn(kind, " \n");
    /* "attempting double-free": skip the word and its space, but only when
     * the space is there (a truncated report may end right after it). */
    if (strncmp(kind, "attempting ", 11) == 0) {
      kind += 11;
      kind_len = strcspn(kind, " \n");
    }
    char access[64] = "";
    const char *line2 = strchr(error, '\n');
    if (line2) {
      char verb[16];
      unsigned size;
      if (sscanf(line2 + 1, "%15s of size %u", verb, &size) == 2)
        snprintf(access, sizeof access, " %s %u", verb, size);
      else if (strstr(line2, "caused by a READ"))
        snprintf(access, sizeof access, " READ");
      else if (strstr(line2, "caused by a WRITE"))
        snprintf(access, sizeof access, " WRITE");
      out->use_thread = thread_number(line2 + 1);
    }
    snprintf(out->type, sizeof out->type, "%.*s%s", (int)kind_len, kind, access);
    p = scan_stack(line2 ? line2 + 1 : error, adapter_file, &out->use, out->state,
                   sizeof out->state, 3);
    const char *freed = strstr(p, "freed by thread T");
    if (freed) {
      out->free_thread = thread_number(freed);
      scan_stack(next_line(freed), adapter_file, &out->freed, NULL, 0, 0);
    }
    return true;
  }
  if (tsan) {
    const char *kind = tsan + strlen("WARNING: ThreadSanitizer: ");
    size_t kind_len = strcspn(kind, "(\n");
    while (kind_len && kind[kind_len - 1] == ' ')
      kind_len--;
    snprintf(out->type, sizeof out->type, "tsan: %.*s", (int)kind_len, kind);
    scan_stack(next_line(tsan), adapter_file, &out->use, out->state, sizeof out->state, 3);
    return true;
  }
  if (ubsan) {
    const char *msg = ubsan + strlen(": runtime error: ");
    snprintf(out->type, sizeof out->type, "ubsan: %.*s", (int)strcspn(msg, "\n"), msg);
    scan_stack(next_line(ubsan), adapter_file, &out->use, out->state, sizeof out->state, 3);
    return true;
  }
  if (leak) {
    snprintf(out->type, sizeof out->type, "leak");
    const char *stack = strstr(leak, "allocated from:");
    if (stack)
      scan_stack(next_line(stack), adapter_file, &out->use, out->state, sizeof out->state, 3);
    return true;
  }
  if (strstr(text, "deadly signal")) {
    snprintf(out->type, sizeof out->type, "signal");
    return true;
  }
  return false;
}

bool fl_race_crash_same(const fl_race_crash *a, const fl_race_crash *b) {
  size_t ka = strcspn(a->type, " "), kb = strcspn(b->type, " ");
  return ka == kb && strncmp(a->type, b->type, ka) == 0 && strcmp(a->state, b->state) == 0;
}
