/* fl_go_parse_package: reads and parses a package's files (the hand-written
 * parser, or tree-sitter-go where it refuses: syntax errors, the rare
 * construct it leaves to tree-sitter), then runs the passes: package scan,
 * cgo preambles, lowering, facts. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../core/error.h"
#include "build_constraint.h"
#include "go_internal.h"
#include "syntax_ts.h"

#ifdef FL_HAVE_TREE_SITTER_GO
const TSLanguage *tree_sitter_go(void);
#endif

#define GO_MAX_SYNTAX_DIAGS 20

const char *go_text(fl_arena *arena, const go_file *file, const gs_node *node) {
  if (!node) return "";
  uint32_t start = node->start, end = node->end;
  if (end > file->length || start > end) return "";
  return fl_arena_strndup(arena, file->source + start, end - start);
}

bool go_text_eq(const go_file *file, const gs_node *node, const char *s) {
  if (!node) return false;
  uint32_t start = node->start, end = node->end;
  size_t n = strlen(s);
  return end - start == n && end <= file->length && memcmp(file->source + start, s, n) == 0;
}

fl_loc go_loc(const go_lower *lw, const gs_node *node) {
  if (!node) return (fl_loc){lw->unit->path, 0, 0, 0, 0};
  gs_point start, end;
  gs_span_points(node, &start, &end);
  fl_loc loc = {lw->unit->path, start.row + 1, start.column + 1, end.row + 1, end.column + 1};
  return loc;
}

#ifdef FL_HAVE_TREE_SITTER_GO /* the helpers of fl_go_parse_package */

/* Reads `path` whole into a NUL-terminated heap buffer. Returns 0 or FL_EIO /
 * FL_ENOTFOUND with the message set. */
int go_read_source(char **out, size_t *length_out, const char *path) {
  FILE *fp = fopen(path, "rb");
  if (!fp)
    return fl_error_set(errno == ENOENT ? FL_ENOTFOUND : FL_EIO, "%s: cannot open: %s", path,
                        strerror(errno));
  fl_strbuf buf = FL_STRBUF_INIT;
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) fl_strbuf_appendn(&buf, chunk, n);
  int failed = ferror(fp);
  fclose(fp);
  if (failed) {
    fl_strbuf_free(&buf);
    return fl_error_set(FL_EIO, "%s: read error", path);
  }
  *length_out = buf.len;
  *out = fl_strbuf_take(&buf);
  return 0;
}

static void add_diag(fl_unit *unit, fl_diag_level level, fl_loc loc, const char *message) {
  fl_diag *diag = FL_ARENA_NEW(unit->arena, fl_diag);
  diag->level = level;
  diag->loc = loc;
  diag->message = fl_arena_strdup(unit->arena, message);
  fl_diag **grown = FL_ARENA_ARRAY(unit->arena, fl_diag *, unit->ndiags + 1);
  if (unit->ndiags) memcpy(grown, unit->diags, unit->ndiags * sizeof *grown);
  grown[unit->ndiags++] = diag;
  unit->diags = grown;
}

/* Records an fl_diag for each ERROR / MISSING node (up to a cap: one typo can
 * produce a cascade) and marks the unit partial. */
static void report_syntax_errors(go_file *file, TSNode node, unsigned *count) {
  if (*count >= GO_MAX_SYNTAX_DIAGS || !ts_node_has_error(node)) return;
  bool missing = ts_node_is_missing(node);
  if (missing || strcmp(ts_node_type(node), "ERROR") == 0) {
    TSPoint at = ts_node_start_point(node);
    char message[160];
    if (missing)
      snprintf(message, sizeof message, "%s:%u:%u: syntax error: missing '%s'", file->path,
               at.row + 1, at.column + 1, ts_node_type(node));
    else
      snprintf(message, sizeof message, "%s:%u:%u: syntax error: unexpected input", file->path,
               at.row + 1, at.column + 1);
    fl_loc loc = {file->unit->path, at.row + 1, at.column + 1, ts_node_end_point(node).row + 1,
                  ts_node_end_point(node).column + 1};
    add_diag(file->unit, FL_DIAG_ERROR, loc, message);
    file->unit->status = FL_UNIT_PARTIAL;
    (*count)++;
    if (!missing) return; /* its children are the unparsed tokens */
  }
  uint32_t n = ts_node_child_count(node);
  for (uint32_t i = 0; i < n; i++) report_syntax_errors(file, ts_node_child(node, i), count);
}

