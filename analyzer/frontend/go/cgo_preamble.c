/* cgo preambles: the comment directly above `import "C"` is C code. We parse
 * it with libclang (an unsaved file in the package directory, so quoted
 * #includes resolve relative to it; `#cgo CFLAGS: -I... -D...` applied with
 * ${SRCDIR} expanded) to learn C function signatures and typedef widths. The
 * C frontend (frontend/clang) lowers whole TUs; here only declarations are
 * needed, so libclang is used directly with function bodies skipped. The
 * package's preambles usually share their headers, which are most of the
 * cost: runs of them are parsed as one unit when that gives the same
 * declarations (parse_run). */
#include <clang-c/Index.h>
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../libclang_guard.h"
#include "go_internal.h"
#include "pkg_config.h"

#ifndef FL_CLANG_RESOURCE_DIR
#define FL_CLANG_RESOURCE_DIR ""
#endif

#define GO_MAX_CFLAGS 64

/* --- Built-in knowledge: cgo's own functions and C's basic types ---------- */

/* The parameter tables are spelled out rather than copied from shared
 * constants at run time: parse workers call go_cgo_builtin concurrently. */
#define C_CHAR_PTR {"*C.char", FL_TYPE_POINTER, 64, false, "C.char"}
#define C_INT {"C.int", FL_TYPE_INT, 32, true, NULL}
#define GO_UNSAFE_PTR {"unsafe.Pointer", FL_TYPE_POINTER, 64, false, NULL}
static go_ctype gostringn_params[2] = {C_CHAR_PTR, C_INT};
static go_ctype gobytes_params[2] = {GO_UNSAFE_PTR, C_INT};
static go_ctype gostring_params[1] = {C_CHAR_PTR};
static go_ctype cstring_params[1] = {{"string", FL_TYPE_STRING, 0, false, NULL}};
static go_ctype cbytes_params[1] = {{"[]byte", FL_TYPE_SLICE, 0, false, NULL}};

static const go_cfunc cgo_builtins[] = {
    {"CString", C_CHAR_PTR, cstring_params, 1, false, false, NULL, 0, 0},
    {"CBytes", GO_UNSAFE_PTR, cbytes_params, 1, false, false, NULL, 0, 0},
    {"GoString", {"string", FL_TYPE_STRING, 0, false, NULL}, gostring_params, 1, false, false, NULL, 0, 0},
    {"GoStringN", {"string", FL_TYPE_STRING, 0, false, NULL}, gostringn_params, 2, false, false, NULL, 0, 0},
    {"GoBytes", {"[]byte", FL_TYPE_SLICE, 0, false, NULL}, gobytes_params, 2, false, false, NULL, 0, 0},
};
#undef C_CHAR_PTR
#undef C_INT
#undef GO_UNSAFE_PTR

const go_cfunc *go_cgo_builtin(const char *name) {
  for (size_t i = 0; i < sizeof cgo_builtins / sizeof cgo_builtins[0]; i++)
    if (strcmp(cgo_builtins[i].name, name) == 0) return &cgo_builtins[i];
  return NULL;
}

/* cgo's names for C's basic types (LP64), and the common fixed-width
 * typedefs, used when the preamble does not declare them itself. */
static const go_ctype c_basic_types[] = {
    {"char", FL_TYPE_INT, 8, true, NULL},       {"schar", FL_TYPE_INT, 8, true, NULL},
    {"uchar", FL_TYPE_INT, 8, false, NULL},     {"short", FL_TYPE_INT, 16, true, NULL},
    {"ushort", FL_TYPE_INT, 16, false, NULL},   {"int", FL_TYPE_INT, 32, true, NULL},
    {"uint", FL_TYPE_INT, 32, false, NULL},     {"long", FL_TYPE_INT, 64, true, NULL},
    {"ulong", FL_TYPE_INT, 64, false, NULL},    {"longlong", FL_TYPE_INT, 64, true, NULL},
    {"ulonglong", FL_TYPE_INT, 64, false, NULL}, {"float", FL_TYPE_FLOAT, 32, true, NULL},
    {"double", FL_TYPE_FLOAT, 64, true, NULL},  {"size_t", FL_TYPE_INT, 64, false, NULL},
    {"ssize_t", FL_TYPE_INT, 64, true, NULL},   {"int8_t", FL_TYPE_INT, 8, true, NULL},
    {"uint8_t", FL_TYPE_INT, 8, false, NULL},   {"int16_t", FL_TYPE_INT, 16, true, NULL},
    {"uint16_t", FL_TYPE_INT, 16, false, NULL}, {"int32_t", FL_TYPE_INT, 32, true, NULL},
    {"uint32_t", FL_TYPE_INT, 32, false, NULL}, {"int64_t", FL_TYPE_INT, 64, true, NULL},
    {"uint64_t", FL_TYPE_INT, 64, false, NULL}, {"intptr_t", FL_TYPE_INT, 64, true, NULL},
    {"uintptr_t", FL_TYPE_INT, 64, false, NULL}, {"_Bool", FL_TYPE_BOOL, 8, false, NULL},
    {"bool", FL_TYPE_BOOL, 8, false, NULL},
};

const go_ctype *go_cgo_type(go_package *pkg, const char *c_name) {
  const go_ctype *ctype = fl_strmap_get(pkg->ctypes, c_name);
  if (ctype) return ctype;
  for (size_t i = 0; i < sizeof c_basic_types / sizeof c_basic_types[0]; i++)
    if (strcmp(c_basic_types[i].go_name, c_name) == 0) return &c_basic_types[i];
  return NULL;
}

/* --- libclang types -> go_ctype ------------------------------------------- */

static const char *copy_cxstring(fl_arena *arena, CXString s) {
  const char *copy = fl_arena_strdup(arena, clang_getCString(s));
  clang_disposeString(s);
  return copy ? copy : "";
}

/* cgo's Go spelling of a C type: C.int, C.size_t, *C.char, unsafe.Pointer,
 * C.struct_stream. */
static const char *go_spelling(fl_arena *arena, CXType type) {
  static const struct { enum CXTypeKind kind; const char *name; } basics[] = {
      {CXType_Char_S, "C.char"},   {CXType_Char_U, "C.char"},       {CXType_SChar, "C.schar"},
      {CXType_UChar, "C.uchar"},   {CXType_Short, "C.short"},       {CXType_UShort, "C.ushort"},
      {CXType_Int, "C.int"},       {CXType_UInt, "C.uint"},         {CXType_Long, "C.long"},
      {CXType_ULong, "C.ulong"},   {CXType_LongLong, "C.longlong"}, {CXType_ULongLong, "C.ulonglong"},
      {CXType_Float, "C.float"},   {CXType_Double, "C.double"},     {CXType_Bool, "C.bool"},
      {CXType_Void, "void"}};
  if (type.kind == CXType_Elaborated) type = clang_Type_getNamedType(type);
  if (type.kind == CXType_Typedef)
    return fl_arena_printf(arena, "C.%s", copy_cxstring(arena, clang_getTypedefName(type)));
  if (type.kind == CXType_Pointer) {
    CXType pointee = clang_getPointeeType(type);
    if (clang_getCanonicalType(pointee).kind == CXType_Void) return "unsafe.Pointer";
    return fl_arena_printf(arena, "*%s", go_spelling(arena, pointee));
  }
  if (type.kind == CXType_Record || type.kind == CXType_Enum) {
    const char *tag = copy_cxstring(arena, clang_getCursorSpelling(clang_getTypeDeclaration(type)));
    return fl_arena_printf(arena, "C.%s_%s", type.kind == CXType_Enum ? "enum" : "struct", tag);
  }
  for (size_t i = 0; i < sizeof basics / sizeof basics[0]; i++)
    if (basics[i].kind == type.kind) return basics[i].name;
  return fl_arena_printf(arena, "C.%s", copy_cxstring(arena, clang_getTypeSpelling(type)));
}

