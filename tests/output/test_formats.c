/* The three output formats on one hand-built set of findings over the
 * fixture sources in tests/output/src: golden files for the exact bytes,
 * plus explicit checks of what GitHub code scanning and scripts rely on (so
 * a golden refreshed by mistake cannot hide a broken field). */
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "core/error.h"
#include "output/fingerprint.h"
#include "output/output.h"
#include "output/paths.h"
#include "output/suppress.h"

typedef struct fixture {
  char *src_dir; /* absolute tests/output/src */
  char *root;    /* absolute tests/output: the SARIF source root */
  fl_findings findings;
  fl_source_cache *sources;
  fl_ptrvec warnings;
  fl_rule_meta_set rules_meta;
  fl_rule_meta metas[3];
  fl_run_summary summary;
  fl_output_opts opts;
} fixture;

/* Where the test was started (the build tree): .actual files go there, not
 * into the source tree the fixture changes into. */
static char start_dir[PATH_MAX] = ".";

/* Findings name files as the driver hands them over: relative to the
 * current directory (the fixture runs from tests/output), so fingerprints
 * and goldens do not depend on where the checkout lives. */
static char *src_path(const fixture *fx, const char *name) {
  (void)fx;
  char *path = malloc(strlen(name) + 5);
  sprintf(path, "src/%s", name);
  return path;
}

static fl_loc loc_of(const char *file, uint32_t line, uint32_t col, uint32_t end_col) {
  return (fl_loc){file, line, col, line, end_col};
}

static char *languages_c[] = {"c", "c++"};
static char *languages_cxx[] = {"c++"};
static char *references[] = {"https://example.invalid/seed-001", "CERT ERR59-CPP"};
static const char *const enabled_rules[] = {"handle-check-then-use", "unwind-across-ffi", "unguarded-length"};

static void fixture_meta(fixture *fx) {
  fx->metas[0] = (fl_rule_meta){
      .id = "handle-check-then-use",
      .title = "Handle checked, then used without the lock the free path takes",
      .severity = "high",
      .languages = languages_c,
      .nlanguages = 2,
      .cwe = "CWE-367",
      .description =
          "A state check on a handle is followed by a use of its inner object while a concurrent free can run.",
      .why = "The free can happen between the check and the use: a use-after-free.",
      .fix = "Hold the lock across the use, or take a guard claim the free drains.",
      .references = references,
      .nreferences = 1,
      .help_uri = "https://example.invalid/rules/handle-check-then-use"};
  fx->metas[1] =
      (fl_rule_meta){.id = "unwind-across-ffi",
                     .title = "Exception can unwind across a C boundary",
                     .severity = "high",
                     .languages = languages_cxx,
                     .nlanguages = 1,
                     .cwe = "CWE-755",
                     .description = "A function called from C lets an exception escape.",
                     .why = "Unwinding through C frames is undefined behaviour.",
                     .fix = "Catch everything at the boundary: try { ... } catch (...) { return ERR; }",
                     .references = references,
                     .nreferences = 2};
  fx->metas[2] = (fl_rule_meta){
      .id = "unguarded-length", .title = "Length crosses the boundary unchecked", .severity = "medium"};
  fx->rules_meta = (fl_rule_meta_set){fx->metas, 3};
}

