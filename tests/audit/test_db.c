/* Audit DB unit tests: schema creation and migration from a real v1
 * database, refusal of newer / foreign / corrupt files, detection and
 * review status, triage and its history, diffs, crashes, SARIF import. */
#include <sqlite3.h>
#include <unistd.h>

#include "core/error.h"
#include "core/vec.h"
#include "db/crash.h"
#include "db/db.h"
#include "db/diff.h"
#include "db/query.h"
#include "db/sarif.h"
#include "db/stats.h"
#include "db/triage.h"
#include "test_util.h"

static fl_finding *make_finding(const char *rule, const char *file, unsigned line, const char *fingerprint) {
  fl_loc loc = {file, line, 5, line, 20};
  fl_finding *f = fl_finding_new(rule, FL_SEV_HIGH, loc, "stream_recv", FL_LANG_C, "finding %s", fingerprint);
  f->fingerprint = strdup(fingerprint);
  return f;
}

/* Stores one run over `root` holding findings with the given fingerprints
 * ("aaaa1111", ...); returns the run id. */
static long long store(fl_db *db, const char *root, const char *const *fingerprints, size_t n) {
  fl_findings list = FL_FINDINGS_INIT;
  for (size_t i = 0; i < n; i++)
    fl_findings_push(&list, make_finding("handle-check-then-use", "src/a.c", 10 + (unsigned)i, fingerprints[i]));
  fl_run_info run = {.tool_version = "test", .source_root = root, .started_at = 1000, .finished_at = 1001};
  long long run_id = 0;
  CHECK_OK(fl_db_store_run(db, &run, &list, &run_id));
  fl_findings_clear(&list);
  return run_id;
}

/* Detection status of `fingerprint` in `run`, or "absent". */
static char detection_buf[32];
static const char *detection_of(fl_db *db, long long run, const char *fingerprint) {
  fl_audit_filter present = {.run_id = run}, resolved = {.run_id = run, .only_resolved = true};
  fl_audit_findings list = {0};
  CHECK_OK(fl_db_findings(db, &present, false, &list));
  CHECK_OK(fl_db_findings(db, &resolved, false, &list));
  snprintf(detection_buf, sizeof detection_buf, "absent");
  for (size_t i = 0; i < list.count; i++)
    if (!strcmp(list.items[i].fingerprint, fingerprint))
      snprintf(detection_buf, sizeof detection_buf, "%s", list.items[i].detection);
  fl_audit_findings_clear(&list);
  return detection_buf;
}

static long long scalar(const char *path, const char *sql) {
  sqlite3 *handle;
  sqlite3_stmt *stmt;
  long long value = -1;
  if (sqlite3_open(path, &handle) == SQLITE_OK && sqlite3_prepare_v2(handle, sql, -1, &stmt, NULL) == SQLITE_OK) {
    if (sqlite3_step(stmt) == SQLITE_ROW) value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
  }
  sqlite3_close(handle);
  return value;
}

/* The schema as text: every object's SQL, whitespace collapsed, by name. */
static char *schema_text(const char *path) {
  sqlite3 *handle;
  sqlite3_stmt *stmt;
  fl_strbuf out = FL_STRBUF_INIT;
  sqlite3_open(path, &handle);
  sqlite3_prepare_v2(handle, "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name", -1,
                     &stmt, NULL);
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    fl_strbuf_printf(&out, "%s %s: ", sqlite3_column_text(stmt, 0), sqlite3_column_text(stmt, 1));
    bool space = false;
    for (const char *p = (const char *)sqlite3_column_text(stmt, 2); *p; p++) {
      bool is_space = *p == ' ' || *p == '\n' || *p == '\t';
      if (is_space && !space) fl_strbuf_append(&out, " ");
      if (!is_space) fl_strbuf_appendn(&out, p, 1);
      space = is_space;
    }
    fl_strbuf_append(&out, "\n");
  }
  sqlite3_finalize(stmt);
  sqlite3_close(handle);
  return fl_strbuf_take(&out);
}

static void test_fresh_schema(void) {
  fl_db *db;
  CHECK_OK(fl_db_open(&db, "fresh.db"));
  fl_db_close(db);
  CHECK(scalar("fresh.db", "PRAGMA user_version") == 2);
  sqlite3 *handle;
  sqlite3_stmt *stmt;
  sqlite3_open("fresh.db", &handle);
  sqlite3_prepare_v2(handle, "PRAGMA journal_mode", -1, &stmt, NULL);
  CHECK(sqlite3_step(stmt) == SQLITE_ROW && !strcmp((const char *)sqlite3_column_text(stmt, 0), "wal"));
  sqlite3_finalize(stmt);
  sqlite3_close(handle);
  /* Reopening an up-to-date DB changes nothing. */
  CHECK_OK(fl_db_open(&db, "fresh.db"));
  fl_db_close(db);
}

