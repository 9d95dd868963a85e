/* Runs with their per-run counts (the report's scope and trend, `ffi-audit runs`). */
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "db_internal.h"
#include "query.h"

int fl_db_runs(fl_db *db, long long of_run, size_t limit, fl_audit_runs *out) {
  sqlite3_stmt *stmt;
  /* The newest `limit` runs of the series, re-sorted oldest first. */
  int rc = fl_db_prepare(
      db, &stmt,
      "SELECT * FROM (SELECT r.id, r.tool, r.tool_version, r.rule_set, r.config_hash, r.arguments, "
      "r.source_root, r.git_commit, r.started_at, r.finished_at, "
      "(SELECT count(*) FROM occurrences o WHERE o.run_id = r.id AND o.detection <> 'resolved'), "
      "(SELECT count(*) FROM occurrences o WHERE o.run_id = r.id AND o.detection IN ('new', 'reopened')), "
      "(SELECT count(*) FROM occurrences o WHERE o.run_id = r.id AND o.detection = 'resolved') "
      "FROM runs r WHERE ?1 = 0 OR (r.id <= ?1 AND EXISTS (SELECT 1 FROM runs s WHERE s.id = ?1 "
      "AND s.source_root = r.source_root AND s.tool = r.tool)) "
      "ORDER BY r.id DESC LIMIT ?2) ORDER BY 1");
  if (rc) return rc;
  sqlite3_bind_int64(stmt, 1, of_run);
  sqlite3_bind_int64(stmt, 2, limit ? (long long)limit : -1);
  int step;
  while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
    fl_audit_run *run = FL_DB_PUSH(out);
    run->id = sqlite3_column_int64(stmt, 0);
    run->tool = fl_db_column_dup(stmt, 1);
    run->tool_version = fl_db_column_dup(stmt, 2);
    run->rule_set = fl_db_column_dup(stmt, 3);
    run->config_hash = fl_db_column_dup(stmt, 4);
    run->arguments = fl_db_column_dup(stmt, 5);
    run->source_root = fl_db_column_dup(stmt, 6);
    run->git_commit = fl_db_column_dup(stmt, 7);
    run->started_at = sqlite3_column_double(stmt, 8);
    run->finished_at = sqlite3_column_double(stmt, 9);
    run->present = sqlite3_column_int64(stmt, 10);
    run->added = sqlite3_column_int64(stmt, 11);
    run->resolved = sqlite3_column_int64(stmt, 12);
  }
  if (step != SQLITE_DONE) rc = fl_db_fail(db, "cannot list runs");
  sqlite3_finalize(stmt);
  return rc;
}

void fl_audit_runs_clear(fl_audit_runs *runs) {
  for (size_t i = 0; i < runs->count; i++) {
    fl_audit_run *r = &runs->items[i];
    free(r->tool);
    free(r->tool_version);
    free(r->rule_set);
    free(r->config_hash);
    free(r->arguments);
    free(r->source_root);
    free(r->git_commit);
  }
  free(runs->items);
  memset(runs, 0, sizeof *runs);
}
