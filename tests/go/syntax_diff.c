/* syntax-diff: the differential test of gs_parse against tree-sitter-go.
 *
 *   syntax-diff [--no-timing] [--list-refused] [--max-refused-percent P] PATH...
 *
 * Every .go file given or found under a given directory (testdata
 * directories skipped: they hold deliberately broken code) is parsed by
 * both producers; the trees are compared node by node (kind, named flag,
 * field, byte range, children in order). The first difference of a file is
 * printed as path:row:col with both subtrees. Exit status 1 if any file
 * differs (or more files than allowed are refused), 2 on usage or I/O errors. */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <tree_sitter/api.h>

#include "frontend/go/syntax.h"
#include "frontend/go/syntax_parse.h"
#include "frontend/go/syntax_ts.h"

const TSLanguage *tree_sitter_go(void);

typedef struct totals {
  unsigned files, equal, refused, different, ts_errors, unreadable;
  double bytes, gs_seconds, ts_seconds, refused_bytes;
} totals;

typedef struct options {
  bool timing, list_refused;
  double max_refused_percent;
} options;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts); /* CPU time: the machine may be busy */
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Appends the S-expression of `node` to out (at most cap - 1 chars). */
static void sexp(const gs_node *node, char *out, size_t cap, size_t *len) {
  if (*len + 1 >= cap) return;
  int n = snprintf(out + *len, cap - *len, "%s%s%s%s[%u,%u]", node->field ? gs_field_name(node->field) : "",
                   node->field ? ": " : "", gs_is_named(node) ? "(" : "\"",
                   gs_is_named(node) ? gs_type(node) : gs_type(node), node->start, node->end);
  if (n < 0) return;
  *len += (size_t)n < cap - *len ? (size_t)n : cap - *len - 1;
  for (uint32_t i = 0; i < gs_child_count(node); i++) {
    if (*len + 2 < cap) out[(*len)++] = ' ';
    sexp(gs_child(node, i), out, cap, len);
  }
  if (*len + 2 < cap) out[(*len)++] = gs_is_named(node) ? ')' : '"';
  out[*len] = 0;
}

/* The first node whose gs_span_points differs from its gs_start_point and
 * gs_end_point (the lowering's shortcut against the plain line search). */
static const gs_node *span_mismatch(const gs_node *node) {
  gs_point start, end, want_start = gs_start_point(node), want_end = gs_end_point(node);
  gs_span_points(node, &start, &end);
  if (start.row != want_start.row || start.column != want_start.column || end.row != want_end.row ||
      end.column != want_end.column)
    return node;
  for (uint32_t i = 0; i < gs_child_count(node); i++) {
    const gs_node *found = span_mismatch(gs_child(node, i));
    if (found) return found;
  }
  return NULL;
}

static char *file_read(const char *path, size_t *length) {
  FILE *file = fopen(path, "rb");
  if (!file) return NULL;
  char *data = NULL;
  size_t cap = 0, used = 0;
  for (;;) {
    if (used + 65536 > cap) {
      cap = cap ? cap * 2 : 65536;
      char *grown = realloc(data, cap);
      if (!grown) break;
      data = grown;
    }
    size_t n = fread(data + used, 1, cap - used, file);
    used += n;
    if (n == 0) break;
  }
  fclose(file);
  *length = used;
  return data;
}