static void fixture_findings(fixture *fx) {
  char *stream = src_path(fx, "stream.cpp"), *crlf = src_path(fx, "crlf.c"), *gone = src_path(fx, "gone.c");
  fl_finding *f = fl_finding_new(
      "handle-check-then-use", FL_SEV_HIGH, loc_of(stream, 13, 3, 33), "stream_recv", FL_LANG_C,
      "s->inner is used after a check of s->closed, without the lock that %s takes", "stream_free");
  fl_finding_add_step(f, loc_of(stream, 12, 6, 16), "check: s->closed is read");
  fl_finding_add_step(f, loc_of(stream, 13, 3, 33), "use: s->inner is passed to inner_recv");
  fl_finding_add_step(f, loc_of(stream, 18, 2, 16), "free: stream_free frees s->inner");
  fl_findings_push(&fx->findings, f);

  f = fl_finding_new("unwind-across-ffi", FL_SEV_HIGH, loc_of(stream, 22, 10, 25), "export_parse",
                     FL_LANG_CXX, "std::stoi can throw out of extern \"C\" function export_parse");
  fl_finding_add_step(f, loc_of(stream, 21, 1, 48), "root: export_parse has C linkage");
  fl_finding_add_step(f, loc_of(stream, 22, 10, 25), "std::stoi may throw std::invalid_argument");
  fl_findings_push(&fx->findings, f);

  fl_findings_push(&fx->findings,
                   fl_finding_new("unguarded-length", FL_SEV_HIGH, loc_of(stream, 27, 3, 22), "export_copy",
                                  FL_LANG_CXX, "memcpy length n comes from the caller"));
  fl_findings_push(&fx->findings,
                   fl_finding_new("unguarded-length", FL_SEV_MEDIUM, loc_of(crlf, 3, 20, 39), "\xcf\x80_copy",
                                  FL_LANG_C, "memcpy length n is not bounded by the size of dst"));
  f = fl_finding_new("unwind-across-ffi", FL_SEV_LOW, loc_of(gone, 5, 1, 10), "ns::Cls::method", FL_LANG_CXX,
                     "only allocation failure (std::bad_alloc) can escape");
  fl_finding_add_step(f, loc_of(gone, 2, 3, 12), "new may throw std::bad_alloc");
  fl_findings_push(&fx->findings, f);
  /* Outside the roots; the message carries a byte that is not UTF-8. */
  fl_findings_push(&fx->findings,
                   fl_finding_new("missing-keepalive", FL_SEV_MEDIUM,
                                  loc_of("/nonexistent/elsewhere/x.go", 7, 2, 20), "Stream.Recv", FL_LANG_GO,
                                  "o.ptr passed to C after the last use of o (\xff)"));
  free(stream);
  free(crlf);
  free(gone);
}

/* The pipeline the CLI runs: sort, suppress, fingerprint. */
static void fixture_init(fixture *fx, const char *src_dir) {
  memset(fx, 0, sizeof *fx);
  char resolved[PATH_MAX];
  if (!realpath(src_dir, resolved)) {
    perror(src_dir);
    exit(2);
  }
  fx->src_dir = strdup(resolved);
  char *parent = malloc(strlen(resolved) + 4);
  sprintf(parent, "%s/..", resolved);
  fx->root = fl_path_normalize(parent);
  free(parent);
  if (!getcwd(start_dir, sizeof start_dir)) snprintf(start_dir, sizeof start_dir, "/tmp");
  if (chdir(fx->root) != 0) {
    perror(fx->root);
    exit(2);
  }
  fixture_meta(fx);
  fixture_findings(fx);
  fx->sources = fl_source_cache_new();
  fl_findings_sort_unique(&fx->findings);
  fl_suppress_apply(&fx->findings, fx->sources, &fx->warnings);
  fl_fingerprint_compute(&fx->findings, fx->sources);
  fx->summary = (fl_run_summary){.units_total = 12, .units_failed = 1, .functions = 40, .seconds = 0.25};
  fx->opts = (fl_output_opts){.base_dir = fx->root,
                              .source_root = fx->root,
                              .tool_version = "9.9.9-test",
                              .information_uri = "https://example.invalid/ffi-lint",
                              .command_line = "ffi-lint --format sarif src",
                              .rules_meta = &fx->rules_meta,
                              .enabled_rules = enabled_rules,
                              .nenabled_rules = 3,
                              .summary = &fx->summary};
}

