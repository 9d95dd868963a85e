#include "stats.h"

#include <stdlib.h>
#include <string.h>

#include "db_internal.h"

static const struct {
  const char *name, *expression;
} dimensions[FL_STATS_DIMENSIONS] = {
    [FL_STATS_RULE] = {"rule", "f.rule_id"},
    [FL_STATS_SEVERITY] = {"severity", "coalesce(so.severity, f.severity)"},
    [FL_STATS_STATUS] = {"status", "coalesce(rv.status, 'unreviewed')"},
    [FL_STATS_DETECTION] = {"detection", "o.detection"},
    [FL_STATS_FILE] = {"file", "f.file"},
};

const char *fl_stats_dimension_name(fl_stats_dimension dimension) {
  return dimension < FL_STATS_DIMENSIONS ? dimensions[dimension].name : "?";
}

static int stats_group(fl_db *db, const fl_db_where *where, fl_stats_dimension dimension,
                       fl_audit_stats *out) {
  fl_strbuf sql = FL_STRBUF_INIT;
  fl_strbuf_printf(&sql, "SELECT %s, count(*)%s GROUP BY 1 ORDER BY 2 DESC, 1",
                   dimensions[dimension].expression, where->sql.data);
  sqlite3_stmt *stmt;
  int rc = fl_db_prepare(db, &stmt, sql.data);
  fl_strbuf_free(&sql);
  if (rc) return rc;
  fl_db_where_bind(where, stmt);
  size_t capacity = 0;
  int step;
  while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
    if (out->nbuckets[dimension] == capacity) {
      capacity = capacity ? capacity * 2 : 8;
      out->buckets[dimension] = realloc(out->buckets[dimension], capacity * sizeof(fl_stats_bucket));
      if (!out->buckets[dimension]) abort();
    }
    fl_stats_bucket *bucket = &out->buckets[dimension][out->nbuckets[dimension]++];
    bucket->key = fl_db_column_dup(stmt, 0);
    bucket->count = sqlite3_column_int64(stmt, 1);
    if (dimension == FL_STATS_SEVERITY) out->total += bucket->count;
  }
  if (step != SQLITE_DONE) rc = fl_db_fail(db, "cannot compute statistics");
  sqlite3_finalize(stmt);
  return rc;
}

int fl_db_stats(fl_db *db, const fl_audit_filter *filter, fl_audit_stats *out) {
  memset(out, 0, sizeof *out);
  fl_db_where where;
  int rc = fl_db_where_build(db, filter, &where);
  out->run_id = where.has_run ? where.run_id : 0;
  for (int d = 0; !rc && d < FL_STATS_DIMENSIONS; d++) {
    if (d == FL_STATS_DETECTION && !where.has_run) continue;
    rc = stats_group(db, &where, (fl_stats_dimension)d, out);
  }
  fl_db_where_free(&where);
  return rc;
}

void fl_audit_stats_clear(fl_audit_stats *stats) {
  for (int d = 0; d < FL_STATS_DIMENSIONS; d++) {
    for (size_t i = 0; i < stats->nbuckets[d]; i++) free(stats->buckets[d][i].key);
    free(stats->buckets[d]);
  }
  memset(stats, 0, sizeof *stats);
}