static void file_check(const char *path, TSParser *parser, const options *opts, totals *sum) {
  size_t length;
  char *source = file_read(path, &length);
  if (!source) {
    fprintf(stderr, "%s: cannot read\n", path);
    sum->unreadable++;
    return;
  }
  sum->files++;
  sum->bytes += (double)length;
  double t0 = now();
  gs_refusal why;
  gs_tree *mine = gs_parse_explained(source, length, &why);
  double t1 = now();
  TSTree *ts_tree = ts_parser_parse_string(parser, NULL, source, (uint32_t)length);
  gs_tree *theirs = ts_tree ? gs_from_ts(ts_tree, source, length) : NULL;
  double t2 = now();
  sum->gs_seconds += t1 - t0;
  sum->ts_seconds += t2 - t1;
  bool ts_error = !theirs || (gs_root(theirs)->flags & GS_NODE_HAS_ERROR);
  if (ts_error) sum->ts_errors++;
  if (!mine) {
    sum->refused++;
    sum->refused_bytes += (double)length;
    if (opts->list_refused) {
      uint32_t row = 1, column = 1;
      for (uint32_t i = 0; i < why.offset && i < length; i++, column++)
        if (source[i] == '\n') row++, column = 0;
      const char *base = strrchr(why.file, '/');
      printf("refused: %s:%u:%u: by %s:%d%s\n", path, row, column, base ? base + 1 : why.file, why.line,
             ts_error ? " (tree-sitter: error)" : "");
    }
  } else {
    const gs_node *other = NULL;
    const gs_node *diff = gs_tree_first_difference(mine, theirs, &other);
    const gs_node *bad_span = span_mismatch(gs_root(mine));
    if (bad_span) {
      sum->different++;
      printf("%s: gs_span_points of the %s at bytes %u-%u differs from gs_start_point/gs_end_point\n", path,
             gs_type(bad_span), bad_span->start, bad_span->end);
    } else if (!diff && ts_error) { /* accepted what tree-sitter could not parse */
      sum->different++;
      printf("%s: different: gs_parse accepts, tree-sitter has a syntax error\n", path);
    } else if (!diff) {
      sum->equal++;
    } else {
      sum->different++;
      gs_point at = gs_start_point(diff);
      static char a[1024], b[1024];
      size_t la = 0, lb = 0;
      a[0] = b[0] = 0;
      sexp(diff, a, sizeof a, &la);
      if (other) sexp(other, b, sizeof b, &lb);
      printf("%s:%u:%u: different in %s\n  gs_parse:    %s\n  tree-sitter: %s\n", path, at.row + 1,
             at.column + 1, gs_type(gs_parent(diff)), a, theirs ? b : "(none)");
    }
  }
  gs_tree_free(mine);
  gs_tree_free(theirs);
  ts_tree_delete(ts_tree);
  free(source);
}

static void path_walk(const char *path, TSParser *parser, const options *opts, totals *sum) {
  struct stat st;
  if (stat(path, &st) != 0) {
    fprintf(stderr, "%s: not found\n", path);
    sum->unreadable++;
    return;
  }
  if (!S_ISDIR(st.st_mode)) {
    file_check(path, parser, opts, sum);
    return;
  }
  struct dirent **entries;
  int n = scandir(path, &entries, NULL, alphasort);
  if (n < 0) {
    sum->unreadable++;
    return;
  }
  for (int i = 0; i < n; i++) {
    const char *name = entries[i]->d_name;
    size_t len = strlen(name);
    char *child = NULL;
    if (name[0] != '.' && strcmp(name, "testdata") != 0 && asprintf(&child, "%s/%s", path, name) >= 0) {
      struct stat cst;
      if (stat(child, &cst) == 0 &&
          (S_ISDIR(cst.st_mode) || (S_ISREG(cst.st_mode) && len > 3 && !strcmp(name + len - 3, ".go"))))
        path_walk(child, parser, opts, sum);
    }
    free(child);
    free(entries[i]);
  }
  free(entries);
}

int main(int argc, char **argv) {
  options opts = {.timing = true, .max_refused_percent = 100};
  totals sum = {0};
  TSParser *parser = ts_parser_new();
  ts_parser_set_language(parser, tree_sitter_go());
  int paths = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--no-timing")) opts.timing = false;
    else if (!strcmp(argv[i], "--list-refused")) opts.list_refused = true;
    else if (!strcmp(argv[i], "--max-refused-percent") && i + 1 < argc) opts.max_refused_percent = atof(argv[++i]);
    else if (argv[i][0] == '-') {
      fprintf(stderr, "usage: syntax-diff [--no-timing] [--list-refused] [--max-refused-percent P] PATH...\n");
      return 2;
    } else {
      path_walk(argv[i], parser, &opts, &sum);
      paths++;
    }
  }
  ts_parser_delete(parser);
  if (!paths) {
    fprintf(stderr, "usage: syntax-diff [--no-timing] [--list-refused] [--max-refused-percent P] PATH...\n");
    return 2;
  }
  double refused_percent = sum.files ? 100.0 * sum.refused / sum.files : 0;
  printf("files=%u equal=%u refused=%u (%.2f%%) different=%u tree-sitter-errors=%u\n", sum.files, sum.equal,
         sum.refused, refused_percent, sum.different, sum.ts_errors);
  if (opts.timing && sum.gs_seconds > 0 && sum.ts_seconds > 0)
    printf("MB=%.1f gs_parse=%.1f MB/s tree-sitter+gs_from_ts=%.1f MB/s\n", sum.bytes / 1e6,
           sum.bytes / 1e6 / sum.gs_seconds, sum.bytes / 1e6 / sum.ts_seconds);
  if (sum.unreadable) return 2;
  return sum.different || refused_percent > opts.max_refused_percent ? 1 : 0;
}