static void fixture_free(fixture *fx) {
  fl_findings_clear(&fx->findings);
  fl_source_cache_free(fx->sources);
  for (size_t i = 0; i < fx->warnings.count; i++) free(fx->warnings.items[i]);
  fl_ptrvec_free(&fx->warnings);
  free(fx->src_dir);
  free(fx->root);
}

typedef int (*writer_fn)(FILE *, const fl_findings *, fl_source_cache *, const fl_output_opts *);

/* Runs a writer into memory; heap string. */
static char *render(fixture *fx, writer_fn writer, const fl_output_opts *opts) {
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  CHECK(writer(out, &fx->findings, fx->sources, opts) == FL_OK);
  fclose(out);
  return text;
}

/* Replaces every `from` in `text` with `to`; returns a new heap string and
 * frees `text`. */
static char *replace_all(char *text, const char *from, const char *to) {
  size_t from_len = strlen(from), to_len = strlen(to), count = 0;
  for (const char *p = strstr(text, from); p; p = strstr(p + from_len, from)) count++;
  char *out = malloc(strlen(text) + count * to_len + 1), *w = out;
  const char *r = text;
  for (const char *p = strstr(r, from); p; p = strstr(r, from)) {
    memcpy(w, r, (size_t)(p - r));
    w += p - r;
    memcpy(w, to, to_len);
    w += to_len;
    r = p + from_len;
  }
  strcpy(w, r);
  free(text);
  return out;
}

/* Machine-independent form of an output: the checkout's absolute paths
 * become @ROOT@. */
static char *portable(const fixture *fx, char *text) {
  char *root_uri = fl_path_to_file_uri(fx->root, 0);
  text = replace_all(text, root_uri, "file://@ROOT@");
  free(root_uri);
  return replace_all(text, fx->root, "@ROOT@");
}


static void check_golden(const char *golden_dir, const char *name, const char *actual) {
  char path[PATH_MAX];
  snprintf(path, sizeof path, "%s/%s", golden_dir, name);
  const char *update = getenv("FL_UPDATE_GOLDEN");
  if (update && *update && strcmp(update, "0") != 0) {
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
      fputs(actual, f);
      fclose(f);
    }
    printf("updated %s\n", path);
    return;
  }
  char *expected = test_read_file(path);
  if (!expected || strcmp(expected, actual) != 0) {
    char actual_path[PATH_MAX + 64]; /* room for the suffix: gcc -O3 checks it */
    int n = snprintf(actual_path, sizeof actual_path, "%s/%s.actual", start_dir, name);
    FILE *f = n > 0 && (size_t)n < sizeof actual_path ? fopen(actual_path, "wb") : NULL;
    if (f) {
      fputs(actual, f);
      fclose(f);
    }
    fprintf(stderr, "%s differs from the golden file; see: diff -u %s %s (FL_UPDATE_GOLDEN=1 rewrites it)\n",
            name, path, actual_path);
    fl_test_failures++;
  }
  free(expected);
}

