/* go_build_never: finds the build constraint in a Go file's header and
 * decides whether any setting of the build tags satisfies it with `ignore`
 * unset. Text only (no tree-sitter): it runs before a file is parsed, so a
 * file no build compiles costs a header scan, not a parse. */
#include "build_constraint.h"

#include <stdint.h>
#include <string.h>

/* An expression: a tree in a fixed array. Real constraints are a handful of
 * terms; one past these limits is treated as satisfiable (not excluded). */
#define MAX_NODES 128
#define MAX_ATOMS 12

typedef enum node_kind { NODE_ATOM, NODE_NOT, NODE_AND, NODE_OR } node_kind;

typedef struct expr_node {
  node_kind kind;
  int left, right; /* child indices (NOT: left only); ATOM: left = atom index */
} expr_node;

typedef struct constraint {
  expr_node nodes[MAX_NODES];
  int nnodes;
  const char *atoms[MAX_ATOMS]; /* names, pointing into the source */
  size_t atom_len[MAX_ATOMS];
  int natoms;
  bool overflow; /* too many nodes or atoms */
} constraint;

static int node_new(constraint *c, node_kind kind, int left, int right) {
  if (c->nnodes == MAX_NODES) {
    c->overflow = true;
    return -1;
  }
  c->nodes[c->nnodes] = (expr_node){kind, left, right};
  return c->nnodes++;
}

static int atom_new(constraint *c, const char *name, size_t len) {
  int index = 0;
  while (index < c->natoms &&
         !(c->atom_len[index] == len && memcmp(c->atoms[index], name, len) == 0))
    index++;
  if (index == c->natoms) {
    if (c->natoms == MAX_ATOMS) {
      c->overflow = true;
      return -1;
    }
    c->atoms[index] = name;
    c->atom_len[index] = len;
    c->natoms++;
  }
  return node_new(c, NODE_ATOM, index, -1);
}

static bool is_tag_char(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
         ch == '_' || ch == '.';
}

/* --- `//go:build` expressions: || && ! ( ) and tags ------------------------ */

typedef struct expr_parser {
  constraint *c;
  const char *at, *end;
  bool bad;
} expr_parser;

static void skip_blanks(expr_parser *p) {
  while (p->at < p->end && (*p->at == ' ' || *p->at == '\t')) p->at++;
}

static bool take(expr_parser *p, const char *token) {
  skip_blanks(p);
  size_t n = strlen(token);
  if ((size_t)(p->end - p->at) < n || memcmp(p->at, token, n) != 0) return false;
  p->at += n;
  return true;
}

static int parse_or(expr_parser *p, int depth);

static int parse_unary(expr_parser *p, int depth) {
  if (depth > 32) { /* nesting deeper than any real constraint */
    p->bad = true;
    return -1;
  }
  if (take(p, "!")) return node_new(p->c, NODE_NOT, parse_unary(p, depth + 1), -1);
  if (take(p, "(")) {
    int inner = parse_or(p, depth + 1);
    if (!take(p, ")")) p->bad = true;
    return inner;
  }
  skip_blanks(p);
  const char *start = p->at;
  while (p->at < p->end && is_tag_char(*p->at)) p->at++;
  if (p->at == start) {
    p->bad = true;
    return -1;
  }
  return atom_new(p->c, start, (size_t)(p->at - start));
}

static int parse_and(expr_parser *p, int depth) {
  int left = parse_unary(p, depth);
  while (!p->bad && take(p, "&&")) left = node_new(p->c, NODE_AND, left, parse_unary(p, depth));
  return left;
}

static int parse_or(expr_parser *p, int depth) {
  int left = parse_and(p, depth);
  while (!p->bad && take(p, "||")) left = node_new(p->c, NODE_OR, left, parse_and(p, depth));
  return left;
}

/* Parses `text[0..len)`; returns the root node or -1. */
static int parse_go_build(constraint *c, const char *text, size_t len) {
  expr_parser p = {c, text, text + len, false};
  int root = parse_or(&p, 0);
  skip_blanks(&p);
  if (p.bad || c->overflow || p.at != p.end) return -1;
  return root;
}

/* --- `// +build` lines: space = or, comma = and, ! = not; lines are and-ed -- */

