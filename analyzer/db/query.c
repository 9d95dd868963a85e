/* Findings by filter, one finding by id or fingerprint prefix, history. */
#include "query.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "db_internal.h"

static const char *const review_statuses[] = {"unreviewed", "confirmed", "false_positive",
                                              "intentional", "fixed",     "deferred"};

bool fl_audit_status_valid(const char *status) {
  for (size_t i = 0; i < sizeof review_statuses / sizeof *review_statuses; i++)
    if (strcmp(status, review_statuses[i]) == 0) return true;
  return false;
}

int fl_audit_severity_rank(const char *severity) {
  if (!severity) return 0;
  if (strcmp(severity, "high") == 0) return 3;
  if (strcmp(severity, "medium") == 0) return 2;
  if (strcmp(severity, "low") == 0) return 1;
  return 0;
}

int fl_db_resolve_run(fl_db *db, long long requested, long long *run_id_out) {
  long long found;
  int rc;
  if (requested > 0) {
    sqlite3_stmt *stmt;
    if ((rc = fl_db_prepare(db, &stmt, "SELECT id FROM runs WHERE id = ?1"))) return rc;
    sqlite3_bind_int64(stmt, 1, requested);
    found = sqlite3_step(stmt) == SQLITE_ROW ? requested : 0;
    sqlite3_finalize(stmt);
    if (!found) return fl_error_set(FL_ENOTFOUND, "%s: no run %lld", db->path, requested);
  } else {
    if ((rc = fl_db_query_int(db, "SELECT max(id) FROM runs", &found))) return rc;
    if (!found) return fl_error_set(FL_ENOTFOUND, "%s: the database holds no run yet", db->path);
  }
  *run_id_out = found;
  return FL_OK;
}

int fl_db_where_build(fl_db *db, const fl_audit_filter *filter, fl_db_where *out) {
  memset(out, 0, sizeof *out);
  fl_strbuf *sql = &out->sql;
  if (filter->all_runs) {
    fl_strbuf_append(sql, " FROM findings f");
  } else {
    int rc = fl_db_resolve_run(db, filter->run_id, &out->run_id);
    if (rc) return rc;
    out->has_run = true;
    fl_strbuf_append(sql, " FROM occurrences o JOIN findings f ON f.id = o.finding_id");
  }
  fl_strbuf_append(sql, " LEFT JOIN reviews rv ON rv.finding_id = f.id"
                        " LEFT JOIN severity_overrides so ON so.finding_id = f.id WHERE 1");
  if (out->has_run)
    fl_strbuf_append(sql, filter->only_resolved ? " AND o.run_id = ? AND o.detection = 'resolved'"
                                                : " AND o.run_id = ? AND o.detection <> 'resolved'");
  if (filter->only_new) {
    if (!out->has_run) return fl_error_set(FL_EUSAGE, "'new' needs a run, not every run");
    fl_strbuf_append(sql, " AND o.detection = 'new'");
  }
  struct {
    const char *value, *condition;
  } texts[] = {
      {filter->rule, " AND f.rule_id = ?"},
      {filter->severity, " AND coalesce(so.severity, f.severity) = ?"},
      {filter->status, " AND coalesce(rv.status, 'unreviewed') = ?"},
      {filter->file_glob, " AND f.file GLOB ?"},
  };
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
    if (!texts[i].value) continue;
    fl_strbuf_append(sql, texts[i].condition);
    out->text[out->ntext++] = texts[i].value;
  }
  return FL_OK;
}

void fl_db_where_bind(const fl_db_where *where, sqlite3_stmt *stmt) {
  int index = 1;
  if (where->has_run) sqlite3_bind_int64(stmt, index++, where->run_id);
  for (int i = 0; i < where->ntext; i++) fl_db_bind_text(stmt, index++, where->text[i]);
}

void fl_db_where_free(fl_db_where *where) { fl_strbuf_free(&where->sql); }

#define FINDING_COLUMNS                                                                        \
  "f.id, f.fingerprint, f.rule_id, coalesce(so.severity, f.severity), f.severity, so.reason, " \
  "f.file, f.line, f.col, f.end_line, f.end_col, f.symbol, f.message, "                       \
  "coalesce(rv.status, 'unreviewed'), rv.author, rv.reason, rv.source, rv.at, "               \
  "%s, f.first_run, f.last_run, %s"

/* Listings leave the bulky columns out: they would ride through the sort. */
#define DETAIL_COLUMNS "f.excerpt, f.excerpt_line, f.flow, f.line_hash"
#define NO_DETAIL_COLUMNS "NULL, NULL, NULL, NULL"