static void check_text(fixture *fx, const char *golden_dir) {
  char *text = render(fx, fl_output_text, &fx->opts);
  CHECK(strstr(text, "stream.cpp:13:3: error: s->inner is used after a check of s->closed") != NULL);
  CHECK(strstr(text, "\t\tinner_recv(s->inner, buf, len); /* \xc3\xa9: UTF-8 after the range */\n"
                     "\t\t^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n") != NULL);
  CHECK(strstr(text,
               "stream.cpp:12:6: note: check: s->closed is read\n\tif (!s->closed)\n\t    ^~~~~~~~~~\n") !=
        NULL);
  CHECK(strstr(text, "note: use: s->inner") == NULL); /* the primary is not repeated as a note */
  CHECK(strstr(text, "std::stoi can throw") == NULL); /* suppressed */
  CHECK(strstr(text, "memcpy length n comes from the caller") == NULL);
  /* CRLF source, multi-byte characters before the caret: one column each. */
  CHECK(strstr(text, "crlf.c:3:20: warning: memcpy length n is not bounded") != NULL);
  CHECK(strstr(text, "\t/* \xc3\xbcn\xc3\xaf"
                     "c\xc3\xb6"
                     "d\xc3\xa9 */ memcpy(dst, src, n);\n"
                     "\t              ^~~~~~~~~~~~~~~~~~~\n") != NULL);
  CHECK(strstr(text, "\r") == NULL);
  CHECK(strstr(text, "gone.c:5:1: warning: only allocation failure") !=
        NULL); /* low -> warning, no excerpt */
  CHECK(strstr(text, "/nonexistent/elsewhere/x.go:7:2: warning:") != NULL);
  /* The closing summary is the CLI's (on stderr), not part of the document. */
  CHECK(strstr(text, "ffi-lint: ") == NULL);
  CHECK(strstr(text, "\033[") == NULL);
  check_golden(golden_dir, "text.txt", text);
  free(text);

  fl_output_opts color = fx->opts;
  color.color = true;
  text = render(fx, fl_output_text, &color);
  CHECK(strstr(text, "\033[1;31merror") != NULL);
  CHECK(strstr(text, "\033[1;35mwarning") != NULL);
  CHECK(strstr(text, "\033[1;32m\t\t^~~~") != NULL);
  CHECK(strstr(text, "\033[1msrc/stream.cpp:13:3: ") != NULL);
  check_golden(golden_dir, "text-color.txt", text);
  free(text);

  /* No findings at all: an empty document. */
  fl_findings none = FL_FINDINGS_INIT;
  char *empty = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&empty, &len);
  CHECK(fl_output_text(out, &none, fx->sources, NULL) == FL_OK);
  fclose(out);
  CHECK_STR(empty, "");
  free(empty);
}

static const char *str_at(json_t *object, const char *path) {
  json_t *value = json_object_get(object, path);
  return json_is_string(value) ? json_string_value(value) : NULL;
}

/* result.locations[0] and the parts of it the checks read. */
static json_t *primary_location(json_t *result) {
  return json_array_get(json_object_get(result, "locations"), 0);
}
static json_t *primary_physical(json_t *result) {
  return json_object_get(primary_location(result), "physicalLocation");
}
static const char *primary_function(json_t *result) {
  return str_at(json_array_get(json_object_get(primary_location(result), "logicalLocations"), 0),
                "fullyQualifiedName");
}

