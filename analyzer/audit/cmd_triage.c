/* ffi-audit triage: review status and severity overrides, on one finding
 * or in bulk on the findings a filter selects. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "audit.h"
#include "core/error.h"
#include "db/triage.h"

static const char triage_help[] =
    "usage: ffi-audit triage ID|FINGERPRINT-PREFIX  --status S | --severity L  [--reason TEXT] [--author NAME]\n"
    "       ffi-audit triage FILTERS...             --status S | --severity L  [--reason TEXT] [--dry-run]\n\n"
    "Records a review decision, with its author, reason and time (every change\n"
    "is kept in the finding's history).\n\n"
    "decision:\n"
    "  --status STATUS      unreviewed, confirmed, false_positive, intentional, fixed, deferred\n"
    "  --severity LEVEL     override the rule's severity (high, medium, low); the rule's\n"
    "                       own severity removes the override\n"
    "  --reason TEXT        why; required for --severity, false_positive, intentional, deferred\n"
    "  --author NAME        who decided (default: $USER)\n"
    "  --dry-run            print how many findings would change, change nothing\n\n"
    "bulk filters (at least one; they select findings like `list` does):\n"
    "  --rule ID            only this rule\n"
    "  --if-severity LEVEL  only findings of this (effective) severity\n"
    "  --if-status STATUS   only findings with this review status\n"
    "  --file GLOB          only files matching GLOB\n"
    "  --run N              findings present in run N (default: the latest run)\n"
    "  --new                only findings new in that run\n"
    "  --all                every finding ever stored\n";

enum { OPT_SET_STATUS = AUDIT_OPT_FIRST_FREE, OPT_SET_SEVERITY, OPT_REASON, OPT_AUTHOR, OPT_DRY_RUN };

int cmd_triage(audit_ctx *ctx, int argc, char **argv) {
  static const struct option options[] = {
      {"rule", required_argument, NULL, AUDIT_OPT_RULE},
      {"if-severity", required_argument, NULL, AUDIT_OPT_SEVERITY},
      {"if-status", required_argument, NULL, AUDIT_OPT_STATUS},
      {"file", required_argument, NULL, AUDIT_OPT_FILE},
      {"run", required_argument, NULL, AUDIT_OPT_RUN},
      {"new", no_argument, NULL, AUDIT_OPT_NEW},
      {"all", no_argument, NULL, AUDIT_OPT_ALL},
      {"status", required_argument, NULL, OPT_SET_STATUS},
      {"severity", required_argument, NULL, OPT_SET_SEVERITY},
      {"reason", required_argument, NULL, OPT_REASON},
      {"author", required_argument, NULL, OPT_AUTHOR},
      {"dry-run", no_argument, NULL, OPT_DRY_RUN},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  fl_audit_filter filter = {0};
  fl_triage_change change = {.author = getenv("USER")};
  bool dry_run = false, filtered = false;
  int option;
  optind = 0;
  while ((option = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    int used = audit_filter_option("triage", option, optarg, &filter);
    if (used < 0) return AUDIT_EXIT_ERROR;
    if (used) {
      filtered = true;
      continue;
    }
    switch (option) {
    case OPT_SET_STATUS: change.status = optarg; break;
    case OPT_SET_SEVERITY: change.severity = optarg; break;
    case OPT_REASON: change.reason = optarg; break;
    case OPT_AUTHOR: change.author = optarg; break;
    case OPT_DRY_RUN: dry_run = true; break;
    case 'h': fputs(triage_help, stdout); return AUDIT_EXIT_OK;
    default: return audit_usage_error("triage", "bad option");
    }
  }
  bool single = optind < argc;
  if (optind + 1 < argc) return audit_usage_error("triage", "give one finding, or filters for bulk triage");
  if (single && filtered) return audit_usage_error("triage", "give a finding or filters, not both");
  if (!single && !filtered)
    return audit_usage_error("triage", "which findings? give an id, or filters (e.g. --rule ID --file GLOB)");
  if (fl_triage_change_check(&change)) return audit_usage_error("triage", "%s", fl_error_last());

  fl_db *db;
  if (audit_open(ctx, false, &db)) return AUDIT_EXIT_ERROR;
  fl_audit_findings selected = {0};
  int rc;
  if (single)
    rc = fl_db_finding_get(db, argv[optind], fl_audit_findings_push(&selected));
  else
    rc = fl_db_findings(db, &filter, false, &selected);
  long long *ids = calloc(selected.count + 1, sizeof *ids);
  if (!ids) abort();
  for (size_t i = 0; i < selected.count; i++) ids[i] = selected.items[i].id;
  size_t changed = 0;
  if (!rc && dry_run)
    printf("would triage %zu finding%s (dry run, nothing changed)\n", selected.count,
           selected.count == 1 ? "" : "s");
  else if (!rc && !(rc = fl_db_triage(db, ids, selected.count, &change, &changed)))
    printf("triaged %zu finding%s (%zu changed)\n", selected.count, selected.count == 1 ? "" : "s", changed);
  free(ids);
  fl_audit_findings_clear(&selected);
  fl_db_close(db);
  return rc ? audit_fail() : AUDIT_EXIT_OK;
}
