/* Opening the audit database: refuse what is not ours before writing a
 * byte, then WAL, busy timeout, and the schema migrations. */
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "db_internal.h"

/* How long a writer waits for another (ffi-lint --db in two CI jobs). */
#define DB_BUSY_TIMEOUT_MS 30000

static char *db_strdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *copy = malloc(n);
  if (!copy) abort();
  return memcpy(copy, s, n);
}

/* Reads the header through an ordinary query: SQLITE_NOTADB / CORRUPT for a
 * file that is not a database, before anything could be written to it. */
static int db_check_readable(fl_db *db, long long *user_version) {
  long long tables;
  if (fl_db_query_int(db, "SELECT count(*) FROM sqlite_master", &tables)) {
    int code = sqlite3_errcode(db->sql);
    if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
      return fl_error_set(FL_EDB, "%s: not an ffi-lint audit database (%s); the file was not modified",
                          db->path, sqlite3_errmsg(db->sql));
    return FL_EDB;
  }
  if (fl_db_query_int(db, "PRAGMA user_version", user_version)) return FL_EDB;
  if (*user_version > FL_DB_SCHEMA_VERSION)
    return fl_error_set(FL_EDB,
                        "%s: schema version %lld is newer than this build supports (%d); "
                        "use a newer ffi-lint/ffi-audit (the file was not modified)",
                        db->path, *user_version, FL_DB_SCHEMA_VERSION);
  if (*user_version == 0 && tables > 0)
    return fl_error_set(FL_EDB, "%s: an SQLite database, but not an ffi-lint audit database "
                        "(no schema version); the file was not modified", db->path);
  return FL_OK;
}

/* NOMUTEX: an fl_db belongs to one thread at a time (the driver stores from
 * its main thread), so SQLite's per-call mutexes would only cost time. */
int fl_db_open(fl_db **out, const char *path) {
  *out = NULL;
  fl_db *db = calloc(1, sizeof *db);
  if (!db) abort();
  db->path = db_strdup(path);
  int rc = FL_OK;
  if (sqlite3_open_v2(path, &db->sql, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
    rc = fl_error_set(FL_EDB, "%s: cannot open: %s", path,
                      db->sql ? sqlite3_errmsg(db->sql) : "out of memory");
    goto done;
  }
  sqlite3_busy_timeout(db->sql, DB_BUSY_TIMEOUT_MS);
  long long user_version;
  if ((rc = db_check_readable(db, &user_version))) goto done;
  /* journal_mode=WAL persists in the file; synchronous=NORMAL is safe in
   * WAL (a power cut may lose the last commit, never corrupt); a 32 MiB
   * page cache keeps a 100k-finding store from re-reading index pages. */
  if ((rc = fl_db_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                           "PRAGMA foreign_keys=ON; PRAGMA cache_size=-32768")))
    goto done;
  rc = fl_db_migrate(db);

done:
  if (rc) {
    fl_db_close(db);
    return rc;
  }
  *out = db;
  return FL_OK;
}

void fl_db_close(fl_db *db) {
  if (!db) return;
  sqlite3_close_v2(db->sql);
  free(db->path);
  free(db);
}
