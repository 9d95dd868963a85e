/* ffi-audit diff: the CI gate. New / resolved / unresolved findings between
 * two runs, or between a run and a baseline file; exit 2 on new findings. */
#include <getopt.h>
#include <stdio.h>

#include "audit.h"
#include "db/diff.h"

static const char diff_help[] =
    "usage: ffi-audit diff RUN_A RUN_B [--json]\n"
    "       ffi-audit diff --baseline FILE [RUN] [--json]\n\n"
    "Compares the findings present in two runs (a run id or 'latest'), or in a\n"
    "run (default: the latest) against a baseline written by `baseline export`.\n\n"
    "exit status: 0 no new findings; 2 new findings (the CI gate; new findings\n"
    "already reviewed as false_positive or intentional do not count); 1 error.\n";

static void diff_section(const char *title, fl_audit_finding **items, size_t count, bool color) {
  printf("%s: %zu\n", title, count);
  if (!count) return;
  audit_table *table = audit_table_new(5);
  for (size_t i = 0; i < count; i++) {
    const fl_audit_finding *f = items[i];
    char location[512];
    snprintf(location, sizeof location, "%s:%u", f->file, f->line);
    const char *row[] = {"", f->severity, f->rule_id, location, f->message};
    audit_table_add(table, row);
  }
  const audit_color_fn colors[] = {NULL, audit_color_severity, NULL, NULL, NULL};
  audit_table_print(table, stdout, color, colors);
  audit_table_free(table);
}

int cmd_diff(audit_ctx *ctx, int argc, char **argv) {
  static const struct option options[] = {{"baseline", required_argument, NULL, 'b'},
                                          {"json", no_argument, NULL, AUDIT_OPT_JSON},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
  const char *baseline = NULL;
  bool as_json = false;
  int option;
  optind = 0;
  while ((option = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    if (option == 'b') baseline = optarg;
    else if (option == AUDIT_OPT_JSON) as_json = true;
    else if (option == 'h') return fputs(diff_help, stdout), AUDIT_EXIT_OK;
    else return audit_usage_error("diff", "bad option");
  }
  int positional = argc - optind;
  if (baseline ? positional > 1 : positional != 2)
    return audit_usage_error("diff", baseline ? "give at most one run with --baseline" : "give two runs");
  long long runs[2] = {0, 0};
  for (int i = 0; i < positional; i++)
    if ((runs[i] = audit_parse_run(argv[optind + i])) < 0)
      return audit_usage_error("diff", "bad run '%s' (a run id or 'latest')", argv[optind + i]);

  fl_db *db;
  if (audit_open(ctx, false, &db)) return AUDIT_EXIT_ERROR;
  fl_audit_diff diff;
  int rc = baseline ? fl_db_diff_baseline(db, baseline, runs[0], &diff)
                    : fl_db_diff_runs(db, runs[0], runs[1], &diff);
  fl_db_close(db);
  if (rc) return audit_fail();
  if (as_json) {
    fputs("{\"new\": ", stdout);
    audit_json_findings(stdout, diff.added, NULL, diff.nadded);
    fputs(",\n\"resolved\": ", stdout);
    audit_json_findings(stdout, diff.resolved, NULL, diff.nresolved);
    fputs(",\n\"unresolved\": ", stdout);
    audit_json_findings(stdout, diff.unresolved, NULL, diff.nunresolved);
    printf(",\n\"gating\": %zu}\n", diff.gating);
  } else {
    diff_section("new", diff.added, diff.nadded, ctx->color);
    diff_section("resolved", diff.resolved, diff.nresolved, ctx->color);
    printf("unresolved: %zu\n", diff.nunresolved);
    if (diff.gating)
      printf("gate: FAIL (%zu new finding%s not triaged as false_positive/intentional)\n", diff.gating,
             diff.gating == 1 ? "" : "s");
    else
      printf("gate: pass\n");
  }
  int exit_code = diff.gating ? AUDIT_EXIT_GATE : AUDIT_EXIT_OK;
  fl_audit_diff_clear(&diff);
  return exit_code;
}