static void finding_read_row(sqlite3_stmt *stmt, bool details, fl_audit_finding *out) {
  out->id = sqlite3_column_int64(stmt, 0);
  out->fingerprint = fl_db_column_dup(stmt, 1);
  out->rule_id = fl_db_column_dup(stmt, 2);
  out->severity = fl_db_column_dup(stmt, 3);
  out->detected_severity = fl_db_column_dup(stmt, 4);
  out->severity_reason = fl_db_column_dup(stmt, 5);
  out->file = fl_db_column_dup(stmt, 6);
  out->line = (unsigned)sqlite3_column_int(stmt, 7);
  out->col = (unsigned)sqlite3_column_int(stmt, 8);
  out->end_line = (unsigned)sqlite3_column_int(stmt, 9);
  out->end_col = (unsigned)sqlite3_column_int(stmt, 10);
  out->symbol = fl_db_column_dup(stmt, 11);
  out->message = fl_db_column_dup(stmt, 12);
  out->status = fl_db_column_dup(stmt, 13);
  out->status_author = fl_db_column_dup(stmt, 14);
  out->status_reason = fl_db_column_dup(stmt, 15);
  out->status_source = fl_db_column_dup(stmt, 16);
  out->status_at = sqlite3_column_double(stmt, 17);
  out->detection = fl_db_column_dup(stmt, 18);
  out->first_run = sqlite3_column_int64(stmt, 19);
  out->last_run = sqlite3_column_int64(stmt, 20);
  if (!details) return;
  out->excerpt = fl_db_column_dup(stmt, 21);
  out->excerpt_line = (unsigned)sqlite3_column_int(stmt, 22);
  out->flow_json = fl_db_column_dup(stmt, 23);
  out->line_hash = fl_db_column_dup(stmt, 24);
}

/* Severity (high first), file, line, column, id. */
static int finding_order(const void *pa, const void *pb) {
  const fl_audit_finding *a = pa, *b = pb;
  int c = fl_audit_severity_rank(b->severity) - fl_audit_severity_rank(a->severity);
  if (c) return c;
  if ((c = strcmp(a->file, b->file))) return c;
  if (a->line != b->line) return a->line < b->line ? -1 : 1;
  if (a->col != b->col) return a->col < b->col ? -1 : 1;
  return a->id < b->id ? -1 : a->id > b->id;
}

fl_audit_finding *fl_audit_findings_push(fl_audit_findings *list) { return FL_DB_PUSH(list); }

int fl_db_findings(fl_db *db, const fl_audit_filter *filter, bool details, fl_audit_findings *out) {
  fl_db_where where;
  int rc = fl_db_where_build(db, filter, &where);
  if (rc) goto done;
  fl_strbuf sql = FL_STRBUF_INIT;
  fl_strbuf_printf(&sql, "SELECT " FINDING_COLUMNS, where.has_run ? "o.detection" : "NULL",
                   details ? DETAIL_COLUMNS : NO_DETAIL_COLUMNS);
  fl_strbuf_append(&sql, where.sql.data);
  sqlite3_stmt *stmt;
  rc = fl_db_prepare(db, &stmt, sql.data);
  fl_strbuf_free(&sql);
  if (rc) goto done;
  fl_db_where_bind(&where, stmt);
  int step;
  size_t first = out->count;
  while ((step = sqlite3_step(stmt)) == SQLITE_ROW) finding_read_row(stmt, details, fl_audit_findings_push(out));
  if (step != SQLITE_DONE) rc = fl_db_fail(db, "cannot list findings");
  sqlite3_finalize(stmt);
  /* Sorted here rather than by ORDER BY: SQLite's sorter would carry every
   * selected column through the sort (3x slower on 100k findings). */
  if (out->count > first) qsort(out->items + first, out->count - first, sizeof *out->items, finding_order);
done:
  fl_db_where_free(&where);
  return rc;
}

void fl_audit_finding_clear(fl_audit_finding *f) {
  char *owned[] = {f->fingerprint,    f->rule_id,       f->severity,      f->detected_severity,
                   f->severity_reason, f->file,         f->symbol,        f->message,
                   f->status,         f->status_author, f->status_reason, f->status_source,
                   f->detection,      f->excerpt,       f->flow_json,     f->line_hash};
  for (size_t i = 0; i < sizeof owned / sizeof *owned; i++) free(owned[i]);
  memset(f, 0, sizeof *f);
}

void fl_audit_findings_clear(fl_audit_findings *list) {
  for (size_t i = 0; i < list->count; i++) fl_audit_finding_clear(&list->items[i]);
  free(list->items);
  memset(list, 0, sizeof *list);
}

/* Runs the one-finding query by id (numeric) or fingerprint prefix.
 * FL_ENOTFOUND when nothing matches, FL_EUSAGE when a prefix is ambiguous. */
