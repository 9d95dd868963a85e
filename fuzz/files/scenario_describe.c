/* The scenario in plain words, for finding reports. Runs from crash and
 * malloc-hook context, so it formats into the caller's buffer only. */
#include <stdarg.h>
#include <stdio.h>

#include "scenario.h"

static const char *const kind_words[] = {
#define FL_FILE_KIND(id, words) words,
#include "file_kind.def"
#undef FL_FILE_KIND
};

const char *fl_file_kind_words(fl_file_kind kind) {
  return (unsigned)kind < FL_FILE_KIND_COUNT ? kind_words[kind] : "?";
}

typedef struct text_out {
  char *buf;
  size_t cap;
  size_t len;
} text_out;

static void put(text_out *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(text_out *out, const char *fmt, ...) {
  if (out->len + 1 >= out->cap)
    return;
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(out->buf + out->len, out->cap - out->len, fmt, ap);
  va_end(ap);
  if (n > 0)
    out->len += (size_t)n < out->cap - out->len ? (size_t)n : out->cap - out->len - 1;
}

static const char *ordinal_suffix(unsigned n) {
  if (n % 100 >= 11 && n % 100 <= 13)
    return "th";
  return n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
}

static void put_shape(text_out *out, const fl_file_shape *shape, int mode_not_enforced) {
  put(out, "%s", fl_file_kind_words(shape->kind));
  size_t written = shape->len * shape->repeat;
  switch (shape->kind) {
  case FL_FILE_REGULAR:
    put(out, ", %zu bytes", written);
    break;
  case FL_FILE_TRUNCATED:
    put(out, ", %llu of %zu bytes kept", (unsigned long long)shape->size, written);
    break;
  case FL_FILE_SPARSE:
    put(out, ", %llu GiB apparent, %zu bytes written", (unsigned long long)(shape->size >> 30),
        written);
    break;
  case FL_FILE_LINK_OUTSIDE:
    put(out, " (%zu bytes)", written);
    break;
  case FL_FILE_UNREADABLE:
    put(out, ", %zu bytes%s", written,
        mode_not_enforced ? "; mode not enforced: running as root" : "");
    break;
  default:
    break;
  }
}

void fl_scenario_describe(const fl_scenario *scenario, char *buf, size_t cap) {
  text_out out = {buf, cap, 0};
  if (cap == 0)
    return;
  buf[0] = '\0';
  if (scenario->fixed_up)
    put(&out, "contents fixed up by the adapter; ");
  for (size_t i = 0; i < scenario->nfiles; i++) {
    const fl_file_spec *file = &scenario->files[i];
    put(&out, "%s%s: ", i ? "; " : "", file->name);
    put_shape(&out, &file->shape, file->mode_not_enforced);
    if (file->swap_after) {
      put(&out, ", swapped for ");
      put_shape(&out, &file->swap_to, 0);
      put(&out, " after the loader's %u%s call on it", file->swap_after,
          ordinal_suffix(file->swap_after));
      if (file->swapped > 0)
        put(&out, " (done after %s)", file->swap_call);
      else if (file->swapped < 0)
        put(&out, " (rename failed)");
      else if (scenario->ran)
        put(&out, " (not reached: %u calls)", file->calls);
    }
  }
}
