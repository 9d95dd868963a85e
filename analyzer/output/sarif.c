/* SARIF 2.1.0 output, shaped for GitHub code scanning (design.md §5; field
 * by field in docs/output.md). Built with jansson; nothing hand-escaped. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/vec.h"
#include "common.h"
#include "fingerprint.h"
#include "output.h"
#include "paths.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define SARIF_SRCROOT "%SRCROOT%"

typedef struct sarif_writer {
  fl_source_cache *sources;
  const fl_output_opts *opts;
  char *root; /* absolute, normalised source root */
  json_t *rules;
  fl_ptrvec rule_ids; /* const char *, parallel to rules[] for ruleIndex */
} sarif_writer;

static json_t *sarif_message(const char *text) {
  return json_pack("{s:o}", "text", fl_out_json_text(text ? text : ""));
}

/* "unwind-across-ffi" -> "UnwindAcrossFfi" (reportingDescriptor.name). */
static char *camel_case(const char *id) {
  char *name = fl_out_calloc(1, strlen(id) + 1);
  size_t n = 0;
  bool upper = true;
  for (const char *p = id; *p; p++) {
    if (*p == '-' || *p == '_' || *p == '.') {
      upper = true;
      continue;
    }
    name[n++] = upper && *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p;
    upper = false;
  }
  name[n] = '\0';
  return name;
}

/* A rule's default severity from its YAML ("high", "medium", "low");
 * medium when missing or unknown (the loader reports bad values). */
static fl_severity rule_severity(const fl_rule_meta *meta) {
  const char *name = meta ? meta->severity : NULL;
  if (name && strcmp(name, "high") == 0) return FL_SEV_HIGH;
  if (name && strcmp(name, "low") == 0) return FL_SEV_LOW;
  return FL_SEV_MEDIUM;
}

/* GitHub's security-severity is a string holding a CVSS-like score; it maps
 * >= 7.0 to high, >= 4.0 to medium, anything lower to low. */
static const char *security_severity(fl_severity severity) {
  return severity == FL_SEV_HIGH ? "8.0" : severity == FL_SEV_LOW ? "3.0" : "5.5";
}

static const char *problem_severity(fl_severity severity) {
  return severity == FL_SEV_HIGH ? "error" : severity == FL_SEV_LOW ? "recommendation" : "warning";
}

/* help {text, markdown}: why it matters, how to fix, references. */
static json_t *sarif_rule_help(const char *id, const fl_rule_meta *meta) {
  fl_strbuf text = FL_STRBUF_INIT, markdown = FL_STRBUF_INIT;
  fl_strbuf_append(&text, "");
  fl_strbuf_append(&markdown, "");
  if (meta && meta->why) {
    fl_strbuf_printf(&text, "%s\n\n", meta->why);
    fl_strbuf_printf(&markdown, "**Why it matters.** %s\n\n", meta->why);
  }
  if (meta && meta->fix) {
    fl_strbuf_printf(&text, "How to fix: %s\n\n", meta->fix);
    fl_strbuf_printf(&markdown, "**How to fix.** %s\n\n", meta->fix);
  }
  if (meta && meta->nreferences) {
    fl_strbuf_append(&text, "References:\n");
    fl_strbuf_append(&markdown, "**References**\n\n");
    for (size_t i = 0; i < meta->nreferences; i++) {
      fl_strbuf_printf(&text, "- %s\n", meta->references[i]);
      fl_strbuf_printf(&markdown, "- %s\n", meta->references[i]);
    }
    fl_strbuf_append(&text, "\n");
    fl_strbuf_append(&markdown, "\n");
  }
  fl_strbuf_printf(&text, "Run `ffi-lint --explain %s` for details.", id);
  fl_strbuf_printf(&markdown, "Run `ffi-lint --explain %s` for details.", id);
  json_t *help = json_pack("{s:o,s:o}", "text", fl_out_json_text(text.data), "markdown",
                           fl_out_json_text(markdown.data));
  fl_strbuf_free(&text);
  fl_strbuf_free(&markdown);
  return help;
}

