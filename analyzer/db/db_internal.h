/* Private to analyzer/db: the handle behind fl_db and the small helpers
 * every db module uses. Nothing outside analyzer/db (except tests) includes
 * this, so SQLite stays an implementation detail of the layer. */
#ifndef FL_DB_INTERNAL_H
#define FL_DB_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <string.h>

#include "../core/vec.h"
#include "db.h"
#include "query.h"

struct fl_db {
  sqlite3 *sql;
  char *path;
};

/* The schema version this build writes (PRAGMA user_version). */
#define FL_DB_SCHEMA_VERSION 2

/* Records FL_EDB with "PATH: WHAT: sqlite's message" and returns FL_EDB. */
int fl_db_fail(fl_db *db, const char *what);
/* Prepares one statement; FL_EDB (naming the SQL's purpose) on failure. */
int fl_db_prepare(fl_db *db, sqlite3_stmt **out, const char *sql);
/* Runs SQL without results (may hold several statements). */
int fl_db_exec(fl_db *db, const char *sql);
/* BEGIN IMMEDIATE: takes the write lock up front so a concurrent writer
 * waits in busy_timeout instead of failing on lock upgrade. */
int fl_db_begin(fl_db *db);
int fl_db_commit(fl_db *db);
void fl_db_rollback(fl_db *db);

/* Binds `text`, or NULL when text is NULL. */
void fl_db_bind_text(sqlite3_stmt *stmt, int index, const char *text);
/* A heap copy of a text column, or NULL for SQL NULL. */
char *fl_db_column_dup(sqlite3_stmt *stmt, int column);
/* Grows `items` (realloc) so that index `count` fits; aborts when out of
 * memory like the rest of the library. Use through FL_DB_PUSH. */
void *fl_db_array_reserve(void *items, size_t count, size_t *capacity, size_t item_size);
/* Appends a zeroed element to a {items, count, capacity} list and
 * evaluates to a pointer to it. */
#define FL_DB_PUSH(list)                                                                          \
  ((list)->items = fl_db_array_reserve((list)->items, (list)->count, &(list)->capacity,           \
                                       sizeof *(list)->items),                                    \
   memset(&(list)->items[(list)->count], 0, sizeof *(list)->items), &(list)->items[(list)->count++])

/* Reads one integer from a single-row query; FL_EDB on error. */
int fl_db_query_int(fl_db *db, const char *sql, long long *out);


/* Writes a review-status change for one finding with its history row.
 * Caller holds the transaction. `source` is "human" or "suppression".
 * Returns 1 when the status or reason changed, 0 when it was already so
 * (nothing written), or a negative FL_E* code. */
int fl_db_review_write(fl_db *db, long long finding_id, const char *status, const char *author,
                       const char *reason, const char *source, double at);

/* fl_db_store_run for any tool: detection status is computed against the
 * previous run with the same source root *and* tool, so imported SARIF runs
 * never mark ffi-lint's findings resolved. */
int fl_db_store_run_as(fl_db *db, const char *tool, const fl_run_info *run,
                       const fl_findings *findings, long long *run_id_out);

/* Brings the schema to FL_DB_SCHEMA_VERSION (migrate.c). */
int fl_db_migrate(fl_db *db);

/* A filter (query.h) turned into SQL: " FROM ... WHERE ..." over aliases
 * f (findings), o (occurrences of the run; absent with all_runs),
 * rv (reviews) and so (severity_overrides), with anonymous parameters bound
 * in order by fl_db_where_bind. */
typedef struct fl_db_where {
  fl_strbuf sql;
  bool has_run;
  long long run_id;
  const char *text[8];
  int ntext;
} fl_db_where;

int fl_db_where_build(fl_db *db, const fl_audit_filter *filter, fl_db_where *out);
void fl_db_where_bind(const fl_db_where *where, sqlite3_stmt *stmt);
void fl_db_where_free(fl_db_where *where);

#endif