static int finding_get_by(fl_db *db, const char *key, bool by_id, fl_audit_finding *out) {
  fl_strbuf sql = FL_STRBUF_INIT;
  fl_strbuf_printf(&sql,
                   "SELECT " FINDING_COLUMNS
                   " FROM findings f LEFT JOIN reviews rv ON rv.finding_id = f.id"
                   " LEFT JOIN severity_overrides so ON so.finding_id = f.id"
                   " WHERE %s LIMIT 2",
                   "(SELECT detection FROM occurrences WHERE finding_id = f.id ORDER BY run_id DESC LIMIT 1)",
                   DETAIL_COLUMNS, by_id ? "f.id = ?1" : "f.fingerprint >= ?1 AND f.fingerprint < ?1 || 'g'");
  sqlite3_stmt *stmt;
  int rc = fl_db_prepare(db, &stmt, sql.data);
  fl_strbuf_free(&sql);
  if (rc) return rc;
  if (by_id) {
    sqlite3_bind_int64(stmt, 1, strtoll(key, NULL, 10));
  } else {
    char lower[129];
    snprintf(lower, sizeof lower, "%s", key);
    for (char *p = lower; *p; p++) *p = (char)tolower((unsigned char)*p);
    sqlite3_bind_text(stmt, 1, lower, -1, SQLITE_TRANSIENT);
  }
  int step = sqlite3_step(stmt);
  if (step == SQLITE_ROW) {
    finding_read_row(stmt, true, out);
    step = sqlite3_step(stmt);
    if (step == SQLITE_ROW) {
      rc = fl_error_set(FL_EUSAGE, "fingerprint prefix '%s' matches several findings; give more digits", key);
      fl_audit_finding_clear(out);
    }
  } else if (step == SQLITE_DONE) {
    rc = fl_error_set(FL_ENOTFOUND, "%s: no finding '%s'", db->path, key);
  }
  if (step != SQLITE_ROW && step != SQLITE_DONE) rc = fl_db_fail(db, "cannot read finding");
  sqlite3_finalize(stmt);
  return rc;
}

int fl_db_finding_get(fl_db *db, const char *id_or_prefix, fl_audit_finding *out) {
  memset(out, 0, sizeof *out);
  bool numeric = *id_or_prefix != '\0';
  bool hex = *id_or_prefix != '\0';
  for (const char *p = id_or_prefix; *p; p++) {
    numeric = numeric && isdigit((unsigned char)*p);
    hex = hex && isxdigit((unsigned char)*p);
  }
  bool prefix_ok = hex && strlen(id_or_prefix) >= 4;
  if (!numeric && !prefix_ok)
    return fl_error_set(FL_EUSAGE, "'%s' is neither a finding id nor a fingerprint prefix (4+ hex digits)",
                        id_or_prefix);
  /* All digits: an id first, then (4+ digits) a fingerprint prefix. */
  int rc = numeric ? finding_get_by(db, id_or_prefix, true, out) : FL_ENOTFOUND;
  if (rc == FL_ENOTFOUND && prefix_ok) rc = finding_get_by(db, id_or_prefix, false, out);
  return rc;
}

int fl_db_finding_history(fl_db *db, long long finding_id, fl_audit_events *out) {
  sqlite3_stmt *stmt;
  int rc = fl_db_prepare(
      db, &stmt,
      "SELECT 'detection', NULL, o.detection, NULL, 'run ' || o.run_id, r.started_at, 0 AS k, o.run_id "
      "FROM occurrences o JOIN runs r ON r.id = o.run_id WHERE o.finding_id = ?1 "
      "UNION ALL SELECT field, old_value, new_value, author, reason, at, 1, id "
      "FROM triage_history WHERE finding_id = ?1 "
      "UNION ALL SELECT 'comment', NULL, NULL, author, text, at, 2, id "
      "FROM comments WHERE finding_id = ?1 ORDER BY 6, 7, 8");
  if (rc) return rc;
  sqlite3_bind_int64(stmt, 1, finding_id);
  int step;
  while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
    fl_audit_event *event = FL_DB_PUSH(out);
    event->kind = fl_db_column_dup(stmt, 0);
    event->old_value = fl_db_column_dup(stmt, 1);
    event->new_value = fl_db_column_dup(stmt, 2);
    event->author = fl_db_column_dup(stmt, 3);
    event->text = fl_db_column_dup(stmt, 4);
    event->at = sqlite3_column_double(stmt, 5);
  }
  if (step != SQLITE_DONE) rc = fl_db_fail(db, "cannot read history");
  sqlite3_finalize(stmt);
  return rc;
}

void fl_audit_events_clear(fl_audit_events *events) {
  for (size_t i = 0; i < events->count; i++) {
    fl_audit_event *e = &events->items[i];
    free(e->kind);
    free(e->old_value);
    free(e->new_value);
    free(e->author);
    free(e->text);
  }
  free(events->items);
  memset(events, 0, sizeof *events);
}
