/* Suppression comments: the parser on every accepted and rejected form, then
 * fl_suppress_apply / fl_suppress_check_file on a file. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "core/error.h"
#include "output/suppress.h"

/* Parses `line` and checks the outcome: `expect` is 1, 0 or FL_EPARSE;
 * `ids` the comma-joined ids, `reason` the reason (NULL = none). */
static void check_parse(const char *line, int expect, const char *ids, const char *reason, int standalone) {
  fl_suppression s;
  int got = fl_suppression_parse(line, &s);
  if (got != expect) {
    fprintf(stderr, "parse of [%s]: got %d (%s), expected %d\n", line, got, fl_error_last(), expect);
    fl_test_failures++;
    fl_suppression_clear(&s);
    return;
  }
  if (got == 1) {
    char joined[256] = "";
    for (size_t i = 0; i < s.nrule_ids; i++) {
      if (i) strcat(joined, ",");
      strcat(joined, s.rule_ids[i]);
    }
    CHECK_STR(joined, ids);
    if (reason)
      CHECK_STR(s.reason, reason);
    else
      CHECK(s.reason == NULL);
    CHECK(s.standalone == (standalone != 0));
  }
  fl_suppression_clear(&s);
}

static void test_parse_forms(void) {
  check_parse("  call(x); // ffi-lint: ignore[unwind-across-ffi] caller checks", 1, "unwind-across-ffi",
              "caller checks", 0);
  check_parse("\t// ffi-lint: ignore[a, b ,c] three rules  ", 1, "a,b,c", "three rules", 1);
  check_parse("/* ffi-lint: ignore[a] in a block */ call();", 1, "a", "in a block", 1);
  check_parse("call(); /* ffi-lint: ignore[*] */", 1, "*", NULL, 0);
  check_parse("/// ffi-lint: ignore[a] doc comment", 1, "a", "doc comment", 1);
  check_parse("C.free(p) // ffi-lint: ignore[missing-keepalive]: go style", 1, "missing-keepalive",
              "go style", 0);
  check_parse("x(); // ffi-lint: ignore[a] -- dashes", 1, "a", "dashes", 0);
  check_parse("x(); /* other */ /* ffi-lint: ignore[a] second comment */", 1, "a", "second comment", 0);
  check_parse("c = 'a'; d = '\\''; // ffi-lint: ignore[a] after chars", 1, "a", "after chars", 0);
  check_parse("n = 1'000'000; // ffi-lint: ignore[a] digit separators", 1, "a", "digit separators", 0);
  check_parse("s = `raw // not a comment`; // ffi-lint: ignore[a] go raw", 1, "a", "go raw", 0);
  check_parse("//ffi-lint:ignore[a]", 1, "a", NULL, 1);
  check_parse("x(); /**/ // ffi-lint: ignore[a] after an empty block", 1, "a", "after an empty block", 0);
  check_parse("/** ffi-lint: ignore[a] doc block */", 1, "a", "doc block", 1);

  check_parse("", 0, NULL, NULL, 0);
  check_parse("call(x);", 0, NULL, NULL, 0);
  check_parse("puts(\"// ffi-lint: ignore[a] in a string\");", 0, NULL, NULL, 0);
  check_parse("puts(\"\\\" // ffi-lint: ignore[a] escaped quote\");", 0, NULL, NULL, 0);
  check_parse("// see ffi-lint: ignore[a] is not at the comment start", 0, NULL, NULL, 0);
  check_parse("/* unterminated ffi-lint: ignore[a]", 0, NULL, NULL, 0);

  check_parse("// ffi-lint: ignroe[a] typo", FL_EPARSE, NULL, NULL, 0);
  check_parse("// ffi-lint: ignore[a reason", FL_EPARSE, NULL, NULL, 0);
  check_parse("// ffi-lint: ignore[a", FL_EPARSE, NULL, NULL, 0);
  check_parse("// ffi-lint: ignore[] empty", FL_EPARSE, NULL, NULL, 0);
  check_parse("// ffi-lint: ignore[a,,b] hole", FL_EPARSE, NULL, NULL, 0);
  check_parse("// ffi-lint: ignore[a*] glob", FL_EPARSE, NULL, NULL, 0);
  check_parse("// ffi-lint: ignore a", FL_EPARSE, NULL, NULL, 0);
  check_parse(NULL, 0, NULL, NULL, 0);
}

static fl_finding *finding_at(const char *file, unsigned line, const char *rule) {
  fl_loc loc = {file, line, 3, line, 9};
  return fl_finding_new(rule, FL_SEV_HIGH, loc, "fn", FL_LANG_C, "finding on line %u", line);
}

static bool has_warning(const fl_ptrvec *warnings, const char *text) {
  for (size_t i = 0; i < warnings->count; i++)
    if (strcmp(warnings->items[i], text) == 0) return true;
  return false;
}

