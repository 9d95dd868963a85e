/* ffi-audit: shared pieces of the subcommands (one cmd_*.c each). */
#ifndef FL_AUDIT_H
#define FL_AUDIT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "db/db.h"
#include "db/query.h"

/* Exit codes (docs/audit.md). */
enum {
  AUDIT_EXIT_OK = 0,
  AUDIT_EXIT_ERROR = 1,    /* usage, database, input or output error */
  AUDIT_EXIT_GATE = 2,     /* diff: new findings (the CI gate) */
};

typedef struct audit_ctx {
  const char *db_path; /* --db, $FFI_AUDIT_DB, or ./ffi-audit.db */
  bool color;          /* stdout is a terminal and $NO_COLOR is unset */
} audit_ctx;

/* A subcommand: returns an exit code; prints its own output, and errors
 * through audit_fail (main prints nothing more). argv[0] is its name. */
typedef int (*audit_cmd_fn)(audit_ctx *ctx, int argc, char **argv);

int cmd_list(audit_ctx *ctx, int argc, char **argv);
int cmd_show(audit_ctx *ctx, int argc, char **argv);
int cmd_triage(audit_ctx *ctx, int argc, char **argv);
int cmd_comment(audit_ctx *ctx, int argc, char **argv);
int cmd_diff(audit_ctx *ctx, int argc, char **argv);
int cmd_baseline(audit_ctx *ctx, int argc, char **argv);
int cmd_stats(audit_ctx *ctx, int argc, char **argv);
int cmd_runs(audit_ctx *ctx, int argc, char **argv);
int cmd_report(audit_ctx *ctx, int argc, char **argv);
int cmd_export(audit_ctx *ctx, int argc, char **argv);
int cmd_import_sarif(audit_ctx *ctx, int argc, char **argv);

/* Opens ctx->db_path. Unless `create`, a missing file is an error (reading
 * commands must not leave an empty database behind). Prints the error. */
int audit_open(audit_ctx *ctx, bool create, fl_db **out);
/* Prints "ffi-audit: <fl_error_last()>" and returns AUDIT_EXIT_ERROR. */
int audit_fail(void);
/* Prints "ffi-audit CMD: message" plus a --help hint; AUDIT_EXIT_ERROR. */
int audit_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Filter options shared by list, triage, stats (--rule --severity --status
 * --file --run --new --all). Call for each getopt result: returns 1 if it
 * consumed the option, 0 if not, -1 on a bad value (after printing). */
enum {
  AUDIT_OPT_RULE = 1000,
  AUDIT_OPT_SEVERITY,
  AUDIT_OPT_STATUS,
  AUDIT_OPT_FILE,
  AUDIT_OPT_RUN,
  AUDIT_OPT_NEW,
  AUDIT_OPT_ALL,
  AUDIT_OPT_JSON,
  AUDIT_OPT_FIRST_FREE, /* commands number their own options from here */
};
#define AUDIT_FILTER_LONG_OPTIONS                                                           \
  {"rule", required_argument, NULL, AUDIT_OPT_RULE},                                        \
      {"severity", required_argument, NULL, AUDIT_OPT_SEVERITY},                            \
      {"status", required_argument, NULL, AUDIT_OPT_STATUS},                                \
      {"file", required_argument, NULL, AUDIT_OPT_FILE},                                    \
      {"run", required_argument, NULL, AUDIT_OPT_RUN}, {"new", no_argument, NULL, AUDIT_OPT_NEW}, \
      {"all", no_argument, NULL, AUDIT_OPT_ALL}
#define AUDIT_FILTER_HELP                                                       \
  "  --rule ID            only this rule\n"                                     \
  "  --severity LEVEL     only this (effective) severity: high, medium, low\n"  \
  "  --status STATUS      only this review status: unreviewed, confirmed,\n"    \
  "                       false_positive, intentional, fixed, deferred\n"       \
  "  --file GLOB          only files matching GLOB (e.g. 'src/net/*')\n"        \
  "  --run N              findings present in run N (default: the latest run)\n" \
  "  --new                only findings new in that run\n"                      \
  "  --all                every finding ever stored, not one run's\n"
int audit_filter_option(const char *cmd, int option, const char *value, fl_audit_filter *filter);
/* Parses a run id ("3" or "latest" = 0); -1 on a bad value. */
long long audit_parse_run(const char *text);

/* Aligned text tables: add rows of cells, then print with column widths
 * fitted to the content. Cells are copied. */
typedef struct audit_table audit_table;
audit_table *audit_table_new(size_t columns);
void audit_table_add(audit_table *table, const char *const *cells);
/* colour[i] (may be NULL) picks an ANSI colour for column i from a cell's
 * text (NULL = none); used only when ctx->color. The last column is not
 * padded (it holds the message). */
typedef const char *(*audit_color_fn)(const char *cell);
void audit_table_print(const audit_table *table, FILE *out, bool color, const audit_color_fn *colors);
void audit_table_free(audit_table *table);
const char *audit_color_severity(const char *severity);
const char *audit_color_detection(const char *detection);

/* Findings as JSON (json_out.c): a JSON string (null for NULL); a
 * finding's members without the braces (show adds its history); one
 * finding; an array of `count` findings from `items` (pointers) or, when
 * items is NULL, from `array`. */
void audit_json_string(FILE *out, const char *text);
void audit_json_finding_members(FILE *out, const fl_audit_finding *finding);
void audit_json_finding(FILE *out, const fl_audit_finding *finding);
void audit_json_findings(FILE *out, fl_audit_finding *const *items, const fl_audit_finding *array, size_t count);
/* Prints `json` (indented) to stdout and consumes it. */
void audit_print_json(json_t *json);
/* "2026-01-02 10:00 UTC" */
void audit_format_time(double at, char *out, size_t size);

#endif