/* Parses one line's options (after "+build"); returns the root or -1. */
static int parse_plus_build(constraint *c, const char *text, size_t len) {
  const char *at = text, *end = text + len;
  int line = -1;
  while (at < end) {
    while (at < end && (*at == ' ' || *at == '\t')) at++;
    if (at == end) break;
    int option = -1;
    for (;;) { /* comma-separated terms of one option */
      bool negated = at < end && *at == '!';
      if (negated) at++;
      const char *start = at;
      while (at < end && is_tag_char(*at)) at++;
      if (at == start) return -1;
      int term = atom_new(c, start, (size_t)(at - start));
      if (negated) term = node_new(c, NODE_NOT, term, -1);
      option = option < 0 ? term : node_new(c, NODE_AND, option, term);
      if (at < end && *at == ',') {
        at++;
        continue;
      }
      break;
    }
    if (at < end && *at != ' ' && *at != '\t') return -1;
    line = line < 0 ? option : node_new(c, NODE_OR, line, option);
  }
  return c->overflow ? -1 : line;
}

/* --- Evaluation --------------------------------------------------------- */

static bool eval(const constraint *c, int node, uint32_t assignment) {
  const expr_node *n = &c->nodes[node];
  switch (n->kind) {
    case NODE_ATOM: return (assignment >> n->left) & 1u;
    case NODE_NOT: return !eval(c, n->left, assignment);
    case NODE_AND: return eval(c, n->left, assignment) && eval(c, n->right, assignment);
    case NODE_OR: return eval(c, n->left, assignment) || eval(c, n->right, assignment);
  }
  return true;
}

/* True if no assignment of the tags, with `ignore` false, makes `root`
 * true. At most 2^MAX_ATOMS evaluations of a tiny tree. */
static bool unsatisfiable(const constraint *c, int root) {
  uint32_t ignore_bit = 0;
  for (int i = 0; i < c->natoms; i++)
    if (c->atom_len[i] == 6 && memcmp(c->atoms[i], "ignore", 6) == 0) ignore_bit = 1u << i;
  for (uint32_t assignment = 0; assignment < (1u << c->natoms); assignment++)
    if (!(assignment & ignore_bit) && eval(c, root, assignment)) return false;
  return true;
}

/* --- The header ----------------------------------------------------------- */

/* `line[0..len)` starts with `prefix` followed by a blank (or ends there). */
static bool directive(const char *line, size_t len, const char *prefix, size_t *rest) {
  size_t n = strlen(prefix);
  if (len < n || memcmp(line, prefix, n) != 0) return false;
  if (len > n && line[n] != ' ' && line[n] != '\t') return false;
  *rest = n;
  return true;
}

/* True if the plain build we read code for -- linux/amd64, cgo on, the gc
 * toolchain, no -tags -- satisfies `root`: go1.N release tags hold, every
 * other tag (the project's own: `dev`, `static`) is unset. */
static bool holds_by_default(const constraint *c, int root) {
  static const char *const set[] = {"linux", "amd64", "unix", "cgo", "gc", NULL};
  uint32_t assignment = 0;
  for (int i = 0; i < c->natoms; i++) {
    bool on = c->atom_len[i] > 3 && memcmp(c->atoms[i], "go1.", 4) == 0;
    for (const char *const *tag = set; *tag && !on; tag++)
      on = strlen(*tag) == c->atom_len[i] && memcmp(*tag, c->atoms[i], c->atom_len[i]) == 0;
    if (on) assignment |= 1u << i;
  }
  return eval(c, root, assignment);
}

static bool never(const constraint *c, int root) { return unsatisfiable(c, root); }
static bool not_by_default(const constraint *c, int root) { return !holds_by_default(c, root); }

/* Finds the header's constraint and returns `decide(constraint, root)`, or
 * false when there is none (or it does not parse, or is too big). */
