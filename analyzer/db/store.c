/* fl_db_store_run: one run and its findings in one IMMEDIATE transaction,
 * detection status against the previous run of the same tree, and review
 * status from in-source suppressions. */
#include <jansson.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/error.h"
#include "db_internal.h"
#include "excerpt.h"

/* Lines of context either side of the flagged lines in a stored excerpt. */
#define EXCERPT_CONTEXT 2
#define EXCERPT_MAX_LINES 12

enum {
  STMT_UPSERT_FINDING,
  STMT_PREVIOUS_DETECTION,
  STMT_SEEN_BEFORE,
  STMT_INSERT_OCCURRENCE,
  STMT_REVIEW_OF,
  STMT_COUNT
};

static const char *const store_sql[STMT_COUNT] = {
    [STMT_UPSERT_FINDING] =
        "INSERT INTO findings(fingerprint, rule_id, severity, file, line, col, end_line, end_col, "
        "symbol, message, excerpt, excerpt_line, flow, line_hash, first_run, last_run) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15) "
        "ON CONFLICT(fingerprint) DO UPDATE SET rule_id = excluded.rule_id, "
        "severity = excluded.severity, file = excluded.file, line = excluded.line, "
        "col = excluded.col, end_line = excluded.end_line, end_col = excluded.end_col, "
        "symbol = excluded.symbol, message = excluded.message, "
        "excerpt = coalesce(excluded.excerpt, findings.excerpt), "
        "excerpt_line = coalesce(excluded.excerpt_line, findings.excerpt_line), "
        "flow = excluded.flow, line_hash = excluded.line_hash, last_run = excluded.last_run "
        "RETURNING id, first_run",
    [STMT_PREVIOUS_DETECTION] =
        "SELECT detection FROM occurrences WHERE run_id = ?1 AND finding_id = ?2",
    [STMT_SEEN_BEFORE] =
        "SELECT 1 FROM occurrences o JOIN runs r ON r.id = o.run_id "
        "WHERE o.finding_id = ?1 AND o.run_id < ?2 AND o.detection <> 'resolved' "
        "AND r.source_root = ?3 AND r.tool = ?4 LIMIT 1",
    [STMT_INSERT_OCCURRENCE] =
        "INSERT OR IGNORE INTO occurrences(run_id, finding_id, detection) VALUES(?1, ?2, ?3)",
    [STMT_REVIEW_OF] = "SELECT source FROM reviews WHERE finding_id = ?1",
};

typedef struct store_ctx {
  fl_db *db;
  const char *tool;
  const fl_run_info *run;
  long long run_id, previous_run_id; /* previous: 0 when this is the first */
  double now;
  sqlite3_stmt *stmt[STMT_COUNT];
  fl_excerpt_reader *excerpts;
} store_ctx;

/* The flow as a JSON array, heap-owned by the caller; NULL when empty. */
static char *store_flow_json(const fl_finding *finding) {
  if (!finding->nflow) return NULL;
  json_t *steps = json_array();
  for (size_t i = 0; i < finding->nflow; i++) {
    const fl_location *step = &finding->flow[i];
    json_array_append_new(steps, json_pack("{s:s, s:i, s:i, s:i, s:i, s:s?}", "file",
                                           step->file ? step->file : "", "line", (int)step->line,
                                           "col", (int)step->col, "end_line", (int)step->end_line,
                                           "end_col", (int)step->end_col, "message", step->message));
  }
  char *text = json_dumps(steps, JSON_COMPACT);
  json_decref(steps);
  return text;
}

static int store_step(store_ctx *ctx, sqlite3_stmt *stmt, const char *what) {
  int rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE) return rc;
  return fl_db_fail(ctx->db, what);
}

/* Detection status of a finding present in this run. */
static int store_detection(store_ctx *ctx, long long finding_id, const char **out) {
  *out = "new";
  if (!ctx->previous_run_id) return FL_OK;
  sqlite3_stmt *prev = ctx->stmt[STMT_PREVIOUS_DETECTION];
  sqlite3_reset(prev);
  sqlite3_bind_int64(prev, 1, ctx->previous_run_id);
  sqlite3_bind_int64(prev, 2, finding_id);
  int rc = store_step(ctx, prev, "cannot read the previous run");
  if (rc < 0) return rc;
  if (rc == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(prev, 0), "resolved") != 0) {
    *out = "unresolved";
    return FL_OK;
  }
  sqlite3_stmt *seen = ctx->stmt[STMT_SEEN_BEFORE];
  sqlite3_reset(seen);
  sqlite3_bind_int64(seen, 1, finding_id);
  sqlite3_bind_int64(seen, 2, ctx->run_id);
  fl_db_bind_text(seen, 3, ctx->run->source_root);
  fl_db_bind_text(seen, 4, ctx->tool);
  if ((rc = store_step(ctx, seen, "cannot read earlier runs")) < 0) return rc;
  if (rc == SQLITE_ROW) *out = "reopened";
  return FL_OK;
}

/* In-source suppressions set review status `intentional` with their reason,
 * unless a human triaged the finding; a suppression that disappeared from
 * the source takes its status with it. */