static const char *join_path(fl_arena *arena, const char *dir, const char *name) {
  if (name[0] == '/' || !dir || !dir[0] || strcmp(dir, ".") == 0) return fl_arena_strdup(arena, name);
  size_t n = strlen(dir);
  return fl_arena_printf(arena, "%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", name);
}

static void package_free(go_package *pkg) {
  for (size_t i = 0; i < pkg->nfiles; i++) {
    gs_tree_free(pkg->files[i].syntax);
    free(pkg->files[i].source);
  }
  free(pkg->files);
  fl_strmap_free(pkg->types);
  fl_strmap_free(pkg->funcs);
  fl_strmap_free(pkg->globals);
  fl_strmap_free(pkg->exports);
  fl_strmap_free(pkg->purego_vars);
  fl_strmap_free(pkg->purego_fields);
  fl_strmap_free(pkg->cfuncs);
  fl_strmap_free(pkg->ctypes);
  fl_strmap_free(pkg->cfields);
  fl_strmap_free(pkg->c_called);
  fl_ptrvec_free(&pkg->pkg_facts);
  fl_ptrvec_free(&pkg->finalizer_fns);
  fl_ptrvec_free(&pkg->callback_fns);
  fl_ptrvec_free(&pkg->finalizer_helpers);
  fl_arena_free(pkg->arena);
}

/* Returns the package clause's name, or NULL. */
static const char *package_name(go_package *pkg, go_file *file) {
  const gs_node *root = gs_root(file->syntax);
  uint32_t n = gs_named_count(root);
  for (uint32_t i = 0; i < n; i++) {
    const gs_node *child = gs_named_child(root, i);
    if (!gs_is(child, GS_KIND_package_clause)) continue;
    const gs_node *id = gs_named_child(child, 0);
    if (id) return go_text(pkg->arena, file, id);
  }
  return NULL;
}

/* Parses `file` into file->syntax: the hand-written parser first; where it
 * refuses, tree-sitter, whose ERROR and MISSING nodes become diagnostics
 * (the unit is then partial) before its tree is copied and deleted.
 * Returns 0, or FL_EPARSE / FL_ENOMEM with the message set. */
static int parse_file(go_file *file, TSParser *parser) {
  file->syntax = gs_parse(file->source, file->length);
  if (file->syntax) {
    go_count_add(GO_COUNT_FAST_PARSES, 1);
    return 0;
  }
  TSTree *tree = ts_parser_parse_string(parser, NULL, file->source, (uint32_t)file->length);
  if (!tree) return fl_error_set(FL_EPARSE, "%s: tree-sitter gave up parsing", file->path);
  unsigned nerrors = 0;
  report_syntax_errors(file, ts_tree_root_node(tree), &nerrors);
  file->syntax = gs_from_ts(tree, file->source, file->length);
  ts_tree_delete(tree);
  return file->syntax ? 0 : fl_error_set(FL_ENOMEM, "%s: out of memory", file->path);
}

#endif /* FL_HAVE_TREE_SITTER_GO */

void fl_go_units_free(fl_unit **units, size_t nunits) {
  for (size_t i = 0; i < nunits; i++) fl_unit_free(units[i]);
  free(units);
}

int fl_go_parse_package(fl_unit ***units_out, size_t *nunits_out, const char *dir,
                        const char *const *files, size_t nfiles, const fl_frontend_opts *opts) {
  return fl_go_parse_package_deps(units_out, nunits_out, dir, files, nfiles, opts, NULL);
}

