#include "common.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/vec.h"

static void out_of_memory(void) {
  fprintf(stderr, "ffi-lint: out of memory\n");
  abort();
}

void *fl_out_calloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (!p) out_of_memory();
  return p;
}

void *fl_out_realloc(void *p, size_t size) {
  void *bigger = realloc(p, size ? size : 1);
  if (!bigger) out_of_memory();
  return bigger;
}

char *fl_out_strndup(const char *s, size_t n) {
  if (!s) return NULL;
  char *copy = fl_out_calloc(1, n + 1);
  memcpy(copy, s, n);
  copy[n] = '\0';
  return copy;
}

char *fl_out_strdup(const char *s) { return s ? fl_out_strndup(s, strlen(s)) : NULL; }

const char *fl_out_sarif_level(fl_severity severity) {
  switch (severity) {
  case FL_SEV_HIGH: return "error";
  case FL_SEV_MEDIUM: return "warning";
  default: return "note";
  }
}

/* Length of the valid UTF-8 sequence at `s` (1-4), or 0 when the bytes there
 * are not one (overlong forms, surrogates and code points past U+10FFFF
 * included, as jansson rejects those too). */
static size_t utf8_sequence_length(const unsigned char *s) {
  unsigned char c = s[0];
  if (c < 0x80) return 1;
  size_t len;
  unsigned long cp;
  if (c >= 0xc2 && c <= 0xdf)
    len = 2, cp = c & 0x1f;
  else if (c >= 0xe0 && c <= 0xef)
    len = 3, cp = c & 0x0f;
  else if (c >= 0xf0 && c <= 0xf4)
    len = 4, cp = c & 0x07;
  else
    return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xc0) != 0x80) return 0;
    cp = cp << 6 | (s[i] & 0x3f);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff))) return 0;
  if (cp >= 0xd800 && cp <= 0xdfff) return 0;
  return len;
}

json_t *fl_out_json_text(const char *s) {
  if (!s) return json_null();
  json_t *value = json_string(s);
  if (value) return value;
  fl_strbuf clean = FL_STRBUF_INIT;
  fl_strbuf_append(&clean, "");
  for (const unsigned char *p = (const unsigned char *)s; *p;) {
    size_t len = utf8_sequence_length(p);
    if (len == 0) {
      fl_strbuf_append(&clean, "\xef\xbf\xbd"); /* U+FFFD */
      p++;
      continue;
    }
    fl_strbuf_appendn(&clean, (const char *)p, len);
    p += len;
  }
  value = json_string(clean.data);
  fl_strbuf_free(&clean);
  if (!value) out_of_memory();
  return value;
}

const fl_rule_meta *fl_out_rule_meta(const fl_rule_meta_set *set, const char *id) {
  if (!set || !id) return NULL;
  for (size_t i = 0; i < set->count; i++)
    if (set->rules[i].id && strcmp(set->rules[i].id, id) == 0) return &set->rules[i];
  return NULL;
}

bool fl_out_step_is_primary(const fl_finding *finding, const fl_location *step) {
  return step->line == finding->primary.line && step->col == finding->primary.col &&
         strcmp(step->file ? step->file : "", finding->primary.file ? finding->primary.file : "") == 0;
}
