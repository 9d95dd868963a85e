/* Findings: what rules report. Unlike model nodes they outlive the units
 * (outputs and the audit DB read them after the arenas are gone), so every
 * string here is heap-owned by the finding: fl_finding_new / fl_finding_free. */
#ifndef FL_FINDING_H
#define FL_FINDING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../model/model.h"

typedef enum fl_severity {
  FL_SEV_NONE = 0, /* --fail-on none: never fail */
  FL_SEV_LOW,
  FL_SEV_MEDIUM,
  FL_SEV_HIGH,
} fl_severity;

const char *fl_severity_name(fl_severity severity);            /* "low", "medium", "high" */
int fl_severity_from_name(const char *name, fl_severity *out); /* 0 or FL_EUSAGE */

/* One location of a finding, with what happens there ("check", "use",
 * "free", "call to helper", ...). */
typedef struct fl_location {
  char *file;
  uint32_t line, col, end_line, end_col;
  char *message; /* may be NULL for the primary location */
} fl_location;

typedef struct fl_finding {
  char *rule_id;
  fl_severity severity;
  char *message;
  fl_location primary;
  char *function;       /* enclosing symbol, fully qualified (design.md §2) */
  fl_lang lang;
  /* Code flow in execution order (check -> use -> free; root -> ... -> throw).
   * The primary location normally appears in it too. Text output prints the
   * steps other than the primary as `note:` lines. */
  fl_location *flow;
  size_t nflow;
  /* Filled after the rules ran. */
  bool suppressed;
  char *suppression_reason;   /* the text after ignore[rule]; NULL if none given */
  char *fingerprint;          /* stable id (see output/fingerprint.h), hex */
  char *line_hash;            /* SARIF primaryLocationLineHash */
} fl_finding;

/* Creates a finding; strings are copied. `function` may be NULL. */
fl_finding *fl_finding_new(const char *rule_id, fl_severity severity, fl_loc loc,
                           const char *function, fl_lang lang, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Appends a code-flow step; strings are copied. */
void fl_finding_add_step(fl_finding *finding, fl_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void fl_finding_free(fl_finding *finding);

/* A growable list of owned findings. */
typedef struct fl_findings {
  fl_finding **items;
  size_t count;
  size_t capacity;
} fl_findings;

#define FL_FINDINGS_INIT {NULL, 0, 0}
void fl_findings_push(fl_findings *list, fl_finding *finding); /* takes ownership */
/* Moves every finding of `from` to the end of `into`. */
void fl_findings_move(fl_findings *into, fl_findings *from);
/* Sorts by file, line, column, rule id and message, then drops exact
 * duplicates (same rule, location and message) — deterministic output. */
void fl_findings_sort_unique(fl_findings *list);
void fl_findings_clear(fl_findings *list); /* frees the findings */

#endif
