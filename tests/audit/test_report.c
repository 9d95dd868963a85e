/* The markdown report against a golden file. Builds a small audit history
 * (two runs, triage, a severity override, a race crash) with fixed
 * timestamps ($FL_AUDIT_NOW) and hand-built rule metadata, renders it, and
 * compares with tests/audit/golden/report.md.
 * FL_UPDATE_GOLDEN=1 rewrites the golden file instead. */
#include "config/rule_meta.h"
#include "core/error.h"
#include "db/crash.h"
#include "db/db.h"
#include "db/triage.h"
#include "report/report.h"
#include "test_util.h"

#define TREE FL_SOURCE_DIR "/tests/audit/fixtures/tree"
#define GOLDEN FL_SOURCE_DIR "/tests/audit/golden/report.md"

static fl_finding *finding(const char *rule, fl_severity severity, const char *file, unsigned line,
                           const char *function, const char *fingerprint, const char *message) {
  fl_loc loc = {file, line, 3, line, 40};
  fl_finding *f = fl_finding_new(rule, severity, loc, function, FL_LANG_C, "%s", message);
  f->fingerprint = strdup(fingerprint);
  return f;
}

static void store_run(fl_db *db, fl_findings *list, double at, const char *commit) {
  char now[32];
  snprintf(now, sizeof now, "%.0f", at + 120);
  setenv("FL_AUDIT_NOW", now, 1);
  fl_run_info run = {.tool_version = "0.1.0",
                     .rule_set = "handle-check-then-use,unguarded-length,unwind-across-ffi",
                     .config_hash = "9f2c41d0",
                     .arguments = "ffi-lint --db audit.db -p build",
                     .source_root = "/work/demo-tree",
                     .git_commit = commit,
                     .started_at = at,
                     .finished_at = at + 60};
  CHECK_OK(fl_db_store_run(db, &run, list, NULL));
  fl_findings_clear(list);
}

/* Every finding of run 1; run 2 drops the unwind one and adds another. */
static void add_common(fl_findings *list) {
  fl_finding *race = finding("handle-check-then-use", FL_SEV_HIGH, "src/stream.c", 21, "stream_recv",
                             "c0ffee0000000001",
                             "s->inner is used after the closed check, without the lock stream_free takes");
  fl_loc check = {"src/stream.c", 18, 3, 18, 30}, use = {"src/stream.c", 21, 10, 21, 40},
         freed = {"src/stream.c", 27, 3, 27, 24};
  fl_finding_add_step(race, check, "check: s->closed read under s->mu");
  fl_finding_add_step(race, use, "use: s->inner passed to inner_recv after the unlock");
  fl_finding_add_step(race, freed, "free: stream_free frees s->inner");
  fl_findings_push(list, race);
  fl_findings_push(list, finding("unguarded-length", FL_SEV_HIGH, "src/buf.c", 10, "header_set_name",
                                 "c0ffee0000000002", "memcpy into name[32] with a caller-supplied length n"));
  fl_findings_push(list, finding("unguarded-length", FL_SEV_MEDIUM, "src/buf.c", 11, "header_set_name",
                                 "c0ffee0000000003", "size_t n narrowed to unsigned"));
  fl_findings_push(list, finding("unguarded-length", FL_SEV_HIGH, "src/buf.c", 15, "header_copy",
                                 "c0ffee0000000004", "memcpy length h->len read from the header, unbounded"));
  fl_finding *suppressed = finding("unguarded-length", FL_SEV_MEDIUM, "src/buf.c", 16, "header_copy",
                                   "c0ffee0000000005", "unsigned h->len narrowed to int");
  suppressed->suppressed = true;
  suppressed->suppression_reason = strdup("len is at most 32, checked by the parser");
  fl_findings_push(list, suppressed);
}

