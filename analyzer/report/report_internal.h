/* Private to analyzer/report: what the section writers share. */
#ifndef FL_REPORT_INTERNAL_H
#define FL_REPORT_INTERNAL_H

#include <stdio.h>

#include "db/excerpt.h"
#include "db/query.h"
#include "report.h"

typedef struct report_ctx {
  fl_db *db;
  const fl_report_options *options;
  FILE *out;
  const fl_audit_run *run;       /* the run reported on (in runs) */
  fl_audit_runs runs;            /* its series, oldest first, for the trend */
  fl_audit_findings present;     /* findings present in the run, with details */
  fl_audit_findings resolved;    /* findings the run resolved */
  fl_excerpt_reader *excerpts;
} report_ctx;

/* "2026-01-02" / "2026-01-02 10:00 UTC" */
void report_date(double at, char *out, size_t size);
void report_datetime(double at, char *out, size_t size);

/* Findings grouped by severity, then the fixed / deferred / accepted /
 * downgraded / false-positive sections (report_findings.c). */
void report_findings(report_ctx *ctx);
/* Fuzz crashes with race timelines (report_crashes.c). */
int report_crashes(report_ctx *ctx);
/* The rules glossary (report_crashes.c). */
void report_glossary(report_ctx *ctx);

#endif
