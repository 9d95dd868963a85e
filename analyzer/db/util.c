/* Statement and transaction helpers shared by the db modules. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/error.h"
#include "db_internal.h"

int fl_db_fail(fl_db *db, const char *what) {
  return fl_error_set(FL_EDB, "%s: %s: %s", db->path, what, sqlite3_errmsg(db->sql));
}

int fl_db_prepare(fl_db *db, sqlite3_stmt **out, const char *sql) {
  *out = NULL;
  if (sqlite3_prepare_v2(db->sql, sql, -1, out, NULL) != SQLITE_OK)
    return fl_db_fail(db, "cannot prepare query");
  return FL_OK;
}

int fl_db_exec(fl_db *db, const char *sql) {
  char *message = NULL;
  if (sqlite3_exec(db->sql, sql, NULL, NULL, &message) != SQLITE_OK) {
    int code = fl_error_set(FL_EDB, "%s: %s", db->path, message ? message : "SQL error");
    sqlite3_free(message);
    return code;
  }
  return FL_OK;
}

int fl_db_begin(fl_db *db) { return fl_db_exec(db, "BEGIN IMMEDIATE"); }
int fl_db_commit(fl_db *db) { return fl_db_exec(db, "COMMIT"); }

void fl_db_rollback(fl_db *db) {
  /* Keeps the error of whatever failed; a failed rollback only means no
   * transaction was open. */
  if (!sqlite3_get_autocommit(db->sql)) sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
}

void fl_db_bind_text(sqlite3_stmt *stmt, int index, const char *text) {
  if (text)
    sqlite3_bind_text(stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null(stmt, index);
}

char *fl_db_column_dup(sqlite3_stmt *stmt, int column) {
  const unsigned char *text = sqlite3_column_text(stmt, column);
  if (!text) return NULL;
  size_t n = (size_t)sqlite3_column_bytes(stmt, column);
  char *copy = malloc(n + 1);
  if (!copy) abort();
  memcpy(copy, text, n);
  copy[n] = '\0';
  return copy;
}

void *fl_db_array_reserve(void *items, size_t count, size_t *capacity, size_t item_size) {
  if (count < *capacity) return items;
  *capacity = *capacity ? *capacity * 2 : 16;
  items = realloc(items, *capacity * item_size);
  if (!items) abort();
  return items;
}

int fl_db_query_int(fl_db *db, const char *sql, long long *out) {
  sqlite3_stmt *stmt;
  int rc = fl_db_prepare(db, &stmt, sql);
  if (rc) return rc;
  int step = sqlite3_step(stmt);
  if (step == SQLITE_ROW)
    *out = sqlite3_column_int64(stmt, 0);
  else if (step == SQLITE_DONE)
    *out = 0;
  else
    rc = fl_db_fail(db, "query failed");
  sqlite3_finalize(stmt);
  return rc;
}

double fl_db_now(void) {
  const char *fixed = getenv("FL_AUDIT_NOW");
  if (fixed && *fixed) return strtod(fixed, NULL);
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}
