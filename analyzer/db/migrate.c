/* Schema creation and numbered migrations (db/schema.sql,
 * db/migrations/NNN_*.sql). Each step runs in its own IMMEDIATE
 * transaction and re-reads user_version inside it, so two processes opening
 * an old database at once migrate it exactly once. */
#include <stdio.h>

#include "../core/error.h"
#include "db_internal.h"
#include "sql_files.h"

/* Runs `sql` (which sets user_version itself) in one transaction unless
 * another process already moved the schema past `from_version`, then checks
 * the file now says `to_version`. */
static int migrate_step(fl_db *db, long long from_version, int to_version, const char *sql,
                        const char *name) {
  long long version;
  int rc = fl_db_begin(db);
  if (rc) return rc;
  if ((rc = fl_db_query_int(db, "PRAGMA user_version", &version))) goto done;
  if (version != from_version) goto done; /* someone else migrated meanwhile */
  if ((rc = fl_db_exec(db, sql))) {
    char problem[512]; /* fl_error_last() is the buffer fl_error_set writes */
    snprintf(problem, sizeof problem, "%s", fl_error_last());
    rc = fl_error_set(FL_EDB, "migration %s failed: %s", name, problem);
    goto done;
  }
  if ((rc = fl_db_query_int(db, "PRAGMA user_version", &version))) goto done;
  if (version != to_version)
    rc = fl_error_set(FL_EDB, "%s: %s left user_version %lld, expected %d", db->path, name, version,
                      to_version);
done:
  if (rc) {
    fl_db_rollback(db);
    return rc;
  }
  return fl_db_commit(db);
}

int fl_db_migrate(fl_db *db) {
  long long version;
  int rc = fl_db_query_int(db, "PRAGMA user_version", &version);
  if (rc) return rc;
  if (version == 0)
    return migrate_step(db, 0, FL_DB_SCHEMA_VERSION, fl_db_schema_sql, "schema.sql");
  for (const fl_db_migration *m = fl_db_migrations; m->sql; m++) {
    if (m->version <= version) continue;
    if ((rc = migrate_step(db, m->version - 1, m->version, m->sql, m->name))) return rc;
    version = m->version;
  }
  if (version != FL_DB_SCHEMA_VERSION)
    return fl_error_set(FL_EDB, "%s: no migration from schema version %lld", db->path, version);
  return FL_OK;
}