static go_ctype ctype_from(fl_arena *arena, CXType type) {
  go_ctype out = {0};
  out.go_name = go_spelling(arena, type);
  CXType canon = clang_getCanonicalType(type);
  long long size = clang_Type_getSizeOf(canon);
  switch (canon.kind) {
    case CXType_Void: out.kind = FL_TYPE_VOID; break;
    case CXType_Bool: out.kind = FL_TYPE_BOOL, out.bits = 8; break;
    case CXType_Char_S: case CXType_SChar: case CXType_Short: case CXType_Int: case CXType_Long:
    case CXType_LongLong: case CXType_Int128: case CXType_WChar: case CXType_Enum:
      out.kind = FL_TYPE_INT, out.is_signed = true;
      break;
    case CXType_Char_U: case CXType_UChar: case CXType_UShort: case CXType_UInt: case CXType_ULong:
    case CXType_ULongLong: case CXType_UInt128: case CXType_Char16: case CXType_Char32:
      out.kind = FL_TYPE_INT;
      break;
    case CXType_Float: case CXType_Double: case CXType_LongDouble:
      out.kind = FL_TYPE_FLOAT, out.is_signed = true;
      break;
    case CXType_Pointer:
      out.kind = FL_TYPE_POINTER;
      if (strcmp(out.go_name, "unsafe.Pointer") != 0 && out.go_name[0] == '*')
        out.pointee = out.go_name + 1;
      break;
    case CXType_Record: out.kind = FL_TYPE_RECORD; break;
    case CXType_ConstantArray: case CXType_IncompleteArray: out.kind = FL_TYPE_ARRAY; break;
    case CXType_FunctionProto: case CXType_FunctionNoProto: out.kind = FL_TYPE_FUNCTION; break;
    default: out.kind = FL_TYPE_OTHER; break;
  }
  if (size > 0 && out.kind != FL_TYPE_RECORD && out.kind != FL_TYPE_ARRAY) out.bits = (unsigned)size * 8;
  return out;
}

/* --- Preamble text and #cgo flags ------------------------------------------ */

/* Compiler flags from #cgo CFLAGS/CPPFLAGS directives. */
typedef struct cgo_flags {
  const char *args[GO_MAX_CFLAGS];
  int nargs;
} cgo_flags;

typedef struct preamble {
  fl_strbuf text;
  cgo_flags flags;     /* this file's own directives (libclang gets the package's) */
  unsigned first_line; /* 1-based line of the first comment */
} preamble;

static void add_arg(preamble *pre, fl_arena *arena, const char *arg) {
  cgo_flags *flags = &pre->flags;
  if (flags->nargs < GO_MAX_CFLAGS) flags->args[flags->nargs++] = fl_arena_strdup(arena, arg);
}

const char *go_absolute_dir(fl_arena *arena, const char *dir) {
  if (dir[0] == '/') return dir;
  char cwd[4096];
  if (!getcwd(cwd, sizeof cwd)) return dir;
  if (strcmp(dir, ".") == 0) return fl_arena_strdup(arena, cwd);
  return fl_arena_printf(arena, "%s/%s", cwd, strncmp(dir, "./", 2) == 0 ? dir + 2 : dir);
}

/* Whether a #cgo directive's build constraint holds for the target we read
 * code for (linux/amd64, cgo on). `words` is what stands between "#cgo" and
 * the flag kind: space-separated options, any of which may hold, each a
 * comma-separated list of terms that all must, `!` negating a term. GOOS
 * and GOARCH names are decided; other tags (the project's own) count as set,
 * since their code is read too. */
static bool word_in(const char *word, size_t len, const char *const *list) {
  for (; *list; list++)
    if (strlen(*list) == len && strncmp(*list, word, len) == 0) return true;
  return false;
}

static bool cgo_constraint_holds(const char *words, size_t len) {
  static const char *const platform[] = {
      "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js",
      "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos",
      "386", "amd64", "arm", "arm64", "loong64", "mips", "mipsle", "mips64", "mips64le",
      "ppc64", "ppc64le", "riscv64", "s390x", "wasm", "unix", NULL};
  static const char *const target[] = {"linux", "amd64", "unix", "cgo", "gc", NULL};
  bool any_option = false, holds = false;
  for (size_t i = 0; i < len;) {
    while (i < len && (words[i] == ' ' || words[i] == '\t')) i++;
    size_t end = i;
    while (end < len && words[end] != ' ' && words[end] != '\t') end++;
    if (end == i) break;
    any_option = true;
    bool option = true; /* every comma-separated term of it holds */
    for (size_t t = i; t < end;) {
      size_t term_end = t;
      while (term_end < end && words[term_end] != ',') term_end++;
      bool negate = words[t] == '!';
      const char *name = words + t + negate;
      size_t name_len = term_end - t - negate;
      bool set = word_in(name, name_len, target) || !word_in(name, name_len, platform);
      if (set == negate) option = false;
      t = term_end + (term_end < end);
    }
    holds = holds || option;
    i = end;
  }
  return !any_option || holds;
}

/* Keeps the flags of `text` that change declarations: -I (made absolute
 * against the package dir), -D, -U, -std. `-I dir` and `-D NAME` may come
 * as two words; ${SRCDIR} is the package dir. */
static void add_flag_words(preamble *pre, go_package *pkg, const char *text) {
  const char *pending = NULL; /* "-I" or "-D" waiting for its value */
  for (const char *p = text; *p;) {
    while (*p == ' ' || *p == '\t') p++;
    size_t n = strcspn(p, " \t");
    if (!n) break;
    char *word = fl_arena_strndup(pkg->arena, p, n);
    p += n;
    if (pending) {
      word = fl_arena_printf(pkg->arena, "%s%s", pending, word);
      pending = NULL;
    } else if (strcmp(word, "-I") == 0 || strcmp(word, "-D") == 0 || strcmp(word, "-U") == 0) {
      pending = word;
      continue;
    }
    const char *srcdir = strstr(word, "${SRCDIR}");
    if (srcdir) /* cgo's ${SRCDIR} is absolute, also when the run names the package relatively */
      word = fl_arena_printf(pkg->arena, "%.*s%s%s", (int)(srcdir - word), word,
                             go_absolute_dir(pkg->arena, pkg->dir), srcdir + 9);
    if (strncmp(word, "-I", 2) == 0 && word[2] && word[2] != '/')
      add_arg(pre, pkg->arena, fl_arena_printf(pkg->arena, "-I%s/%s", pkg->dir, word + 2));
    else if ((strncmp(word, "-I", 2) == 0 || strncmp(word, "-D", 2) == 0 ||
              strncmp(word, "-U", 2) == 0) && word[2])
      add_arg(pre, pkg->arena, word);
    else if (strncmp(word, "-std=", 5) == 0)
      add_arg(pre, pkg->arena, word);
  }
}

static void warn_counted(go_package *pkg, go_file *file, unsigned line, const char *key, const char *text,
                         const char *repeated, const char *counted, size_t repeats);

/* `#cgo [GOOS...] CFLAGS: -I${SRCDIR}/inc -DX=1` (and CPPFLAGS), when the
 * directive's constraint holds; `#cgo pkg-config: glib-2.0` runs pkg-config
 * as cgo does (GTK and GLib bindings find their headers only that way). LDFLAGS
 * does not change the declarations we read. A failing pkg-config is a
 * warning on the directive's line. */
