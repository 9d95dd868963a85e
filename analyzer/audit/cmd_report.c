/* ffi-audit report: the markdown audit (reports/audit.md by default). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "audit.h"
#include "config/rule_meta.h"
#include "core/error.h"
#include "report/report.h"

static const char report_help[] =
    "usage: ffi-audit report [-o FILE] [--run N] [--title TEXT] [--date YYYY-MM-DD] [--trend N]\n\n"
    "Writes the markdown audit report of a run (default: the latest): scope,\n"
    "headline and charts, the trend, open findings by severity with code and\n"
    "flow, fixed / deferred / accepted / downgraded / false positives with the\n"
    "reviewers' reasons, fuzz crashes with their interleavings, and the rules\n"
    "glossary. Mermaid charts render on GitHub.\n\n"
    "  -o, --output FILE  where to write (default reports/audit.md; '-' = stdout)\n"
    "  --run N            the run to report on\n"
    "  --title TEXT       the report's title\n"
    "  --date DATE        the report date shown (default: today, or $FL_AUDIT_NOW)\n"
    "  --trend N          runs in the trend chart (default 10)\n"
    "  --source-root DIR  read code excerpts here (default: the run's tree)\n";

enum { OPT_TITLE = AUDIT_OPT_FIRST_FREE, OPT_DATE, OPT_TREND, OPT_SOURCE_ROOT };

/* YYYY-MM-DD at 00:00 UTC, or -1. */
static double parse_date(const char *text) {
  struct tm day = {0};
  const char *end = strptime(text, "%Y-%m-%d", &day);
  if (!end || *end) return -1;
  return (double)timegm(&day);
}

/* Creates the parent directory of `path` if it is missing (reports/). */
static int make_parent(const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash || slash == path) return FL_OK;
  char dir[4096];
  snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
  if (mkdir(dir, 0777) != 0 && errno != EEXIST)
    return fl_error_set(FL_EIO, "%s: cannot create directory: %s", dir, strerror(errno));
  return FL_OK;
}

int cmd_report(audit_ctx *ctx, int argc, char **argv) {
  static const struct option options[] = {{"output", required_argument, NULL, 'o'},
                                          {"run", required_argument, NULL, AUDIT_OPT_RUN},
                                          {"title", required_argument, NULL, OPT_TITLE},
                                          {"date", required_argument, NULL, OPT_DATE},
                                          {"trend", required_argument, NULL, OPT_TREND},
                                          {"source-root", required_argument, NULL, OPT_SOURCE_ROOT},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
  const char *output = "reports/audit.md";
  fl_report_options report = {0};
  int option;
  optind = 0;
  while ((option = getopt_long(argc, argv, "ho:", options, NULL)) != -1) {
    switch (option) {
    case 'o': output = optarg; break;
    case AUDIT_OPT_RUN:
      if ((report.run_id = audit_parse_run(optarg)) < 0) return audit_usage_error("report", "bad run '%s'", optarg);
      break;
    case OPT_TITLE: report.title = optarg; break;
    case OPT_DATE:
      if ((report.generated_at = parse_date(optarg)) < 0)
        return audit_usage_error("report", "bad date '%s' (YYYY-MM-DD)", optarg);
      break;
    case OPT_TREND: report.trend_runs = (size_t)atol(optarg); break;
    case OPT_SOURCE_ROOT: report.source_root = optarg; break;
    case 'h': fputs(report_help, stdout); return AUDIT_EXIT_OK;
    default: return audit_usage_error("report", "bad option");
    }
  }
  if (optind < argc) return audit_usage_error("report", "unexpected argument '%s'", argv[optind]);

  fl_rule_meta_set *rules = NULL;
  if (fl_rule_meta_load_builtin(&rules)) {
    fprintf(stderr, "ffi-audit: warning: no rules glossary: %s\n", fl_error_last());
    rules = NULL;
  }
  report.rules = rules;
  fl_db *db;
  if (audit_open(ctx, false, &db)) {
    fl_rule_meta_set_free(rules);
    return AUDIT_EXIT_ERROR;
  }
  bool to_stdout = strcmp(output, "-") == 0;
  FILE *out = stdout;
  int rc = FL_OK;
  if (!to_stdout && !(rc = make_parent(output)) && !(out = fopen(output, "w")))
    rc = fl_error_set(FL_EIO, "%s: cannot write: %s", output, strerror(errno));
  if (!rc) rc = fl_report_write(db, &report, out);
  if (!to_stdout && out && fclose(out) != 0 && !rc) rc = fl_error_set(FL_EIO, "%s: cannot write", output);
  fl_db_close(db);
  fl_rule_meta_set_free(rules);
  if (rc) return audit_fail();
  if (!to_stdout) printf("wrote %s\n", output);
  return AUDIT_EXIT_OK;
}
