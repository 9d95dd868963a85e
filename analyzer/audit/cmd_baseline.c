/* ffi-audit baseline export: the fingerprints `diff --baseline` compares with. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "db/diff.h"

static const char baseline_help[] =
    "usage: ffi-audit baseline export -o FILE [--run N]\n\n"
    "Writes the findings present in a run (default: the latest) as a JSON baseline:\n"
    "fingerprints plus rule, file, line, symbol, severity and review status. Commit it\n"
    "and gate CI with `ffi-audit diff --baseline FILE`.\n";

int cmd_baseline(audit_ctx *ctx, int argc, char **argv) {
  static const struct option options[] = {{"output", required_argument, NULL, 'o'},
                                          {"run", required_argument, NULL, AUDIT_OPT_RUN},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
  const char *output = NULL;
  long long run = 0;
  int option;
  optind = 0;
  while ((option = getopt_long(argc, argv, "ho:", options, NULL)) != -1) {
    if (option == 'o') output = optarg;
    else if (option == AUDIT_OPT_RUN) {
      if ((run = audit_parse_run(optarg)) < 0) return audit_usage_error("baseline", "bad run '%s'", optarg);
    } else if (option == 'h') return fputs(baseline_help, stdout), AUDIT_EXIT_OK;
    else return audit_usage_error("baseline", "bad option");
  }
  if (optind + 1 != argc || strcmp(argv[optind], "export") != 0)
    return audit_usage_error("baseline", "the only action is `export`");
  if (!output) return audit_usage_error("baseline", "give the output file with -o FILE");
  fl_db *db;
  if (audit_open(ctx, false, &db)) return AUDIT_EXIT_ERROR;
  size_t count = 0;
  int rc = fl_db_baseline_export(db, run, output, &count);
  fl_db_close(db);
  if (rc) return audit_fail();
  printf("wrote %zu fingerprint%s to %s\n", count, count == 1 ? "" : "s", output);
  return AUDIT_EXIT_OK;
}