/* A real v1 database, made by the v1 script as it shipped, with data in
 * it: migrating keeps the data and ends in exactly the fresh schema. */
static void test_migrate_from_v1(void) {
  char *v1 = test_read_file(FL_SOURCE_DIR "/analyzer/db/migrations/001_initial.sql", NULL);
  CHECK(v1 != NULL);
  if (!v1) return;
  sqlite3 *handle;
  sqlite3_open("old.db", &handle);
  CHECK(sqlite3_exec(handle, v1, NULL, NULL, NULL) == SQLITE_OK);
  CHECK(sqlite3_exec(handle,
                     "INSERT INTO runs(tool_version, source_root, started_at, finished_at) VALUES('0.0.9', '/t', 1, 2);"
                     "INSERT INTO findings(fingerprint, rule_id, severity, file, line, col, end_line, end_col, "
                     "message, first_run, last_run) VALUES('abcd0001', 'unwind-across-ffi', 'medium', 'x.cc', 3, 1, "
                     "3, 9, 'old finding', 1, 1);"
                     "INSERT INTO occurrences VALUES(1, 1, 'new');"
                     "INSERT INTO reviews(finding_id, status, author, reason, at) VALUES(1, 'deferred', 'bob', 'later', 5);",
                     NULL, NULL, NULL) == SQLITE_OK);
  sqlite3_close(handle);
  free(v1);
  CHECK(scalar("old.db", "PRAGMA user_version") == 1);

  fl_db *db;
  CHECK_OK(fl_db_open(&db, "old.db"));
  CHECK(scalar("old.db", "PRAGMA user_version") == 2);
  fl_audit_finding f;
  CHECK_OK(fl_db_finding_get(db, "abcd", &f));
  CHECK_STR(f.status, "deferred");
  CHECK_STR(f.status_reason, "later");
  fl_audit_finding_clear(&f);
  CHECK_OK(fl_db_comment_add(db, 1, "carol", "v2 table works")); /* comments are new in v2 */
  fl_db_close(db);

  CHECK_OK(fl_db_open(&db, "fresh.db"));
  fl_db_close(db);
  char *migrated = schema_text("old.db"), *fresh = schema_text("fresh.db");
  CHECK_STR(migrated, fresh);
  free(migrated);
  free(fresh);
}

static void test_refuses_newer_schema(void) {
  fl_db *db;
  CHECK_OK(fl_db_open(&db, "new.db"));
  fl_db_close(db);
  sqlite3 *handle;
  sqlite3_open("new.db", &handle);
  sqlite3_exec(handle, "PRAGMA journal_mode=DELETE; PRAGMA user_version = 7", NULL, NULL, NULL);
  sqlite3_close(handle);
  size_t before_size, after_size;
  char *before = test_read_file("new.db", &before_size);
  CHECK(fl_db_open(&db, "new.db") == FL_EDB);
  CHECK(db == NULL);
  CHECK(strstr(fl_error_last(), "new.db") && strstr(fl_error_last(), "newer"));
  char *after = test_read_file("new.db", &after_size);
  CHECK(before_size == after_size && memcmp(before, after, before_size) == 0);
  CHECK(access("new.db-wal", F_OK) != 0);
  free(before);
  free(after);
}

static void test_refuses_corrupt_and_foreign(void) {
  static const char text[] = "this is a text file, not a database\n";
  test_write_file("notes.txt", text, sizeof text - 1);
  fl_db *db;
  CHECK(fl_db_open(&db, "notes.txt") == FL_EDB);
  CHECK(strstr(fl_error_last(), "notes.txt") && strstr(fl_error_last(), "not an ffi-lint audit database"));
  size_t size;
  char *after = test_read_file("notes.txt", &size);
  CHECK(size == sizeof text - 1 && memcmp(after, text, size) == 0);
  free(after);

  /* A valid header with garbage after it. */
  char garbage[8192];
  for (size_t i = 0; i < sizeof garbage; i++) garbage[i] = (char)(i * 7 + 3);
  memcpy(garbage, "SQLite format 3", 16);
  test_write_file("broken.db", garbage, sizeof garbage);
  CHECK(fl_db_open(&db, "broken.db") == FL_EDB);
  CHECK(strstr(fl_error_last(), "broken.db") != NULL);
  after = test_read_file("broken.db", &size);
  CHECK(size == sizeof garbage && memcmp(after, garbage, size) == 0);
  free(after);

  sqlite3 *handle;
  sqlite3_open("other.db", &handle);
  sqlite3_exec(handle, "CREATE TABLE notes(x)", NULL, NULL, NULL);
  sqlite3_close(handle);
  CHECK(fl_db_open(&db, "other.db") == FL_EDB);
  CHECK(strstr(fl_error_last(), "not an ffi-lint audit database") != NULL);
}

