/* ffi-audit import-sarif: store another tool's SARIF results. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "audit.h"
#include "db/sarif.h"

static const char import_help[] =
    "usage: ffi-audit import-sarif FILE [--source-root DIR]\n\n"
    "Stores each run of a SARIF file as a run of its tool (tool.driver.name), so\n"
    "other analyzers' findings are triaged, diffed and reported with ffi-lint's.\n"
    "Detection status is tracked per tool and tree. Fingerprints come from the\n"
    "results' partialFingerprints, or from rule + file + the flagged line's text.\n\n"
    "  --source-root DIR  the analysed tree (default: the current directory);\n"
    "                     file:// URIs inside it are stored relative to it\n";

int cmd_import_sarif(audit_ctx *ctx, int argc, char **argv) {
  static const struct option options[] = {{"source-root", required_argument, NULL, 'r'},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
  const char *root_arg = ".";
  int option;
  optind = 0;
  while ((option = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    if (option == 'r') root_arg = optarg;
    else if (option == 'h') return fputs(import_help, stdout), AUDIT_EXIT_OK;
    else return audit_usage_error("import-sarif", "bad option");
  }
  if (optind + 1 != argc) return audit_usage_error("import-sarif", "give one SARIF file");
  char root[PATH_MAX];
  if (!realpath(root_arg, root)) return audit_usage_error("import-sarif", "no directory '%s'", root_arg);
  fl_db *db;
  if (audit_open(ctx, true, &db)) return AUDIT_EXIT_ERROR;
  fl_sarif_import_stats stats;
  int rc = fl_db_import_sarif(db, argv[optind], root, &stats);
  fl_db_close(db);
  if (rc) return audit_fail();
  printf("imported %zu finding%s from %zu run%s (latest run %lld)\n", stats.findings,
         stats.findings == 1 ? "" : "s", stats.runs, stats.runs == 1 ? "" : "s", stats.last_run_id);
  return AUDIT_EXIT_OK;
}
