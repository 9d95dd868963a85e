/* ffi-audit show: one finding with its excerpt, flow and history. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"

static const char show_help[] =
    "usage: ffi-audit show ID|FINGERPRINT-PREFIX [--json]\n\n"
    "Shows one finding: location, message, code excerpt, code flow, review\n"
    "status, and its history (detections per run, triage, comments).\n";

static void show_excerpt(const fl_audit_finding *f) {
  if (!f->excerpt) return;
  printf("\n");
  unsigned line = f->excerpt_line;
  for (const char *p = f->excerpt; *p; line++) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    bool flagged = line >= f->line && line <= (f->end_line ? f->end_line : f->line);
    printf("  %c %5u | %.*s\n", flagged ? '>' : ' ', line, (int)n, p);
    p += n + (nl != NULL);
  }
}

static void show_flow(const fl_audit_finding *f) {
  json_t *flow = f->flow_json ? json_loads(f->flow_json, 0, NULL) : NULL;
  if (!json_is_array(flow) || json_array_size(flow) == 0) {
    json_decref(flow);
    return;
  }
  printf("\nflow:\n");
  size_t i;
  json_t *step;
  json_array_foreach(flow, i, step) {
    const char *message = json_string_value(json_object_get(step, "message"));
    printf("  %zu. %s:%lld  %s\n", i + 1, json_string_value(json_object_get(step, "file")),
           (long long)json_integer_value(json_object_get(step, "line")), message ? message : "");
  }
  json_decref(flow);
}

static void show_history(const fl_audit_events *events) {
  if (!events->count) return;
  printf("\nhistory:\n");
  for (size_t i = 0; i < events->count; i++) {
    const fl_audit_event *e = &events->items[i];
    char when[40];
    audit_format_time(e->at, when, sizeof when);
    if (strcmp(e->kind, "detection") == 0)
      printf("  %s  %s: %s\n", when, e->text, e->new_value);
    else if (strcmp(e->kind, "comment") == 0)
      printf("  %s  comment by %s: %s\n", when, e->author, e->text);
    else
      printf("  %s  %s %s -> %s by %s%s%s\n", when, e->kind, e->old_value ? e->old_value : "-",
             e->new_value, e->author, e->text ? ": " : "", e->text ? e->text : "");
  }
}

int cmd_show(audit_ctx *ctx, int argc, char **argv) {
  static const struct option options[] = {{"json", no_argument, NULL, AUDIT_OPT_JSON},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
  bool as_json = false;
  int option;
  optind = 0;
  while ((option = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    if (option == AUDIT_OPT_JSON) as_json = true;
    else if (option == 'h') return fputs(show_help, stdout), AUDIT_EXIT_OK;
    else return audit_usage_error("show", "bad option");
  }
  if (optind + 1 != argc) return audit_usage_error("show", "give one finding id or fingerprint prefix");

  fl_db *db;
  if (audit_open(ctx, false, &db)) return AUDIT_EXIT_ERROR;
  fl_audit_finding f;
  fl_audit_events events = {0};
  int rc = fl_db_finding_get(db, argv[optind], &f);
  if (!rc) rc = fl_db_finding_history(db, f.id, &events);
  fl_db_close(db);
  if (rc) {
    fl_audit_finding_clear(&f);
    fl_audit_events_clear(&events);
    return audit_fail();
  }
  if (as_json) {
    putchar('{');
    audit_json_finding_members(stdout, &f);
    fputs(",\"history\":[", stdout);
    for (size_t i = 0; i < events.count; i++) {
      const fl_audit_event *e = &events.items[i];
      const char *fields[][2] = {{"kind", e->kind}, {"old", e->old_value}, {"new", e->new_value},
                                 {"author", e->author}, {"text", e->text}};
      fputs(i ? ",\n  {" : "\n  {", stdout);
      for (size_t k = 0; k < 5; k++) {
        printf("%s\"%s\":", k ? "," : "", fields[k][0]);
        audit_json_string(stdout, fields[k][1]);
      }
      printf(",\"at\":%.3f}", e->at);
    }
    fputs("]}\n", stdout);
  } else {
    printf("finding %lld  %s\n", f.id, f.fingerprint);
    printf("%s:%u:%u: %s: %s [%s]\n", f.file, f.line, f.col, f.severity, f.message, f.rule_id);
    if (f.symbol) printf("in %s\n", f.symbol);
    if (f.severity_reason)
      printf("severity: %s (rule said %s): %s\n", f.severity, f.detected_severity, f.severity_reason);
    printf("status: %s", f.status);
    if (f.status_author) printf(" by %s", f.status_author);
    if (f.status_reason) printf(": %s", f.status_reason);
    printf("\n");
    show_excerpt(&f);
    show_flow(&f);
    show_history(&events);
  }
  fl_audit_finding_clear(&f);
  fl_audit_events_clear(&events);
  return AUDIT_EXIT_OK;
}