static void parse_cgo_directive(preamble *pre, go_package *pkg, go_file *file, unsigned line_no,
                                const char *line, bool cxx) {
  const char *colon = strchr(line, ':');
  if (!colon) return;
  const char *kind = colon;
  while (kind > line && kind[-1] != ' ' && kind[-1] != '\t') kind--;
  size_t kind_len = (size_t)(colon - kind);
  /* The preamble and .c files get CFLAGS, .cc/.cpp files CXXFLAGS; both
   * get CPPFLAGS. */
  bool cflags = (!cxx && kind_len == 6 && strncmp(kind, "CFLAGS", 6) == 0) ||
                (cxx && kind_len == 8 && strncmp(kind, "CXXFLAGS", 8) == 0) ||
                (kind_len == 8 && strncmp(kind, "CPPFLAGS", 8) == 0);
  bool pkg_config = kind_len == 10 && strncmp(kind, "pkg-config", 10) == 0;
  if (!cflags && !pkg_config) return;
  const char *words = line + 4; /* after "#cgo" */
  if (kind > words && !cgo_constraint_holds(words, (size_t)(kind - words))) return;
  if (cflags) {
    add_flag_words(pre, pkg, colon + 1);
    return;
  }
  const char *names = colon + 1;
  while (*names == ' ' || *names == '\t') names++;
  const char *flags = NULL, *error = NULL;
  if (go_pkg_config_cflags(names, &flags, &error)) {
    add_flag_words(pre, pkg, flags);
  } else if (file && !file->outside_default_build) {
    /* A file only `-tags static` builds may name a .pc of a build that is
     * not there (git2go's static-build/): no warning for what a plain
     * build never runs. Bindings repeat the line in every cgo file
     * (libvirt-go: 48): one warning per package. */
    warn_counted(pkg, file, line_no, fl_arena_printf(pkg->arena, "pkg-config\t%s", names),
                 fl_arena_printf(pkg->arena,
                                 "cgo preamble: #cgo pkg-config: %s: %s (set PKG_CONFIG_PATH, or add the "
                                 "headers' directory with -- -I or #cgo CFLAGS; C declarations may be "
                                 "incomplete",
                                 names, error ? error : "failed"),
                 "line", "file", 0);
  }
}

size_t go_cgo_directive_flags(fl_arena *arena, const char *dir, const char *line, bool cxx,
                              const char **out, size_t max) {
  go_package pkg = {0};
  pkg.arena = arena;
  pkg.dir = dir;
  preamble pre = {0};
  parse_cgo_directive(&pre, &pkg, NULL, 0, line, cxx);
  size_t n = 0;
  for (int i = 0; i < pre.flags.nargs && n < max; i++) out[n++] = pre.flags.args[i];
  return n;
}

/* Appends one comment's C text: `//` lines lose the slashes, a block comment
 * its delimiters. `#cgo` lines become blank so line numbers still match. */
static void append_comment(preamble *pre, go_package *pkg, go_file *file, unsigned first_line,
                           const char *comment) {
  bool block = strncmp(comment, "/*", 2) == 0;
  const char *body = comment + 2;
  size_t len = strlen(body);
  if (block && len >= 2) len -= 2;
  const char *end = body + len;
  unsigned line_no = first_line;
  for (const char *line = body; line < end; line_no++) {
    const char *nl = memchr(line, '\n', (size_t)(end - line));
    size_t n = nl ? (size_t)(nl - line) : (size_t)(end - line);
    const char *text = line;
    while (text < line + n && (*text == ' ' || *text == '\t')) text++;
    if (strncmp(text, "#cgo", 4) == 0 && (text[4] == ' ' || text[4] == '\t')) {
      parse_cgo_directive(pre, pkg, file, line_no,
                          fl_arena_strndup(pkg->arena, text, n - (size_t)(text - line)), false);
    } else {
      fl_strbuf_appendn(&pre->text, line, n);
    }
    fl_strbuf_append(&pre->text, "\n");
    line += n + 1;
  }
}

/* Finds `import "C"` and gathers the comments directly above it. Returns
 * false if the file has no preamble. */
static bool extract_preamble(preamble *pre, go_package *pkg, go_file *file) {
  const gs_node *root = gs_root(file->syntax);
  uint32_t n = gs_named_count(root);
  for (uint32_t i = 0; i < n; i++) {
    const gs_node *import = gs_named_child(root, i);
    if (!gs_is(import, GS_KIND_import_declaration)) continue;
    const gs_node *spec = gs_named_child(import, 0);
    if (!gs_is(spec, GS_KIND_import_spec) || !go_text_eq(file, gs_field_child(spec, GS_FIELD_path), "\"C\"")) continue;
    const gs_node *first = NULL, *prev = gs_prev_named_sibling(import);
    uint32_t next_row = gs_start_point(import).row;
    bool found = false;
    while (gs_is(prev, GS_KIND_comment) && gs_end_point(prev).row + 1 >= next_row) {
      first = prev;
      found = true;
      next_row = gs_start_point(prev).row;
      prev = gs_prev_named_sibling(prev);
    }
    if (!found) return false;
    pre->first_line = gs_start_point(first).row + 1;
    fl_strbuf_printf(&pre->text, "#line %u \"%s\"\n", pre->first_line, file->path);
    for (const gs_node *c = first; c && c != import; c = gs_next_named_sibling(c))
      append_comment(pre, pkg, file, gs_start_point(c).row + 1, go_text(pkg->arena, file, c));
    return true;
  }
  return false;
}

/* --- Parsing the preamble ----------------------------------------------------- */

static fl_diag *warn(go_file *file, unsigned line, const char *message) {
  fl_unit *unit = file->unit;
  fl_diag *diag = FL_ARENA_NEW(unit->arena, fl_diag);
  diag->level = FL_DIAG_WARNING;
  diag->loc.file = unit->path;
  diag->loc.line = diag->loc.end_line = line;
  diag->loc.col = diag->loc.end_col = 1;
  diag->message = fl_arena_strdup(unit->arena, message);
  fl_diag **grown = FL_ARENA_ARRAY(unit->arena, fl_diag *, unit->ndiags + 1);
  if (unit->ndiags) memcpy(grown, unit->diags, unit->ndiags * sizeof *grown);
  grown[unit->ndiags++] = diag;
  unit->diags = grown;
  return diag;
}

/* A warning the package's files would otherwise repeat -- the same failing
 * `#cgo pkg-config:` line in every cgo file, the same missing header in
 * every preamble -- is given once, where first met, and counts the others.
 * Kept while go_cgo_load runs (pkg->counted_warnings). */
typedef struct counted_warning {
  const char *key;      /* what makes two the same (package arena) */
  go_file *file;        /* where it was given */
  fl_diag *warning;     /* rewritten with the count */
  const char *text;     /* its message up to the closing parenthesis (package arena) */
  const char *repeated; /* what repeats ("line", "error") ... */
  const char *counted;  /* ... in how many more what ("file", "preamble") */
  size_t repeats;
} counted_warning;

static const char *counted_message(fl_arena *arena, const counted_warning *counted) {
  if (!counted->repeats) return fl_arena_printf(arena, "%s)", counted->text);
  return fl_arena_printf(arena, "%s; the same %s in %zu more %s%s of the package)", counted->text,
                         counted->repeated, counted->repeats, counted->counted, counted->repeats == 1 ? "" : "s");
}

/* Warns `text` + ")" on `file`, once per package and `key`: a repeat from
 * another file adds one to the first warning's count, and `repeats` (the
 * same error in other preambles of one unit) adds those. */