static int store_suppression(store_ctx *ctx, long long finding_id, const fl_finding *finding) {
  sqlite3_stmt *review = ctx->stmt[STMT_REVIEW_OF];
  sqlite3_reset(review);
  sqlite3_bind_int64(review, 1, finding_id);
  int rc = store_step(ctx, review, "cannot read review status");
  if (rc < 0) return rc;
  bool reviewed = rc == SQLITE_ROW;
  bool by_suppression = reviewed && strcmp((const char *)sqlite3_column_text(review, 0), "suppression") == 0;
  sqlite3_reset(review);
  if (finding->suppressed && (!reviewed || by_suppression))
    rc = fl_db_review_write(ctx->db, finding_id, "intentional", "ffi-lint (in-source suppression)",
                              finding->suppression_reason ? finding->suppression_reason
                                                          : "suppressed in source (no reason given)",
                              "suppression", ctx->now);
  else if (!finding->suppressed && by_suppression)
    rc = fl_db_review_write(ctx->db, finding_id, "unreviewed", "ffi-lint (in-source suppression)",
                            "suppression comment removed", "suppression", ctx->now);
  return rc < 0 ? rc : FL_OK;
}

static int store_finding(store_ctx *ctx, const fl_finding *finding) {
  if (!finding->fingerprint || !*finding->fingerprint)
    return fl_error_set(FL_EDB, "%s: finding %s at %s:%u has no fingerprint", ctx->db->path,
                        finding->rule_id, finding->primary.file, finding->primary.line);
  if (finding->severity < FL_SEV_LOW || finding->severity > FL_SEV_HIGH)
    return fl_error_set(FL_EDB, "%s: finding %s at %s:%u has no severity", ctx->db->path,
                        finding->rule_id, finding->primary.file, finding->primary.line);
  const fl_location *at = &finding->primary;
  unsigned first = at->line > EXCERPT_CONTEXT ? at->line - EXCERPT_CONTEXT : 1;
  unsigned last = (at->end_line > at->line ? at->end_line : at->line) + EXCERPT_CONTEXT;
  if (last - first >= EXCERPT_MAX_LINES) last = first + EXCERPT_MAX_LINES - 1;
  unsigned excerpt_line = 0;
  char *excerpt = fl_excerpt_read(ctx->excerpts, at->file, first, last, &excerpt_line);
  char *flow = store_flow_json(finding);

  sqlite3_stmt *upsert = ctx->stmt[STMT_UPSERT_FINDING];
  sqlite3_reset(upsert);
  fl_db_bind_text(upsert, 1, finding->fingerprint);
  fl_db_bind_text(upsert, 2, finding->rule_id);
  fl_db_bind_text(upsert, 3, fl_severity_name(finding->severity));
  fl_db_bind_text(upsert, 4, at->file ? at->file : "");
  sqlite3_bind_int(upsert, 5, (int)at->line);
  sqlite3_bind_int(upsert, 6, (int)at->col);
  sqlite3_bind_int(upsert, 7, (int)at->end_line);
  sqlite3_bind_int(upsert, 8, (int)at->end_col);
  fl_db_bind_text(upsert, 9, finding->function);
  fl_db_bind_text(upsert, 10, finding->message ? finding->message : "");
  fl_db_bind_text(upsert, 11, excerpt);
  if (excerpt)
    sqlite3_bind_int(upsert, 12, (int)excerpt_line);
  else
    sqlite3_bind_null(upsert, 12);
  fl_db_bind_text(upsert, 13, flow);
  fl_db_bind_text(upsert, 14, finding->line_hash);
  sqlite3_bind_int64(upsert, 15, ctx->run_id);
  int rc = store_step(ctx, upsert, "cannot store finding");
  long long finding_id = rc == SQLITE_ROW ? sqlite3_column_int64(upsert, 0) : 0;
  /* First seen in this very run: new, unreviewed, nothing more to look up. */
  bool first_seen = rc == SQLITE_ROW && sqlite3_column_int64(upsert, 1) == ctx->run_id;
  sqlite3_reset(upsert); /* the bound excerpt/flow are freed below */
  free(excerpt);
  free(flow);
  if (rc < 0) return rc;

  const char *detection = "new";
  if (!first_seen && (rc = store_detection(ctx, finding_id, &detection))) return rc;
  sqlite3_stmt *occurrence = ctx->stmt[STMT_INSERT_OCCURRENCE];
  sqlite3_reset(occurrence);
  sqlite3_bind_int64(occurrence, 1, ctx->run_id);
  sqlite3_bind_int64(occurrence, 2, finding_id);
  fl_db_bind_text(occurrence, 3, detection);
  if ((rc = store_step(ctx, occurrence, "cannot store occurrence")) < 0) return rc;
  if (first_seen && !finding->suppressed) return FL_OK;
  return store_suppression(ctx, finding_id, finding);
}

