#include "mermaid.h"

#include <string.h>

#include "db/crash.h"

void fl_mermaid_text(FILE *out, const char *text) {
  for (const char *p = text; *p; p++) {
    switch (*p) {
    case '"': fputc('\'', out); break;
    case ';': fputc(',', out); break;
    case '#': fputs("no.", out); break;
    case '\n': case '\r': case '\t': fputc(' ', out); break;
    case '<': fputs("‹", out); break;
    case '>': fputs("›", out); break;
    default: fputc(*p, out);
    }
  }
}

void fl_mermaid_pie(FILE *out, const char *title, const char *const *labels, const long long *values,
                    size_t count) {
  fprintf(out, "```mermaid\npie showData title ");
  fl_mermaid_text(out, title);
  fputc('\n', out);
  for (size_t i = 0; i < count; i++) {
    if (!values[i]) continue;
    fputs("  \"", out);
    fl_mermaid_text(out, labels[i]);
    fprintf(out, "\" : %lld\n", values[i]);
  }
  fputs("```\n", out);
}

void fl_mermaid_trend(FILE *out, const fl_audit_runs *runs) {
  long long top = 1;
  for (size_t i = 0; i < runs->count; i++) {
    if (runs->items[i].added > top) top = runs->items[i].added;
    if (runs->items[i].resolved > top) top = runs->items[i].resolved;
  }
  fputs("```mermaid\nxychart-beta\n  title \"New (bars) and resolved (line) findings per run\"\n  x-axis [", out);
  for (size_t i = 0; i < runs->count; i++) fprintf(out, "%s\"run %lld\"", i ? ", " : "", runs->items[i].id);
  fprintf(out, "]\n  y-axis \"findings\" 0 --> %lld\n  bar [", top);
  for (size_t i = 0; i < runs->count; i++) fprintf(out, "%s%lld", i ? ", " : "", runs->items[i].added);
  fputs("]\n  line [", out);
  for (size_t i = 0; i < runs->count; i++) fprintf(out, "%s%lld", i ? ", " : "", runs->items[i].resolved);
  fputs("]\n```\n", out);
}

/* Threads in order of first appearance. */
static size_t timeline_threads(const fl_timeline *timeline, const char **threads, size_t max) {
  size_t count = 0;
  for (size_t i = 0; i < timeline->count; i++) {
    size_t t = 0;
    while (t < count && strcmp(threads[t], timeline->steps[i].thread) != 0) t++;
    if (t == count && count < max) threads[count++] = timeline->steps[i].thread;
  }
  return count;
}

static void timeline_label(FILE *out, const fl_timeline_step *step) {
  fl_mermaid_text(out, *step->note ? step->note : step->op);
  if (*step->location) {
    fputs(" (", out);
    fl_mermaid_text(out, step->location);
    fputc(')', out);
  }
}

int fl_mermaid_timeline(FILE *out, const char *text) {
  fl_timeline timeline;
  int rc = fl_timeline_parse(&timeline, text);
  if (rc) return rc;
  const char *threads[32];
  size_t nthreads = timeline_threads(&timeline, threads, 32);
  fputs("```mermaid\nsequenceDiagram\n", out);
  for (size_t t = 0; t < nthreads; t++) fprintf(out, "  participant %s\n", threads[t]);
  fputs("  participant lib as library\n", out);
  for (size_t i = 0; i < timeline.count; i++) {
    const fl_timeline_step *step = &timeline.steps[i];
    bool is_free = strcmp(step->op, "free") == 0, is_use = strcmp(step->op, "use") == 0;
    if (is_free || is_use) fprintf(out, "  rect rgb(%s)\n", is_free ? "255, 205, 205" : "255, 230, 190");
    if (strcmp(step->op, "return") == 0)
      fprintf(out, "  lib-->>%s: ", step->thread);
    else if (strcmp(step->op, "switch") == 0)
      fprintf(out, "  Note over %s: switch: ", step->thread);
    else
      fprintf(out, "  %s->>lib: %s%s", step->thread, is_free || is_use ? "" : step->op, is_free || is_use ? "" : " ");
    timeline_label(out, step);
    fputc('\n', out);
    if (is_free || is_use) {
      fprintf(out, "  Note over %s,lib: %s\n", step->thread, is_free ? "FREE" : "USE AFTER FREE");
      fputs("  end\n", out);
    }
  }
  fputs("```\n", out);
  fl_timeline_free(&timeline);
  return 0;
}
