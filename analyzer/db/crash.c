#include "crash.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "db_internal.h"

static const char *const timeline_ops[] = {"call", "return", "lock", "unlock", "check",
                                           "free", "use",    "switch", "other"};

static bool timeline_op_known(const char *op) {
  for (size_t i = 0; i < sizeof timeline_ops / sizeof *timeline_ops; i++)
    if (strcmp(op, timeline_ops[i]) == 0) return true;
  return false;
}

int fl_timeline_parse(fl_timeline *out, const char *text) {
  memset(out, 0, sizeof *out);
  size_t n = strlen(text);
  out->text = malloc(n + 1);
  if (!out->text) abort();
  memcpy(out->text, text, n + 1);
  size_t capacity = 0;
  unsigned line_number = 0;
  for (char *line = out->text; line;) {
    char *next = strchr(line, '\n');
    if (next) *next++ = '\0';
    line_number++;
    size_t len = strlen(line);
    if (len && line[len - 1] == '\r') line[--len] = '\0';
    if (len == 0 || line[0] == '#') {
      line = next;
      continue;
    }
    char *fields[4];
    char *cursor = line;
    for (int i = 0; i < 4; i++) {
      fields[i] = cursor;
      char *bar = i < 3 ? strchr(cursor, '|') : NULL;
      if (i < 3 && !bar) {
        fl_timeline_free(out);
        return fl_error_set(FL_EPARSE, "timeline line %u: expected THREAD|OP|LOCATION|NOTE", line_number);
      }
      if (bar) {
        *bar = '\0';
        cursor = bar + 1;
      }
    }
    bool thread_ok = *fields[0] != '\0';
    for (const char *p = fields[0]; *p; p++) thread_ok = thread_ok && (isalnum((unsigned char)*p) || *p == '_');
    if (!thread_ok || !timeline_op_known(fields[1])) {
      int code = fl_error_set(FL_EPARSE, "timeline line %u: %s '%s'", line_number,
                              thread_ok ? "unknown op" : "bad thread name", thread_ok ? fields[1] : fields[0]);
      fl_timeline_free(out);
      return code;
    }
    if (out->count == capacity) {
      capacity = capacity ? capacity * 2 : 16;
      out->steps = realloc(out->steps, capacity * sizeof *out->steps);
      if (!out->steps) abort();
    }
    out->steps[out->count++] = (fl_timeline_step){fields[0], fields[1], fields[2], fields[3]};
    line = next;
  }
  return FL_OK;
}

void fl_timeline_free(fl_timeline *timeline) {
  free(timeline->steps);
  free(timeline->text);
  memset(timeline, 0, sizeof *timeline);
}

int fl_db_store_crash(fl_db *db, const fl_crash_info *crash, long long *crash_id_out, bool *is_new_out) {
  if (!crash->target || !*crash->target || !crash->crash_type || !*crash->crash_type ||
      !crash->crash_state || !*crash->crash_state)
    return fl_error_set(FL_EUSAGE, "%s: a crash needs a target, a crash type and a crash state", db->path);
  if (crash->timeline) {
    fl_timeline check;
    int rc = fl_timeline_parse(&check, crash->timeline);
    if (rc) {
      char problem[512]; /* fl_error_last() is the buffer fl_error_set writes */
      snprintf(problem, sizeof problem, "%s", fl_error_last());
      return fl_error_set(rc, "%s: crash in %s: %s", db->path, crash->target, problem);
    }
    fl_timeline_free(&check);
  }
  double seen = crash->seen_at > 0 ? crash->seen_at : fl_db_now();
  sqlite3_stmt *stmt;
  /* The upsert's RETURNING sees count = 1 only for a fresh row. */
  int rc = fl_db_prepare(
      db, &stmt,
      "INSERT INTO crashes(target, crash_type, crash_state, reproducer_path, reproducer, reliable, "
      "first_seen, last_seen, count, timeline) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, 1, ?8) "
      "ON CONFLICT(target, crash_state) DO UPDATE SET count = count + 1, "
      "last_seen = max(last_seen, excluded.last_seen), first_seen = min(first_seen, excluded.first_seen), "
      "crash_type = excluded.crash_type, "
      "reproducer_path = coalesce(excluded.reproducer_path, reproducer_path), "
      "reproducer = coalesce(excluded.reproducer, reproducer), "
      "reliable = max(reliable, excluded.reliable), timeline = coalesce(excluded.timeline, timeline) "
      "RETURNING id, count");
  if (rc) return rc;
  fl_db_bind_text(stmt, 1, crash->target);
  fl_db_bind_text(stmt, 2, crash->crash_type);
  fl_db_bind_text(stmt, 3, crash->crash_state);
  fl_db_bind_text(stmt, 4, crash->reproducer_path);
  if (crash->reproducer)
    sqlite3_bind_blob64(stmt, 5, crash->reproducer, crash->reproducer_size, SQLITE_STATIC);
  else
    sqlite3_bind_null(stmt, 5);
  sqlite3_bind_int(stmt, 6, crash->reliable ? 1 : 0);
  sqlite3_bind_double(stmt, 7, seen);
  fl_db_bind_text(stmt, 8, crash->timeline);
  if (sqlite3_step(stmt) == SQLITE_ROW) {
    if (crash_id_out) *crash_id_out = sqlite3_column_int64(stmt, 0);
    if (is_new_out) *is_new_out = sqlite3_column_int64(stmt, 1) == 1;
    /* Step to completion so the statement (and its implicit transaction) ends. */
    if (sqlite3_step(stmt) != SQLITE_DONE) rc = fl_db_fail(db, "cannot store crash");
  } else {
    rc = fl_db_fail(db, "cannot store crash");
  }
  sqlite3_finalize(stmt);
  return rc;
}

int fl_db_crashes(fl_db *db, fl_audit_crashes *out) {
  sqlite3_stmt *stmt;
  int rc = fl_db_prepare(db, &stmt,
                         "SELECT id, target, crash_type, crash_state, reproducer_path, timeline, "
                         "length(reproducer), reliable, first_seen, last_seen, count FROM crashes "
                         "ORDER BY count DESC, id");
  if (rc) return rc;
  int step;
  while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
    fl_audit_crash *c = FL_DB_PUSH(out);
    c->id = sqlite3_column_int64(stmt, 0);
    c->target = fl_db_column_dup(stmt, 1);
    c->crash_type = fl_db_column_dup(stmt, 2);
    c->crash_state = fl_db_column_dup(stmt, 3);
    c->reproducer_path = fl_db_column_dup(stmt, 4);
    c->timeline = fl_db_column_dup(stmt, 5);
    c->reproducer_size = (size_t)sqlite3_column_int64(stmt, 6);
    c->reliable = sqlite3_column_int(stmt, 7) != 0;
    c->first_seen = sqlite3_column_double(stmt, 8);
    c->last_seen = sqlite3_column_double(stmt, 9);
    c->count = sqlite3_column_int64(stmt, 10);
  }
  if (step != SQLITE_DONE) rc = fl_db_fail(db, "cannot list crashes");
  sqlite3_finalize(stmt);
  return rc;
}

void fl_audit_crashes_clear(fl_audit_crashes *crashes) {
  for (size_t i = 0; i < crashes->count; i++) {
    fl_audit_crash *c = &crashes->items[i];
    free(c->target);
    free(c->crash_type);
    free(c->crash_state);
    free(c->reproducer_path);
    free(c->timeline);
  }
  free(crashes->items);
  memset(crashes, 0, sizeof *crashes);
}