static void test_apply(void) {
  char *dir = test_mkdtemp();
  char *path = test_write_file(dir, "s.c",
                               "a(); // ffi-lint: ignore[rule-a] same line\n"                /* 1 */
                               "// ffi-lint: ignore[rule-a, rule-b] line above\n"            /* 2 */
                               "b();\n"                                                      /* 3 */
                               "c(); // ffi-lint: ignore[rule-a] trailing, not for line 5\n" /* 4 */
                               "d();\n"                                                      /* 5 */
                               "// ffi-lint: ignore[*]\n"                                    /* 6 */
                               "e();\n"                                                      /* 7 */
                               "f(); // ffi-lint: ignore[rule-a\n"                           /* 8 */
                               "g(); // ffi-lint: ignore[rule-a] wrong rule\n"               /* 9 */
                               "// ffi-lint: ignore[rule-typo] unknown\n");                  /* 10 */
  fl_findings findings = FL_FINDINGS_INIT;
  fl_findings_push(&findings, finding_at(path, 1, "rule-a")); /* 0: suppressed, same line */
  fl_findings_push(&findings, finding_at(path, 3, "rule-b")); /* 1: suppressed, line above */
  fl_findings_push(&findings, finding_at(path, 5, "rule-a")); /* 2: not: trailing comment above */
  fl_findings_push(&findings, finding_at(path, 7, "rule-c")); /* 3: suppressed by *, no reason */
  fl_findings_push(&findings, finding_at(path, 7, "rule-a")); /* 4: same, one warning per rule */
  fl_findings_push(&findings, finding_at(path, 8, "rule-a")); /* 5: not: malformed */
  fl_findings_push(&findings, finding_at(path, 9, "rule-b")); /* 6: not: other rule */
  fl_findings_push(&findings, finding_at(path, 4, "rule-a")); /* 7: suppressed (line 4 itself) */
  fl_findings_push(&findings, finding_at("/nonexistent/x.c", 2, "rule-a")); /* 8: unreadable */

  fl_ptrvec warnings = FL_PTRVEC_INIT;
  fl_source_cache *sources = fl_source_cache_new();
  int suppressed = fl_suppress_apply(&findings, sources, &warnings);
  CHECK(suppressed == 5);
  bool expected[] = {true, true, false, true, true, false, false, true, false};
  for (size_t i = 0; i < findings.count; i++) {
    if (findings.items[i]->suppressed != expected[i]) {
      fprintf(stderr, "finding %zu: suppressed=%d, expected %d\n", i, findings.items[i]->suppressed,
              expected[i]);
      fl_test_failures++;
    }
  }
  CHECK_STR(findings.items[0]->suppression_reason, "same line");
  CHECK_STR(findings.items[1]->suppression_reason, "line above");
  CHECK(findings.items[3]->suppression_reason == NULL);
  CHECK_STR(findings.items[7]->suppression_reason, "trailing, not for line 5");
  CHECK(findings.items[2]->suppression_reason == NULL);

  char expect[4096];
  snprintf(expect, sizeof expect, "%s:6: warning: suppression of rule-c has no reason", path);
  CHECK(has_warning(&warnings, expect));
  snprintf(expect, sizeof expect, "%s:6: warning: suppression of rule-a has no reason", path);
  CHECK(has_warning(&warnings, expect));
  snprintf(expect, sizeof expect,
           "%s:8: warning: malformed ffi-lint suppression: missing ']' to close ignore[...]", path);
  CHECK(has_warning(&warnings, expect));
  CHECK(warnings.count == 3);

  /* Applying twice changes nothing and adds no duplicate warning. */
  CHECK(fl_suppress_apply(&findings, sources, &warnings) == 5);
  CHECK(warnings.count == 3);

  /* The whole-file lint finds the unknown id and the malformed comment it
   * already reported (not again). */
  const char *known[] = {"rule-a", "rule-b", "rule-c"};
  CHECK(fl_suppress_check_file(sources, path, known, 3, &warnings) == 1);
  snprintf(expect, sizeof expect, "%s:10: warning: suppression names unknown rule 'rule-typo'", path);
  CHECK(has_warning(&warnings, expect));
  CHECK(warnings.count == 4);
  CHECK(fl_suppress_check_file(sources, "/nonexistent/x.c", known, 3, &warnings) == 0);

  for (size_t i = 0; i < warnings.count; i++) free(warnings.items[i]);
  fl_ptrvec_free(&warnings);
  /* NULL warnings vector: still suppresses. */
  CHECK(fl_suppress_apply(&findings, sources, NULL) == 5);
  fl_source_cache_free(sources);
  fl_findings_clear(&findings);
  free(path);
  test_rmtree(dir);
  free(dir);
}

/* Lines assembled from the tokens the parser cares about, in every order a
 * small PRNG produces: the parser must never read out of bounds (ASan) and
 * must answer 0, 1 or FL_EPARSE, with a reason that is trimmed. */
static void test_parse_robustness(void) {
  static const char *const tokens[] = {"//",     "/*",     "*/", "ffi-lint:", " ignore[", "]", ",",
                                       "*",      "\"",     "'",  "`",         "\\",       " ", "\t",
                                       "rule-a", "reason", ":",  "-",         "\xff",     "["};
  const size_t ntokens = sizeof tokens / sizeof tokens[0];
  uint32_t state = 2463534242u; /* xorshift32: deterministic, so failures replay */
  char line[256];
  for (int round = 0; round < 50000; round++) {
    size_t len = 0;
    state ^= state << 13, state ^= state >> 17, state ^= state << 5;
    int count = (int)(state % 12);
    for (int t = 0; t < count; t++) {
      state ^= state << 13, state ^= state >> 17, state ^= state << 5;
      const char *token = tokens[state % ntokens];
      size_t n = strlen(token);
      if (len + n >= sizeof line) break;
      memcpy(line + len, token, n);
      len += n;
    }
    line[len] = '\0';
    fl_suppression s;
    int rc = fl_suppression_parse(line, &s);
    if (rc != 0 && rc != 1 && rc != FL_EPARSE) {
      fprintf(stderr, "parse of [%s] returned %d\n", line, rc);
      fl_test_failures++;
    }
    if (rc == 1) {
      CHECK(s.nrule_ids > 0);
      CHECK(!s.reason || (s.reason[0] != ' ' && s.reason[strlen(s.reason) - 1] != ' '));
    }
    fl_suppression_clear(&s);
  }
}

void test_suppress(void) {
  test_parse_forms();
  test_apply();
  test_parse_robustness();
}
