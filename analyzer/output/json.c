/* Flat JSON output for scripts (design.md §5; schema in docs/output.md):
 * {"version": 1, "tool": {...}, "summary": {...}, "findings": [...]}.
 * Paths are printed like the text output's (relative to base_dir). */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "common.h"
#include "output.h"
#include "paths.h"

#define JSON_FORMAT_VERSION 1

static json_t *json_path(const fl_output_opts *opts, const char *file) {
  char *path = fl_path_relative_to(file, opts->base_dir);
  json_t *value = fl_out_json_text(path);
  free(path);
  return value;
}

static json_t *json_flow(const fl_output_opts *opts, const fl_finding *finding) {
  json_t *flow = json_array();
  for (size_t i = 0; i < finding->nflow; i++) {
    const fl_location *step = &finding->flow[i];
    json_array_append_new(flow,
                          json_pack("{s:o,s:I,s:I,s:I,s:I,s:o}", "file", json_path(opts, step->file), "line",
                                    (json_int_t)step->line, "column", (json_int_t)step->col, "end_line",
                                    (json_int_t)step->end_line, "end_column", (json_int_t)step->end_col,
                                    "message", fl_out_json_text(step->message)));
  }
  return flow;
}

static json_t *json_finding(const fl_output_opts *opts, const fl_finding *finding) {
  const fl_location *primary = &finding->primary;
  json_t *object = json_pack(
      "{s:o,s:s,s:o,s:o,s:I,s:I,s:I,s:I}", "rule", fl_out_json_text(finding->rule_id), "severity",
      fl_severity_name(finding->severity), "message", fl_out_json_text(finding->message), "file",
      json_path(opts, primary->file), "line", (json_int_t)primary->line, "column", (json_int_t)primary->col,
      "end_line", (json_int_t)primary->end_line, "end_column", (json_int_t)primary->end_col);
  json_object_set_new(object, "function", fl_out_json_text(finding->function));
  json_object_set_new(object, "language", json_string(fl_lang_name(finding->lang)));
  json_object_set_new(object, "fingerprint", fl_out_json_text(finding->fingerprint));
  json_object_set_new(object, "line_hash", fl_out_json_text(finding->line_hash));
  json_object_set_new(object, "suppressed", json_boolean(finding->suppressed));
  json_object_set_new(object, "suppression_reason", fl_out_json_text(finding->suppression_reason));
  json_object_set_new(object, "flow", json_flow(opts, finding));
  return object;
}

static json_t *json_summary(const fl_output_opts *opts, const fl_findings *findings) {
  json_int_t by_severity[FL_SEV_HIGH + 1] = {0}, suppressed = 0;
  for (size_t i = 0; i < findings->count; i++) {
    const fl_finding *finding = findings->items[i];
    if (finding->suppressed)
      suppressed++;
    else if (finding->severity <= FL_SEV_HIGH)
      by_severity[finding->severity]++;
  }
  json_t *summary =
      json_pack("{s:I,s:I,s:{s:I,s:I,s:I}}", "findings", (json_int_t)findings->count - suppressed,
                "suppressed", suppressed, "by_severity", "high", by_severity[FL_SEV_HIGH], "medium",
                by_severity[FL_SEV_MEDIUM], "low", by_severity[FL_SEV_LOW]);
  const fl_run_summary *run = opts->summary;
  if (run) {
    json_object_set_new(summary, "units_total", json_integer((json_int_t)run->units_total));
    json_object_set_new(summary, "units_failed", json_integer((json_int_t)run->units_failed));
    json_object_set_new(summary, "units_partial", json_integer((json_int_t)run->units_partial));
    json_object_set_new(summary, "functions", json_integer((json_int_t)run->functions));
    json_object_set_new(summary, "seconds", json_real(run->seconds));
  }
  return summary;
}

int fl_output_json(FILE *out, const fl_findings *findings, fl_source_cache *sources,
                   const fl_output_opts *opts) {
  static const fl_output_opts no_opts;
  if (!opts) opts = &no_opts;
  (void)sources; /* the flat format carries no excerpts */
  errno = 0;     /* so a failed write reports its own cause */
  json_t *tool = json_pack("{s:s,s:o}", "name", "ffi-lint", "version", fl_out_json_text(opts->tool_version));
  json_t *list = json_array();
  for (size_t i = 0; i < findings->count; i++)
    json_array_append_new(list, json_finding(opts, findings->items[i]));
  json_t *doc = json_pack("{s:i,s:o,s:o,s:o}", "version", JSON_FORMAT_VERSION, "tool", tool, "summary",
                          json_summary(opts, findings), "findings", list);
  int rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  json_decref(doc);
  if (rc != 0 || fputc('\n', out) == EOF || fflush(out) != 0 || ferror(out))
    return fl_error_set(FL_EIO, "cannot write JSON output: %s", strerror(errno ? errno : EIO));
  return FL_OK;
}
