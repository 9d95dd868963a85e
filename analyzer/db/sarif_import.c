/* ffi-audit import-sarif: other tools' SARIF results as audit findings. */
#include <ctype.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/json_file.h"
#include "../core/strmap.h"
#include "db_internal.h"
#include "excerpt.h"
#include "sarif.h"

/* 128-bit FNV-1a, as two independent 64-bit halves: a stable identity, not
 * a security property. */
static void fingerprint_hex(const char *text, char out[33]) {
  uint64_t a = 0xcbf29ce484222325ull, b = 0x84222325cbf29ce4ull;
  for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
    a = (a ^ *p) * 0x100000001b3ull;
    b = (b ^ *p) * 0x100000001b3ull;
    b ^= b >> 29;
  }
  snprintf(out, 33, "%016llx%016llx", (unsigned long long)a, (unsigned long long)b);
}

static char *import_strdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *copy = malloc(n);
  if (!copy) abort();
  return memcpy(copy, s, n);
}

/* A result's path: file:// URIs made relative to source_root when inside it. */
static const char *import_path(const char *uri, const char *source_root) {
  if (strncmp(uri, "file://", 7) == 0) uri += 7;
  size_t n = strlen(source_root);
  if (n && strncmp(uri, source_root, n) == 0 && uri[n] == '/') uri += n + 1;
  return uri;
}

typedef struct import_ordinal {
  char *key;     /* identity text without ordinal */
  unsigned seen; /* results with this identity so far */
} import_ordinal;

typedef struct import_ctx {
  const char *path, *source_root;
  fl_excerpt_reader *sources;
  fl_strmap *ordinals; /* identity text -> import_ordinal */
  fl_ptrvec entries;   /* the owned import_ordinals */
} import_ctx;

/* The stable identity text of a result, before hashing. Heap-owned. */
static char *import_identity(import_ctx *ctx, const char *tool, const char *rule, const char *file,
                             unsigned line, json_t *result, json_t *region) {
  fl_strbuf identity = FL_STRBUF_INIT;
  fl_strbuf_printf(&identity, "%s\x1f%s\x1f", tool, rule);
  json_t *partial = json_object_get(result, "partialFingerprints");
  if (json_is_object(partial) && json_object_size(partial)) {
    /* Keys sorted, so the same fingerprints give the same identity. */
    const char *keys[32];
    size_t n = 0;
    const char *key;
    json_t *value;
    json_object_foreach(partial, key, value) if (n < 32 && json_is_string(value)) keys[n++] = key;
    for (size_t i = 1; i < n; i++)
      for (size_t j = i; j > 0 && strcmp(keys[j - 1], keys[j]) > 0; j--) {
        const char *t = keys[j];
        keys[j] = keys[j - 1];
        keys[j - 1] = t;
      }
    for (size_t i = 0; i < n; i++)
      fl_strbuf_printf(&identity, "%s=%s\x1f", keys[i], json_string_value(json_object_get(partial, keys[i])));
    if (n) return fl_strbuf_take(&identity);
  }
  fl_strbuf_printf(&identity, "%s\x1f", file);
  unsigned first = 0;
  char *text = fl_excerpt_read(ctx->sources, file, line, line, &first);
  const char *line_text = text ? text : json_string_value(json_object_get(json_object_get(region, "snippet"), "text"));
  if (line_text) {
    for (const char *p = line_text; *p; p++)
      if (!isspace((unsigned char)*p)) fl_strbuf_appendn(&identity, p, 1);
  } else {
    fl_strbuf_printf(&identity, "line %u", line); /* nothing better: moves with the line */
  }
  free(text);
  /* Identical lines flagged twice by one rule: tell them apart by order. */
  import_ordinal *ordinal = fl_strmap_get(ctx->ordinals, identity.data);
  if (!ordinal) {
    ordinal = calloc(1, sizeof *ordinal);
    if (!ordinal) abort();
    ordinal->key = import_strdup(identity.data);
    fl_ptrvec_push(&ctx->entries, ordinal);
    fl_strmap_put(ctx->ordinals, ordinal->key, ordinal);
  }
  fl_strbuf_printf(&identity, "\x1f%u", ordinal->seen++);
  return fl_strbuf_take(&identity);
}

static fl_severity import_severity(const char *level) {
  if (level && strcmp(level, "error") == 0) return FL_SEV_HIGH;
  if (level && (strcmp(level, "note") == 0 || strcmp(level, "none") == 0)) return FL_SEV_LOW;
  return FL_SEV_MEDIUM; /* "warning", SARIF's default */
}

static void import_flow(fl_finding *finding, json_t *result, const char *source_root) {
  json_t *steps = json_object_get(
      json_array_get(json_object_get(json_array_get(json_object_get(result, "codeFlows"), 0), "threadFlows"), 0),
      "locations");
  size_t i;
  json_t *step;
  json_array_foreach(steps, i, step) {
    json_t *location = json_object_get(step, "location");
    json_t *physical = json_object_get(location, "physicalLocation");
    const char *uri = json_string_value(json_object_get(json_object_get(physical, "artifactLocation"), "uri"));
    json_t *region = json_object_get(physical, "region");
    const char *message = json_string_value(json_object_get(json_object_get(location, "message"), "text"));
    fl_loc loc = {.file = uri ? import_path(uri, source_root) : "",
                  .line = (uint32_t)json_integer_value(json_object_get(region, "startLine")),
                  .col = (uint32_t)json_integer_value(json_object_get(region, "startColumn"))};
    fl_finding_add_step(finding, loc, "%s", message ? message : "");
  }
}

/* One SARIF result as a finding with its fingerprint; NULL (and an error
 * set) when it has no rule or location. */