static void test_store_requires_fingerprint(void) {
  fl_db *db;
  CHECK_OK(fl_db_open(&db, "a.db"));
  fl_findings list = FL_FINDINGS_INIT;
  fl_findings_push(&list, make_finding("unguarded-length", "src/a.c", 3, "aaaa0001"));
  fl_loc loc = {"src/b.c", 7, 1, 7, 2};
  fl_findings_push(&list, fl_finding_new("unguarded-length", FL_SEV_LOW, loc, NULL, FL_LANG_C, "no id"));
  fl_run_info run = {.tool_version = "t", .source_root = "/r", .started_at = 1, .finished_at = 2};
  long long run_id = 0;
  CHECK(fl_db_store_run(db, &run, &list, &run_id) == FL_EDB);
  CHECK(strstr(fl_error_last(), "src/b.c:7") && strstr(fl_error_last(), "fingerprint"));
  fl_db_close(db);
  fl_findings_clear(&list);
  /* Nothing of the failed store is left. */
  CHECK(scalar("a.db", "SELECT count(*) FROM runs") == 0);
  CHECK(scalar("a.db", "SELECT count(*) FROM findings") == 0);
}

static void test_detection_transitions(void) {
  fl_db *db;
  CHECK_OK(fl_db_open(&db, "d.db"));
  const char *ab[] = {"aaaa0001", "bbbb0002"}, *a[] = {"aaaa0001"}, *abc[] = {"aaaa0001", "bbbb0002", "cccc0003"};
  long long r1 = store(db, "/tree", ab, 2);
  CHECK_STR(detection_of(db, r1, "aaaa0001"), "new");
  CHECK_STR(detection_of(db, r1, "bbbb0002"), "new");
  long long r2 = store(db, "/tree", a, 1);
  CHECK_STR(detection_of(db, r2, "aaaa0001"), "unresolved");
  CHECK_STR(detection_of(db, r2, "bbbb0002"), "resolved");
  /* Another tree in between must not disturb the /tree series. */
  long long other = store(db, "/other", abc, 3);
  CHECK_STR(detection_of(db, other, "aaaa0001"), "new");
  long long r3 = store(db, "/tree", ab, 2);
  CHECK_STR(detection_of(db, r3, "aaaa0001"), "unresolved");
  CHECK_STR(detection_of(db, r3, "bbbb0002"), "reopened");
  long long r4 = store(db, "/tree", abc, 3);
  CHECK_STR(detection_of(db, r4, "cccc0003"), "new");
  CHECK_STR(detection_of(db, r4, "bbbb0002"), "unresolved");
  long long r5 = store(db, "/tree", NULL, 0);
  CHECK_STR(detection_of(db, r5, "cccc0003"), "resolved");
  long long r6 = store(db, "/tree", NULL, 0);
  CHECK_STR(detection_of(db, r6, "cccc0003"), "absent"); /* resolved once, not again */

  fl_audit_runs runs = {0};
  CHECK_OK(fl_db_runs(db, r4, 0, &runs));
  CHECK(runs.count == 4); /* r1..r4 of /tree, not /other */
  if (runs.count == 4) {
    CHECK(runs.items[3].id == r4 && runs.items[3].present == 3 && runs.items[3].added == 1);
    CHECK(runs.items[1].resolved == 1);
  }
  fl_audit_runs_clear(&runs);
  fl_db_close(db);
}

