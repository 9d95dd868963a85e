/* Helpers shared by the subcommands: opening the DB, errors, filters, JSON. */
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "core/error.h"

int audit_fail(void) {
  fprintf(stderr, "ffi-audit: %s\n", fl_error_last());
  return AUDIT_EXIT_ERROR;
}

int audit_usage_error(const char *cmd, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "ffi-audit %s: ", cmd);
  vfprintf(stderr, fmt, ap);
  fprintf(stderr, "\n(see ffi-audit %s --help)\n", cmd);
  va_end(ap);
  return AUDIT_EXIT_ERROR;
}

int audit_open(audit_ctx *ctx, bool create, fl_db **out) {
  if (!create && access(ctx->db_path, F_OK) != 0) {
    fl_error_set(FL_ENOTFOUND,
                 "%s: no audit database here (store a run with `ffi-lint --db %s`, or pass --db FILE)",
                 ctx->db_path, ctx->db_path);
    return audit_fail();
  }
  if (fl_db_open(out, ctx->db_path)) return audit_fail();
  return AUDIT_EXIT_OK;
}

long long audit_parse_run(const char *text) {
  if (strcmp(text, "latest") == 0) return 0;
  char *end;
  long long run = strtoll(text, &end, 10);
  return (*text && !*end && run > 0) ? run : -1;
}

int audit_filter_option(const char *cmd, int option, const char *value, fl_audit_filter *filter) {
  switch (option) {
  case AUDIT_OPT_RULE: filter->rule = value; return 1;
  case AUDIT_OPT_SEVERITY:
    if (!fl_audit_severity_rank(value)) {
      audit_usage_error(cmd, "unknown severity '%s' (high, medium, low)", value);
      return -1;
    }
    filter->severity = value;
    return 1;
  case AUDIT_OPT_STATUS:
    if (!fl_audit_status_valid(value)) {
      audit_usage_error(cmd, "unknown status '%s'", value);
      return -1;
    }
    filter->status = value;
    return 1;
  case AUDIT_OPT_FILE: filter->file_glob = value; return 1;
  case AUDIT_OPT_RUN:
    if ((filter->run_id = audit_parse_run(value)) < 0) {
      audit_usage_error(cmd, "bad run '%s' (a run id or 'latest')", value);
      return -1;
    }
    return 1;
  case AUDIT_OPT_NEW: filter->only_new = true; return 1;
  case AUDIT_OPT_ALL: filter->all_runs = true; return 1;
  default: return 0;
  }
}

void audit_print_json(json_t *json) {
  json_dumpf(json, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  fputc('\n', stdout);
  json_decref(json);
}

void audit_format_time(double at, char *out, size_t size) {
  time_t seconds = (time_t)at;
  struct tm utc;
  gmtime_r(&seconds, &utc);
  strftime(out, size, "%Y-%m-%d %H:%M UTC", &utc);
}