static void warn_counted(go_package *pkg, go_file *file, unsigned line, const char *key, const char *text,
                         const char *repeated, const char *counted, size_t repeats) {
  for (size_t i = 0; pkg->counted_warnings && i < pkg->counted_warnings->count; i++) {
    counted_warning *seen = pkg->counted_warnings->items[i];
    if (strcmp(seen->key, key) != 0) continue;
    seen->repeats += (seen->file != file) + repeats;
    seen->warning->message = counted_message(seen->file->unit->arena, seen);
    return;
  }
  counted_warning first = {key, file, NULL, text, repeated, counted, repeats};
  fl_diag *warning = warn(file, line, counted_message(pkg->arena, &first));
  if (!pkg->counted_warnings) return;
  counted_warning *kept = FL_ARENA_NEW(pkg->arena, counted_warning);
  *kept = first;
  kept->warning = warning;
  fl_ptrvec_push(pkg->counted_warnings, kept);
}

/* Turns an error diagnostic into the warning on `file` that says the C
 * declarations of its preamble may be incomplete. Its place is where the
 * #line at the top of the preamble's text puts it: the Go file's own line
 * for an error in the preamble, the header's for one in a header. */
static void warn_diagnostic(go_package *pkg, go_file *file, const preamble *pre, CXDiagnostic diag,
                            size_t same_elsewhere) {
  /* A file a plain build leaves out (`sasl_windows.go`, `//go:build dev`)
   * may include headers only that build has (windows.h): still linted, but
   * its errors are no news on this machine. */
  if (file->outside_default_build) return;
  CXString text = clang_getDiagnosticSpelling(diag);
  CXString where = {0};
  unsigned line = 0; /* no column: a `//` preamble line's C text starts after the slashes */
  clang_getPresumedLocation(clang_getDiagnosticLocation(diag), &where, &line, NULL);
  const char *path = clang_getCString(where), *spelling = clang_getCString(text);
  bool in_preamble = path && strcmp(path, file->path) == 0 && line >= pre->first_line;
  warn_counted(pkg, file, in_preamble ? line : pre->first_line, fl_arena_strdup(pkg->arena, spelling),
               fl_arena_printf(pkg->arena, "cgo preamble: %s:%u: error: %s (C declarations may be incomplete",
                               path && path[0] ? path : file->path, line, spelling),
               "error", "preamble", same_elsewhere);
  clang_disposeString(text);
  clang_disposeString(where);
}

static void record_function(go_package *pkg, CXCursor cursor) {
  /* A header declares hundreds of functions (git2.h ~900); a package calls
   * a few dozen: typing the others was a tenth of the cgo phase. */
  CXString spelling = clang_getCursorSpelling(cursor);
  bool wanted = !pkg->c_mentioned || fl_strmap_get(pkg->c_mentioned, clang_getCString(spelling));
  clang_disposeString(spelling);
  if (!wanted) return;
  const char *name = copy_cxstring(pkg->arena, clang_getCursorSpelling(cursor));
  if (fl_strmap_get(pkg->cfuncs, name)) return;
  go_cfunc *fn = FL_ARENA_NEW(pkg->arena, go_cfunc);
  fn->name = name;
  CXType type = clang_getCursorType(cursor);
  fn->ret = ctype_from(pkg->arena, clang_getResultType(type));
  int nparams = clang_Cursor_getNumArguments(cursor);
  if (nparams > 0) {
    fn->nparams = (size_t)nparams;
    fn->params = FL_ARENA_ARRAY(pkg->arena, go_ctype, fn->nparams);
    for (int i = 0; i < nparams; i++)
      fn->params[i] = ctype_from(pkg->arena, clang_getArgType(type, (unsigned)i));
  }
  fn->variadic = clang_isFunctionTypeVariadic(type) != 0;
  /* A body seen (even skipped) makes it a shim of the binding's own. */
  fn->defined = clang_isCursorDefinition(cursor) || clang_Cursor_getStorageClass(cursor) == CX_SC_Static ||
                clang_Cursor_isFunctionInlined(cursor);
  CXFile where;
  unsigned line, col;
  clang_getSpellingLocation(clang_getCursorLocation(cursor), &where, &line, &col, NULL);
  fn->header = where ? copy_cxstring(pkg->arena, clang_getFileName(where)) : NULL;
  fn->line = line;
  fn->col = col;
  fl_strmap_put(pkg->cfuncs, fn->name, fn);
}

/* Records the fields of a C struct under the name Go spells it by, so
 * `buf.size` of a C.git_buf gets its width (a size_t length narrowed by
 * C.int() is the GoBytes truncation bug). */
typedef struct field_visit {
  go_package *pkg;
  const char *record;
} field_visit;

static enum CXChildVisitResult visit_field(CXCursor cursor, CXCursor parent, CXClientData data) {
  (void)parent;
  field_visit *visit = data;
  if (clang_getCursorKind(cursor) != CXCursor_FieldDecl) return CXChildVisit_Continue;
  CXString spelling = clang_getCursorSpelling(cursor);
  const char *field = clang_getCString(spelling);
  char *key = fl_arena_printf(visit->pkg->arena, "%s.%s", visit->record, field ? field : "");
  clang_disposeString(spelling);
  if (!fl_strmap_get(visit->pkg->cfields, key)) {
    go_ctype *ctype = FL_ARENA_NEW(visit->pkg->arena, go_ctype);
    *ctype = ctype_from(visit->pkg->arena, clang_getCursorType(cursor));
    fl_strmap_put(visit->pkg->cfields, key, ctype);
  }
  return CXChildVisit_Continue;
}

static void record_fields(go_package *pkg, CXCursor record_decl, const char *go_record) {
  if (clang_Cursor_isNull(record_decl)) return;
  field_visit visit = {pkg, go_record};
  clang_visitChildren(record_decl, visit_field, &visit);
}

const go_ctype *go_cgo_field(go_package *pkg, const char *c_record, const char *field) {
  char key[512];
  snprintf(key, sizeof key, "%s.%s", c_record, field);
  return fl_strmap_get(pkg->cfields, key);
}

static enum CXChildVisitResult visit_top(CXCursor cursor, CXCursor parent, CXClientData data) {
  (void)parent;
  go_package *pkg = data;
  enum CXCursorKind kind = clang_getCursorKind(cursor);
  if (kind == CXCursor_FunctionDecl) {
    record_function(pkg, cursor);
  } else if (kind == CXCursor_TypedefDecl) {
    const char *name = copy_cxstring(pkg->arena, clang_getCursorSpelling(cursor));
    if (!fl_strmap_get(pkg->ctypes, name)) {
      go_ctype *ctype = FL_ARENA_NEW(pkg->arena, go_ctype);
      *ctype = ctype_from(pkg->arena, clang_getTypedefDeclUnderlyingType(cursor));
      fl_strmap_put(pkg->ctypes, name, ctype);
    }
    CXType underlying = clang_getCanonicalType(clang_getTypedefDeclUnderlyingType(cursor));
    if (underlying.kind == CXType_Record) record_fields(pkg, clang_getTypeDeclaration(underlying), name);
  } else if ((kind == CXCursor_StructDecl || kind == CXCursor_UnionDecl) &&
             clang_isCursorDefinition(cursor)) {
    CXString tag = clang_getCursorSpelling(cursor);
    const char *tag_text = clang_getCString(tag);
    if (tag_text && tag_text[0] && !strchr(tag_text, ' ')) {
      const char *go_record = fl_arena_printf(pkg->arena, "%s_%s",
                                              kind == CXCursor_StructDecl ? "struct" : "union", tag_text);
      record_fields(pkg, cursor, go_record);
    }
    clang_disposeString(tag);
  }
  return CXChildVisit_Continue;
}

