/* ffi-audit stats: counts by rule, severity, status, detection and file. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "audit.h"
#include "db/stats.h"

static const char stats_help[] =
    "usage: ffi-audit stats [filters] [--top N] [--json]\n\n"
    "Counts the findings of a run (default: the latest) by rule, severity, review\n"
    "status, detection status and file.\n\n"
    "filters:\n" AUDIT_FILTER_HELP
    "output:\n"
    "  --top N              at most N files in the table (default 10; JSON has all)\n"
    "  --json               JSON instead of tables\n";

enum { OPT_TOP = AUDIT_OPT_FIRST_FREE };

int cmd_stats(audit_ctx *ctx, int argc, char **argv) {
  static const struct option options[] = {AUDIT_FILTER_LONG_OPTIONS,
                                          {"json", no_argument, NULL, AUDIT_OPT_JSON},
                                          {"top", required_argument, NULL, OPT_TOP},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
  fl_audit_filter filter = {0};
  bool as_json = false;
  long top = 10;
  int option;
  optind = 0;
  while ((option = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    int used = audit_filter_option("stats", option, optarg, &filter);
    if (used < 0) return AUDIT_EXIT_ERROR;
    if (used) continue;
    if (option == AUDIT_OPT_JSON) as_json = true;
    else if (option == OPT_TOP) top = atol(optarg);
    else if (option == 'h') return fputs(stats_help, stdout), AUDIT_EXIT_OK;
    else return audit_usage_error("stats", "bad option");
  }
  if (optind < argc) return audit_usage_error("stats", "unexpected argument '%s'", argv[optind]);
  fl_db *db;
  if (audit_open(ctx, false, &db)) return AUDIT_EXIT_ERROR;
  fl_audit_stats stats;
  int rc = fl_db_stats(db, &filter, &stats);
  fl_db_close(db);
  if (rc) return fl_audit_stats_clear(&stats), audit_fail();
  if (as_json) {
    json_t *json = json_pack("{s:I, s:I}", "run", (json_int_t)stats.run_id, "total", (json_int_t)stats.total);
    for (int d = 0; d < FL_STATS_DIMENSIONS; d++) {
      json_t *group = json_object();
      for (size_t i = 0; i < stats.nbuckets[d]; i++)
        json_object_set_new(group, stats.buckets[d][i].key, json_integer(stats.buckets[d][i].count));
      json_object_set_new(json, fl_stats_dimension_name((fl_stats_dimension)d), group);
    }
    audit_print_json(json);
  } else {
    if (stats.run_id)
      printf("run %lld: %lld finding%s\n", stats.run_id, stats.total, stats.total == 1 ? "" : "s");
    else
      printf("all runs: %lld finding%s\n", stats.total, stats.total == 1 ? "" : "s");
    for (int d = 0; d < FL_STATS_DIMENSIONS; d++) {
      if (!stats.nbuckets[d]) continue;
      printf("\nby %s:\n", fl_stats_dimension_name((fl_stats_dimension)d));
      audit_table *table = audit_table_new(3);
      size_t shown = d == FL_STATS_FILE && top > 0 && (size_t)top < stats.nbuckets[d] ? (size_t)top : stats.nbuckets[d];
      for (size_t i = 0; i < shown; i++) {
        char count[24];
        snprintf(count, sizeof count, "%lld", stats.buckets[d][i].count);
        const char *row[] = {"", stats.buckets[d][i].key, count};
        audit_table_add(table, row);
      }
      audit_table_print(table, stdout, false, NULL);
      audit_table_free(table);
      if (shown < stats.nbuckets[d]) printf("  ... %zu more files\n", stats.nbuckets[d] - shown);
    }
  }
  fl_audit_stats_clear(&stats);
  return AUDIT_EXIT_OK;
}
