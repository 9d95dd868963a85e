/* The report's fuzz-crash section (race interleavings as sequence
 * diagrams) and the rules glossary. */
#include <string.h>

#include "core/error.h"
#include "db/crash.h"
#include "markdown.h"
#include "mermaid.h"
#include "report_internal.h"

int report_crashes(report_ctx *ctx) {
  FILE *out = ctx->out;
  fl_audit_crashes crashes = {0};
  int rc = fl_db_crashes(ctx->db, &crashes);
  if (rc || !crashes.count) {
    fl_audit_crashes_clear(&crashes);
    return rc;
  }
  fprintf(out, "## Fuzz crashes (%zu)\n\nDeduplicated by harness and crash state (the top frames "
               "outside the harness).\n\n| # | Target | Crash | Reliable | Seen | First seen | Last seen |\n"
               "|---:|---|---|---|---:|---|---|\n", crashes.count);
  for (size_t i = 0; i < crashes.count; i++) {
    const fl_audit_crash *c = &crashes.items[i];
    char first[20], last[20];
    report_date(c->first_seen, first, sizeof first);
    report_date(c->last_seen, last, sizeof last);
    fprintf(out, "| C%zu | ", i + 1);
    fl_md_code(out, c->target);
    fputs(" | ", out);
    fl_md_text(out, c->crash_type);
    fprintf(out, " | %s | %lld× | %s | %s |\n", c->reliable ? "yes" : "no", c->count, first, last);
  }
  fputc('\n', out);
  for (size_t i = 0; i < crashes.count; i++) {
    const fl_audit_crash *c = &crashes.items[i];
    fprintf(out, "### C%zu. ", i + 1);
    fl_md_text(out, c->crash_type);
    fputs(" in ", out);
    fl_md_code(out, c->target);
    fputs("\n\nCrash state:\n\n```\n", out);
    fputs(c->crash_state, out);
    fputs("\n```\n\n", out);
    if (c->reproducer_path) {
      fputs("Reproducer: ", out);
      fl_md_code(out, c->reproducer_path);
      fprintf(out, "%s\n\n", c->reliable ? " (replays the same interleaving every time)" : " (does not replay reliably)");
    }
    if (c->timeline) {
      fputs("Interleaving that leads to the crash:\n\n", out);
      /* Stored timelines were checked by fl_db_store_crash; one written by
       * hand into the DB may not parse: say so instead of failing. */
      if (fl_mermaid_timeline(out, c->timeline)) {
        fputs("(timeline not shown: ", out);
        fl_md_text(out, fl_error_last());
        fputs(")\n", out);
      }
      fputc('\n', out);
    }
  }
  fl_audit_crashes_clear(&crashes);
  return FL_OK;
}

/* A YAML paragraph (markdown already) without its trailing newlines. */
static void glossary_paragraph(FILE *out, const char *label, const char *text) {
  size_t n = strlen(text);
  while (n && (text[n - 1] == '\n' || text[n - 1] == ' ')) n--;
  fprintf(out, "%s%.*s\n\n", label, (int)n, text);
}

void report_glossary(report_ctx *ctx) {
  const fl_rule_meta_set *rules = ctx->options->rules;
  if (!rules || !rules->count) return;
  FILE *out = ctx->out;
  fputs("## Glossary of rules\n\n", out);
  for (size_t i = 0; i < rules->count; i++) {
    const fl_rule_meta *rule = &rules->rules[i];
    fputs("### ", out);
    fl_md_code(out, rule->id);
    fputs("\n\n", out);
    if (rule->title) {
      fputs("**", out);
      fl_md_text(out, rule->title);
      fputs("**", out);
    }
    if (rule->severity) fprintf(out, " — default severity %s", rule->severity);
    if (rule->cwe) {
      fputs(", ", out);
      fl_md_text(out, rule->cwe);
    }
    fputs(".\n\n", out);
    if (rule->description) glossary_paragraph(out, "", rule->description);
    if (rule->why) glossary_paragraph(out, "*Why it matters:* ", rule->why);
    if (rule->fix) glossary_paragraph(out, "*How to fix:* ", rule->fix);
  }
}
