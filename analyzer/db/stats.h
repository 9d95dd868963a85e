/* Counts of findings by rule, severity, review status, detection status
 * and file, computed in SQL (GROUP BY over indexed joins). */
#ifndef FL_DB_STATS_H
#define FL_DB_STATS_H

#include <stddef.h>

#include "query.h"

typedef enum fl_stats_dimension {
  FL_STATS_RULE,
  FL_STATS_SEVERITY,
  FL_STATS_STATUS,
  FL_STATS_DETECTION, /* empty with filter->all_runs */
  FL_STATS_FILE,
  FL_STATS_DIMENSIONS
} fl_stats_dimension;

const char *fl_stats_dimension_name(fl_stats_dimension dimension); /* "rule", ... */

typedef struct fl_stats_bucket {
  char *key;
  long long count;
} fl_stats_bucket;

typedef struct fl_audit_stats {
  long long run_id; /* the run counted, 0 with all_runs */
  long long total;
  fl_stats_bucket *buckets[FL_STATS_DIMENSIONS]; /* largest count first */
  size_t nbuckets[FL_STATS_DIMENSIONS];
} fl_audit_stats;

/* Fills *out for the findings matching `filter`. */
int fl_db_stats(fl_db *db, const fl_audit_filter *filter, fl_audit_stats *out);
void fl_audit_stats_clear(fl_audit_stats *stats);

#endif