static void test_suppression_sets_review(void) {
  fl_db *db;
  CHECK_OK(fl_db_open(&db, "s.db"));
  fl_run_info run = {.tool_version = "t", .source_root = "/r", .started_at = 1, .finished_at = 2};
  fl_findings list = FL_FINDINGS_INIT;
  fl_finding *f = make_finding("missing-keepalive", "x.go", 4, "5555aaaa");
  f->suppressed = true;
  f->suppression_reason = strdup("buffer is C-allocated");
  fl_findings_push(&list, f);
  CHECK_OK(fl_db_store_run(db, &run, &list, NULL));
  fl_audit_finding got;
  CHECK_OK(fl_db_finding_get(db, "5555", &got));
  CHECK_STR(got.status, "intentional");
  CHECK_STR(got.status_reason, "buffer is C-allocated");
  CHECK_STR(got.status_source, "suppression");
  fl_audit_finding_clear(&got);

  /* The suppression comment goes away: the status it set goes too. */
  list.items[0]->suppressed = false;
  CHECK_OK(fl_db_store_run(db, &run, &list, NULL));
  CHECK_OK(fl_db_finding_get(db, "5555", &got));
  CHECK_STR(got.status, "unreviewed");
  fl_audit_finding_clear(&got);

  /* A human decision is never overwritten by a suppression. */
  fl_triage_change change = {.status = "confirmed", .author = "alice"};
  long long id = 1;
  CHECK_OK(fl_db_triage(db, &id, 1, &change, NULL));
  list.items[0]->suppressed = true;
  CHECK_OK(fl_db_store_run(db, &run, &list, NULL));
  CHECK_OK(fl_db_finding_get(db, "5555", &got));
  CHECK_STR(got.status, "confirmed");
  CHECK_STR(got.status_author, "alice");
  fl_audit_finding_clear(&got);
  fl_findings_clear(&list);
  fl_db_close(db);
}

static void test_triage_and_history(void) {
  fl_db *db;
  CHECK_OK(fl_db_open(&db, "t.db"));
  const char *fps[] = {"1111aaaa", "2222bbbb", "3333cccc"};
  store(db, "/r", fps, 3);
  fl_audit_filter filter = {.file_glob = "src/*"};
  fl_audit_findings selected = {0};
  CHECK_OK(fl_db_findings(db, &filter, false, &selected));
  CHECK(selected.count == 3);
  long long ids[3] = {1, 2, 3};
  size_t changed = 9;
  fl_triage_change bad = {.status = "false_positive", .author = "alice"};
  CHECK(fl_db_triage(db, ids, 3, &bad, &changed) == FL_EUSAGE); /* a reason is required */
  fl_triage_change fp = {.status = "false_positive", .reason = "guard held", .author = "alice"};
  CHECK_OK(fl_db_triage(db, ids, 3, &fp, &changed));
  CHECK(changed == 3);
  CHECK_OK(fl_db_triage(db, ids, 3, &fp, &changed));
  CHECK(changed == 0); /* same decision again: no-op */
  fl_triage_change down = {.severity = "low", .reason = "only reachable in tests", .author = "bob"};
  CHECK_OK(fl_db_triage(db, ids, 1, &down, &changed));
  CHECK(changed == 1);
  fl_audit_finding got;
  CHECK_OK(fl_db_finding_get(db, "1", &got));
  CHECK_STR(got.severity, "low");
  CHECK_STR(got.detected_severity, "high");
  CHECK_STR(got.severity_reason, "only reachable in tests");
  fl_audit_finding_clear(&got);
  fl_triage_change back = {.severity = "high", .reason = "reachable after all", .author = "bob"};
  CHECK_OK(fl_db_triage(db, ids, 1, &back, &changed));
  CHECK_OK(fl_db_finding_get(db, "1", &got));
  CHECK(got.severity_reason == NULL);
  fl_audit_finding_clear(&got);
  CHECK_OK(fl_db_comment_add(db, 1, "carol", "see PR 42"));
  CHECK(fl_db_comment_add(db, 99, "carol", "x") == FL_ENOTFOUND);

  fl_audit_events history = {0};
  CHECK_OK(fl_db_finding_history(db, 1, &history));
  /* detection, status, severity, severity, comment */
  CHECK(history.count == 5);
  if (history.count == 5) {
    CHECK_STR(history.items[0].kind, "detection");
    CHECK_STR(history.items[1].new_value, "false_positive");
    CHECK_STR(history.items[1].old_value, "unreviewed");
    CHECK_STR(history.items[2].kind, "severity");
    CHECK_STR(history.items[4].text, "see PR 42");
  }
  fl_audit_events_clear(&history);

  fl_audit_filter only_fp = {.status = "false_positive", .severity = "high"};
  fl_audit_stats stats;
  CHECK_OK(fl_db_stats(db, &only_fp, &stats));
  CHECK(stats.total == 3);
  fl_audit_stats_clear(&stats);
  fl_audit_findings_clear(&selected);
  CHECK(fl_db_finding_get(db, "12", &got) == FL_ENOTFOUND); /* an id, and too short for a prefix */
  CHECK(fl_db_finding_get(db, "xyz!", &got) == FL_EUSAGE);
  CHECK_OK(fl_db_finding_get(db, "2222", &got)); /* digits that are no id: a prefix */
  CHECK(got.id == 2);
  fl_audit_finding_clear(&got);
  fl_db_close(db);
}

