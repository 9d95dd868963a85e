/* Fingerprint v1: survives line shifts, re-indentation and edits elsewhere;
 * changes with the flagged code, the enclosing function, the rule and the
 * file. The pinned values are computed independently from the spec in
 * docs/output.md, so an accidental change of the algorithm fails here. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "output/fingerprint.h"

#define RULE "handle-check-then-use"
#define USE "inner_recv(" /* the finding's range runs to the next ')' */
/* sha256 of the spec's key for (RULE, "api.c", "api_call", "inner_recv(s->inner);", 0 / 1). */
#define PINNED_ORDINAL_0 "8f638b16d3cca144c49778262d89552b"
#define PINNED_ORDINAL_1 "e9007dc01604aafa0369f1585576435d"
#define PINNED_LINE_HASH "d5695023b7cd393c"

static const char base_source[] = "#include \"api.h\"\n"
                                  "\n"
                                  "static void helper(void) {}\n"
                                  "\n"
                                  "void api_call(struct s *s) {\n"
                                  "    if (s->flag)\n"
                                  "        inner_recv(s->inner);\n"
                                  "    log_it();\n"
                                  "}\n";

/* Adds a finding for every occurrence of USE in `file` (as the frontend
 * would, at its line and column). */
static void add_use_findings(fl_findings *findings, const char *file, const char *source, const char *rule,
                             const char *function) {
  unsigned line = 1;
  for (const char *p = source; *p; p++) {
    if (*p == '\n') {
      line++;
      continue;
    }
    if (strncmp(p, USE, strlen(USE)) != 0) continue;
    const char *line_start = p;
    while (line_start > source && line_start[-1] != '\n') line_start--;
    unsigned col = (unsigned)(p - line_start) + 1;
    const char *close = strchr(p, ')');
    fl_loc loc = {file, line, col, line, col + (unsigned)(close ? close - p + 1 : (long)strlen(USE))};
    fl_findings_push(findings,
                     fl_finding_new(rule, FL_SEV_HIGH, loc, function, FL_LANG_C, "use of s->inner"));
  }
}

/* Writes `source` to `file` and returns the fingerprint of its first USE
 * finding (heap); *line_hash_out gets a heap copy of its line hash. */
static char *fingerprint_of(const char *file, const char *source, const char *rule, const char *function,
                            char **line_hash_out) {
  free(test_write_file(".", file, source));
  fl_findings findings = FL_FINDINGS_INIT;
  add_use_findings(&findings, file, source, rule, function);
  fl_source_cache *sources = fl_source_cache_new();
  fl_fingerprint_compute(&findings, sources);
  char *fingerprint = NULL;
  if (findings.count) {
    fingerprint = strdup(findings.items[0]->fingerprint);
    if (line_hash_out)
      *line_hash_out = findings.items[0]->line_hash ? strdup(findings.items[0]->line_hash) : NULL;
  }
  fl_source_cache_free(sources);
  fl_findings_clear(&findings);
  return fingerprint;
}

static void check_same(const char *what, const char *source, const char *function, const char *base) {
  char *line_hash = NULL;
  char *fingerprint = fingerprint_of("api.c", source, RULE, function, &line_hash);
  if (!fingerprint || strcmp(fingerprint, base) != 0) {
    fprintf(stderr, "%s: fingerprint changed (%s vs %s)\n", what, fingerprint ? fingerprint : "none", base);
    fl_test_failures++;
  }
  CHECK_STR(line_hash, PINNED_LINE_HASH ":1");
  free(line_hash);
  free(fingerprint);
}

static void check_different(const char *what, const char *file, const char *source, const char *rule,
                            const char *function, const char *base) {
  char *fingerprint = fingerprint_of(file, source, rule, function, NULL);
  if (!fingerprint || strcmp(fingerprint, base) == 0) {
    fprintf(stderr, "%s: fingerprint did not change\n", what);
    fl_test_failures++;
  }
  free(fingerprint);
}

