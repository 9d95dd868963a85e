/* ffi-audit runs: the stored runs with their counts. */
#include <getopt.h>
#include <stdio.h>

#include "audit.h"

static const char runs_help[] =
    "usage: ffi-audit runs [--json]\n\n"
    "Lists the stored runs, oldest first: id, time, tool, tree, commit, findings\n"
    "present, new (or reopened) and resolved against the previous run of the tree.\n";

int cmd_runs(audit_ctx *ctx, int argc, char **argv) {
  static const struct option options[] = {{"json", no_argument, NULL, AUDIT_OPT_JSON},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
  bool as_json = false;
  int option;
  optind = 0;
  while ((option = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    if (option == AUDIT_OPT_JSON) as_json = true;
    else if (option == 'h') return fputs(runs_help, stdout), AUDIT_EXIT_OK;
    else return audit_usage_error("runs", "bad option");
  }
  if (optind < argc) return audit_usage_error("runs", "unexpected argument '%s'", argv[optind]);
  fl_db *db;
  if (audit_open(ctx, false, &db)) return AUDIT_EXIT_ERROR;
  fl_audit_runs runs = {0};
  int rc = fl_db_runs(db, 0, 0, &runs);
  fl_db_close(db);
  if (rc) return fl_audit_runs_clear(&runs), audit_fail();
  if (as_json) {
    json_t *array = json_array();
    for (size_t i = 0; i < runs.count; i++) {
      const fl_audit_run *r = &runs.items[i];
      json_array_append_new(
          array, json_pack("{s:I, s:s, s:s, s:s, s:s?, s:s?, s:f, s:f, s:I, s:I, s:I}", "id", (json_int_t)r->id,
                           "tool", r->tool, "tool_version", r->tool_version, "source_root", r->source_root,
                           "git_commit", r->git_commit, "rule_set", r->rule_set, "started_at",
                           r->started_at, "finished_at", r->finished_at, "findings", (json_int_t)r->present,
                           "new", (json_int_t)r->added, "resolved", (json_int_t)r->resolved));
    }
    audit_print_json(array);
  } else {
    audit_table *table = audit_table_new(8);
    const char *header[] = {"RUN", "STARTED", "TOOL", "COMMIT", "FINDINGS", "NEW", "RESOLVED", "TREE"};
    audit_table_add(table, header);
    for (size_t i = 0; i < runs.count; i++) {
      const fl_audit_run *r = &runs.items[i];
      char id[24], when[40], present[24], added[24], resolved[24], commit[16];
      snprintf(id, sizeof id, "%lld", r->id);
      audit_format_time(r->started_at, when, sizeof when);
      snprintf(present, sizeof present, "%lld", r->present);
      snprintf(added, sizeof added, "%lld", r->added);
      snprintf(resolved, sizeof resolved, "%lld", r->resolved);
      snprintf(commit, sizeof commit, "%.12s", r->git_commit ? r->git_commit : "-");
      const char *row[] = {id, when, r->tool, commit, present, added, resolved, r->source_root};
      audit_table_add(table, row);
    }
    audit_table_print(table, stdout, false, NULL);
    audit_table_free(table);
  }
  fl_audit_runs_clear(&runs);
  return AUDIT_EXIT_OK;
}
