/* ffi-audit export --sarif: a run's findings with their review status. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "query.h"
#include "sarif.h"

static const char *sarif_level(const char *severity) {
  int rank = fl_audit_severity_rank(severity);
  return rank == 3 ? "error" : rank == 2 ? "warning" : "note";
}

static json_t *sarif_location(const char *file, unsigned line, unsigned col, unsigned end_line,
                              unsigned end_col) {
  json_t *region = json_pack("{s:i}", "startLine", (int)(line ? line : 1));
  if (col) json_object_set_new(region, "startColumn", json_integer(col));
  if (end_line) json_object_set_new(region, "endLine", json_integer(end_line));
  if (end_col) json_object_set_new(region, "endColumn", json_integer(end_col));
  return json_pack("{s:{s:{s:s}, s:o}}", "physicalLocation", "artifactLocation", "uri", file, "region",
                   region);
}

static json_t *sarif_code_flow(const char *flow_json) {
  json_t *flow = flow_json ? json_loads(flow_json, 0, NULL) : NULL;
  if (!json_is_array(flow) || json_array_size(flow) < 2) {
    json_decref(flow);
    return NULL;
  }
  json_t *locations = json_array();
  size_t i;
  json_t *step;
  json_array_foreach(flow, i, step) {
    json_t *location = sarif_location(json_string_value(json_object_get(step, "file")),
                                      (unsigned)json_integer_value(json_object_get(step, "line")),
                                      (unsigned)json_integer_value(json_object_get(step, "col")),
                                      (unsigned)json_integer_value(json_object_get(step, "end_line")),
                                      (unsigned)json_integer_value(json_object_get(step, "end_col")));
    const char *message = json_string_value(json_object_get(step, "message"));
    if (message) json_object_set_new(location, "message", json_pack("{s:s}", "text", message));
    json_array_append_new(locations, json_pack("{s:o}", "location", location));
  }
  json_decref(flow);
  return json_pack("[{s:[{s:o}]}]", "threadFlows", "locations", locations);
}

static json_t *sarif_result(const fl_audit_finding *f) {
  json_t *result = json_pack("{s:s, s:s, s:{s:s}, s:[o]}", "ruleId", f->rule_id, "level",
                             sarif_level(f->severity), "message", "text", f->message, "locations",
                             sarif_location(f->file, f->line, f->col, f->end_line, f->end_col));
  if (f->symbol)
    json_object_set_new(json_array_get(json_object_get(result, "locations"), 0), "logicalLocations",
                        json_pack("[{s:s}]", "fullyQualifiedName", f->symbol));
  json_t *fingerprints = json_pack("{s:s}", "ffiLint/v1", f->fingerprint);
  if (f->line_hash) json_object_set_new(fingerprints, "primaryLocationLineHash", json_string(f->line_hash));
  json_object_set_new(result, "partialFingerprints", fingerprints);
  json_t *code_flows = sarif_code_flow(f->flow_json);
  if (code_flows) json_object_set_new(result, "codeFlows", code_flows);
  if (!strcmp(f->status, "false_positive") || !strcmp(f->status, "intentional")) {
    bool in_source = f->status_source && !strcmp(f->status_source, "suppression");
    json_object_set_new(result, "suppressions",
                        json_pack("[{s:s, s:s, s:s?}]", "kind", in_source ? "inSource" : "external",
                                  "status", "accepted", "justification", f->status_reason));
  }
  json_t *properties = json_pack("{s:s, s:I}", "reviewStatus", f->status, "auditId", (json_int_t)f->id);
  if (f->detection) json_object_set_new(properties, "detection", json_string(f->detection));
  if (f->severity_reason) {
    json_object_set_new(properties, "severityOverride", json_string(f->severity));
    json_object_set_new(properties, "severityReason", json_string(f->severity_reason));
  }
  json_object_set_new(result, "properties", properties);
  return result;
}

static json_t *sarif_rules(const fl_audit_findings *findings, const fl_rule_meta_set *meta) {
  json_t *rules = json_array(), *seen = json_object();
  for (size_t i = 0; i < findings->count; i++) {
    const char *id = findings->items[i].rule_id;
    if (json_object_get(seen, id)) continue;
    json_object_set_new(seen, id, json_true());
    json_t *rule = json_pack("{s:s}", "id", id);
    const fl_rule_meta *m = meta ? fl_rule_meta_find(meta, id) : NULL;
    if (m && m->title) json_object_set_new(rule, "shortDescription", json_pack("{s:s}", "text", m->title));
    if (m && m->description)
      json_object_set_new(rule, "fullDescription", json_pack("{s:s}", "text", m->description));
    if (m && m->fix) json_object_set_new(rule, "help", json_pack("{s:s}", "text", m->fix));
    if (m && m->help_uri) json_object_set_new(rule, "helpUri", json_string(m->help_uri));
    json_array_append_new(rules, rule);
  }
  json_decref(seen);
  return rules;
}

int fl_db_export_sarif(fl_db *db, long long run, const fl_rule_meta_set *rules, FILE *out) {
  fl_audit_filter filter = {0};
  fl_audit_findings findings = {0};
  fl_audit_runs runs = {0};
  int rc = fl_db_resolve_run(db, run, &filter.run_id);
  if (!rc) rc = fl_db_findings(db, &filter, true, &findings);
  if (!rc) rc = fl_db_runs(db, filter.run_id, 1, &runs);
  if (rc) goto done;
  const fl_audit_run *r = &runs.items[runs.count - 1];
  json_t *results = json_array();
  for (size_t i = 0; i < findings.count; i++) json_array_append_new(results, sarif_result(&findings.items[i]));
  json_t *sarif_run = json_pack("{s:{s:{s:s, s:s, s:o}}, s:o}", "tool", "driver", "name", r->tool,
                                "version", r->tool_version, "rules", sarif_rules(&findings, rules),
                                "results", results);
  char *root_uri = NULL;
  if (asprintf(&root_uri, "file://%s/", r->source_root) < 0) abort();
  json_object_set_new(sarif_run, "originalUriBaseIds", json_pack("{s:{s:s}}", "SRCROOT", "uri", root_uri));
  free(root_uri);
  if (r->git_commit)
    json_object_set_new(sarif_run, "properties", json_pack("{s:s, s:I}", "gitCommit", r->git_commit,
                                                           "auditRun", (json_int_t)r->id));
  json_t *root = json_pack("{s:s, s:s, s:[o]}", "$schema", "https://json.schemastore.org/sarif-2.1.0.json",
                           "version", "2.1.0", "runs", sarif_run);
  if (json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 || fputc('\n', out) == EOF)
    rc = fl_error_set(FL_EIO, "cannot write SARIF");
  json_decref(root);
done:
  fl_audit_findings_clear(&findings);
  fl_audit_runs_clear(&runs);
  return rc;
}
