/* Mermaid diagrams for the markdown report (rendered by GitHub):
 * pie charts, the per-run trend, and race-crash sequence diagrams. */
#ifndef FL_REPORT_MERMAID_H
#define FL_REPORT_MERMAID_H

#include <stddef.h>
#include <stdio.h>

#include "db/query.h"

/* Writes `text` with the characters Mermaid treats as syntax in labels
 * (quotes, ';', '#', newlines, arrows' '<' '>') replaced by safe ones. */
void fl_mermaid_text(FILE *out, const char *text);

/* A ```mermaid pie``` block; slices with value 0 are left out. */
void fl_mermaid_pie(FILE *out, const char *title, const char *const *labels, const long long *values,
                    size_t count);

/* An xychart-beta block: bars = new (or reopened) findings per run, line =
 * findings resolved per run. */
void fl_mermaid_trend(FILE *out, const fl_audit_runs *runs);

/* A sequenceDiagram of a race timeline (db/crash.h format): one column per
 * thread plus the library; free and use steps in red/orange `rect`s with a
 * note. FL_EPARSE (nothing written) when the timeline does not parse. */
int fl_mermaid_timeline(FILE *out, const char *timeline);

#endif
