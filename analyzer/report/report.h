/* The markdown audit report (issue 6): reads like a human audit — scope,
 * headline, charts, findings by severity with excerpts and flows, fixed /
 * deferred / downgraded / false positives with reasons, fuzz crashes, and a
 * glossary of the rules. Renders on GitHub (mermaid charts). */
#ifndef FL_REPORT_H
#define FL_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "config/rule_meta.h"
#include "db/db.h"

typedef struct fl_report_options {
  long long run_id;              /* the run reported on; 0 = the latest */
  const fl_rule_meta_set *rules; /* glossary source (rules/<id>.yml); NULL = no glossary */
  double generated_at;           /* date printed in the scope; 0 = now ($FL_AUDIT_NOW) */
  size_t trend_runs;             /* runs in the trend chart; 0 = 10 */
  const char *title;             /* NULL = "FFI boundary audit: <tree name>" */
  const char *source_root;       /* where to read excerpts; NULL = the run's tree */
} fl_report_options;

/* Writes the report to `out`. Only database errors fail (FL_EDB,
 * FL_ENOTFOUND when there is no such run); unreadable sources fall back to
 * the excerpts stored in the DB. */
int fl_report_write(fl_db *db, const fl_report_options *options, FILE *out);

#endif
