#include "diff.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "db_internal.h"

static int by_fingerprint(const void *pa, const void *pb) {
  const fl_audit_finding *a = *(fl_audit_finding *const *)pa, *b = *(fl_audit_finding *const *)pb;
  return strcmp(a->fingerprint, b->fingerprint);
}

/* The report order: severity (high first), file, line. */
static int by_severity(const void *pa, const void *pb) {
  const fl_audit_finding *a = *(fl_audit_finding *const *)pa, *b = *(fl_audit_finding *const *)pb;
  int c = fl_audit_severity_rank(b->severity) - fl_audit_severity_rank(a->severity);
  if (c) return c;
  if ((c = strcmp(a->file, b->file))) return c;
  return a->line < b->line ? -1 : a->line > b->line;
}

static fl_audit_finding **sorted_view(fl_audit_findings *list) {
  fl_audit_finding **view = calloc(list->count + 1, sizeof *view);
  if (!view) abort();
  for (size_t i = 0; i < list->count; i++) view[i] = &list->items[i];
  qsort(view, list->count, sizeof *view, by_fingerprint);
  return view;
}

/* Splits before/after into added, resolved, unresolved by fingerprint. */
static void diff_compute(fl_audit_diff *diff) {
  fl_audit_finding **a = sorted_view(&diff->before), **b = sorted_view(&diff->after);
  size_t na = diff->before.count, nb = diff->after.count;
  diff->added = calloc(nb + 1, sizeof *diff->added);
  diff->unresolved = calloc(nb + 1, sizeof *diff->unresolved);
  diff->resolved = calloc(na + 1, sizeof *diff->resolved);
  if (!diff->added || !diff->unresolved || !diff->resolved) abort();
  size_t i = 0, j = 0;
  while (i < na || j < nb) {
    int c = i == na ? 1 : j == nb ? -1 : strcmp(a[i]->fingerprint, b[j]->fingerprint);
    if (c < 0) {
      diff->resolved[diff->nresolved++] = a[i++];
    } else if (c > 0) {
      fl_audit_finding *added = b[j++];
      diff->added[diff->nadded++] = added;
      if (strcmp(added->status, "false_positive") != 0 && strcmp(added->status, "intentional") != 0)
        diff->gating++;
    } else {
      diff->unresolved[diff->nunresolved++] = b[j++];
      i++;
    }
  }
  qsort(diff->added, diff->nadded, sizeof *diff->added, by_severity);
  qsort(diff->resolved, diff->nresolved, sizeof *diff->resolved, by_severity);
  qsort(diff->unresolved, diff->nunresolved, sizeof *diff->unresolved, by_severity);
  free(a);
  free(b);
}

int fl_db_diff_runs(fl_db *db, long long run_a, long long run_b, fl_audit_diff *out) {
  memset(out, 0, sizeof *out);
  fl_audit_filter filter_a = {.run_id = run_a}, filter_b = {.run_id = run_b};
  int rc;
  if ((rc = fl_db_resolve_run(db, run_a, &filter_a.run_id)) ||
      (rc = fl_db_resolve_run(db, run_b, &filter_b.run_id)) ||
      (rc = fl_db_findings(db, &filter_a, false, &out->before)) ||
      (rc = fl_db_findings(db, &filter_b, false, &out->after))) {
    fl_audit_diff_clear(out);
    return rc;
  }
  diff_compute(out);
  return FL_OK;
}

static char *text_dup(const char *text) {
  size_t n = strlen(text) + 1;
  char *copy = malloc(n);
  if (!copy) abort();
  return memcpy(copy, text, n);
}

static char *json_dup(json_t *object, const char *key) {
  const char *text = json_string_value(json_object_get(object, key));
  return text ? text_dup(text) : NULL;
}

/* Reads a baseline's entries into `into` as findings (fingerprint, rule,
 * file, symbol, severity, status). */