/* A distinct preamble of the package, in file order. */
typedef struct preamble_chunk {
  preamble pre;
  go_file *file;         /* the first file with this preamble: diagnostics go there */
  const char *name;      /* unsaved file DIR/_cgo_preamble_SERIAL.c, in the package dir
                          * so `#include "x.h"` finds the package's headers */
  const char *macro_key;  /* its #define/#undef/#pragma lines, one per line ("" for none) */
  bool mergeable;         /* its macro lines, if any, all come before its first #include:
                           * merged with preambles of the same macro_key, every header
                           * is read in the same macro state as when parsed alone */
} preamble_chunk;

/* libclang's command line for the package's preambles. Returns argc. */
static int preamble_argv(const char **argv, go_package *pkg, const cgo_flags *flags) {
  const char *resource_dir = pkg->opts->resource_dir ? pkg->opts->resource_dir : FL_CLANG_RESOURCE_DIR;
  int argc = 0;
  argv[argc++] = "-xc";
  argv[argc++] = "-w";
  /* No error limit: past it clang stops reporting, and a merged run's
   * errors must all be seen to be warned about on the right preamble. */
  argv[argc++] = "-ferror-limit=0";
  if (resource_dir && resource_dir[0]) {
    argv[argc++] = "-resource-dir";
    argv[argc++] = resource_dir;
  }
  for (int i = 0; i < flags->nargs; i++) argv[argc++] = flags->args[i];
  return argc;
}

static CXTranslationUnit parse_unsaved(CXIndex index, const char *main_name, const char **argv,
                                       int argc, struct CXUnsavedFile *unsaved, unsigned nunsaved,
                                       enum CXErrorCode *rc) {
  CXTranslationUnit tu = NULL;
  uint64_t started = go_phase_clock();
  *rc = clang_parseTranslationUnit2(index, main_name, argv, argc, unsaved, nunsaved,
                                    CXTranslationUnit_SkipFunctionBodies |
                                        CXTranslationUnit_Incomplete | CXTranslationUnit_KeepGoing,
                                    &tu);
  uint64_t ended = go_phase_clock();
  if (ended > started) go_count_add(GO_COUNT_CLANG_PARSE_NS, ended - started);
  if (*rc != CXError_Success && tu) {
    clang_disposeTranslationUnit(tu);
    tu = NULL;
  }
  return tu;
}

/* True if the diagnostic is of clang's category `name` ("Parse Issue",
 * "Lexical or Preprocessor Issue": where a missing header is reported). */
static bool diag_category_is(CXDiagnostic diag, const char *name) {
  CXString category = clang_getDiagnosticCategoryText(diag);
  bool is = strcmp(clang_getCString(category), name) == 0;
  clang_disposeString(category);
  return is;
}
#define CATEGORY_PREPROCESSOR "Lexical or Preprocessor Issue"

/* True if `tu` has a syntax error ("Parse Issue") that no missing header
 * explains: the preamble itself is broken, and the parser may have lost its
 * place there and read a later preamble of a merged run wrongly. Where a
 * header is missing ("Lexical or Preprocessor Issue": not installed where
 * we run, or behind pkg-config flags we do not have), the syntax errors that
 * follow from its missing types stay inside the declarations they hit and
 * are the same whether each preamble is parsed alone or merged. */
static bool has_unexplained_parse_errors(CXTranslationUnit tu) {
  unsigned ndiags = clang_getNumDiagnostics(tu);
  bool parse_issue = false, preprocessor_issue = false;
  for (unsigned i = 0; i < ndiags && !preprocessor_issue; i++) {
    CXDiagnostic diag = clang_getDiagnostic(tu, i);
    if (clang_getDiagnosticSeverity(diag) >= CXDiagnostic_Error) {
      parse_issue = parse_issue || diag_category_is(diag, "Parse Issue");
      preprocessor_issue = diag_category_is(diag, CATEGORY_PREPROCESSOR);
    }
    clang_disposeDiagnostic(diag);
  }
  return parse_issue && !preprocessor_issue;
}

/* In a merged run's unit, the position (0-based, run order) of the
 * preamble whose #include is at the bottom of an inclusion `stack` (depth
 * >= 1): the main file includes one preamble per line. */
static size_t run_position(CXSourceLocation *stack, unsigned depth) {
  unsigned line = 0;
  clang_getSpellingLocation(stack[depth - 1], NULL, &line, NULL, NULL);
  return line ? line - 1 : 0;
}

/* Which preamble of a merged run each file was first read for. */
typedef struct chunk_of_file {
  fl_strmap *index_by_name; /* file name -> (void *)(chunk index + 1) */
  fl_arena *arena;
  size_t nchunks;
} chunk_of_file;

static void visit_chunk_inclusion(CXFile included, CXSourceLocation *stack, unsigned depth,
                                  CXClientData data) {
  chunk_of_file *map = data;
  if (depth < 1) return; /* the main file */
  size_t position = run_position(stack, depth);
  if (position >= map->nchunks) return;
  CXString name = clang_getFileName(included);
  const char *path = clang_getCString(name);
  if (path && !fl_strmap_get(map->index_by_name, path))
    fl_strmap_put(map->index_by_name, fl_arena_strdup(map->arena, path),
                  (void *)(uintptr_t)(position + 1));
  clang_disposeString(name);
}

/* Warns, on each preamble's own file, about the first error that arose in
 * the preamble or in a header it was the first to include -- what parsing
 * it alone would have reported first; in a run with a missing header, only
 * the missing headers. One missing header usually fails every preamble of a
 * package the same way: such repeats are counted in the first one's
 * warning rather than repeated. */
/* "redefinition of 'x'": in a merged run, two preambles defining the same
 * static helper (gotk3's toGdkPixbuf in several headers without include
 * guards). cgo compiles each preamble alone, so that is no error of the
 * code; the first definition is the one recorded, as each alone would. */
static bool is_redefinition(CXDiagnostic diag) {
  CXString text = clang_getDiagnosticSpelling(diag);
  const char *message = clang_getCString(text);
  bool redefinition = message && strncmp(message, "redefinition of ", 16) == 0;
  clang_disposeString(text);
  return redefinition;
}

static void warn_run_errors(go_package *pkg, CXTranslationUnit tu, preamble_chunk *chunks,
                            size_t n) {
  chunk_of_file map = {fl_strmap_new(), pkg->arena, n};
  clang_getInclusions(tu, visit_chunk_inclusion, &map);
  /* Diagnostic index + 1 (0: none) of each preamble's first error, and of
   * its first missing header: where a header is missing, the errors that
   * follow from it (unknown type names) are noise next to it. */
  unsigned *first_error = calloc(2 * n, sizeof *first_error);
  if (!first_error) abort(); /* same policy as the arena */
  unsigned *first_missing = first_error + n;
  bool any_missing = false;
  unsigned ndiags = clang_getNumDiagnostics(tu);
  for (unsigned i = 0; i < ndiags; i++) {
    CXDiagnostic diag = clang_getDiagnostic(tu, i);
    if (clang_getDiagnosticSeverity(diag) >= CXDiagnostic_Error && !is_redefinition(diag)) {
      CXFile where = NULL;
      clang_getSpellingLocation(clang_getDiagnosticLocation(diag), &where, NULL, NULL, NULL);
      CXString name = clang_getFileName(where);
      const char *path = clang_getCString(name);
      uintptr_t line = path ? (uintptr_t)fl_strmap_get(map.index_by_name, path) : 0;
      clang_disposeString(name);
      size_t k = line ? line - 1 : 0; /* not placed: the run's first preamble */
      if (!first_error[k]) first_error[k] = i + 1;
      if (diag_category_is(diag, CATEGORY_PREPROCESSOR)) {
        any_missing = true;
        if (!first_missing[k]) first_missing[k] = i + 1;
      }
    }
    clang_disposeDiagnostic(diag);
  }
  if (any_missing) memcpy(first_error, first_missing, n * sizeof *first_error);
  /* Group the first errors by their text; warn once per text. */
  fl_strmap *count_by_text = fl_strmap_new();
  const char **texts = calloc(n, sizeof *texts);
  if (!texts) abort();
  for (size_t k = 0; k < n; k++) {
    if (!first_error[k] || chunks[k].file->outside_default_build) continue; /* see warn_diagnostic */
    CXDiagnostic diag = clang_getDiagnostic(tu, first_error[k] - 1);
    texts[k] = copy_cxstring(pkg->arena, clang_getDiagnosticSpelling(diag));
    clang_disposeDiagnostic(diag);
    uintptr_t seen = (uintptr_t)fl_strmap_get(count_by_text, texts[k]);
    fl_strmap_put(count_by_text, texts[k], (void *)(seen + 1));
  }
  for (size_t k = 0; k < n; k++) {
    if (!texts[k]) continue;
    uintptr_t count = (uintptr_t)fl_strmap_get(count_by_text, texts[k]);
    if (!count) continue; /* already warned about on an earlier preamble */
    CXDiagnostic diag = clang_getDiagnostic(tu, first_error[k] - 1);
    warn_diagnostic(pkg, chunks[k].file, &chunks[k].pre, diag, count - 1);
    clang_disposeDiagnostic(diag);
    fl_strmap_put(count_by_text, texts[k], (void *)0);
  }
  free(texts);
  fl_strmap_free(count_by_text);
  free(first_error);
  fl_strmap_free(map.index_by_name);
}

