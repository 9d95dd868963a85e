/* ffi-audit: store, triage, compare and report ffi-lint findings kept in
 * the audit database (design.md §6, docs/audit.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"

static const struct {
  const char *name;
  audit_cmd_fn run;
  const char *summary;
} commands[] = {
    {"list", cmd_list, "list findings (filters, aligned table or --json)"},
    {"show", cmd_show, "one finding: excerpt, flow, history"},
    {"triage", cmd_triage, "set review status / severity, on one finding or a filter"},
    {"comment", cmd_comment, "add a comment to a finding"},
    {"diff", cmd_diff, "new / resolved / unresolved between runs or vs a baseline (exit 2 on new)"},
    {"baseline", cmd_baseline, "baseline export -o FILE: fingerprints for the CI gate"},
    {"stats", cmd_stats, "counts by rule, severity, status, detection, file"},
    {"runs", cmd_runs, "the stored runs"},
    {"report", cmd_report, "the markdown audit report"},
    {"export", cmd_export, "export --sarif: a run as SARIF, review statuses as suppressions"},
    {"import-sarif", cmd_import_sarif, "store another tool's SARIF results as a run"},
};

static void usage(FILE *out) {
  fprintf(out,
          "usage: ffi-audit [--db FILE] COMMAND [options]\n\n"
          "Triage and report the findings ffi-lint stored with --db.\n\n"
          "commands:\n");
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    fprintf(out, "  %-13s %s\n", commands[i].name, commands[i].summary);
  fprintf(out,
          "\nglobal options:\n"
          "  --db FILE     the audit database (default: $FFI_AUDIT_DB, else ./ffi-audit.db)\n"
          "  --version     print the version\n"
          "  -h, --help    this help; `ffi-audit COMMAND --help` for a command\n\n"
          "exit codes: 0 ok, 1 error, 2 `diff` found new findings (the CI gate)\n");
}

/* Takes --db FILE / --db=FILE out of argv wherever it appears, so it works
 * before or after the command name. Returns the new argc. */
static int take_db_option(int argc, char **argv, const char **db_path) {
  int kept = 1;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--") == 0) {
      while (i < argc) argv[kept++] = argv[i++];
      break;
    }
    if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
      *db_path = argv[++i];
      continue;
    }
    if (strncmp(argv[i], "--db=", 5) == 0) {
      *db_path = argv[i] + 5;
      continue;
    }
    argv[kept++] = argv[i];
  }
  argv[kept] = NULL;
  return kept;
}

int main(int argc, char **argv) {
  audit_ctx ctx = {.db_path = getenv("FFI_AUDIT_DB")};
  if (!ctx.db_path || !*ctx.db_path) ctx.db_path = "ffi-audit.db";
  argc = take_db_option(argc, argv, &ctx.db_path);
  ctx.color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
  if (argc < 2) {
    usage(stderr);
    return AUDIT_EXIT_ERROR;
  }
  const char *name = argv[1];
  if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0 || strcmp(name, "help") == 0) {
    usage(stdout);
    return AUDIT_EXIT_OK;
  }
  if (strcmp(name, "--version") == 0) {
    printf("ffi-audit %s\n", FL_VERSION);
    return AUDIT_EXIT_OK;
  }
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    if (strcmp(name, commands[i].name) == 0) return commands[i].run(&ctx, argc - 1, argv + 1);
  fprintf(stderr, "ffi-audit: unknown command '%s'\n\n", name);
  usage(stderr);
  return AUDIT_EXIT_ERROR;
}
