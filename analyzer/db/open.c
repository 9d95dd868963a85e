/* Opening the audit database: refuse what is not ours before writing a
 * byte, then WAL, busy timeout, and the schema migrations. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* The identity of what `path` names now: 0 and *exists false when nothing
 * is there; FL_EDB when it is not a regular file. Opened non-blocking, so a
 * FIFO cannot stall the check itself. */
static int db_path_identity(const char *path, bool *exists, dev_t *dev, ino_t *ino) {
  *exists = false;
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    if (errno == ENOENT) return FL_OK;
    struct stat st; /* a socket cannot be opened at all: say what it is */
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
      return fl_error_set(FL_EDB, "%s: not a regular file, not an audit database", path);
    return fl_error_set(FL_EDB, "%s: cannot open: %s", path, strerror(errno));
  }
  struct stat st;
  int rc = FL_OK;
  if (fstat(fd, &st) != 0) rc = fl_error_set(FL_EDB, "%s: %s", path, strerror(errno));
  else if (!S_ISREG(st.st_mode))
    rc = fl_error_set(FL_EDB, "%s: not a regular file, not an audit database", path);
  else {
    *exists = true;
    *dev = st.st_dev;
    *ino = st.st_ino;
  }
  close(fd);
  return rc;
}

/* NOMUTEX: an fl_db belongs to one thread at a time (the driver stores from
 * its main thread), so SQLite's per-call mutexes would only cost time.
 *
 * SQLite opens by path and falls back to a read-only open, which blocks on
 * a FIFO; a file swapped between our check and its open (found by the
 * cached-file fuzzer) must not hang or be used. So: the path must name a
 * regular file (or nothing) before, and the same file after, SQLite opened
 * it — and SQLite reads no page until the first statement, below. */
int fl_db_open(fl_db **out, const char *path) {
  *out = NULL;
  bool existed = false;
  dev_t dev = 0;
  ino_t ino = 0;
  int rc = db_path_identity(path, &existed, &dev, &ino);
  if (rc) return rc;
  fl_db *db = calloc(1, sizeof *db);
  if (!db) abort();
  db->path = db_strdup(path);
  if (sqlite3_open_v2(path, &db->sql, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
    rc = fl_error_set(FL_EDB, "%s: cannot open: %s", path,
                      db->sql ? sqlite3_errmsg(db->sql) : "out of memory");
    goto done;
  }
  bool exists_now = false;
  dev_t dev_now = 0;
  ino_t ino_now = 0;
  if ((rc = db_path_identity(path, &exists_now, &dev_now, &ino_now))) goto done;
  if (existed && (!exists_now || dev_now != dev || ino_now != ino)) {
    rc = fl_error_set(FL_EDB, "%s: replaced by another file while it was being opened", path);
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