/* A reportingDescriptor for rule `id`; `meta` may be NULL (a rule without a
 * YAML file still gets a valid entry). */
static json_t *sarif_rule(const char *id, const fl_rule_meta *meta) {
  fl_severity severity = rule_severity(meta);
  char *name = camel_case(id);
  json_t *rule = json_pack("{s:o,s:o}", "id", fl_out_json_text(id), "name", fl_out_json_text(name));
  free(name);
  const char *title = meta && meta->title ? meta->title : id;
  json_object_set_new(rule, "shortDescription", sarif_message(title));
  json_object_set_new(rule, "fullDescription",
                      sarif_message(meta && meta->description ? meta->description : title));
  json_object_set_new(rule, "help", sarif_rule_help(id, meta));
  if (meta && meta->help_uri) json_object_set_new(rule, "helpUri", fl_out_json_text(meta->help_uri));
  json_object_set_new(rule, "defaultConfiguration", json_pack("{s:s}", "level", fl_out_sarif_level(severity)));

  json_t *tags = json_pack("[s,s]", "security", "ffi");
  for (size_t i = 0; meta && i < meta->nlanguages; i++)
    json_array_append_new(tags, fl_out_json_text(meta->languages[i]));
  if (meta && meta->cwe && strncmp(meta->cwe, "CWE-", 4) == 0) {
    /* GitHub's convention for CWE tags: "external/cwe/cwe-755". */
    fl_strbuf cwe = FL_STRBUF_INIT;
    fl_strbuf_printf(&cwe, "external/cwe/cwe-%s", meta->cwe + 4);
    json_array_append_new(tags, fl_out_json_text(cwe.data));
    fl_strbuf_free(&cwe);
  }
  json_object_set_new(rule, "properties",
                      json_pack("{s:o,s:s,s:s,s:s}", "tags", tags, "precision", "medium", "security-severity",
                                security_severity(severity), "problem.severity", problem_severity(severity)));
  return rule;
}

static size_t sarif_rule_index(sarif_writer *w, const char *id) {
  for (size_t i = 0; i < w->rule_ids.count; i++)
    if (strcmp(w->rule_ids.items[i], id) == 0) return i;
  json_array_append_new(w->rules, sarif_rule(id, fl_out_rule_meta(w->opts->rules_meta, id)));
  fl_ptrvec_push(&w->rule_ids, (void *)id);
  return w->rule_ids.count - 1;
}

/* rules[]: every enabled rule (all rules with metadata when the caller did
 * not say which ran); rules that only appear in findings are added later. */
static void sarif_rules_init(sarif_writer *w) {
  const fl_output_opts *opts = w->opts;
  if (opts->enabled_rules && opts->nenabled_rules) {
    for (size_t i = 0; i < opts->nenabled_rules; i++) sarif_rule_index(w, opts->enabled_rules[i]);
  } else if (opts->rules_meta) {
    for (size_t i = 0; i < opts->rules_meta->count; i++)
      if (opts->rules_meta->rules[i].id) sarif_rule_index(w, opts->rules_meta->rules[i].id);
  }
}

static json_t *sarif_artifact_location(const sarif_writer *w, const char *file) {
  if (fl_path_is_absolute(file)) {
    char *relative = fl_path_relative_to(file, w->root);
    json_t *location;
    if (fl_path_is_absolute(relative)) { /* outside the source root */
      char *uri = fl_path_to_file_uri(relative, 0);
      location = json_pack("{s:o}", "uri", fl_out_json_text(uri));
      free(uri);
    } else {
      char *uri = fl_path_to_uri_reference(relative);
      location = json_pack("{s:o,s:s}", "uri", fl_out_json_text(uri), "uriBaseId", SARIF_SRCROOT);
      free(uri);
    }
    free(relative);
    return location;
  }
  /* Relative paths are already relative to the source root (the driver
   * passes repo-relative paths). */
  char *normalized = fl_path_normalize(file);
  char *uri = fl_path_to_uri_reference(normalized);
  json_t *location = json_pack("{s:o,s:s}", "uri", fl_out_json_text(uri), "uriBaseId", SARIF_SRCROOT);
  free(uri);
  free(normalized);
  return location;
}

