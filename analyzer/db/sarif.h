/* SARIF 2.1.0 in and out of the audit database: `ffi-audit export --sarif`
 * (review statuses become SARIF suppressions) and `ffi-audit import-sarif`
 * (other tools' results become findings of their own runs). */
#ifndef FL_DB_SARIF_H
#define FL_DB_SARIF_H

#include <stddef.h>
#include <stdio.h>

#include "../config/rule_meta.h"
#include "db.h"

/* Writes the findings present in `run` (0 = latest) as one SARIF run.
 * false_positive / intentional reviews become suppressions (kind
 * "external", or "inSource" when set by an in-source comment) with the
 * reason as justification. `rules` (may be NULL) fills tool.driver.rules[]
 * descriptions. */
int fl_db_export_sarif(fl_db *db, long long run, const fl_rule_meta_set *rules, FILE *out);

typedef struct fl_sarif_import_stats {
  size_t runs;            /* SARIF runs imported (one DB run each) */
  size_t findings;        /* results stored */
  long long last_run_id;
} fl_sarif_import_stats;

/* Stores every run of the SARIF file `path` as a run of its tool
 * (tool.driver.name) over `source_root` — detection status is tracked per
 * tool, so ffi-lint's own findings are never marked resolved by an import.
 * A result's fingerprint comes from its partialFingerprints when it has
 * any, else from tool + rule + file + the whitespace-stripped text of the
 * flagged line (read under source_root, else region.snippet) + ordinal.
 * FL_EIO / FL_EPARSE naming the file and the JSON path of the problem. */
int fl_db_import_sarif(fl_db *db, const char *path, const char *source_root,
                       fl_sarif_import_stats *stats_out);

#endif