static void test_stability(void) {
  char *line_hash = NULL;
  char *base = fingerprint_of("api.c", base_source, RULE, "api_call", &line_hash);
  CHECK_STR(base, PINNED_ORDINAL_0);
  CHECK_STR(line_hash, PINNED_LINE_HASH ":1");
  free(line_hash);

  check_same(
      "lines inserted above",
      "// Copyright\n// more header\n\n#include \"api.h\"\n#include <stdio.h>\n\n"
      "static void helper(void) {}\n\nstatic int other(void) { return 1; }\n\n"
      "void api_call(struct s *s) {\n    if (s->flag)\n        inner_recv(s->inner);\n    log_it();\n}\n",
      "api_call", base);
  check_same("re-indented with tabs and inner spaces",
             "#include \"api.h\"\n\nstatic void helper(void) {}\n\nvoid api_call(struct s *s)\n{\n"
             "\tif (s->flag) {\n\t\tinner_recv( s->inner ) ;\n\t}\n\tlog_it();\n}\n",
             "api_call", base);
  check_same("unrelated function renamed",
             "#include \"api.h\"\n\nstatic void helper_renamed(void) {}\n\nvoid api_call(struct s *s) {\n"
             "    if (s->flag)\n        inner_recv(s->inner);\n    log_it();\n}\n",
             "api_call", base);
  check_same("other lines edited",
             "#include \"api.h\"\n\nstatic void helper(void) {}\n\nvoid api_call(struct s *s) {\n"
             "    if (!s->closed && s->flag)\n        inner_recv(s->inner);\n    log_everything(s);\n}\n",
             "api_call", base);

  check_different("flagged line changed", "api.c",
                  "#include \"api.h\"\n\nvoid api_call(struct s *s) {\n    if (s->flag)\n"
                  "        inner_recv(s->inner, 0);\n}\n",
                  RULE, "api_call", base);
  check_different("enclosing function renamed", "api.c",
                  "#include \"api.h\"\n\nvoid api_call_v2(struct s *s) {\n    if (s->flag)\n"
                  "        inner_recv(s->inner);\n}\n",
                  RULE, "api_call_v2", base);
  check_different("other rule", "api.c", base_source, "missing-keepalive", "api_call", base);

  /* A C++ lambda is named after its position; lines inserted above it move
   * the position, not the finding's identity (regression: the audit DB saw
   * resolved + new after an edit above a lambda). */
  char *lambda_before = fingerprint_of("api.c", base_source, RULE, "reg::(lambda at api.c:5:10)", NULL);
  char *lambda_after = fingerprint_of("api.c", base_source, RULE, "reg::(lambda at api.c:9:10)", NULL);
  char *other_function = fingerprint_of("api.c", base_source, RULE, "other::(lambda at api.c:5:10)", NULL);
  CHECK_STR(lambda_after, lambda_before);
  CHECK(other_function && lambda_before && strcmp(other_function, lambda_before) != 0);
  free(lambda_before);
  free(lambda_after);
  free(other_function);
  check_different("other file", "api_copy.c", base_source, RULE, "api_call", base);
  free(base);
}

/* Two identical findings in one function: ordinals tell them apart, and the
 * assignment follows line order, not list order. */
static void test_ordinals(void) {
  const char *source = "void api_call(struct s *s) {\n"
                       "    inner_recv(s->inner);\n"
                       "    log_it();\n"
                       "    inner_recv(s->inner);\n"
                       "}\n";
  free(test_write_file(".", "api.c", source));
  fl_findings findings = FL_FINDINGS_INIT;
  add_use_findings(&findings, "api.c", source, RULE, "api_call");
  CHECK(findings.count == 2);
  /* Reverse the list: the line-2 finding must still get ordinal 0. */
  fl_finding *first = findings.items[0];
  findings.items[0] = findings.items[1];
  findings.items[1] = first;
  fl_source_cache *sources = fl_source_cache_new();
  fl_fingerprint_compute(&findings, sources);
  CHECK_STR(findings.items[1]->fingerprint, PINNED_ORDINAL_0);
  CHECK_STR(findings.items[0]->fingerprint, PINNED_ORDINAL_1);
  CHECK_STR(findings.items[1]->line_hash, PINNED_LINE_HASH ":1");
  CHECK_STR(findings.items[0]->line_hash, PINNED_LINE_HASH ":2");
  /* Recomputing replaces the old values (no leak, same result). */
  fl_fingerprint_compute(&findings, sources);
  CHECK_STR(findings.items[1]->fingerprint, PINNED_ORDINAL_0);
  fl_source_cache_free(sources);
  fl_findings_clear(&findings);
}

static void test_unreadable_and_ranges(void) {
  fl_findings findings = FL_FINDINGS_INIT;
  fl_loc loc = {"missing/gone.c", 3, 1, 3, 5};
  fl_findings_push(&findings, fl_finding_new(RULE, FL_SEV_LOW, loc, NULL, FL_LANG_GO, "gone"));
  fl_source_cache *sources = fl_source_cache_new();
  fl_fingerprint_compute(&findings, sources);
  CHECK(findings.items[0]->fingerprint && strlen(findings.items[0]->fingerprint) == FL_FINGERPRINT_HEX_LEN);
  CHECK(findings.items[0]->line_hash == NULL);
  fl_findings_clear(&findings);

  free(test_write_file(".", "lines.c", "a 1\nb 2\nc 3\nd 4\ne 5\nf 6\ng 7\nh 8\ni 9\nj 10\n"));
  char *text = fl_fingerprint_stripped_text(sources, "lines.c", 2, 3);
  CHECK_STR(text, "b2c3");
  free(text);
  text = fl_fingerprint_stripped_text(sources, "lines.c", 1, 100); /* capped */
  CHECK_STR(text, "a1b2c3d4e5f6g7h8");
  free(text);
  text = fl_fingerprint_stripped_text(sources, "lines.c", 9, 2); /* end before start */
  CHECK_STR(text, "i9");
  free(text);
  text = fl_fingerprint_stripped_text(sources, "lines.c", 0, 0);
  CHECK_STR(text, "");
  free(text);
  fl_source_cache_free(sources);
}

void test_fingerprint(void) {
  char *dir = test_mkdtemp();
  if (chdir(dir) != 0) {
    perror(dir);
    exit(2);
  }
  test_stability();
  test_ordinals();
  test_unreadable_and_ranges();
  if (chdir("..") != 0) exit(2);
  test_rmtree(dir);
  free(dir);
}