/* A byte column (clang's, 1-based) as a Unicode code point column, which
 * is what the run's columnKind promises. Unchanged when the line is not
 * readable. */
static uint32_t code_point_column(const sarif_writer *w, const char *file, uint32_t line, uint32_t col) {
  const char *text = fl_source_line(w->sources, file, line);
  if (!text || col == 0) return col;
  size_t len = strlen(text);
  uint32_t cp_col = 1;
  for (size_t i = 0; i + 1 < col; i++) {
    if (i >= len) {
      cp_col += (uint32_t)(col - 1 - i); /* past the end: keep the distance */
      break;
    }
    if (((unsigned char)text[i] & 0xc0) != 0x80) cp_col++;
  }
  return cp_col;
}

static json_t *sarif_physical_location(const sarif_writer *w, const fl_location *loc) {
  json_t *physical = json_pack("{s:o}", "artifactLocation", sarif_artifact_location(w, loc->file));
  if (loc->line == 0) return physical; /* file-level finding: no region */
  json_t *region = json_pack("{s:I}", "startLine", (json_int_t)loc->line);
  if (loc->col > 0)
    json_object_set_new(region, "startColumn",
                        json_integer(code_point_column(w, loc->file, loc->line, loc->col)));
  uint32_t end_line = loc->end_line >= loc->line ? loc->end_line : loc->line;
  json_object_set_new(region, "endLine", json_integer(end_line));
  if (loc->end_col > 0 && loc->col > 0 && (end_line > loc->line || loc->end_col >= loc->col))
    json_object_set_new(region, "endColumn",
                        json_integer(code_point_column(w, loc->file, end_line, loc->end_col)));
  json_object_set_new(physical, "region", region);
  return physical;
}

static json_t *sarif_code_flows(const sarif_writer *w, const fl_finding *finding) {
  json_t *steps = json_array();
  for (size_t i = 0; i < finding->nflow; i++) {
    const fl_location *step = &finding->flow[i];
    json_t *location = json_pack("{s:o}", "physicalLocation", sarif_physical_location(w, step));
    if (step->message) json_object_set_new(location, "message", sarif_message(step->message));
    json_array_append_new(steps, json_pack("{s:o}", "location", location));
  }
  return json_pack("[{s:[{s:o}]}]", "threadFlows", "locations", steps);
}

static json_t *sarif_result(sarif_writer *w, const fl_finding *finding) {
  size_t rule_index = sarif_rule_index(w, finding->rule_id);
  json_t *result = json_pack("{s:o,s:I,s:s,s:o}", "ruleId", fl_out_json_text(finding->rule_id), "ruleIndex",
                             (json_int_t)rule_index, "level", fl_out_sarif_level(finding->severity),
                             "message", sarif_message(finding->message));
  /* The enclosing function is a logical location of the primary location
   * (SARIF §3.28.4), next to the physical one. */
  json_t *location = json_pack("{s:o}", "physicalLocation", sarif_physical_location(w, &finding->primary));
  if (finding->function)
    json_object_set_new(location, "logicalLocations",
                        json_pack("[{s:o,s:s}]", "fullyQualifiedName", fl_out_json_text(finding->function),
                                  "kind", "function"));
  json_object_set_new(result, "locations", json_pack("[o]", location));
  json_t *fingerprints = json_object();
  if (finding->line_hash)
    json_object_set_new(fingerprints, "primaryLocationLineHash", json_string(finding->line_hash));
  if (finding->fingerprint)
    json_object_set_new(fingerprints, FL_FINGERPRINT_KEY, json_string(finding->fingerprint));
  json_object_set_new(result, "partialFingerprints", fingerprints);
  if (finding->nflow) json_object_set_new(result, "codeFlows", sarif_code_flows(w, finding));
  if (finding->suppressed) {
    json_t *suppression = json_pack("{s:s}", "kind", "inSource");
    if (finding->suppression_reason)
      json_object_set_new(suppression, "justification", fl_out_json_text(finding->suppression_reason));
    json_object_set_new(result, "suppressions", json_pack("[o]", suppression));
  }
  json_object_set_new(result, "properties",
                      json_pack("{s:s}", "severity", fl_severity_name(finding->severity)));
  return result;
}

