/* Compiler-style text output (design.md §5):
 *
 *   src/a.c:12:10: error: message [rule-id]
 *       stream_recv(s->inner);
 *                   ^~~~~~~~
 *   src/a.c:9:3: note: step message
 *     ...its source line and caret...
 *
 * The source line is printed verbatim and the caret line copies its tabs,
 * so the caret lands under the range whatever the terminal's tab width.
 * Notes come from the code-flow steps other than the primary. Suppressed
 * findings are only counted, in the closing summary line. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/vec.h"
#include "common.h"
#include "output.h"
#include "paths.h"

#define ANSI_RESET "\033[0m"
#define ANSI_BOLD "\033[1m"
#define ANSI_ERROR "\033[1;31m"
#define ANSI_WARNING "\033[1;35m"
#define ANSI_NOTE "\033[1;36m"
#define ANSI_CARET "\033[1;32m"

typedef struct text_writer {
  FILE *out;
  fl_source_cache *sources;
  const fl_output_opts *opts;
} text_writer;

static const char *paint(const text_writer *w, const char *code) { return w->opts->color ? code : ""; }

static bool utf8_continuation(unsigned char c) { return (c & 0xc0) == 0x80; }

/* Prints the source line of `loc` and the caret line under its range.
 * Nothing when the line cannot be read. */
static void text_excerpt(const text_writer *w, const fl_location *loc) {
  const char *line = fl_source_line(w->sources, loc->file, loc->line);
  if (!line) return;
  size_t len = strlen(line);
  fprintf(w->out, "%s\n", line);

  size_t start = loc->col > 0 ? loc->col - 1 : 0; /* byte offsets */
  if (start > len) start = len;
  size_t end = len;
  if (loc->end_line == loc->line && loc->end_col > loc->col) end = loc->end_col - 1;
  if (end > len) end = len;

  fl_strbuf caret = FL_STRBUF_INIT;
  fl_strbuf_append(&caret, "");
  for (size_t i = 0; i < start; i++) {
    unsigned char c = (unsigned char)line[i];
    if (utf8_continuation(c)) continue; /* one column per character */
    fl_strbuf_append(&caret, c == '\t' ? "\t" : " ");
  }
  fl_strbuf_append(&caret, "^");
  for (size_t i = start + 1; i < end; i++)
    if (!utf8_continuation((unsigned char)line[i])) fl_strbuf_append(&caret, "~");
  fprintf(w->out, "%s%s%s\n", paint(w, ANSI_CARET), caret.data, paint(w, ANSI_RESET));
  fl_strbuf_free(&caret);
}

/* One diagnostic line: "path:line:col: KIND: message[ [rule]]". */
static void text_diagnostic(const text_writer *w, const fl_location *loc, const char *kind,
                            const char *kind_color, const char *message, const char *rule_id) {
  char *path = fl_path_relative_to(loc->file, w->opts->base_dir);
  fprintf(w->out, "%s%s:%u:%u: %s%s%s:%s %s%s", paint(w, ANSI_BOLD), path, loc->line, loc->col,
          paint(w, ANSI_RESET), paint(w, kind_color), kind, paint(w, ANSI_RESET), paint(w, ANSI_BOLD),
          message ? message : "");
  if (rule_id) fprintf(w->out, " [%s]", rule_id);
  fprintf(w->out, "%s\n", paint(w, ANSI_RESET));
  free(path);
  text_excerpt(w, loc);
}

static void text_finding(const text_writer *w, const fl_finding *finding) {
  bool is_error = finding->severity == FL_SEV_HIGH;
  text_diagnostic(w, &finding->primary, is_error ? "error" : "warning", is_error ? ANSI_ERROR : ANSI_WARNING,
                  finding->message, finding->rule_id);
  for (size_t i = 0; i < finding->nflow; i++) {
    const fl_location *step = &finding->flow[i];
    if (fl_out_step_is_primary(finding, step)) continue;
    text_diagnostic(w, step, "note", ANSI_NOTE, step->message ? step->message : "related location", NULL);
  }
}

int fl_output_text(FILE *out, const fl_findings *findings, fl_source_cache *sources,
                   const fl_output_opts *opts) {
  static const fl_output_opts no_opts;
  text_writer w = {out, sources, opts ? opts : &no_opts};
  errno = 0; /* so a failed write reports its own cause */
  for (size_t i = 0; i < findings->count; i++)
    if (!findings->items[i]->suppressed) text_finding(&w, findings->items[i]);
  if (fflush(out) != 0 || ferror(out))
    return fl_error_set(FL_EIO, "cannot write text output: %s", strerror(errno ? errno : EIO));
  return FL_OK;
}