/* --- What the C side read, for the unit cache ------------------------------- */

static void add_dep(go_package *pkg, fl_ptrvec *list, const char *path) {
  if (fl_strmap_get(pkg->deps_seen, path)) return;
  fl_strmap_put(pkg->deps_seen, fl_arena_strdup(pkg->arena, path), (void *)1);
  fl_ptrvec_push(list, strdup(path));
}

static void visit_dep_inclusion(CXFile included, CXSourceLocation *stack, unsigned depth,
                                CXClientData data) {
  (void)stack;
  go_package *pkg = data;
  if (depth == 0) return; /* the unsaved main file */
  CXString name = clang_getFileName(included);
  const char *path = clang_getCString(name);
  size_t dir_len = strlen(pkg->dir);
  bool unsaved = path && strncmp(path, pkg->dir, dir_len) == 0 &&
                 strncmp(path + dir_len, "/_cgo_preamble", 14) == 0;
  if (path && path[0] && !unsaved) add_dep(pkg, &pkg->deps->files, path);
  clang_disposeString(name);
}

/* Records the headers `tu` read and, for each header it did not find
 * (`'x.h' file not found`), where the search looked: the package directory,
 * the -I directories, the system ones. */
static void record_deps(go_package *pkg, CXTranslationUnit tu, const cgo_flags *flags) {
  if (!pkg->deps) return;
  clang_getInclusions(tu, visit_dep_inclusion, pkg);
  static const char *const system_dirs[] = {"/usr/local/include", "/usr/include/x86_64-linux-gnu",
                                            "/usr/include"};
  unsigned ndiags = clang_getNumDiagnostics(tu);
  for (unsigned i = 0; i < ndiags; i++) {
    CXDiagnostic diag = clang_getDiagnostic(tu, i);
    CXString text = clang_getDiagnosticSpelling(diag);
    const char *spelling = clang_getCString(text);
    const char *tail = spelling ? strstr(spelling, "' file not found") : NULL;
    if (spelling && spelling[0] == '\'' && tail && tail > spelling + 1) {
      const char *name = fl_arena_strndup(pkg->arena, spelling + 1, (size_t)(tail - spelling - 1));
      if (name[0] == '/') {
        add_dep(pkg, &pkg->deps->absent, name);
      } else {
        add_dep(pkg, &pkg->deps->absent, fl_arena_printf(pkg->arena, "%s/%s", pkg->dir, name));
        for (int a = 0; a < flags->nargs; a++)
          if (strncmp(flags->args[a], "-I", 2) == 0)
            add_dep(pkg, &pkg->deps->absent,
                    fl_arena_printf(pkg->arena, "%s/%s", flags->args[a] + 2, name));
        for (size_t d = 0; d < sizeof system_dirs / sizeof *system_dirs; d++)
          add_dep(pkg, &pkg->deps->absent, fl_arena_printf(pkg->arena, "%s/%s", system_dirs[d], name));
      }
    }
    clang_disposeString(text);
    clang_disposeDiagnostic(diag);
  }
}

/* Parses one preamble on its own: its declarations go to the package tables,
 * its first error (or libclang's failure) becomes a warning on its file. */
static void parse_chunk(go_package *pkg, CXIndex index, const cgo_flags *flags,
                        preamble_chunk *chunk) {
  const char *argv[GO_MAX_CFLAGS + 8];
  int argc = preamble_argv(argv, pkg, flags);
  struct CXUnsavedFile unsaved = {chunk->name, chunk->pre.text.data,
                                  (unsigned long)chunk->pre.text.len};
  enum CXErrorCode rc;
  CXTranslationUnit tu = parse_unsaved(index, chunk->name, argv, argc, &unsaved, 1, &rc);
  go_count_add(GO_COUNT_PREAMBLES_PARSED, 1);
  go_file *file = chunk->file;
  preamble *pre = &chunk->pre;
  if (!tu) {
    char message[256];
    snprintf(message, sizeof message, "cgo preamble: libclang could not parse it (%s)",
             rc == CXError_Crashed ? "libclang crashed"
             : rc == CXError_InvalidArguments ? "invalid arguments"
             : rc == CXError_ASTReadError ? "its #cgo flags or headers were rejected"
                                          : "failure");
    warn(file, pre->first_line, message);
    return;
  }
  record_deps(pkg, tu, flags);
  unsigned ndiags = clang_getNumDiagnostics(tu);
  for (unsigned i = 0; i < ndiags; i++) {
    CXDiagnostic diag = clang_getDiagnostic(tu, i);
    if (clang_getDiagnosticSeverity(diag) >= CXDiagnostic_Error) {
      warn_diagnostic(pkg, file, pre, diag, 0);
      clang_disposeDiagnostic(diag);
      break; /* one is enough: the rest usually follow from it */
    }
    clang_disposeDiagnostic(diag);
  }
  clang_visitChildren(clang_getTranslationUnitCursor(tu), visit_top, pkg);
  clang_disposeTranslationUnit(tu);
}

/* The include-guard macro of the header at `path` (`#ifndef NAME` as its
 * first directive), copied into `arena`, or NULL. */
static const char *include_guard(fl_arena *arena, const char *path) {
  FILE *fp = fopen(path, "r");
  if (!fp) return NULL;
  char line[512];
  const char *guard = NULL;
  bool in_comment = false;
  while (fgets(line, sizeof line, fp)) {
    const char *p = line;
    while (*p == ' ' || *p == '\t') p++;
    if (in_comment || strncmp(p, "/*", 2) == 0) { /* a licence block above the guard */
      in_comment = !strstr(in_comment ? p : p + 2, "*/");
      continue;
    }
    if (*p == '\n' || *p == '\r' || *p == '\0' || strncmp(p, "//", 2) == 0) continue;
    if (*p++ != '#') break;
    while (*p == ' ' || *p == '\t') p++;
    if (strncmp(p, "ifndef", 6) == 0) {
      p += 6;
      while (*p == ' ' || *p == '\t') p++;
      size_t n = strcspn(p, " \t\r\n/");
      if (n) guard = fl_arena_strndup(arena, p, n);
    }
    break;
  }
  fclose(fp);
  return guard;
}