static void build_history(fl_db *db) {
  fl_findings list = FL_FINDINGS_INIT;
  add_common(&list);
  fl_findings_push(&list, finding("unwind-across-ffi", FL_SEV_HIGH, "src/callbacks.cc", 40, "on_message",
                                  "c0ffee0000000006", "std::vector::at may throw out of an extern \"C\" callback"));
  store_run(db, &list, 1768003200, "4b825dc642cb6eb9a060e54bf8d69288fbee4904"); /* 2026-01-10 */

  setenv("FL_AUDIT_NOW", "1768089600", 1); /* 2026-01-11: triage */
  long long race = 1, overflow = 2, narrowing = 3, header = 4;
  fl_triage_change confirm = {.status = "confirmed", .reason = "reproduced with the race harness", .author = "alice"};
  CHECK_OK(fl_db_triage(db, &race, 1, &confirm, NULL));
  fl_triage_change fp = {.status = "false_positive", .reason = "every caller passes sizeof(h->name) or less",
                         .author = "bob"};
  CHECK_OK(fl_db_triage(db, &overflow, 1, &fp, NULL));
  fl_triage_change defer = {.status = "deferred", .reason = "format change planned for v2", .author = "alice"};
  CHECK_OK(fl_db_triage(db, &narrowing, 1, &defer, NULL));
  fl_triage_change downgrade = {.severity = "medium", .reason = "headers come from our own signed files",
                                .author = "bob"};
  CHECK_OK(fl_db_triage(db, &header, 1, &downgrade, NULL));

  add_common(&list);
  fl_findings_push(&list, finding("unguarded-length", FL_SEV_LOW, "src/buf.c", 9, "header_set_name",
                                  "c0ffee0000000007", "length parameter n is not checked against name[32]"));
  store_run(db, &list, 1768608000, "8d1e6f3a9b2c4d5e6f708192a3b4c5d6e7f80912"); /* 2026-01-17 */

  static const char timeline[] = "T1|call|src/stream.c:16|stream_recv(s)\n"
                                 "T1|check|src/stream.c:18|closed == false\n"
                                 "T2|call|src/stream.c:24|stream_free(s)\n"
                                 "T2|free|src/stream.c:27|inner_free(s->inner)\n"
                                 "T2|return|src/stream.c:30|\n"
                                 "T1|use|src/stream.c:21|inner_recv(s->inner) reads freed memory\n";
  fl_crash_info crash = {.target = "race_stream", .crash_type = "heap-use-after-free READ 8",
                         .crash_state = "inner_recv\nstream_recv\nrace_op_recv",
                         .reproducer_path = "fuzz/crashes/race_stream/crash-7d1f", .reliable = true,
                         .seen_at = 1768521600, .timeline = timeline};
  CHECK_OK(fl_db_store_crash(db, &crash, NULL, NULL));
  crash.seen_at = 1768608000;
  CHECK_OK(fl_db_store_crash(db, &crash, NULL, NULL));
}

static void test_report_golden(void) {
  fl_db *db;
  CHECK_OK(fl_db_open(&db, "report.db"));
  build_history(db);
  char *languages[] = {"c", "c++", "go"};
  fl_rule_meta metas[] = {
      {.id = "handle-check-then-use", .title = "Handle checked, then used without the lock the free path takes",
       .severity = "high", .languages = languages, .nlanguages = 3, .cwe = "CWE-416",
       .description = "A state check guards a use of a handle's inner object, but the free path can run between them.\n",
       .why = "A concurrent free turns the use into a use-after-free.",
       .fix = "Hold the lock across the use, or claim the handle with a guard."},
      {.id = "unguarded-length", .title = "Length crosses the boundary without a bound", .severity = "high",
       .languages = languages, .nlanguages = 3, .cwe = "CWE-787",
       .description = "A length from the other side reaches a copy or an allocation unchecked.",
       .why = "Out-of-bounds writes.", .fix = "Check the length against the destination's size."},
  };
  fl_rule_meta_set rules = {metas, 2};
  fl_report_options options = {.rules = &rules, .generated_at = 1768694400, .source_root = TREE};
  FILE *out = fopen("report.md", "w");
  CHECK_OK(fl_report_write(db, &options, out));
  fclose(out);
  fl_db_close(db);

  char *got = test_read_file("report.md", NULL);
  if (getenv("FL_UPDATE_GOLDEN")) {
    test_write_file(GOLDEN, got, strlen(got));
    printf("updated %s\n", GOLDEN);
  } else {
    char *want = test_read_file(GOLDEN, NULL);
    CHECK(want != NULL);
    if (want && strcmp(got, want) != 0) {
      fprintf(stderr, "report differs from %s; diff:\n", GOLDEN);
      char command[512];
      snprintf(command, sizeof command, "diff -u '%s' report.md >&2", GOLDEN);
      if (system(command) == -1) fprintf(stderr, "(could not run diff)\n");
      CHECK(!"report matches the golden file");
    }
    free(want);
  }
  free(got);
}

int main(int argc, char **argv) {
  static const test_case tests[] = {{"report_golden", test_report_golden}};
  return test_main(tests, sizeof tests / sizeof *tests, argc, argv);
}
