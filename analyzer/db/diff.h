/* Comparing two runs, or a run against a baseline file: which findings are
 * new, resolved, unresolved. The CI gate fails on new ones. */
#ifndef FL_DB_DIFF_H
#define FL_DB_DIFF_H

#include <stddef.h>

#include "query.h"

typedef struct fl_audit_diff {
  fl_audit_findings before; /* run A's findings, or the baseline's entries */
  fl_audit_findings after;  /* run B's findings */
  /* Pointers into before/after, each ordered by severity, file, line. */
  fl_audit_finding **added, **resolved, **unresolved;
  size_t nadded, nresolved, nunresolved;
  size_t gating; /* added findings not reviewed as false_positive/intentional */
} fl_audit_diff;

/* Compares the findings present in run_a with those in run_b (0 = latest). */
int fl_db_diff_runs(fl_db *db, long long run_a, long long run_b, fl_audit_diff *out);

/* Compares run `run` (0 = latest) with a baseline written by
 * fl_db_baseline_export. FL_EIO / FL_EPARSE naming the file when it cannot
 * be read or is not a baseline. */
int fl_db_diff_baseline(fl_db *db, const char *baseline_path, long long run, fl_audit_diff *out);

void fl_audit_diff_clear(fl_audit_diff *diff);

/* Writes the fingerprints (with rule, file, symbol, severity, status) of
 * the findings present in `run` (0 = latest) as a baseline JSON file:
 * {"ffi_audit_baseline": 1, "run": N, "findings": [{"fingerprint": ...}]}.
 * *count_out (may be NULL) gets the number written. */
int fl_db_baseline_export(fl_db *db, long long run, const char *path, size_t *count_out);

#endif