/* What GitHub code scanning needs from each rule and result. */
static void check_sarif_structure(json_t *doc) {
  CHECK_STR(str_at(doc, "version"), "2.1.0");
  CHECK(str_at(doc, "$schema") != NULL);
  json_t *run = json_array_get(json_object_get(doc, "runs"), 0);
  CHECK(run != NULL);
  json_t *driver = json_object_get(json_object_get(run, "tool"), "driver");
  CHECK_STR(str_at(driver, "name"), "ffi-lint");
  CHECK_STR(str_at(driver, "version"), "9.9.9-test");
  CHECK_STR(str_at(driver, "informationUri"), "https://example.invalid/ffi-lint");
  json_t *rules = json_object_get(driver, "rules");
  CHECK(json_array_size(rules) == 4); /* 3 enabled + missing-keepalive, seen only in a finding */
  size_t i;
  json_t *rule;
  json_array_foreach(rules, i, rule) {
    CHECK(str_at(rule, "id") && str_at(rule, "name"));
    CHECK(str_at(json_object_get(rule, "shortDescription"), "text"));
    CHECK(str_at(json_object_get(rule, "fullDescription"), "text"));
    CHECK(str_at(json_object_get(rule, "help"), "text") && str_at(json_object_get(rule, "help"), "markdown"));
    const char *level = str_at(json_object_get(rule, "defaultConfiguration"), "level");
    CHECK(level && (!strcmp(level, "error") || !strcmp(level, "warning") || !strcmp(level, "note")));
    json_t *properties = json_object_get(rule, "properties");
    const char *score = str_at(properties, "security-severity");
    CHECK(score && atof(score) > 0.0 && atof(score) <= 10.0);
    CHECK(json_is_array(json_object_get(properties, "tags")));
    CHECK(str_at(properties, "precision") && str_at(properties, "problem.severity"));
  }
  CHECK_STR(str_at(json_array_get(rules, 0), "name"), "HandleCheckThenUse");
  CHECK_STR(str_at(json_array_get(rules, 0), "helpUri"),
            "https://example.invalid/rules/handle-check-then-use");
  CHECK_STR(str_at(json_object_get(json_array_get(rules, 0), "properties"), "security-severity"), "8.0");
  CHECK_STR(str_at(json_object_get(json_array_get(rules, 2), "properties"), "security-severity"), "5.5");
  CHECK_STR(str_at(json_array_get(rules, 3), "id"), "missing-keepalive");

  json_t *base = json_object_get(json_object_get(run, "originalUriBaseIds"), "%SRCROOT%");
  const char *base_uri = str_at(base, "uri");
  CHECK(base_uri && !strncmp(base_uri, "file:///", 8) && base_uri[strlen(base_uri) - 1] == '/');
  json_t *invocation = json_array_get(json_object_get(run, "invocations"), 0);
  CHECK(json_is_true(json_object_get(invocation, "executionSuccessful")));
  CHECK_STR(str_at(invocation, "commandLine"), "ffi-lint --format sarif src");

  json_t *results = json_object_get(run, "results");
  CHECK(json_array_size(results) == 6); /* suppressed ones stay, marked */
  json_t *result;
  size_t suppressed = 0;
  json_array_foreach(results, i, result) {
    json_int_t index = json_integer_value(json_object_get(result, "ruleIndex"));
    CHECK_STR(str_at(json_array_get(rules, (size_t)index), "id"), str_at(result, "ruleId"));
    CHECK(str_at(json_object_get(result, "message"), "text"));
    json_t *physical = primary_physical(result);
    const char *uri = str_at(json_object_get(physical, "artifactLocation"), "uri");
    CHECK(uri && uri[0] != '/');
    json_t *region = json_object_get(physical, "region");
    CHECK(json_integer_value(json_object_get(region, "startLine")) >= 1);
    CHECK(json_integer_value(json_object_get(region, "startColumn")) >= 1);
    CHECK(json_integer_value(json_object_get(region, "endLine")) >=
          json_integer_value(json_object_get(region, "startLine")));
    CHECK(json_integer_value(json_object_get(region, "endColumn")) >= 1);
    const char *fingerprint = str_at(json_object_get(result, "partialFingerprints"), FL_FINGERPRINT_KEY);
    CHECK(fingerprint && strlen(fingerprint) == FL_FINGERPRINT_HEX_LEN);
    json_t *logical = json_array_get(json_object_get(primary_location(result), "logicalLocations"), 0);
    CHECK(str_at(logical, "fullyQualifiedName") && str_at(logical, "kind") &&
          !strcmp(str_at(logical, "kind"), "function"));
    if (json_object_get(result, "suppressions")) suppressed++;
  }
  CHECK(suppressed == 2);
}

/* Finds the result whose primary location is `uri`:`line`. */
static json_t *sarif_result_at(json_t *doc, const char *uri, json_int_t line) {
  json_t *results = json_object_get(json_array_get(json_object_get(doc, "runs"), 0), "results");
  size_t i;
  json_t *result;
  json_array_foreach(results, i, result) {
    json_t *physical = primary_physical(result);
    const char *at = str_at(json_object_get(physical, "artifactLocation"), "uri");
    if (at && !strcmp(at, uri) &&
        json_integer_value(json_object_get(json_object_get(physical, "region"), "startLine")) == line)
      return result;
  }
  fprintf(stderr, "no SARIF result at %s:%lld\n", uri, (long long)line);
  fl_test_failures++;
  return NULL;
}