static int baseline_read(const char *path, fl_audit_findings *into) {
  json_error_t error;
  json_t *root = json_load_file(path, 0, &error);
  if (!root)
    return fl_error_set(error.line < 0 ? FL_EIO : FL_EPARSE, "%s:%d: cannot read baseline: %s", path,
                        error.line, error.text);
  int rc = FL_OK;
  json_t *entries = json_object_get(root, "findings");
  if (!json_is_integer(json_object_get(root, "ffi_audit_baseline")) || !json_is_array(entries)) {
    rc = fl_error_set(FL_EPARSE, "%s: not an ffi-audit baseline (expected \"ffi_audit_baseline\" and "
                      "\"findings\"; write one with `ffi-audit baseline export`)", path);
    goto done;
  }
  size_t index;
  json_t *entry;
  json_array_foreach(entries, index, entry) {
    if (!json_is_string(json_object_get(entry, "fingerprint"))) {
      rc = fl_error_set(FL_EPARSE, "%s: findings[%zu] has no \"fingerprint\" string", path, index);
      goto done;
    }
    fl_audit_finding *f = fl_audit_findings_push(into);
    f->fingerprint = json_dup(entry, "fingerprint");
    f->rule_id = json_dup(entry, "rule");
    f->file = json_dup(entry, "file");
    f->symbol = json_dup(entry, "symbol");
    f->severity = json_dup(entry, "severity");
    f->status = json_dup(entry, "status");
    f->line = (unsigned)json_integer_value(json_object_get(entry, "line"));
    char **required[] = {&f->rule_id, &f->file, &f->severity, &f->status, &f->message};
    const char *fallback[] = {"?", "?", "low", "unreviewed", "(from baseline)"};
    for (size_t k = 0; k < 5; k++)
      if (!*required[k]) *required[k] = text_dup(fallback[k]);
  }
done:
  json_decref(root);
  return rc;
}

int fl_db_diff_baseline(fl_db *db, const char *baseline_path, long long run, fl_audit_diff *out) {
  memset(out, 0, sizeof *out);
  fl_audit_filter filter = {.run_id = run};
  int rc;
  if ((rc = baseline_read(baseline_path, &out->before)) || (rc = fl_db_findings(db, &filter, false, &out->after))) {
    fl_audit_diff_clear(out);
    return rc;
  }
  diff_compute(out);
  return FL_OK;
}

void fl_audit_diff_clear(fl_audit_diff *diff) {
  fl_audit_findings_clear(&diff->before);
  fl_audit_findings_clear(&diff->after);
  free(diff->added);
  free(diff->resolved);
  free(diff->unresolved);
  memset(diff, 0, sizeof *diff);
}

int fl_db_baseline_export(fl_db *db, long long run, const char *path, size_t *count_out) {
  fl_audit_filter filter = {.run_id = run};
  fl_audit_findings findings = {0};
  int rc = fl_db_resolve_run(db, run, &filter.run_id);
  if (!rc) rc = fl_db_findings(db, &filter, false, &findings);
  if (rc) return rc;
  json_t *entries = json_array();
  for (size_t i = 0; i < findings.count; i++) {
    const fl_audit_finding *f = &findings.items[i];
    json_array_append_new(entries, json_pack("{s:s, s:s, s:s, s:i, s:s?, s:s, s:s}", "fingerprint",
                                             f->fingerprint, "rule", f->rule_id, "file", f->file,
                                             "line", (int)f->line, "symbol", f->symbol, "severity",
                                             f->severity, "status", f->status));
  }
  json_t *root = json_pack("{s:i, s:I, s:o}", "ffi_audit_baseline", 1, "run",
                           (json_int_t)filter.run_id, "findings", entries);
  if (json_dump_file(root, path, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0)
    rc = fl_error_set(FL_EIO, "%s: cannot write baseline", path);
  json_decref(root);
  if (!rc && count_out) *count_out = findings.count;
  fl_audit_findings_clear(&findings);
  return rc;
}