static int store_insert_run(store_ctx *ctx) {
  const fl_run_info *run = ctx->run;
  sqlite3_stmt *stmt;
  int rc = fl_db_prepare(ctx->db, &stmt,
                         "INSERT INTO runs(tool, tool_version, rule_set, config_hash, arguments, "
                         "source_root, git_commit, started_at, finished_at) "
                         "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (rc) return rc;
  fl_db_bind_text(stmt, 1, ctx->tool);
  fl_db_bind_text(stmt, 2, run->tool_version ? run->tool_version : "unknown");
  fl_db_bind_text(stmt, 3, run->rule_set);
  fl_db_bind_text(stmt, 4, run->config_hash);
  fl_db_bind_text(stmt, 5, run->arguments);
  fl_db_bind_text(stmt, 6, run->source_root);
  fl_db_bind_text(stmt, 7, run->git_commit);
  sqlite3_bind_double(stmt, 8, run->started_at);
  sqlite3_bind_double(stmt, 9, run->finished_at);
  if (sqlite3_step(stmt) != SQLITE_DONE) rc = fl_db_fail(ctx->db, "cannot store run");
  sqlite3_finalize(stmt);
  if (rc) return rc;
  ctx->run_id = sqlite3_last_insert_rowid(ctx->db->sql);

  if ((rc = fl_db_prepare(ctx->db, &stmt,
                          "SELECT max(id) FROM runs WHERE source_root = ?1 AND tool = ?2 AND id < ?3")))
    return rc;
  fl_db_bind_text(stmt, 1, run->source_root);
  fl_db_bind_text(stmt, 2, ctx->tool);
  sqlite3_bind_int64(stmt, 3, ctx->run_id);
  if (sqlite3_step(stmt) == SQLITE_ROW)
    ctx->previous_run_id = sqlite3_column_int64(stmt, 0); /* NULL reads as 0 */
  else
    rc = fl_db_fail(ctx->db, "cannot find the previous run");
  sqlite3_finalize(stmt);
  return rc;
}

/* Findings of the previous run that this run no longer reports. */
static int store_resolved(store_ctx *ctx) {
  if (!ctx->previous_run_id) return FL_OK;
  sqlite3_stmt *stmt;
  int rc = fl_db_prepare(ctx->db, &stmt,
                         "INSERT INTO occurrences(run_id, finding_id, detection) "
                         "SELECT ?1, p.finding_id, 'resolved' FROM occurrences p "
                         "WHERE p.run_id = ?2 AND p.detection <> 'resolved' AND NOT EXISTS "
                         "(SELECT 1 FROM occurrences c WHERE c.run_id = ?1 AND c.finding_id = p.finding_id)");
  if (rc) return rc;
  sqlite3_bind_int64(stmt, 1, ctx->run_id);
  sqlite3_bind_int64(stmt, 2, ctx->previous_run_id);
  if (sqlite3_step(stmt) != SQLITE_DONE) rc = fl_db_fail(ctx->db, "cannot record resolved findings");
  sqlite3_finalize(stmt);
  return rc;
}

/* Test hook, read only inside the store transaction: FL_DB_TEST_STORE_HOOK
 * = "kill" (SIGKILL ourselves: the crash-safety test) or "sleep:MS" (hold
 * the write lock: the concurrent-writers test). */
static void store_test_hook(void) {
  const char *hook = getenv("FL_DB_TEST_STORE_HOOK");
  if (!hook) return;
  if (strcmp(hook, "kill") == 0) raise(SIGKILL);
  if (strncmp(hook, "sleep:", 6) == 0) {
    long ms = strtol(hook + 6, NULL, 10);
    struct timespec pause = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&pause, NULL);
  }
}

int fl_db_store_run_as(fl_db *db, const char *tool, const fl_run_info *run,
                       const fl_findings *findings, long long *run_id_out) {
  if (!run->source_root || !*run->source_root)
    return fl_error_set(FL_EDB, "%s: run has no source root", db->path);
  store_ctx ctx = {.db = db, .tool = tool, .run = run, .now = fl_db_now()};
  int rc = FL_OK;
  for (int i = 0; i < STMT_COUNT; i++)
    if ((rc = fl_db_prepare(db, &ctx.stmt[i], store_sql[i]))) goto done;
  ctx.excerpts = fl_excerpt_reader_new(run->source_root);
  if ((rc = fl_db_begin(db))) goto done;
  if ((rc = store_insert_run(&ctx))) goto done;
  for (size_t i = 0; i < findings->count; i++)
    if ((rc = store_finding(&ctx, findings->items[i]))) goto done;
  if ((rc = store_resolved(&ctx))) goto done;
  store_test_hook();
  rc = fl_db_commit(db);

done:
  if (rc) fl_db_rollback(db);
  for (int i = 0; i < STMT_COUNT; i++) sqlite3_finalize(ctx.stmt[i]);
  fl_excerpt_reader_free(ctx.excerpts);
  if (!rc && run_id_out) *run_id_out = ctx.run_id;
  return rc;
}

int fl_db_store_run(fl_db *db, const fl_run_info *run, const fl_findings *findings,
                    long long *run_id_out) {
  return fl_db_store_run_as(db, "ffi-lint", run, findings, run_id_out);
}