static void check_sarif_results(json_t *doc) {
  json_t *use = sarif_result_at(doc, "src/stream.cpp", 13);
  if (use) {
    CHECK_STR(str_at(use, "level"), "error");
    CHECK_STR(str_at(json_object_get(primary_physical(use), "artifactLocation"), "uriBaseId"), "%SRCROOT%");
    CHECK_STR(primary_function(use), "stream_recv");
    json_t *flow = json_array_get(json_object_get(use, "codeFlows"), 0);
    json_t *steps = json_object_get(json_array_get(json_object_get(flow, "threadFlows"), 0), "locations");
    CHECK(json_array_size(steps) == 3);
    json_t *free_step = json_object_get(json_array_get(steps, 2), "location");
    CHECK_STR(str_at(json_object_get(free_step, "message"), "text"), "free: stream_free frees s->inner");
    const char *line_hash = str_at(json_object_get(use, "partialFingerprints"), "primaryLocationLineHash");
    CHECK(line_hash && strlen(line_hash) == 18 && !strcmp(line_hash + 16, ":1"));
    CHECK(json_object_get(use, "suppressions") == NULL);
  }
  json_t *stoi = sarif_result_at(doc, "src/stream.cpp", 22);
  if (stoi) {
    json_t *suppression = json_array_get(json_object_get(stoi, "suppressions"), 0);
    CHECK_STR(str_at(suppression, "kind"), "inSource");
    CHECK_STR(str_at(suppression, "justification"), "caller validates digits first");
  }
  json_t *memcpy_result = sarif_result_at(doc, "src/stream.cpp", 27);
  if (memcpy_result) {
    json_t *suppression = json_array_get(json_object_get(memcpy_result, "suppressions"), 0);
    CHECK_STR(str_at(suppression, "kind"), "inSource");
    CHECK(json_object_get(suppression, "justification") == NULL);
  }
  json_t *crlf = sarif_result_at(doc, "src/crlf.c", 3);
  if (crlf) { /* byte columns 20..39 are code points 16..35 on that line */
    json_t *region = json_object_get(primary_physical(crlf), "region");
    CHECK(json_integer_value(json_object_get(region, "startColumn")) == 16);
    CHECK(json_integer_value(json_object_get(region, "endColumn")) == 35);
    CHECK_STR(primary_function(crlf), "\xcf\x80_copy");
  }
  json_t *gone = sarif_result_at(doc, "src/gone.c", 5);
  if (gone) { /* unreadable source: no line hash, GitHub computes its own */
    CHECK(json_object_get(json_object_get(gone, "partialFingerprints"), "primaryLocationLineHash") == NULL);
    CHECK_STR(str_at(gone, "level"), "note");
  }
  json_t *outside = sarif_result_at(doc, "file:///nonexistent/elsewhere/x.go", 7);
  if (outside) {
    CHECK(json_object_get(json_object_get(primary_physical(outside), "artifactLocation"), "uriBaseId") ==
          NULL);
    CHECK(strstr(str_at(json_object_get(outside, "message"), "text"), "\xef\xbf\xbd") != NULL); /* U+FFFD */
  }
}

static void check_sarif(fixture *fx, const char *golden_dir) {
  char *text = render(fx, fl_output_sarif, &fx->opts);
  json_error_t error;
  json_t *doc = json_loads(text, 0, &error);
  CHECK(doc != NULL);
  if (doc) {
    check_sarif_structure(doc);
    check_sarif_results(doc);
    json_decref(doc);
  } else {
    fprintf(stderr, "SARIF does not parse: %s at line %d\n", error.text, error.line);
  }
  check_golden(golden_dir, "sarif.json", text = portable(fx, text));
  free(text);
}