static void test_diff_and_baseline(void) {
  fl_db *db;
  CHECK_OK(fl_db_open(&db, "g.db"));
  const char *one[] = {"aaaa0001", "bbbb0002"}, *two[] = {"bbbb0002", "cccc0003", "dddd0004"};
  long long r1 = store(db, "/r", one, 2);
  size_t written = 0;
  CHECK_OK(fl_db_baseline_export(db, r1, "baseline.json", &written));
  CHECK(written == 2);
  long long r2 = store(db, "/r", two, 3);
  fl_audit_diff diff;
  CHECK_OK(fl_db_diff_runs(db, r1, r2, &diff));
  CHECK(diff.nadded == 2 && diff.nresolved == 1 && diff.nunresolved == 1 && diff.gating == 2);
  fl_audit_diff_clear(&diff);
  CHECK_OK(fl_db_diff_baseline(db, "baseline.json", 0, &diff));
  CHECK(diff.nadded == 2 && diff.nresolved == 1 && diff.nunresolved == 1);
  if (diff.nresolved) CHECK_STR(diff.resolved[0]->fingerprint, "aaaa0001");
  fl_audit_diff_clear(&diff);
  /* New findings triaged as false positives do not fail the gate. */
  long long ids[] = {3, 4};
  fl_triage_change fp = {.status = "false_positive", .reason = "test code", .author = "a"};
  CHECK_OK(fl_db_triage(db, ids, 2, &fp, NULL));
  CHECK_OK(fl_db_diff_runs(db, r1, r2, &diff));
  CHECK(diff.nadded == 2 && diff.gating == 0);
  fl_audit_diff_clear(&diff);
  test_write_file("bad.json", "{\"findings\": 3}", 15);
  CHECK(fl_db_diff_baseline(db, "bad.json", 0, &diff) == FL_EPARSE);
  CHECK(strstr(fl_error_last(), "bad.json") != NULL);
  CHECK(fl_db_diff_baseline(db, "missing.json", 0, &diff) == FL_EIO);
  CHECK(fl_db_diff_runs(db, r1, 99, &diff) == FL_ENOTFOUND);
  fl_db_close(db);
}

static void test_crashes(void) {
  fl_db *db;
  CHECK_OK(fl_db_open(&db, "c.db"));
  static const char timeline[] = "# race\nT1|call|s.c:40|stream_recv(s)\nT2|free|s.c:88|stream_free(s)\n"
                                 "T1|use|s.c:45|reads s->inner\n";
  fl_crash_info crash = {.target = "race_stream", .crash_type = "heap-use-after-free READ 8",
                         .crash_state = "stream_recv\nstream_poll\nffi_recv", .reproducer_path = "crash-1",
                         .reproducer = "\x01\x02", .reproducer_size = 2, .reliable = false, .seen_at = 100,
                         .timeline = timeline};
  long long id1, id2;
  bool is_new;
  CHECK_OK(fl_db_store_crash(db, &crash, &id1, &is_new));
  CHECK(is_new);
  crash.seen_at = 200;
  crash.reliable = true;
  CHECK_OK(fl_db_store_crash(db, &crash, &id2, &is_new));
  CHECK(!is_new && id1 == id2);
  crash.crash_state = "other\nframes\nhere";
  CHECK_OK(fl_db_store_crash(db, &crash, &id2, &is_new));
  CHECK(is_new && id2 != id1);
  crash.timeline = "T1|explode|s.c:1|x";
  CHECK(fl_db_store_crash(db, &crash, NULL, NULL) == FL_EPARSE);
  CHECK(strstr(fl_error_last(), "timeline line 1") != NULL);
  fl_audit_crashes crashes = {0};
  CHECK_OK(fl_db_crashes(db, &crashes));
  CHECK(crashes.count == 2);
  if (crashes.count == 2) {
    CHECK(crashes.items[0].count == 2 && crashes.items[0].reliable && crashes.items[0].first_seen == 100 &&
          crashes.items[0].last_seen == 200 && crashes.items[0].reproducer_size == 2);
  }
  fl_audit_crashes_clear(&crashes);
  fl_timeline parsed;
  CHECK_OK(fl_timeline_parse(&parsed, timeline));
  CHECK(parsed.count == 3);
  if (parsed.count == 3) {
    CHECK_STR(parsed.steps[1].thread, "T2");
    CHECK_STR(parsed.steps[1].op, "free");
    CHECK_STR(parsed.steps[2].note, "reads s->inner");
  }
  fl_timeline_free(&parsed);
  fl_db_close(db);
}

