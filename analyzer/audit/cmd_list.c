/* ffi-audit list: findings of a run (or all), filtered, as a table or JSON. */
#include <getopt.h>
#include <stdio.h>

#include "audit.h"

static const char list_help[] =
    "usage: ffi-audit list [filters] [--json]\n\n"
    "Lists the findings present in a run (default: the latest), high severity first.\n\n"
    "filters:\n" AUDIT_FILTER_HELP
    "output:\n"
    "  --json               a JSON array instead of the table\n";

int cmd_list(audit_ctx *ctx, int argc, char **argv) {
  static const struct option options[] = {AUDIT_FILTER_LONG_OPTIONS,
                                          {"json", no_argument, NULL, AUDIT_OPT_JSON},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
  fl_audit_filter filter = {0};
  bool as_json = false;
  int option;
  optind = 0;
  while ((option = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    int used = audit_filter_option("list", option, optarg, &filter);
    if (used < 0) return AUDIT_EXIT_ERROR;
    if (used) continue;
    if (option == AUDIT_OPT_JSON) as_json = true;
    else if (option == 'h') return fputs(list_help, stdout), AUDIT_EXIT_OK;
    else return audit_usage_error("list", "bad option");
  }
  if (optind < argc) return audit_usage_error("list", "unexpected argument '%s'", argv[optind]);

  fl_db *db;
  if (audit_open(ctx, false, &db)) return AUDIT_EXIT_ERROR;
  fl_audit_findings findings = {0};
  int rc = fl_db_findings(db, &filter, false, &findings);
  fl_db_close(db);
  if (rc) return fl_audit_findings_clear(&findings), audit_fail();

  if (as_json) {
    audit_json_findings(stdout, NULL, findings.items, findings.count);
    putchar('\n');
  } else {
    audit_table *table = audit_table_new(8);
    const char *header[] = {"ID", "SEVERITY", "STATUS", "DETECTION", "RULE", "LOCATION", "SYMBOL", "MESSAGE"};
    audit_table_add(table, header);
    for (size_t i = 0; i < findings.count; i++) {
      const fl_audit_finding *f = &findings.items[i];
      char id[24], location[512];
      snprintf(id, sizeof id, "%lld", f->id);
      snprintf(location, sizeof location, "%s:%u", f->file, f->line);
      const char *row[] = {id, f->severity, f->status, f->detection ? f->detection : "-",
                           f->rule_id, location, f->symbol ? f->symbol : "-", f->message};
      audit_table_add(table, row);
    }
    const audit_color_fn colors[] = {NULL, audit_color_severity, NULL, audit_color_detection,
                                     NULL, NULL, NULL, NULL};
    if (findings.count) audit_table_print(table, stdout, ctx->color, colors);
    audit_table_free(table);
    printf("%zu finding%s\n", findings.count, findings.count == 1 ? "" : "s");
  }
  fl_audit_findings_clear(&findings);
  return AUDIT_EXIT_OK;
}
