#include "vec.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *vec_xrealloc(void *p, size_t size) {
  void *q = realloc(p, size);
  if (!q) {
    fprintf(stderr, "ffi-lint: out of memory allocating %zu bytes\n", size);
    abort();
  }
  return q;
}

void fl_ptrvec_push(fl_ptrvec *vec, void *item) {
  if (vec->count == vec->capacity) {
    vec->capacity = vec->capacity ? vec->capacity * 2 : 8;
    vec->items = vec_xrealloc(vec->items, vec->capacity * sizeof *vec->items);
  }
  vec->items[vec->count++] = item;
}

void *fl_ptrvec_pop(fl_ptrvec *vec) {
  return vec->count ? vec->items[--vec->count] : NULL;
}

void **fl_ptrvec_freeze(fl_ptrvec *vec, fl_arena *arena, size_t *count_out) {
  void **frozen = NULL;
  if (vec->count) {
    frozen = FL_ARENA_ARRAY(arena, void *, vec->count);
    memcpy(frozen, vec->items, vec->count * sizeof *frozen);
  }
  *count_out = vec->count;
  fl_ptrvec_free(vec);
  return frozen;
}

void fl_ptrvec_free(fl_ptrvec *vec) {
  free(vec->items);
  vec->items = NULL;
  vec->count = vec->capacity = 0;
}

void fl_strbuf_appendn(fl_strbuf *buf, const char *s, size_t n) {
  if (buf->len + n + 1 > buf->capacity) {
    size_t want = buf->capacity ? buf->capacity * 2 : 64;
    while (want < buf->len + n + 1) want *= 2;
    buf->data = vec_xrealloc(buf->data, want);
    buf->capacity = want;
  }
  memcpy(buf->data + buf->len, s, n);
  buf->len += n;
  buf->data[buf->len] = '\0';
}

void fl_strbuf_append(fl_strbuf *buf, const char *s) { fl_strbuf_appendn(buf, s, strlen(s)); }

void fl_strbuf_printf(fl_strbuf *buf, const char *fmt, ...) {
  va_list ap, ap2;
  va_start(ap, fmt);
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n > 0) {
    fl_strbuf_appendn(buf, "", 0); /* ensure allocation */
    if (buf->len + (size_t)n + 1 > buf->capacity) {
      size_t want = buf->capacity * 2;
      while (want < buf->len + (size_t)n + 1) want *= 2;
      buf->data = vec_xrealloc(buf->data, want);
      buf->capacity = want;
    }
    vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, ap2);
    buf->len += (size_t)n;
  }
  va_end(ap2);
}

char *fl_strbuf_take(fl_strbuf *buf) {
  char *s = buf->data;
  if (!s) {
    s = vec_xrealloc(NULL, 1);
    s[0] = '\0';
  }
  buf->data = NULL;
  buf->len = buf->capacity = 0;
  return s;
}

void fl_strbuf_free(fl_strbuf *buf) {
  free(buf->data);
  buf->data = NULL;
  buf->len = buf->capacity = 0;
}
