#include "finding.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"

static const char *const severity_names[] = {"none", "low", "medium", "high"};

const char *fl_severity_name(fl_severity severity) {
  return severity <= FL_SEV_HIGH ? severity_names[severity] : "?";
}

int fl_severity_from_name(const char *name, fl_severity *out) {
  for (int s = FL_SEV_NONE; s <= FL_SEV_HIGH; s++)
    if (strcmp(name, severity_names[s]) == 0) {
      *out = (fl_severity)s;
      return FL_OK;
    }
  return fl_error_set(FL_EUSAGE, "unknown severity '%s' (expected none, low, medium or high)", name);
}

static void *finding_xcalloc(size_t n, size_t size) {
  void *p = calloc(n, size);
  if (!p) {
    fprintf(stderr, "ffi-lint: out of memory\n");
    abort();
  }
  return p;
}

static char *finding_strdup(const char *s) {
  if (!s) return NULL;
  size_t n = strlen(s);
  char *copy = finding_xcalloc(1, n + 1);
  memcpy(copy, s, n);
  return copy;
}

static char *finding_vprintf(const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  char *out = finding_xcalloc(1, (size_t)(n > 0 ? n : 0) + 1);
  vsnprintf(out, (size_t)(n > 0 ? n : 0) + 1, fmt, ap2);
  va_end(ap2);
  return out;
}

static void location_set(fl_location *location, fl_loc loc) {
  location->file = finding_strdup(loc.file ? loc.file : "");
  location->line = loc.line;
  location->col = loc.col;
  location->end_line = loc.end_line ? loc.end_line : loc.line;
  location->end_col = loc.end_col ? loc.end_col : loc.col;
}

fl_finding *fl_finding_new(const char *rule_id, fl_severity severity, fl_loc loc,
                           const char *function, fl_lang lang, const char *fmt, ...) {
  fl_finding *finding = finding_xcalloc(1, sizeof *finding);
  finding->rule_id = finding_strdup(rule_id);
  finding->severity = severity;
  finding->function = finding_strdup(function);
  finding->lang = lang;
  location_set(&finding->primary, loc);
  va_list ap;
  va_start(ap, fmt);
  finding->message = finding_vprintf(fmt, ap);
  va_end(ap);
  return finding;
}

void fl_finding_add_step(fl_finding *finding, fl_loc loc, const char *fmt, ...) {
  fl_location *flow = realloc(finding->flow, (finding->nflow + 1) * sizeof *flow);
  if (!flow) {
    fprintf(stderr, "ffi-lint: out of memory\n");
    abort();
  }
  finding->flow = flow;
  fl_location *step = &flow[finding->nflow++];
  memset(step, 0, sizeof *step);
  location_set(step, loc);
  va_list ap;
  va_start(ap, fmt);
  step->message = finding_vprintf(fmt, ap);
  va_end(ap);
}

void fl_finding_free(fl_finding *finding) {
  if (!finding) return;
  free(finding->rule_id);
  free(finding->message);
  free(finding->primary.file);
  free(finding->primary.message);
  free(finding->function);
  for (size_t i = 0; i < finding->nflow; i++) {
    free(finding->flow[i].file);
    free(finding->flow[i].message);
  }
  free(finding->flow);
  free(finding->suppression_reason);
  free(finding->fingerprint);
  free(finding->line_hash);
  free(finding);
}

void fl_findings_push(fl_findings *list, fl_finding *finding) {
  if (list->count == list->capacity) {
    size_t capacity = list->capacity ? list->capacity * 2 : 16;
    fl_finding **items = realloc(list->items, capacity * sizeof *items);
    if (!items) {
      fprintf(stderr, "ffi-lint: out of memory\n");
      abort();
    }
    list->items = items;
    list->capacity = capacity;
  }
  list->items[list->count++] = finding;
}

void fl_findings_move(fl_findings *into, fl_findings *from) {
  for (size_t i = 0; i < from->count; i++) fl_findings_push(into, from->items[i]);
  free(from->items);
  from->items = NULL;
  from->count = from->capacity = 0;
}

static int finding_compare(const void *pa, const void *pb) {
  const fl_finding *a = *(fl_finding *const *)pa, *b = *(fl_finding *const *)pb;
  int c = strcmp(a->primary.file, b->primary.file);
  if (c) return c;
  if (a->primary.line != b->primary.line) return a->primary.line < b->primary.line ? -1 : 1;
  if (a->primary.col != b->primary.col) return a->primary.col < b->primary.col ? -1 : 1;
  if ((c = strcmp(a->rule_id, b->rule_id))) return c;
  return strcmp(a->message, b->message);
}

void fl_findings_sort_unique(fl_findings *list) {
  if (list->count < 2) return;
  qsort(list->items, list->count, sizeof *list->items, finding_compare);
  size_t kept = 1;
  for (size_t i = 1; i < list->count; i++) {
    if (finding_compare(&list->items[kept - 1], &list->items[i]) == 0) {
      fl_finding_free(list->items[i]); /* same finding reached through two TUs (headers) */
      continue;
    }
    list->items[kept++] = list->items[i];
  }
  list->count = kept;
}

void fl_findings_clear(fl_findings *list) {
  for (size_t i = 0; i < list->count; i++) fl_finding_free(list->items[i]);
  free(list->items);
  list->items = NULL;
  list->count = list->capacity = 0;
}
