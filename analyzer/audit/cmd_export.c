/* ffi-audit export --sarif: a run as SARIF with review statuses. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "config/rule_meta.h"
#include "core/error.h"
#include "db/sarif.h"

static const char export_help[] =
    "usage: ffi-audit export --sarif [-o FILE] [--run N]\n\n"
    "Writes a run (default: the latest) as SARIF 2.1.0. Findings reviewed as\n"
    "false_positive or intentional carry a SARIF suppression (kind external, or\n"
    "inSource for in-source suppressions) whose justification is the reason, so\n"
    "GitHub code scanning shows them as dismissed.\n\n"
    "  --sarif            the format (the only one)\n"
    "  -o, --output FILE  default: stdout\n"
    "  --run N            the run to export\n";

int cmd_export(audit_ctx *ctx, int argc, char **argv) {
  static const struct option options[] = {{"sarif", no_argument, NULL, 's'},
                                          {"output", required_argument, NULL, 'o'},
                                          {"run", required_argument, NULL, AUDIT_OPT_RUN},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
  const char *output = NULL;
  bool sarif = false;
  long long run = 0;
  int option;
  optind = 0;
  while ((option = getopt_long(argc, argv, "ho:", options, NULL)) != -1) {
    if (option == 's') sarif = true;
    else if (option == 'o') output = optarg;
    else if (option == AUDIT_OPT_RUN) {
      if ((run = audit_parse_run(optarg)) < 0) return audit_usage_error("export", "bad run '%s'", optarg);
    } else if (option == 'h') return fputs(export_help, stdout), AUDIT_EXIT_OK;
    else return audit_usage_error("export", "bad option");
  }
  if (!sarif) return audit_usage_error("export", "give the format: --sarif");
  if (optind < argc) return audit_usage_error("export", "unexpected argument '%s'", argv[optind]);
  fl_rule_meta_set *rules = NULL;
  if (fl_rule_meta_load_builtin(&rules)) rules = NULL; /* descriptions are optional in SARIF */
  fl_db *db;
  if (audit_open(ctx, false, &db)) {
    fl_rule_meta_set_free(rules);
    return AUDIT_EXIT_ERROR;
  }
  FILE *out = output ? fopen(output, "w") : stdout;
  int rc = out ? fl_db_export_sarif(db, run, rules, out)
               : fl_error_set(FL_EIO, "%s: cannot write: %s", output, strerror(errno));
  if (output && out && fclose(out) != 0 && !rc) rc = fl_error_set(FL_EIO, "%s: cannot write", output);
  fl_db_close(db);
  fl_rule_meta_set_free(rules);
  return rc ? audit_fail() : AUDIT_EXIT_OK;
}
