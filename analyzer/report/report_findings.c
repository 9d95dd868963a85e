/* The findings sections of the report: open findings by severity with
 * excerpt and flow, then fixed, deferred, accepted, downgraded and false
 * positives, each with the reviewer's reason. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "report_internal.h"

#define EXCERPT_CONTEXT 2
#define EXCERPT_MAX_LINES 9

static bool is_status(const fl_audit_finding *f, const char *status) { return strcmp(f->status, status) == 0; }
static bool is_open(const fl_audit_finding *f) { return is_status(f, "unreviewed") || is_status(f, "confirmed"); }

static void finding_location(FILE *out, const fl_audit_finding *f) {
  char location[1024];
  snprintf(location, sizeof location, "%s:%u", f->file, f->line);
  fl_md_code(out, location);
  if (f->symbol) {
    fputs(" in ", out);
    fl_md_code(out, f->symbol);
  }
}

/* The flagged lines with a little context: from the source tree when it is
 * there (the report shows today's code), else as stored at the run. */
static void finding_excerpt(report_ctx *ctx, const fl_audit_finding *f) {
  unsigned last_flagged = f->end_line > f->line ? f->end_line : f->line;
  unsigned first = f->line > EXCERPT_CONTEXT ? f->line - EXCERPT_CONTEXT : 1;
  unsigned last = last_flagged + EXCERPT_CONTEXT;
  if (last - first >= EXCERPT_MAX_LINES) last = first + EXCERPT_MAX_LINES - 1;
  unsigned shown_first = 0;
  char *text = fl_excerpt_read(ctx->excerpts, f->file, first, last, &shown_first);
  const char *excerpt = text;
  if (!excerpt && f->excerpt) {
    excerpt = f->excerpt;
    shown_first = f->excerpt_line;
  }
  if (excerpt) {
    unsigned lines = 1;
    for (const char *p = excerpt; *p; p++) lines += *p == '\n';
    fprintf(ctx->out, "%s, lines %u–%u:\n\n```%s\n%s\n```\n\n", "Code", shown_first, shown_first + lines - 1,
            fl_md_fence_language(f->file), excerpt);
  }
  free(text);
}

static void finding_flow(FILE *out, const fl_audit_finding *f) {
  json_t *flow = f->flow_json ? json_loads(f->flow_json, 0, NULL) : NULL;
  if (json_is_array(flow) && json_array_size(flow) > 1) {
    fputs("Flow:\n\n", out);
    size_t i;
    json_t *step;
    json_array_foreach(flow, i, step) {
      char location[1024];
      const char *message = json_string_value(json_object_get(step, "message"));
      snprintf(location, sizeof location, "%s:%lld", json_string_value(json_object_get(step, "file")),
               (long long)json_integer_value(json_object_get(step, "line")));
      fprintf(out, "%zu. ", i + 1);
      fl_md_code(out, location);
      if (message && *message) {
        fputs(" — ", out);
        fl_md_text(out, message);
      }
      fputc('\n', out);
    }
    fputc('\n', out);
  }
  json_decref(flow);
}

/* "by alice on 2026-01-02: reason" */
static void review_note(FILE *out, const fl_audit_finding *f) {
  if (f->status_author) {
    char when[20];
    report_date(f->status_at, when, sizeof when);
    fputs(" by ", out);
    fl_md_text(out, f->status_author);
    fprintf(out, " on %s", when);
  }
  if (f->status_reason) {
    fputs(": ", out);
    fl_md_text(out, f->status_reason);
  }
}

static void finding_block(report_ctx *ctx, const fl_audit_finding *f, char letter, size_t number) {
  FILE *out = ctx->out;
  fprintf(out, "#### %c%zu. ", letter, number);
  fl_md_text(out, f->message);
  fputs("\n\n", out);
  fl_md_code(out, f->rule_id);
  fputs(" · ", out);
  finding_location(out, f);
  fprintf(out, " · **%s**", f->status);
  if (f->detection && (!strcmp(f->detection, "new") || !strcmp(f->detection, "reopened")))
    fprintf(out, " · %s in this run", f->detection);
  fputs("\n\n", out);
  finding_excerpt(ctx, f);
  finding_flow(out, f);
  if (f->status_author) {
    fprintf(out, "> **Review:** %s", f->status);
    review_note(out, f);
    fputs("\n\n", out);
  }
  if (f->severity_reason) {
    fprintf(out, "> **Severity:** %s (the rule said %s): ", f->severity, f->detected_severity);
    fl_md_text(out, f->severity_reason);
    fputs("\n\n", out);
  }
}

/* One bullet: location, rule, message, and the review note. */
static void finding_bullet(FILE *out, const fl_audit_finding *f, bool with_review) {
  fputs("- ", out);
  finding_location(out, f);
  fputs(" (", out);
  fl_md_code(out, f->rule_id);
  fprintf(out, ", %s): ", f->severity);
  fl_md_text(out, f->message);
  if (with_review && (f->status_author || f->status_reason)) {
    fputs(" — *", out);
    fputs(f->status, out);
    review_note(out, f);
    fputc('*', out);
  }
  fputc('\n', out);
}

