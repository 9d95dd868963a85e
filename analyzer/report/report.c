/* The report's frame: title, scope, headline, charts, trend; then the
 * section writers. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/error.h"
#include "markdown.h"
#include "mermaid.h"
#include "report_internal.h"

#define REPORT_TREND_RUNS 10

void report_date(double at, char *out, size_t size) {
  time_t seconds = (time_t)at;
  struct tm utc;
  gmtime_r(&seconds, &utc);
  strftime(out, size, "%Y-%m-%d", &utc);
}

void report_datetime(double at, char *out, size_t size) {
  time_t seconds = (time_t)at;
  struct tm utc;
  gmtime_r(&seconds, &utc);
  strftime(out, size, "%Y-%m-%d %H:%M UTC", &utc);
}

static const char *tree_name(const char *root) {
  const char *slash = strrchr(root, '/');
  return slash && slash[1] ? slash + 1 : root;
}

static long long count_where(const fl_audit_findings *list, const char *field_value,
                             const char *(*field)(const fl_audit_finding *)) {
  long long n = 0;
  for (size_t i = 0; i < list->count; i++) n += strcmp(field(&list->items[i]), field_value) == 0;
  return n;
}
static const char *field_severity(const fl_audit_finding *f) { return f->severity; }
static const char *field_status(const fl_audit_finding *f) { return f->status; }
static const char *field_detection(const fl_audit_finding *f) { return f->detection ? f->detection : ""; }

static void report_scope(report_ctx *ctx) {
  FILE *out = ctx->out;
  const fl_audit_run *run = ctx->run;
  char started[40], generated[40], first[40];
  report_datetime(run->started_at, started, sizeof started);
  report_date(ctx->options->generated_at ? ctx->options->generated_at : fl_db_now(), generated, sizeof generated);
  report_date(ctx->runs.items[0].started_at, first, sizeof first);
  fputs("# ", out);
  if (ctx->options->title)
    fl_md_text(out, ctx->options->title);
  else {
    fputs("FFI boundary audit: ", out);
    fl_md_text(out, tree_name(run->source_root));
  }
  fprintf(out, "\n\n*Report date: %s.*\n\n## Scope\n\n| | |\n|---|---|\n| Tree | ", generated);
  fl_md_code(out, run->source_root);
  fputs(" |\n| Commit | ", out);
  if (run->git_commit) fl_md_code(out, run->git_commit);
  else fputs("(not a git checkout)", out);
  fprintf(out, " |\n| Run | #%lld, %s, ", run->id, started);
  fl_md_text(out, run->tool);
  fputc(' ', out);
  fl_md_text(out, run->tool_version);
  fputs(" |\n", out);
  if (run->rule_set) {
    fputs("| Rules | ", out);
    fl_md_text(out, run->rule_set);
    fputs(" |\n", out);
  }
  if (run->config_hash) {
    fputs("| Configuration | ", out);
    fl_md_code(out, run->config_hash);
    fputs(" |\n", out);
  }
  fprintf(out, "| History | %zu run%s of this tree since %s |\n\n", ctx->runs.count,
          ctx->runs.count == 1 ? "" : "s", first);
}

static void report_headline(report_ctx *ctx) {
  FILE *out = ctx->out;
  const fl_audit_findings *p = &ctx->present;
  long long high = count_where(p, "high", field_severity), medium = count_where(p, "medium", field_severity),
            low = count_where(p, "low", field_severity);
  static const char *const statuses[] = {"unreviewed", "confirmed", "false_positive",
                                         "intentional", "fixed", "deferred"};
  long long by_status[6];
  for (int i = 0; i < 6; i++) by_status[i] = count_where(p, statuses[i], field_status);
  long long added = count_where(p, "new", field_detection) + count_where(p, "reopened", field_detection);

  fputs("## Headline\n\n", out);
  if (!p->count) {
    fprintf(out, "Run #%lld reported **no findings**", ctx->run->id);
  } else {
    fprintf(out, "Run #%lld reported **%zu finding%s**: **%lld high**, **%lld medium** and **%lld low**",
            ctx->run->id, p->count, p->count == 1 ? "" : "s", high, medium, low);
  }
  if (ctx->resolved.count)
    fprintf(out, "; %zu finding%s of the previous run %s gone", ctx->resolved.count,
            ctx->resolved.count == 1 ? "" : "s", ctx->resolved.count == 1 ? "is" : "are");
  fputs(".", out);
  if (p->count) {
    fprintf(out, " %lld %s new since the previous run.", added, added == 1 ? "is" : "are");
    long long reviewed = (long long)p->count - by_status[0];
    fprintf(out, " %lld of %zu %s been reviewed: %lld confirmed, %lld false positive%s, %lld intentional, "
                 "%lld deferred, %lld marked fixed.",
            reviewed, p->count, reviewed == 1 ? "has" : "have", by_status[1], by_status[2],
            by_status[2] == 1 ? "" : "s", by_status[3], by_status[5], by_status[4]);
    if (by_status[0]) fprintf(out, " **%lld %s review.**", by_status[0], by_status[0] == 1 ? "awaits" : "await");
  }
  fputs("\n\n", out);
  if (!p->count) return;
  const char *severity_labels[] = {"high", "medium", "low"};
  long long severity_values[] = {high, medium, low};
  fl_mermaid_pie(out, "Findings by severity", severity_labels, severity_values, 3);
  fputc('\n', out);
  const char *status_labels[] = {"unreviewed", "confirmed", "false positive", "intentional", "fixed", "deferred"};
  fl_mermaid_pie(out, "Findings by review status", status_labels, by_status, 6);
  fputc('\n', out);
}

static void report_trend(report_ctx *ctx) {
  FILE *out = ctx->out;
  if (ctx->runs.count < 2) return;
  fprintf(out, "## Trend\n\nThe last %zu runs of this tree.\n\n", ctx->runs.count);
  fl_mermaid_trend(out, &ctx->runs);
  fputs("\n| Run | Date | Commit | Findings | New | Resolved |\n|---:|---|---|---:|---:|---:|\n", out);
  for (size_t i = 0; i < ctx->runs.count; i++) {
    const fl_audit_run *r = &ctx->runs.items[i];
    char when[40];
    report_datetime(r->started_at, when, sizeof when);
    fprintf(out, "| #%lld | %s | ", r->id, when);
    if (r->git_commit) {
      char short_commit[13];
      snprintf(short_commit, sizeof short_commit, "%s", r->git_commit);
      fl_md_code(out, short_commit);
    }
    fprintf(out, " | %lld | %lld | %lld |\n", r->present, r->added, r->resolved);
  }
  fputc('\n', out);
}

int fl_report_write(fl_db *db, const fl_report_options *options, FILE *out) {
  report_ctx ctx = {.db = db, .options = options, .out = out};
  long long run_id;
  int rc = fl_db_resolve_run(db, options->run_id, &run_id);
  if (rc) return rc;
  size_t trend = options->trend_runs ? options->trend_runs : REPORT_TREND_RUNS;
  if ((rc = fl_db_runs(db, run_id, trend, &ctx.runs))) goto done;
  if (!ctx.runs.count) {
    rc = fl_error_set(FL_ENOTFOUND, "no run %lld", run_id);
    goto done;
  }
  ctx.run = &ctx.runs.items[ctx.runs.count - 1];
  fl_audit_filter present = {.run_id = run_id}, resolved = {.run_id = run_id, .only_resolved = true};
  if ((rc = fl_db_findings(db, &present, true, &ctx.present))) goto done;
  if ((rc = fl_db_findings(db, &resolved, true, &ctx.resolved))) goto done;
  ctx.excerpts = fl_excerpt_reader_new(options->source_root ? options->source_root : ctx.run->source_root);

  report_scope(&ctx);
  report_headline(&ctx);
  report_trend(&ctx);
  report_findings(&ctx);
  if ((rc = report_crashes(&ctx))) goto done;
  report_glossary(&ctx);
  fputs("---\n*Generated by ffi-audit from the ffi-lint audit database.*\n", out);
  if (ferror(out)) rc = fl_error_set(FL_EIO, "cannot write the report");

done:
  fl_excerpt_reader_free(ctx.excerpts);
  fl_audit_findings_clear(&ctx.present);
  fl_audit_findings_clear(&ctx.resolved);
  fl_audit_runs_clear(&ctx.runs);
  return rc;
}
