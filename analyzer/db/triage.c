#include "triage.h"

#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "db_internal.h"
#include "query.h"

static bool same_text(const char *a, const char *b) {
  return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int history_add(fl_db *db, long long finding_id, const char *field, const char *old_value,
                       const char *new_value, const char *author, const char *reason, double at) {
  sqlite3_stmt *stmt;
  int rc = fl_db_prepare(db, &stmt,
                         "INSERT INTO triage_history(finding_id, field, old_value, new_value, author, "
                         "reason, at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (rc) return rc;
  sqlite3_bind_int64(stmt, 1, finding_id);
  fl_db_bind_text(stmt, 2, field);
  fl_db_bind_text(stmt, 3, old_value);
  fl_db_bind_text(stmt, 4, new_value);
  fl_db_bind_text(stmt, 5, author);
  fl_db_bind_text(stmt, 6, reason);
  sqlite3_bind_double(stmt, 7, at);
  if (sqlite3_step(stmt) != SQLITE_DONE) rc = fl_db_fail(db, "cannot record triage history");
  sqlite3_finalize(stmt);
  return rc;
}

/* Reads two text columns of a one-row query keyed by finding id into heap
 * strings (NULL when no row). Returns 1 if a row exists, 0 if not. */
static int read_pair(fl_db *db, const char *sql, long long finding_id, char **first, char **second) {
  sqlite3_stmt *stmt;
  *first = *second = NULL;
  int rc = fl_db_prepare(db, &stmt, sql);
  if (rc) return rc;
  sqlite3_bind_int64(stmt, 1, finding_id);
  int step = sqlite3_step(stmt);
  if (step == SQLITE_ROW) {
    *first = fl_db_column_dup(stmt, 0);
    *second = fl_db_column_dup(stmt, 1);
    rc = 1;
  } else if (step != SQLITE_DONE) {
    rc = fl_db_fail(db, "cannot read finding");
  }
  sqlite3_finalize(stmt);
  return rc;
}

int fl_db_review_write(fl_db *db, long long finding_id, const char *status, const char *author,
                       const char *reason, const char *source, double at) {
  char *old_status, *old_reason;
  int rc = read_pair(db, "SELECT status, reason FROM reviews WHERE finding_id = ?1", finding_id,
                     &old_status, &old_reason);
  if (rc < 0) return rc;
  const char *before = old_status ? old_status : "unreviewed";
  if (strcmp(before, status) == 0 && same_text(old_reason, reason)) {
    rc = 0; /* same decision again: nothing to record */
    goto done;
  }
  sqlite3_stmt *stmt;
  if ((rc = fl_db_prepare(db, &stmt,
                          "INSERT INTO reviews(finding_id, status, author, reason, at, source) "
                          "VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(finding_id) DO UPDATE SET "
                          "status = excluded.status, author = excluded.author, "
                          "reason = excluded.reason, at = excluded.at, source = excluded.source")))
    goto done;
  sqlite3_bind_int64(stmt, 1, finding_id);
  fl_db_bind_text(stmt, 2, status);
  fl_db_bind_text(stmt, 3, author);
  fl_db_bind_text(stmt, 4, reason);
  sqlite3_bind_double(stmt, 5, at);
  fl_db_bind_text(stmt, 6, source);
  if (sqlite3_step(stmt) != SQLITE_DONE) rc = fl_db_fail(db, "cannot write review status");
  sqlite3_finalize(stmt);
  if (!rc) rc = history_add(db, finding_id, "status", before, status, author, reason, at);
  if (!rc) rc = 1;
done:
  free(old_status);
  free(old_reason);
  return rc;
}

/* Sets or (back to the rule's severity) removes an override. Returns 1 when
 * something changed, 0 when not, or an error. */
static int severity_write(fl_db *db, long long finding_id, const char *severity, const char *author,
                          const char *reason, double at) {
  char *detected, *overridden;
  int rc = read_pair(db,
                     "SELECT f.severity, so.severity FROM findings f LEFT JOIN severity_overrides so "
                     "ON so.finding_id = f.id WHERE f.id = ?1",
                     finding_id, &detected, &overridden);
  if (rc <= 0) {
    if (rc == 0) rc = fl_error_set(FL_ENOTFOUND, "%s: no finding %lld", db->path, finding_id);
    return rc;
  }
  const char *before = overridden ? overridden : detected;
  bool back_to_rule = strcmp(severity, detected) == 0;
  sqlite3_stmt *stmt = NULL;
  rc = 0;
  if (strcmp(before, severity) == 0 && (back_to_rule || !overridden)) goto done;
  if (back_to_rule)
    rc = fl_db_prepare(db, &stmt, "DELETE FROM severity_overrides WHERE finding_id = ?1");
  else
    rc = fl_db_prepare(db, &stmt,
                       "INSERT INTO severity_overrides(finding_id, severity, reason, author, at) "
                       "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(finding_id) DO UPDATE SET "
                       "severity = excluded.severity, reason = excluded.reason, "
                       "author = excluded.author, at = excluded.at");
  if (rc) goto done;
  sqlite3_bind_int64(stmt, 1, finding_id);
  if (!back_to_rule) {
    fl_db_bind_text(stmt, 2, severity);
    fl_db_bind_text(stmt, 3, reason);
    fl_db_bind_text(stmt, 4, author);
    sqlite3_bind_double(stmt, 5, at);
  }
  if (sqlite3_step(stmt) != SQLITE_DONE) rc = fl_db_fail(db, "cannot write severity override");
  if (!rc) rc = history_add(db, finding_id, "severity", before, severity, author, reason, at);
  if (!rc) rc = 1;
done:
  sqlite3_finalize(stmt);
  free(detected);
  free(overridden);
  return rc;
}

int fl_triage_change_check(const fl_triage_change *change) {
  if (!change->status && !change->severity)
    return fl_error_set(FL_EUSAGE, "nothing to change: give --status and/or --severity");
  if (change->status && !fl_audit_status_valid(change->status))
    return fl_error_set(FL_EUSAGE,
                        "unknown status '%s' (expected unreviewed, confirmed, false_positive, "
                        "intentional, fixed or deferred)",
                        change->status);
  if (change->severity && !fl_audit_severity_rank(change->severity))
    return fl_error_set(FL_EUSAGE, "unknown severity '%s' (expected low, medium or high)", change->severity);
  bool has_reason = change->reason && *change->reason;
  if (change->severity && !has_reason)
    return fl_error_set(FL_EUSAGE, "a severity override needs --reason (it is shown in the report)");
  if (change->status && !has_reason &&
      (!strcmp(change->status, "false_positive") || !strcmp(change->status, "intentional") ||
       !strcmp(change->status, "deferred")))
    return fl_error_set(FL_EUSAGE, "status %s needs --reason (it is shown in the report)", change->status);
  if (!change->author || !*change->author)
    return fl_error_set(FL_EUSAGE, "no author: give --author or set $USER");
  return FL_OK;
}

int fl_db_triage(fl_db *db, const long long *ids, size_t count, const fl_triage_change *change,
                 size_t *changed_out) {
  int rc = fl_triage_change_check(change);
  if (rc) return rc;
  double now = fl_db_now();
  size_t changed = 0;
  if ((rc = fl_db_begin(db))) return rc;
  for (size_t i = 0; i < count; i++) {
    bool any = false;
    if (change->severity) {
      if ((rc = severity_write(db, ids[i], change->severity, change->author, change->reason, now)) < 0) break;
      any = rc == 1;
    }
    if (change->status) {
      if ((rc = fl_db_review_write(db, ids[i], change->status, change->author, change->reason, "human",
                                   now)) < 0)
        break;
      any = any || rc == 1;
    }
    rc = 0;
    changed += any;
  }
  if (rc) {
    fl_db_rollback(db);
    return rc;
  }
  if ((rc = fl_db_commit(db))) return rc;
  if (changed_out) *changed_out = changed;
  return FL_OK;
}

int fl_db_comment_add(fl_db *db, long long finding_id, const char *author, const char *text) {
  if (!text || !*text) return fl_error_set(FL_EUSAGE, "empty comment");
  if (!author || !*author) return fl_error_set(FL_EUSAGE, "no author: give --author or set $USER");
  sqlite3_stmt *stmt;
  int rc = fl_db_prepare(db, &stmt,
                         "INSERT INTO comments(finding_id, author, text, at) "
                         "SELECT id, ?2, ?3, ?4 FROM findings WHERE id = ?1");
  if (rc) return rc;
  sqlite3_bind_int64(stmt, 1, finding_id);
  fl_db_bind_text(stmt, 2, author);
  fl_db_bind_text(stmt, 3, text);
  sqlite3_bind_double(stmt, 4, fl_db_now());
  if (sqlite3_step(stmt) != SQLITE_DONE)
    rc = fl_db_fail(db, "cannot add comment");
  else if (sqlite3_changes(db->sql) == 0)
    rc = fl_error_set(FL_ENOTFOUND, "%s: no finding %lld", db->path, finding_id);
  sqlite3_finalize(stmt);
  return rc;
}