static void test_sarif_import(void) {
  static const char sarif[] =
      "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"cppcheck\", \"version\": \"2.9\"}},"
      "\"results\": ["
      "{\"ruleId\": \"nullPointer\", \"level\": \"error\", \"message\": {\"text\": \"null deref\"},"
      " \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"src/x.c\"},"
      " \"region\": {\"startLine\": 2, \"snippet\": {\"text\": \"  *p = 1;\"}}}}]},"
      "{\"ruleId\": \"nullPointer\", \"message\": {\"text\": \"null deref again\"},"
      " \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"src/x.c\"},"
      " \"region\": {\"startLine\": 9, \"snippet\": {\"text\": \"*p = 1;\"}}}}]},"
      "{\"ruleId\": \"leak\", \"partialFingerprints\": {\"k\": \"v1\"}, \"message\": {\"text\": \"leak\"},"
      " \"suppressions\": [{\"kind\": \"inSource\", \"justification\": \"owned by caller\"}],"
      " \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"src/y.c\"},"
      " \"region\": {\"startLine\": 5}}}]}]}]}";
  test_write_file("in.sarif", sarif, sizeof sarif - 1);
  fl_db *db;
  CHECK_OK(fl_db_open(&db, "i.db"));
  const char *own[] = {"aaaa0001"};
  long long lint_run = store(db, "/r", own, 1);
  fl_sarif_import_stats stats;
  CHECK_OK(fl_db_import_sarif(db, "in.sarif", "/r", &stats));
  CHECK(stats.runs == 1 && stats.findings == 3);
  CHECK_OK(fl_db_import_sarif(db, "in.sarif", "/r", &stats));
  fl_audit_filter filter = {.run_id = stats.last_run_id};
  fl_audit_findings list = {0};
  CHECK_OK(fl_db_findings(db, &filter, false, &list));
  CHECK(list.count == 3); /* same fingerprints: the two identical lines stay apart */
  for (size_t i = 0; i < list.count; i++) {
    CHECK_STR(list.items[i].detection, "unresolved");
    if (!strcmp(list.items[i].rule_id, "leak")) CHECK_STR(list.items[i].status, "intentional");
  }
  fl_audit_findings_clear(&list);
  /* The import is not a run of ffi-lint: its findings stay unresolved. */
  const char *next[] = {"aaaa0001"};
  long long lint_run2 = store(db, "/r", next, 1);
  CHECK(lint_run2 > lint_run);
  CHECK_STR(detection_of(db, lint_run2, "aaaa0001"), "unresolved");
  test_write_file("bad.sarif", "{\"runs\": [{\"results\": []}]}", 27);
  CHECK(fl_db_import_sarif(db, "bad.sarif", "/r", &stats) == FL_EPARSE);
  CHECK(strstr(fl_error_last(), "bad.sarif") && strstr(fl_error_last(), "tool.driver.name"));
  fl_db_close(db);
}

int main(int argc, char **argv) {
  static const test_case tests[] = {
      {"fresh_schema", test_fresh_schema},
      {"migrate_from_v1", test_migrate_from_v1},
      {"refuses_newer_schema", test_refuses_newer_schema},
      {"refuses_corrupt_and_foreign", test_refuses_corrupt_and_foreign},
      {"store_requires_fingerprint", test_store_requires_fingerprint},
      {"detection_transitions", test_detection_transitions},
      {"suppression_sets_review", test_suppression_sets_review},
      {"triage_and_history", test_triage_and_history},
      {"diff_and_baseline", test_diff_and_baseline},
      {"crashes", test_crashes},
      {"sarif_import", test_sarif_import},
  };
  return test_main(tests, sizeof tests / sizeof *tests, argc, argv);
}