typedef struct guard_check {
  go_package *pkg;
  fl_strmap *file_by_guard; /* guard macro -> header path */
  size_t split_at;          /* run index of the first preamble a collision affects, or 0 */
} guard_check;

static void visit_inclusion(CXFile included, CXSourceLocation *stack, unsigned depth,
                            CXClientData data) {
  guard_check *check = data;
  if (depth < 2 || check->split_at) return; /* the main file, a preamble, or done */
  CXString name = clang_getFileName(included);
  const char *path = clang_getCString(name);
  size_t dir_len = strlen(check->pkg->dir);
  /* The package's own headers: system headers have unique guards. */
  if (path && strncmp(path, check->pkg->dir, dir_len) == 0 && path[dir_len] == '/') {
    const char *copy = fl_arena_strdup(check->pkg->arena, path);
    const char *guard = include_guard(check->pkg->arena, copy);
    const char *other = guard ? fl_strmap_get(check->file_by_guard, guard) : NULL;
    if (other && strcmp(other, copy) != 0) {
      /* Preambles from this one on must not see the first header's guard;
       * the first preamble sees the same alone. */
      size_t position = run_position(stack, depth);
      check->split_at = position ? position : 1;
    } else if (guard) {
      fl_strmap_put(check->file_by_guard, guard, (void *)copy);
    }
  }
  clang_disposeString(name);
}

/* Where to split a merged run, or 0: two of the package's headers with the
 * same include guard (a copy-paste slip real bindings have) make the second
 * a no-op in every later preamble, where a preamble parsed alone reads it. */
static size_t guard_collision_split(go_package *pkg, CXTranslationUnit tu) {
  guard_check check = {pkg, fl_strmap_new(), 0};
  clang_getInclusions(tu, visit_inclusion, &check);
  fl_strmap_free(check.file_by_guard);
  return check.split_at;
}

/* Parses a run of preambles as one translation unit that #includes each
 * (still its own unsaved file, so declarations keep their file names): the
 * headers they share, usually all the cost, are read once. Declarations are
 * recorded in the order separate parses would give (first one wins). That is
 * what parsing each alone gives when including a header a second time
 * changes nothing: so the preambles of a run have the same macro lines, all
 * before their first #include (collect_chunks); a run whose package headers
 * share an include guard is split where that
 * matters; on a syntax error no missing header explains, or a libclang
 * failure, each is parsed alone.
 * Other errors (a header that is not installed: common where a binding's C
 * library is not) keep the merge, each warned about on the preamble that
 * first met it (warn_run_errors). */
static void parse_run(go_package *pkg, CXIndex index, const cgo_flags *flags,
                      preamble_chunk *chunks, size_t n) {
  if (n == 1) {
    parse_chunk(pkg, index, flags, &chunks[0]);
    return;
  }
  struct CXUnsavedFile *unsaved = calloc(n + 1, sizeof *unsaved);
  if (!unsaved) abort(); /* same policy as the arena */
  fl_strbuf main_text = FL_STRBUF_INIT;
  for (size_t i = 0; i < n; i++) {
    unsaved[i + 1] = (struct CXUnsavedFile){chunks[i].name, chunks[i].pre.text.data,
                                            (unsigned long)chunks[i].pre.text.len};
    fl_strbuf_printf(&main_text, "#include \"%s\"\n", strrchr(chunks[i].name, '/') + 1);
  }
  const char *main_name = fl_arena_printf(pkg->arena, "%s/_cgo_preambles.c", pkg->dir);
  unsaved[0] = (struct CXUnsavedFile){main_name, main_text.data, (unsigned long)main_text.len};
  const char *argv[GO_MAX_CFLAGS + 8];
  int argc = preamble_argv(argv, pkg, flags);
  enum CXErrorCode rc;
  CXTranslationUnit tu = parse_unsaved(index, main_name, argv, argc, unsaved, (unsigned)n + 1, &rc);
  go_count_add(GO_COUNT_PREAMBLES_PARSED, 1);
  bool usable = tu && !has_unexplained_parse_errors(tu);
  size_t split = usable ? guard_collision_split(pkg, tu) : 0;
  if (usable && !split) {
    go_count_add(GO_COUNT_PREAMBLES_MERGED, n);
    record_deps(pkg, tu, flags);
    warn_run_errors(pkg, tu, chunks, n);
    clang_visitChildren(clang_getTranslationUnitCursor(tu), visit_top, pkg);
  }
  if (tu) clang_disposeTranslationUnit(tu);
  fl_strbuf_free(&main_text);
  free(unsaved);
  if (split) { /* two runs, in order, each checked again */
    parse_run(pkg, index, flags, chunks, split);
    parse_run(pkg, index, flags, chunks + split, n - split);
  } else if (!usable) {
    for (size_t i = 0; i < n; i++) parse_chunk(pkg, index, flags, &chunks[i]);
  }
}

/* Reads a preamble's macro lines (#define, #undef, #pragma) into *key, one
 * per line, and returns true if they all precede its first #include (or it
 * has none). Such preambles with equal keys read every header the same way
 * merged as alone; any other may change how a later preamble reads. */
static bool macros_before_includes(fl_arena *arena, const char *text, const char **key) {
  fl_strbuf macros = FL_STRBUF_INIT;
  bool included = false, ordered = true;
  for (const char *line = text; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
    const char *p = line;
    while (*p == ' ' || *p == '\t') p++;
    if (*p != '#') continue;
    p++;
    while (*p == ' ' || *p == '\t') p++;
    if (strncmp(p, "include", 7) == 0) {
      included = true;
    } else if (strncmp(p, "define", 6) == 0 || strncmp(p, "undef", 5) == 0 ||
               strncmp(p, "pragma", 6) == 0) {
      if (included) ordered = false;
      size_t n = strcspn(p, "\n");
      fl_strbuf_appendn(&macros, p, n);
      fl_strbuf_append(&macros, "\n");
    }
  }
  *key = fl_arena_strdup(arena, macros.len ? macros.data : "");
  fl_strbuf_free(&macros);
  return ordered;
}

/* Adds the flags of `from` that `to` lacks, in order. */
static void union_flags(cgo_flags *to, const cgo_flags *from) {
  for (int a = 0; a < from->nargs; a++) {
    bool have = false;
    for (int b = 0; b < to->nargs && !have; b++) have = strcmp(to->args[b], from->args[a]) == 0;
    if (!have && to->nargs < GO_MAX_CFLAGS) to->args[to->nargs++] = from->args[a];
  }
}

/* Collects the package's distinct preambles in file order (identical text
 * parses once); returns a heap array of *count chunks, and in *flags the
 * #cgo CFLAGS/CPPFLAGS of the whole package, which every preamble is parsed
 * with: cgo concatenates the directives of all the package's files and
 * compiles each preamble with them, so a -D or -I written in one file
 * applies to all. */