static void check_json(fixture *fx, const char *golden_dir) {
  char *text = render(fx, fl_output_json, &fx->opts);
  json_error_t error;
  json_t *doc = json_loads(text, 0, &error);
  CHECK(doc != NULL);
  if (doc) {
    CHECK(json_integer_value(json_object_get(doc, "version")) == 1);
    json_t *summary = json_object_get(doc, "summary");
    CHECK(json_integer_value(json_object_get(summary, "findings")) == 4);
    CHECK(json_integer_value(json_object_get(summary, "suppressed")) == 2);
    CHECK(json_integer_value(json_object_get(json_object_get(summary, "by_severity"), "medium")) == 2);
    CHECK(json_integer_value(json_object_get(summary, "units_failed")) == 1);
    json_t *findings = json_object_get(doc, "findings");
    CHECK(json_array_size(findings) == 6);
    static const char *const fields[] = {"rule",     "severity",    "message",    "file",
                                         "line",     "column",      "end_line",   "end_column",
                                         "function", "fingerprint", "suppressed", "suppression_reason",
                                         "flow"};
    size_t i;
    json_t *finding;
    json_array_foreach(findings, i, finding) {
      for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++)
        if (!json_object_get(finding, fields[f])) {
          fprintf(stderr, "JSON finding %zu lacks '%s'\n", i, fields[f]);
          fl_test_failures++;
        }
    }
    json_t *last = json_array_get(findings, 5); /* sorted: stream.cpp:27 */
    CHECK_STR(str_at(last, "file"), "src/stream.cpp");
    CHECK(json_is_true(json_object_get(last, "suppressed")));
    CHECK(json_is_null(json_object_get(last, "suppression_reason")));
    json_t *use = json_array_get(findings, 3);
    CHECK(json_integer_value(json_object_get(use, "line")) == 13);
    CHECK(json_array_size(json_object_get(use, "flow")) == 3);
    CHECK_STR(str_at(json_array_get(json_object_get(use, "flow"), 0), "message"), "check: s->closed is read");
    json_decref(doc);
  } else {
    fprintf(stderr, "JSON does not parse: %s at line %d\n", error.text, error.line);
  }
  check_golden(golden_dir, "findings.json", text = portable(fx, text));
  free(text);
}

/* A full disk is an error the caller hears about, for every format. */
static void check_write_errors(fixture *fx) {
  writer_fn writers[] = {fl_output_text, fl_output_sarif, fl_output_json};
  for (size_t i = 0; i < 3; i++) {
    FILE *full = fopen("/dev/full", "w");
    if (!full) return; /* not Linux */
    CHECK(writers[i](full, &fx->findings, fx->sources, &fx->opts) == FL_EIO);
    fclose(full);
  }
}

void test_formats(const char *src_dir, const char *golden_dir) {
  fixture fx;
  fixture_init(&fx, src_dir);
  CHECK(fx.findings.count == 6);
  CHECK(fx.warnings.count == 1);
  if (fx.warnings.count == 1) {
    char expected[PATH_MAX + 100];
    snprintf(expected, sizeof expected,
             "%s", "src/stream.cpp:26: warning: suppression of unguarded-length has no reason");
    CHECK_STR(fx.warnings.items[0], expected);
  }
  check_text(&fx, golden_dir);
  check_sarif(&fx, golden_dir);
  check_json(&fx, golden_dir);
  check_write_errors(&fx);
  fixture_free(&fx);
}

int emit_fixture_sarif(const char *src_dir, const char *path) {
  fixture fx;
  fixture_init(&fx, src_dir);
  FILE *out = fopen(path, "w");
  if (!out) {
    perror(path);
    fixture_free(&fx);
    return -1;
  }
  int rc = fl_output_sarif(out, &fx.findings, fx.sources, &fx.opts);
  if (fclose(out) != 0) rc = -1;
  fixture_free(&fx);
  return rc;
}
