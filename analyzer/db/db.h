/* The audit database (design.md §6, issue 6): SQLite, WAL, versioned schema.
 * This header is the contract ffi-lint's --db uses; ffi-audit uses more
 * (db_query.h etc., owned by the db layer). */
#ifndef FL_DB_H
#define FL_DB_H

#include <stddef.h>

#include "../engine/finding.h"

typedef struct fl_db fl_db;

/* Opens or creates `path`, migrating an older schema in one transaction.
 * FL_EDB with a clear message for a corrupt, non-SQLite or newer-schema
 * file (the file is left untouched). */
int fl_db_open(fl_db **out, const char *path);
void fl_db_close(fl_db *db);

typedef struct fl_run_info {
  const char *tool_version;
  const char *rule_set;     /* comma list of rule ids that ran */
  const char *config_hash;  /* hex digest of the effective config, or NULL */
  const char *arguments;    /* the command line */
  const char *source_root;  /* absolute path of the analysed tree */
  const char *git_commit;   /* or NULL */
  double started_at;        /* unix time */
  double finished_at;
} fl_run_info;

/* Stores one run and its findings (fingerprints already computed) in a
 * single transaction; computes detection status against the previous run of
 * the same source root; suppressed findings set review status. On failure
 * nothing is written. *run_id_out receives the new run's id. */
int fl_db_store_run(fl_db *db, const fl_run_info *run, const fl_findings *findings,
                    long long *run_id_out);

#endif