static bool decide_header(const char *source, size_t length,
                          bool (*decide)(const constraint *c, int root)) {
  constraint plus = {0};
  int plus_root = -1, plus_pending = -1; /* +build lines count once a blank line follows */
  bool plus_bad = false;
  const char *at = source, *end = source + length;
  bool in_block_comment = false;
  while (at < end) {
    const char *eol = memchr(at, '\n', (size_t)(end - at));
    if (!eol) eol = end;
    const char *line = at;
    at = eol < end ? eol + 1 : end;
    while (line < eol && (*line == ' ' || *line == '\t')) line++;
    size_t len = (size_t)(eol - line);
    while (len && (line[len - 1] == '\r' || line[len - 1] == ' ' || line[len - 1] == '\t')) len--;
    if (in_block_comment) {
      const char *close = len >= 2 ? memmem(line, len, "*/", 2) : NULL;
      if (!close) continue;
      in_block_comment = false;
      const char *after = close + 2;
      while (after < line + len && (*after == ' ' || *after == '\t')) after++;
      if (after < line + len) break; /* code after the comment: the header is over */
      continue;
    }
    if (len == 0) { /* blank: the +build lines above it are constraints */
      if (plus_pending >= 0)
        plus_root = plus_root < 0 ? plus_pending : node_new(&plus, NODE_AND, plus_root, plus_pending);
      plus_pending = -1;
      continue;
    }
    if (len >= 2 && line[0] == '/' && line[1] == '*') {
      const char *close = len >= 4 ? memmem(line + 2, len - 2, "*/", 2) : NULL;
      if (!close) in_block_comment = true;
      else if (close + 2 < line + len) break;
      continue;
    }
    if (len < 2 || line[0] != '/' || line[1] != '/') break; /* the package clause, or code */
    size_t rest;
    if (directive(line, len, "//go:build", &rest)) {
      /* //go:build wins over +build lines; only the first counts. */
      constraint expr = {0};
      int root = parse_go_build(&expr, line + rest, len - rest);
      return root >= 0 && !expr.overflow && decide(&expr, root);
    }
    const char *comment = line + 2;
    size_t comment_len = len - 2;
    while (comment_len && (*comment == ' ' || *comment == '\t')) comment++, comment_len--;
    if (directive(comment, comment_len, "+build", &rest)) {
      int root = parse_plus_build(&plus, comment + rest, comment_len - rest);
      if (root < 0) plus_bad = true;
      else plus_pending = plus_pending < 0 ? root : node_new(&plus, NODE_AND, plus_pending, root);
    }
  }
  if (plus_bad || plus.overflow || plus_root < 0) return false;
  return decide(&plus, plus_root);
}

bool go_build_never(const char *source, size_t length) {
  return decide_header(source, length, never);
}

/* `name_GOOS.go`, `name_GOARCH.go`, `name_GOOS_GOARCH.go` (go/build's
 * rule: the words after the first `_`, for any kind of file: `x_windows.c`
 * too) for a platform other than linux/amd64. */
static bool word_in_list(const char *const *list, const char *word, size_t len) {
  for (; *list; list++)
    if (strlen(*list) == len && memcmp(*list, word, len) == 0) return true;
  return false;
}

static bool other_platform_name(const char *path) {
  static const char *const goos[] = {"aix", "android", "darwin", "dragonfly", "freebsd", "hurd",
                                     "illumos", "ios", "js", "linux", "nacl", "netbsd", "openbsd",
                                     "plan9", "solaris", "wasip1", "windows", "zos", NULL};
  static const char *const goarch[] = {"386", "amd64", "arm", "arm64", "loong64", "mips", "mipsle",
                                       "mips64", "mips64le", "ppc64", "ppc64le", "riscv64",
                                       "s390x", "wasm", NULL};
  const char *name = strrchr(path, '/');
  name = name ? name + 1 : path;
  const char *extension = strrchr(name, '.');
  if (!extension || extension == name) return false;
  size_t len = (size_t)(extension - name);
  const char *first = memchr(name, '_', len);
  if (!first) return false;
  const char *end = name + len;
  const char *last = end;
  while (last > first && last[-1] != '_') last--;
  size_t last_len = (size_t)(end - last);
  const char *prev = NULL;
  size_t prev_len = 0;
  if (last - 1 > first) {
    prev = last - 1;
    while (prev > first && prev[-1] != '_') prev--;
    prev_len = (size_t)(last - 1 - prev);
  }
  if (prev && word_in_list(goos, prev, prev_len) && word_in_list(goarch, last, last_len))
    return !(prev_len == 5 && memcmp(prev, "linux", 5) == 0 && last_len == 5 &&
             memcmp(last, "amd64", 5) == 0);
  if (word_in_list(goos, last, last_len)) return !(last_len == 5 && memcmp(last, "linux", 5) == 0);
  if (word_in_list(goarch, last, last_len)) return !(last_len == 5 && memcmp(last, "amd64", 5) == 0);
  return false;
}

bool go_build_not_default(const char *name, const char *source, size_t length) {
  return other_platform_name(name) || decide_header(source, length, not_by_default);
}
