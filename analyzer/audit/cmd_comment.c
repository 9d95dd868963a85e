/* ffi-audit comment: a free-form note on a finding (shown in `show`). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "audit.h"
#include "db/triage.h"

static const char comment_help[] =
    "usage: ffi-audit comment ID|FINGERPRINT-PREFIX TEXT [--author NAME]\n\n"
    "Adds a comment to a finding's history (author defaults to $USER).\n";

int cmd_comment(audit_ctx *ctx, int argc, char **argv) {
  static const struct option options[] = {{"author", required_argument, NULL, 'a'},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
  const char *author = getenv("USER");
  int option;
  optind = 0;
  while ((option = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    if (option == 'a') author = optarg;
    else if (option == 'h') return fputs(comment_help, stdout), AUDIT_EXIT_OK;
    else return audit_usage_error("comment", "bad option");
  }
  if (optind + 2 != argc) return audit_usage_error("comment", "give a finding and the comment text");
  fl_db *db;
  if (audit_open(ctx, false, &db)) return AUDIT_EXIT_ERROR;
  fl_audit_finding finding;
  int rc = fl_db_finding_get(db, argv[optind], &finding);
  if (!rc) rc = fl_db_comment_add(db, finding.id, author, argv[optind + 1]);
  if (!rc) printf("comment added to finding %lld\n", finding.id);
  fl_audit_finding_clear(&finding);
  fl_db_close(db);
  return rc ? audit_fail() : AUDIT_EXIT_OK;
}