static size_t count_matching(const fl_audit_findings *list, bool (*keep)(const fl_audit_finding *)) {
  size_t n = 0;
  for (size_t i = 0; i < list->count; i++) n += keep(&list->items[i]);
  return n;
}

static bool is_fixed(const fl_audit_finding *f) { return is_status(f, "fixed"); }
static bool is_deferred(const fl_audit_finding *f) { return is_status(f, "deferred"); }
static bool is_intentional(const fl_audit_finding *f) { return is_status(f, "intentional"); }
static bool is_false_positive(const fl_audit_finding *f) { return is_status(f, "false_positive"); }
static bool is_overridden(const fl_audit_finding *f) { return f->severity_reason != NULL; }

static void bullet_section(report_ctx *ctx, const char *title, const char *intro,
                           bool (*keep)(const fl_audit_finding *)) {
  size_t n = count_matching(&ctx->present, keep);
  if (!n) return;
  fprintf(ctx->out, "## %s (%zu)\n\n%s\n\n", title, n, intro);
  for (size_t i = 0; i < ctx->present.count; i++)
    if (keep(&ctx->present.items[i])) finding_bullet(ctx->out, &ctx->present.items[i], true);
  fputc('\n', ctx->out);
}

static void fixed_section(report_ctx *ctx) {
  FILE *out = ctx->out;
  size_t marked = count_matching(&ctx->present, is_fixed);
  if (!ctx->resolved.count && !marked) return;
  fprintf(out, "## Fixed (%zu)\n\n", ctx->resolved.count + marked);
  if (ctx->resolved.count) {
    fprintf(out, "No longer reported in run #%lld (present in the previous run):\n\n", ctx->run->id);
    for (size_t i = 0; i < ctx->resolved.count; i++) finding_bullet(out, &ctx->resolved.items[i], true);
    fputc('\n', out);
  }
  if (marked) {
    fputs("Marked fixed by a reviewer but still reported (check the fix, or the finding's fingerprint moved):\n\n", out);
    for (size_t i = 0; i < ctx->present.count; i++)
      if (is_fixed(&ctx->present.items[i])) finding_bullet(out, &ctx->present.items[i], true);
    fputc('\n', out);
  }
}

static void downgraded_section(report_ctx *ctx) {
  FILE *out = ctx->out;
  size_t n = count_matching(&ctx->present, is_overridden);
  if (!n) return;
  fprintf(out, "## Downgraded and re-rated (%zu)\n\nSeverities a reviewer changed, with the reason.\n\n"
               "| Finding | Rule | Change | Reason |\n|---|---|---|---|\n", n);
  for (size_t i = 0; i < ctx->present.count; i++) {
    const fl_audit_finding *f = &ctx->present.items[i];
    if (!is_overridden(f)) continue;
    bool down = fl_audit_severity_rank(f->severity) < fl_audit_severity_rank(f->detected_severity);
    fputs("| ", out);
    finding_location(out, f);
    fputs(" | ", out);
    fl_md_code(out, f->rule_id);
    fprintf(out, " | %s: %s → %s | ", down ? "downgraded" : "raised", f->detected_severity, f->severity);
    fl_md_text(out, f->severity_reason);
    fputs(" |\n", out);
  }
  fputc('\n', out);
}

void report_findings(report_ctx *ctx) {
  FILE *out = ctx->out;
  size_t open = count_matching(&ctx->present, is_open);
  fprintf(out, "## Findings (%zu open)\n\n", open);
  if (!open) fputs("No open findings: everything reported has been triaged.\n\n", out);
  else
    fputs("Unreviewed and confirmed findings, most severe first. Each shows the flagged code "
          "and, for multi-step findings, the flow that leads to it.\n\n", out);
  static const struct {
    const char *severity, *title;
    char letter;
  } levels[] = {{"high", "High", 'H'}, {"medium", "Medium", 'M'}, {"low", "Low", 'L'}};
  for (size_t l = 0; l < 3; l++) {
    size_t shown = 0;
    for (size_t i = 0; i < ctx->present.count; i++) {
      const fl_audit_finding *f = &ctx->present.items[i];
      if (!is_open(f) || strcmp(f->severity, levels[l].severity) != 0) continue;
      if (!shown) {
        size_t total = 0;
        for (size_t k = i; k < ctx->present.count; k++)
          total += is_open(&ctx->present.items[k]) && !strcmp(ctx->present.items[k].severity, levels[l].severity);
        fprintf(out, "### %s (%zu)\n\n", levels[l].title, total);
      }
      finding_block(ctx, f, levels[l].letter, ++shown);
    }
  }
  fixed_section(ctx);
  bullet_section(ctx, "Deferred", "Known, accepted for now, to be fixed later.", is_deferred);
  bullet_section(ctx, "Accepted as intentional",
                 "Reported correctly but intended (including in-source `ffi-lint: ignore` suppressions).",
                 is_intentional);
  downgraded_section(ctx);
  bullet_section(ctx, "False positives", "Reported, but not a bug; the reviewer's reasoning is kept so the "
                 "rule can be improved.", is_false_positive);
}
