/* Reading the audit database: findings by filter, one finding with its
 * history, runs. Used by ffi-audit and the report; every result is
 * heap-owned by the caller and released with the matching _clear. */
#ifndef FL_DB_QUERY_H
#define FL_DB_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"

/* Which findings a listing, a bulk triage or stats look at. Strings may be
 * NULL (no constraint). */
typedef struct fl_audit_filter {
  const char *rule;      /* exact rule id */
  const char *severity;  /* effective severity (after overrides) */
  const char *status;    /* review status; "unreviewed" matches no review */
  const char *file_glob; /* SQLite GLOB on the stored path, e.g. "src/x*" */
  long long run_id;      /* findings present in this run; 0 = the latest run */
  bool all_runs;         /* every finding ever stored (run_id ignored) */
  bool only_new;         /* detection status 'new' in the run */
  bool only_resolved;    /* instead of the findings present in the run, those
                          * it resolved (present in the previous run only) */
} fl_audit_filter;

typedef struct fl_audit_finding {
  long long id;
  char *fingerprint;
  char *rule_id;
  char *severity;          /* effective: the override if any, else detected */
  char *detected_severity; /* what the rule said */
  char *severity_reason;   /* the override's reason, or NULL */
  char *file;
  unsigned line, col, end_line, end_col;
  char *symbol;            /* may be NULL */
  char *message;
  char *status;            /* review status */
  char *status_author;     /* NULL when unreviewed */
  char *status_reason;
  char *status_source;     /* "human" | "suppression" | NULL */
  double status_at;
  char *detection;         /* in the listed run; NULL with all_runs */
  long long first_run, last_run;
  /* Only filled by fl_db_finding_get (details): */
  char *excerpt;           /* stored lines, may be NULL */
  unsigned excerpt_line;   /* line number of the excerpt's first line */
  char *flow_json;         /* JSON array, may be NULL */
  char *line_hash;         /* SARIF primaryLocationLineHash, may be NULL */
} fl_audit_finding;

typedef struct fl_audit_findings {
  fl_audit_finding *items;
  size_t count, capacity;
} fl_audit_findings;

/* The run a filter's run_id means: 0 = the latest run, else the id if it
 * exists (FL_ENOTFOUND otherwise, and when the DB holds no run). */
int fl_db_resolve_run(fl_db *db, long long requested, long long *run_id_out);

/* Appends the findings matching `filter` to *out, ordered by severity
 * (high first), file, line. With details = true the excerpt and flow are
 * filled too. */
int fl_db_findings(fl_db *db, const fl_audit_filter *filter, bool details, fl_audit_findings *out);
void fl_audit_findings_clear(fl_audit_findings *list);
/* Appends a zeroed entry and returns it (owned by the list). */
fl_audit_finding *fl_audit_findings_push(fl_audit_findings *list);

/* One finding with details, by numeric id or by a unique fingerprint
 * prefix (at least 4 hex digits). FL_ENOTFOUND / FL_EUSAGE (ambiguous). */
int fl_db_finding_get(fl_db *db, const char *id_or_prefix, fl_audit_finding *out);
void fl_audit_finding_clear(fl_audit_finding *finding);

/* One line of a finding's history: a detection in a run, a review-status
 * or severity change, or a comment; oldest first. */
typedef struct fl_audit_event {
  char *kind;      /* "detection" | "status" | "severity" | "comment" */
  char *old_value; /* status/severity before, or NULL */
  char *new_value; /* detection status, new status/severity; NULL for comments */
  char *author;    /* NULL for detections */
  char *text;      /* reason, comment text, or "run N" for detections */
  double at;
} fl_audit_event;

typedef struct fl_audit_events {
  fl_audit_event *items;
  size_t count, capacity;
} fl_audit_events;

int fl_db_finding_history(fl_db *db, long long finding_id, fl_audit_events *out);
void fl_audit_events_clear(fl_audit_events *events);

typedef struct fl_audit_run {
  long long id;
  char *tool, *tool_version, *rule_set, *config_hash, *arguments, *source_root, *git_commit;
  double started_at, finished_at;
  long long present;  /* findings present in the run */
  long long added;    /* detection new or reopened */
  long long resolved; /* present in the previous run, gone in this one */
} fl_audit_run;

typedef struct fl_audit_runs {
  fl_audit_run *items;
  size_t count, capacity;
} fl_audit_runs;

/* The last `limit` runs (0 = all) with the same source root and tool as
 * run `of_run` (0 = every run), oldest first. */
int fl_db_runs(fl_db *db, long long of_run, size_t limit, fl_audit_runs *out);
void fl_audit_runs_clear(fl_audit_runs *runs);

/* "Now" as unix time, or the value of $FL_AUDIT_NOW when set (tests and
 * golden reports need fixed timestamps). */
double fl_db_now(void);

/* Severity ranking used for ordering: high 3, medium 2, low 1, else 0. */
int fl_audit_severity_rank(const char *severity);
/* True for the review statuses ffi-audit knows. */
bool fl_audit_status_valid(const char *status);

#endif