int fl_go_parse_package_deps(fl_unit ***units_out, size_t *nunits_out, const char *dir,
                             const char *const *files, size_t nfiles,
                             const fl_frontend_opts *opts, fl_deps *deps) {
  *units_out = NULL;
  *nunits_out = 0;
#ifndef FL_HAVE_TREE_SITTER_GO
  (void)dir, (void)files, (void)nfiles, (void)opts, (void)deps;
  return fl_error_set(FL_ERROR, "%s: ffi-lint was built without the Go frontend (FL_GO_FRONTEND=OFF)",
                      dir ? dir : ".");
#else
  const TSLanguage *language = tree_sitter_go();
  uint32_t abi = ts_language_version(language);
  if (abi < TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION || abi > TREE_SITTER_LANGUAGE_VERSION)
    return fl_error_set(FL_ERROR,
                        "tree-sitter-go grammar has ABI %u; this tree-sitter runtime loads %d..%d",
                        abi, TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION,
                        TREE_SITTER_LANGUAGE_VERSION);
  if (nfiles == 0) return 0;

  static const fl_frontend_opts no_opts = {0};
  go_package pkg = {0};
  pkg.arena = fl_arena_new();
  pkg.dir = fl_arena_strdup(pkg.arena, dir && dir[0] ? dir : ".");
  pkg.opts = opts ? opts : &no_opts;
  pkg.deps = deps;
  pkg.types = fl_strmap_new();
  pkg.funcs = fl_strmap_new();
  pkg.globals = fl_strmap_new();
  pkg.exports = fl_strmap_new();
  pkg.purego_vars = fl_strmap_new();
  pkg.purego_fields = fl_strmap_new();
  pkg.cfuncs = fl_strmap_new();
  pkg.ctypes = fl_strmap_new();
  pkg.cfields = fl_strmap_new();
  pkg.c_called = fl_strmap_new();
  pkg.files = calloc(nfiles, sizeof *pkg.files);
  fl_unit **units = calloc(nfiles, sizeof *units);
  if (!pkg.files || !units) {
    free(units);
    package_free(&pkg);
    return fl_error_set(FL_ENOMEM, "out of memory");
  }

  int rc = 0;
  size_t nbuilt = 0; /* files some build compiles, compacted to the front of pkg.files */
  TSParser *parser = ts_parser_new();
  if (!ts_parser_set_language(parser, language)) {
    rc = fl_error_set(FL_ERROR, "tree-sitter refused the Go grammar (ABI %u)", abi);
    goto done;
  }
  uint64_t clock = go_phase_clock();
  for (size_t i = 0; i < nfiles; i++) {
    go_file *file = &pkg.files[nbuilt];
    file->path = join_path(pkg.arena, dir, files[i]);
    rc = go_read_source(&file->source, &file->length, file->path);
    clock = go_phase_end(GO_PHASE_READ, clock);
    if (rc < 0) goto done;
    if (go_build_never(file->source, file->length)) {
      /* `//go:build ignore`: a generator or a cgo -godefs input, often
       * `package main` beside the real package: not part of any build. */
      free(file->source);
      *file = (go_file){0};
      continue;
    }
    file->outside_default_build = go_build_not_default(file->path, file->source, file->length);
    nbuilt++;
    if (file->length > UINT32_MAX) {
      rc = fl_error_set(FL_EIO, "%s: file too large for the Go parser", file->path);
      goto done;
    }
    go_count_add(GO_COUNT_BYTES, file->length);
    file->unit = units[nbuilt - 1] = fl_unit_new(file->path, FL_LANG_GO);
    rc = parse_file(file, parser);
    if (rc < 0) goto done;
    if (!pkg.name) pkg.name = package_name(&pkg, file);
    clock = go_phase_end(GO_PHASE_PARSE, clock);
  }
  pkg.nfiles = nbuilt;
  if (nbuilt == 0) goto done; /* every file excluded: no units */
  if (!pkg.name) pkg.name = "main";
  for (size_t i = 0; i < nbuilt; i++)
    units[i]->package = fl_arena_strdup(units[i]->arena, pkg.name);
  go_count_add(GO_COUNT_PACKAGES, 1);
  go_count_add(GO_COUNT_FILES, nbuilt);

  go_package_scan(&pkg);
  clock = go_phase_end(GO_PHASE_SCAN, clock);
  if (!pkg.opts->facts_only) go_cgo_load(&pkg); /* the C side: the bulk of a cgo package's time */
  clock = go_phase_end(GO_PHASE_CGO, clock);
  for (size_t i = 0; i < nbuilt; i++) go_lower_file(&pkg, &pkg.files[i]);
  clock = go_phase_end(GO_PHASE_LOWER, clock);
  go_facts_finish(&pkg);
  go_cgo_declare_called(&pkg, units[0]);
  go_phase_end(GO_PHASE_FACTS, clock);

done:
  ts_parser_delete(parser);
  pkg.nfiles = nfiles; /* package_free frees every slot; excluded ones are zeroed */
  package_free(&pkg);
  if (rc < 0) {
    fl_go_units_free(units, nfiles);
    return rc;
  }
  if (nbuilt == 0) {
    free(units);
    units = NULL;
  }
  *units_out = units;
  *nunits_out = nbuilt;
  return 0;
#endif
}