static preamble_chunk *collect_chunks(go_package *pkg, size_t *count, cgo_flags *flags) {
  preamble_chunk *chunks = NULL;
  size_t n = 0, cap = 0;
  *flags = (cgo_flags){0};
  fl_strmap *seen = fl_strmap_new();
  for (size_t i = 0; i < pkg->nfiles; i++) {
    go_file *file = &pkg->files[i];
    if (!file->is_cgo) continue;
    preamble pre = {0};
    if (!extract_preamble(&pre, pkg, file)) {
      fl_strbuf_free(&pre.text);
      continue;
    }
    union_flags(flags, &pre.flags);
    const char *body = strchr(pre.text.data, '\n'); /* skip the #line naming the file */
    const char *key = fl_arena_strdup(pkg->arena, body ? body : "");
    if (fl_strmap_get(seen, key)) {
      go_count_add(GO_COUNT_PREAMBLES_REUSED, 1);
      fl_strbuf_free(&pre.text);
      continue;
    }
    fl_strmap_put(seen, key, (void *)key);
    if (n == cap) {
      cap = cap ? cap * 2 : 8;
      chunks = realloc(chunks, cap * sizeof *chunks);
      if (!chunks) abort(); /* same policy as the arena */
    }
    chunks[n] = (preamble_chunk){.pre = pre, .file = file};
    chunks[n].name = fl_arena_printf(pkg->arena, "%s/_cgo_preamble_%zu.c", pkg->dir, n);
    chunks[n].mergeable = macros_before_includes(pkg->arena, pre.text.data, &chunks[n].macro_key);
    n++;
  }
  fl_strmap_free(seen);
  *count = n;
  return chunks;
}

/* The package's preambles parsed: runs of consecutive mergeable preambles
 * with the same macro lines parse as one unit; keeping file order keeps
 * "first declaration wins" as it was. */
typedef struct cgo_load {
  go_package *pkg;
  CXIndex index;
  preamble_chunk *chunks;
  size_t nchunks;
  cgo_flags flags;
} cgo_load;

static void parse_runs(cgo_load *load) {
  preamble_chunk *chunks = load->chunks;
  for (size_t start = 0; start < load->nchunks;) {
    size_t end = start + 1;
    if (chunks[start].mergeable)
      while (end < load->nchunks && chunks[end].mergeable &&
             strcmp(chunks[end].macro_key, chunks[start].macro_key) == 0)
        end++;
    parse_run(load->pkg, load->index, &load->flags, chunks + start, end - start);
    start = end;
  }
}

/* parse_runs under the libclang crash guard: 0, or the signal that ended
 * it. Its own function so no local lives across the jump. */
static int parse_runs_guarded(cgo_load *load) {
  sigjmp_buf jump;
  if (sigsetjmp(jump, 1)) return fl_libclang_guard_crashed();
  fl_libclang_guard_enter(&jump);
  parse_runs(load);
  fl_libclang_guard_leave();
  return 0;
}

/* Every `C.name` in the cgo files' text (a selector on the package C: the
 * character before `C` is no part of an identifier). */
static fl_strmap *mentioned_c_names(go_package *pkg) {
  fl_strmap *names = fl_strmap_new();
  for (size_t i = 0; i < pkg->nfiles; i++) {
    const go_file *file = &pkg->files[i];
    if (!file->is_cgo) continue;
    const char *text = file->source, *end = file->source + file->length;
    for (const char *at = text; (at = memchr(at, 'C', (size_t)(end - at))) != NULL; at++) {
      if (at + 2 >= end || at[1] != '.') continue;
      if (at > text && (isalnum((unsigned char)at[-1]) || at[-1] == '_' || at[-1] == '.')) continue;
      const char *name = at + 2, *name_end = name;
      while (name_end < end && (isalnum((unsigned char)*name_end) || *name_end == '_')) name_end++;
      if (name_end == name) continue;
      char *key = fl_arena_strndup(pkg->arena, name, (size_t)(name_end - name));
      if (!fl_strmap_get(names, key)) fl_strmap_put(names, key, (void *)1);
    }
  }
  return names;
}

void go_cgo_load(go_package *pkg) {
  cgo_load load = {.pkg = pkg};
  pkg->c_mentioned = mentioned_c_names(pkg);
  fl_ptrvec counted_warnings = {0};
  pkg->counted_warnings = &counted_warnings;
  load.chunks = collect_chunks(pkg, &load.nchunks, &load.flags);
  load.index = load.nchunks ? clang_createIndex(0, 0) : NULL;
  if (pkg->deps) pkg->deps_seen = fl_strmap_new();
  int crashed = load.nchunks ? parse_runs_guarded(&load) : 0;
  if (crashed) {
    /* What libclang held is abandoned, not disposed (that could fault
     * again); the declarations read before the crash stay. */
    char message[256];
    snprintf(message, sizeof message,
             "cgo preamble: libclang crashed reading the package's preambles (signal %d, a libclang "
             "bug): C declarations may be incomplete",
             crashed);
    warn(load.chunks[0].file, load.chunks[0].pre.first_line, message);
    if (pkg->deps) pkg->deps->uncacheable = true;
  }
  for (size_t i = 0; i < load.nchunks; i++) fl_strbuf_free(&load.chunks[i].pre.text);
  free(load.chunks);
  if (load.index && !crashed) clang_disposeIndex(load.index);
  fl_strmap_free(pkg->deps_seen);
  pkg->deps_seen = NULL;
  fl_strmap_free(pkg->c_mentioned);
  pkg->c_mentioned = NULL;
  pkg->counted_warnings = NULL;
  fl_ptrvec_free(&counted_warnings);
}

/* --- Declarations of the C functions the package calls ------------------------ */

static int compare_names(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void go_cgo_declare_called(go_package *pkg, fl_unit *unit) {
  size_t count = fl_strmap_count(pkg->c_called);
  if (!count) return;
  const char **names = calloc(count, sizeof *names);
  if (!names) return;
  size_t n = 0, cursor = 0;
  const char *key;
  void *value;
  while (fl_strmap_next(pkg->c_called, &cursor, &key, &value))
    if (value && n < count) names[n++] = key;
  qsort(names, n, sizeof *names, compare_names); /* deterministic dumps */

  go_lower lw = {0};
  lw.pkg = pkg;
  lw.file = &pkg->files[0];
  lw.unit = unit;
  lw.arena = unit->arena;
  lw.type_cache = fl_strmap_new();
  lw.records = fl_strmap_new();
  fl_function **grown = FL_ARENA_ARRAY(unit->arena, fl_function *, unit->nfunctions + n);
  if (unit->nfunctions) memcpy(grown, unit->functions, unit->nfunctions * sizeof *grown);
  for (size_t i = 0; i < n; i++) {
    const go_cfunc *cfunc = fl_strmap_get(pkg->c_called, names[i]);
    fl_function *fn = FL_ARENA_NEW(unit->arena, fl_function);
    fn->name = fl_arena_printf(unit->arena, "C.%s", cfunc->name);
    fn->id = fn->name;
    fn->lang = FL_LANG_C;
    fn->flags = FL_FN_C_LINKAGE | (cfunc->variadic ? FL_FN_VARIADIC : 0) | (cfunc->defined ? FL_FN_SHIM : 0);
    fn->loc.file = fl_arena_strdup(unit->arena, cfunc->header ? cfunc->header : unit->path);
    fn->loc.line = fn->loc.end_line = cfunc->line;
    fn->loc.col = fn->loc.end_col = cfunc->col;
    fn->name_loc = fn->loc;
    fn->unit = unit;
    fn->return_type = go_type_from_ctype(&lw, &cfunc->ret);
    if (cfunc->nparams) {
      fn->nparams = cfunc->nparams;
      fn->params = FL_ARENA_ARRAY(unit->arena, fl_var *, cfunc->nparams);
      for (size_t p = 0; p < cfunc->nparams; p++) {
        fl_var *var = FL_ARENA_NEW(unit->arena, fl_var);
        var->name = fl_arena_printf(unit->arena, "p%zu", p);
        var->kind = FL_VAR_PARAM;
        var->param_index = (int)p;
        var->type = go_type_from_ctype(&lw, &cfunc->params[p]);
        var->loc = fn->loc;
        fn->params[p] = var;
      }
    }
    grown[unit->nfunctions++] = fn;
  }
  unit->functions = grown;
  fl_strmap_free(lw.type_cache);
  fl_strmap_free(lw.records);
  free(names);
}