static fl_finding *import_result(import_ctx *ctx, const char *tool, json_t *result, size_t run_index,
                                 size_t index) {
  const char *rule = json_string_value(json_object_get(result, "ruleId"));
  if (!rule) rule = json_string_value(json_object_get(json_object_get(result, "rule"), "id"));
  json_t *location = json_array_get(json_object_get(result, "locations"), 0);
  json_t *physical = json_object_get(location, "physicalLocation");
  const char *uri = json_string_value(json_object_get(json_object_get(physical, "artifactLocation"), "uri"));
  if (!rule || !uri) {
    fl_error_set(FL_EPARSE, "%s: runs[%zu].results[%zu]: no %s", ctx->path, run_index, index,
                 rule ? "physicalLocation.artifactLocation.uri" : "ruleId");
    return NULL;
  }
  json_t *region = json_object_get(physical, "region");
  const char *file = import_path(uri, ctx->source_root);
  uint32_t line = (uint32_t)json_integer_value(json_object_get(region, "startLine"));
  fl_loc loc = {.file = file,
                .line = line,
                .col = (uint32_t)json_integer_value(json_object_get(region, "startColumn")),
                .end_line = (uint32_t)json_integer_value(json_object_get(region, "endLine")),
                .end_col = (uint32_t)json_integer_value(json_object_get(region, "endColumn"))};
  json_t *logical = json_array_get(json_object_get(location, "logicalLocations"), 0);
  const char *symbol = json_string_value(json_object_get(logical, "fullyQualifiedName"));
  if (!symbol) symbol = json_string_value(json_object_get(logical, "name"));
  const char *message = json_string_value(json_object_get(json_object_get(result, "message"), "text"));
  fl_finding *finding = fl_finding_new(rule, import_severity(json_string_value(json_object_get(result, "level"))),
                                       loc, symbol, FL_LANG_C, "%s", message ? message : rule);
  import_flow(finding, result, ctx->source_root);
  json_t *suppression = json_array_get(json_object_get(result, "suppressions"), 0);
  if (suppression) {
    const char *why = json_string_value(json_object_get(suppression, "justification"));
    finding->suppressed = true;
    finding->suppression_reason = import_strdup(why ? why : "suppressed in the imported SARIF");
  }
  char *identity = import_identity(ctx, tool, rule, file, line, result, region);
  finding->fingerprint = malloc(33);
  if (!finding->fingerprint) abort();
  fingerprint_hex(identity, finding->fingerprint);
  free(identity);
  return finding;
}

static int import_run(fl_db *db, import_ctx *ctx, json_t *run, size_t run_index, fl_sarif_import_stats *stats) {
  json_t *driver = json_object_get(json_object_get(run, "tool"), "driver");
  const char *tool = json_string_value(json_object_get(driver, "name"));
  if (!tool) return fl_error_set(FL_EPARSE, "%s: runs[%zu].tool.driver.name missing", ctx->path, run_index);
  const char *version = json_string_value(json_object_get(driver, "version"));
  if (!version) version = json_string_value(json_object_get(driver, "semanticVersion"));
  const char *commit = json_string_value(
      json_object_get(json_array_get(json_object_get(run, "versionControlProvenance"), 0), "revisionId"));
  fl_findings findings = FL_FINDINGS_INIT;
  int rc = FL_OK;
  size_t index;
  json_t *result;
  json_array_foreach(json_object_get(run, "results"), index, result) {
    fl_finding *finding = import_result(ctx, tool, result, run_index, index);
    if (!finding) {
      rc = FL_EPARSE;
      goto done;
    }
    fl_findings_push(&findings, finding);
  }
  char arguments[1024];
  snprintf(arguments, sizeof arguments, "ffi-audit import-sarif %s", ctx->path);
  double now = fl_db_now();
  fl_run_info info = {.tool_version = version ? version : "unknown",
                      .arguments = arguments,
                      .source_root = ctx->source_root,
                      .git_commit = commit,
                      .started_at = now,
                      .finished_at = now};
  long long run_id;
  if ((rc = fl_db_store_run_as(db, tool, &info, &findings, &run_id))) goto done;
  stats->runs++;
  stats->findings += findings.count;
  stats->last_run_id = run_id;
done:
  fl_findings_clear(&findings);
  return rc;
}

int fl_db_import_sarif(fl_db *db, const char *path, const char *source_root, fl_sarif_import_stats *stats_out) {
  fl_sarif_import_stats stats = {0};
  json_t *root = NULL;
  int rc = fl_json_load_regular_file(&root, path);
  if (rc) {
    char reason[1024];
    snprintf(reason, sizeof reason, "%s", fl_error_last());
    return fl_error_set(rc, "cannot read SARIF: %s", reason);
  }
  json_t *runs = json_object_get(root, "runs");
  if (!json_is_array(runs)) {
    rc = fl_error_set(FL_EPARSE, "%s: not SARIF (no \"runs\" array)", path);
    json_decref(root);
    return rc;
  }
  import_ctx ctx = {.path = path, .source_root = source_root, .sources = fl_excerpt_reader_new(source_root),
                    .ordinals = fl_strmap_new()};
  size_t index;
  json_t *run;
  json_array_foreach(runs, index, run) {
    if ((rc = import_run(db, &ctx, run, index, &stats))) break;
  }
  for (size_t i = 0; i < ctx.entries.count; i++) {
    import_ordinal *ordinal = ctx.entries.items[i];
    free(ordinal->key);
    free(ordinal);
  }
  fl_ptrvec_free(&ctx.entries);
  fl_strmap_free(ctx.ordinals);
  fl_excerpt_reader_free(ctx.sources);
  json_decref(root);
  if (stats_out) *stats_out = stats;
  return rc;
}
