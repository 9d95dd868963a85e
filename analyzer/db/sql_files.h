/* The audit DB's SQL, compiled in from db/schema.sql and
 * db/migrations/NNN_*.sql by db/schema.cmake. */
#ifndef FL_DB_SQL_FILES_H
#define FL_DB_SQL_FILES_H

/* The whole current schema; ends by setting PRAGMA user_version. */
extern const char *const fl_db_schema_sql;

/* Migration `version` takes a database from version - 1 to `version`
 * (001 creates version 1 from nothing). Ascending; ends with version 0. */
typedef struct fl_db_migration {
  int version;
  const char *name; /* "002_comments_crashes.sql" */
  const char *sql;
} fl_db_migration;

extern const fl_db_migration fl_db_migrations[];

#endif