static json_t *sarif_invocation(const fl_output_opts *opts) {
  json_t *invocation = json_pack("{s:b}", "executionSuccessful", 1);
  if (opts->command_line)
    json_object_set_new(invocation, "commandLine", fl_out_json_text(opts->command_line));
  const fl_run_summary *summary = opts->summary;
  if (summary && summary->units_failed) {
    fl_strbuf text = FL_STRBUF_INIT;
    fl_strbuf_printf(&text, "%zu of %zu translation units failed to parse and were not analysed",
                     summary->units_failed, summary->units_total);
    json_object_set_new(invocation, "toolExecutionNotifications",
                        json_pack("[{s:s,s:o}]", "level", "warning", "message", sarif_message(text.data)));
    fl_strbuf_free(&text);
  }
  return invocation;
}

int fl_output_sarif(FILE *out, const fl_findings *findings, fl_source_cache *sources,
                    const fl_output_opts *opts) {
  static const fl_output_opts no_opts;
  if (!opts) opts = &no_opts;
  errno = 0; /* so a failed write reports its own cause */
  sarif_writer w = {sources, opts, NULL, json_array(), FL_PTRVEC_INIT};
  w.root = fl_path_absolute(opts->source_root ? opts->source_root : ".");
  if (!w.root) {
    json_decref(w.rules);
    return fl_error_set(FL_EIO, "cannot determine the source root for SARIF (current directory unreadable)");
  }
  sarif_rules_init(&w);
  json_t *results = json_array();
  for (size_t i = 0; i < findings->count; i++)
    json_array_append_new(results, sarif_result(&w, findings->items[i]));

  json_t *driver = json_pack("{s:s}", "name", "ffi-lint");
  if (opts->tool_version) {
    json_object_set_new(driver, "version", fl_out_json_text(opts->tool_version));
    json_object_set_new(driver, "semanticVersion", fl_out_json_text(opts->tool_version));
  }
  if (opts->information_uri)
    json_object_set_new(driver, "informationUri", fl_out_json_text(opts->information_uri));
  json_object_set_new(driver, "rules", w.rules);

  char *root_uri = fl_path_to_file_uri(w.root, 1);
  json_t *run = json_pack("{s:{s:o},s:[o],s:{s:{s:o}},s:s,s:o}", "tool", "driver", driver, "invocations",
                          sarif_invocation(opts), "originalUriBaseIds", SARIF_SRCROOT, "uri",
                          fl_out_json_text(root_uri), "columnKind", "unicodeCodePoints", "results", results);
  free(root_uri);
  json_t *doc = json_pack("{s:s,s:s,s:[o]}", "$schema", SARIF_SCHEMA, "version", "2.1.0", "runs", run);

  int rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  json_decref(doc);
  fl_ptrvec_free(&w.rule_ids);
  free(w.root);
  if (rc != 0 || fputc('\n', out) == EOF || fflush(out) != 0 || ferror(out))
    return fl_error_set(FL_EIO, "cannot write SARIF output: %s", strerror(errno ? errno : EIO));
  return FL_OK;
}
