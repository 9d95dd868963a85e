/* The C and C++ files of a cgo package: cgo compiles every .c/.cc/.cpp file
 * in the package directory with the package's #cgo CPPFLAGS and CFLAGS (or
 * CXXFLAGS) and pkg-config flags, and gives them `_cgo_export.h`, a header
 * it generates with the Go types and the //export functions. Without those,
 * such files fail on their own includes (golibsass: `sass/base.h` not found
 * in 127 of 141 files; git2go's wrapper.c: `_cgo_export.h` not found). The
 * flags come from a text scan of the .go files a plain `go build` compiles on
 * linux/amd64 (no Go parse: discovery runs before any frontend; a file for
 * `-tags dev` may define a macro that empties every C file); the header is a
 * stand-in: cgo's Go type typedefs, the preambles of the files that export,
 * and an unprototyped declaration per //export function. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/arena.h"
#include "../../core/strmap.h"
#include "../go_frontend.h"
#include "build_constraint.h"
#include "go_internal.h"

#define MAX_DIRECTIVE_FLAGS 64

static void push_unique(fl_ptrvec *args, const char *arg) {
  for (size_t i = 0; i < args->count; i++)
    if (strcmp(args->items[i], arg) == 0) return;
  fl_ptrvec_push(args, strdup(arg));
}

/* The text of one line, leading blanks and a `//` comment marker removed. */
static const char *directive_text(const char *line, const char *end) {
  while (line < end && (*line == ' ' || *line == '\t')) line++;
  if (end - line >= 2 && line[0] == '/' && line[1] == '/') line += 2;
  while (line < end && (*line == ' ' || *line == '\t')) line++;
  return line;
}

/* cgo's C name of a Go result type, for the stand-in declaration: the C
 * types cgo spells C.x, pointers as void *, Go's own as cgo's typedefs. */
static const char *c_result_type(const char *go, size_t len) {
  static const struct { const char *go, *c; } names[] = {
      {"C.char", "char"},           {"C.schar", "signed char"},   {"C.uchar", "unsigned char"},
      {"C.short", "short"},         {"C.ushort", "unsigned short"}, {"C.int", "int"},
      {"C.uint", "unsigned int"},   {"C.long", "long"},           {"C.ulong", "unsigned long"},
      {"C.longlong", "long long"},  {"C.ulonglong", "unsigned long long"},
      {"C.float", "float"},         {"C.double", "double"},       {"C.size_t", "size_t"},
      {"int", "GoInt"},             {"int8", "GoInt8"},           {"int16", "GoInt16"},
      {"int32", "GoInt32"},         {"int64", "GoInt64"},         {"uint", "GoUint"},
      {"uint8", "GoUint8"},         {"uint16", "GoUint16"},       {"uint32", "GoUint32"},
      {"uint64", "GoUint64"},       {"uintptr", "GoUintptr"},     {"bool", "GoUint8"},
      {"float32", "GoFloat32"},     {"float64", "GoFloat64"},     {"string", "GoString"},
  };
  while (len && (go[len - 1] == ' ' || go[len - 1] == '\t')) len--;
  while (len && (*go == ' ' || *go == '\t')) go++, len--;
  if (len == 0) return "void";
  if (*go == '*' || (len == 14 && strncmp(go, "unsafe.Pointer", 14) == 0)) return "void *";
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strlen(names[i].go) == len && strncmp(names[i].go, go, len) == 0) return names[i].c;
  return "int"; /* a C typedef or several results: only the name matters here */
}

/* `//export Name` then `func Name(params) result {`: the declaration cgo
 * would write, without parameters (so any call and any function pointer
 * type the C code gives it fit). */
static void declare_export(fl_strbuf *header, const char *source, const char *name, size_t name_len) {
  char pattern[300];
  snprintf(pattern, sizeof pattern, "func %.*s(", (int)name_len, name);
  const char *fn = strstr(source, pattern);
  const char *result = "void";
  if (fn) {
    const char *p = fn + strlen(pattern);
    int depth = 1;
    while (*p && depth) depth += *p == '(' ? 1 : *p == ')' ? -1 : 0, p++;
    const char *brace = strchr(p, '{');
    if (brace) result = c_result_type(p, (size_t)(brace - p));
  }
  fl_strbuf_printf(header, "extern %s %.*s();\n", result, (int)name_len, name);
}

static const char export_prelude[] =
    "/* Stand-in for the _cgo_export.h cgo generates (ffi-lint). */\n"
    "#ifndef FFI_LINT_CGO_EXPORT_H\n"
    "#define FFI_LINT_CGO_EXPORT_H\n"
    "#include <stddef.h>\n"
    "typedef signed char GoInt8;\ntypedef unsigned char GoUint8;\n"
    "typedef short GoInt16;\ntypedef unsigned short GoUint16;\n"
    "typedef int GoInt32;\ntypedef unsigned int GoUint32;\n"
    "typedef long long GoInt64;\ntypedef unsigned long long GoUint64;\n"
    "typedef GoInt64 GoInt;\ntypedef GoUint64 GoUint;\ntypedef size_t GoUintptr;\n"
    "typedef float GoFloat32;\ntypedef double GoFloat64;\n"
    "typedef struct { const char *p; ptrdiff_t n; } _GoString_;\ntypedef _GoString_ GoString;\n"
    "typedef void *GoMap;\ntypedef void *GoChan;\n"
    "typedef struct { void *t; void *v; } GoInterface;\n"
    "typedef struct { void *data; GoInt len; GoInt cap; } GoSlice;\n";

/* Appends the C text of the preamble directly above `import_c` (at the
 * start of its line) to `out`: `//` lines or one block comment, #cgo lines
 * left out. */
static void append_preamble(fl_strbuf *out, const char *source, const char *import_c) {
  const char *end = import_c;
  while (end > source && end[-1] != '\n') end--; /* start of the import line */
  const char *start = end;
  /* A block comment closing right above: back to its opening. */
  const char *last = end;
  while (last > source && (last[-1] == '\n' || last[-1] == ' ' || last[-1] == '\t' || last[-1] == '\r')) last--;
  if (last - source >= 2 && last[-1] == '/' && last[-2] == '*') {
    const char *open = NULL;
    for (const char *p = last - 2; p > source; p--)
      if (p[-1] == '/' && p[0] == '*') {
        open = p + 1;
        break;
      }
    if (!open) return;
    start = open;
    end = last - 2;
  } else {
    for (;;) { /* `//` lines upward */
      const char *line = start;
      if (line == source) break;
      const char *prev = line - 1;
      while (prev > source && prev[-1] != '\n') prev--;
      const char *text = prev;
      while (text < line && (*text == ' ' || *text == '\t')) text++;
      if (line - text < 2 || text[0] != '/' || text[1] != '/') break;
      start = prev;
    }
  }
  for (const char *line = start; line < end;) {
    const char *nl = memchr(line, '\n', (size_t)(end - line));
    const char *line_end = nl ? nl : end;
    const char *text = directive_text(line, line_end);
    if (!(line_end - text > 4 && strncmp(text, "#cgo", 4) == 0)) {
      const char *body = line;
      while (body < line_end && (*body == ' ' || *body == '\t')) body++;
      if (line_end - body >= 2 && body[0] == '/' && body[1] == '/') body += 2;
      else body = line;
      fl_strbuf_appendn(out, body, (size_t)(line_end - body));
    }
    fl_strbuf_append(out, "\n");
    line = line_end + 1;
  }
}

/* Scans one .go file: its #cgo lines above `import "C"` into the flag lists,
 * its //export names into the header. Returns true if it imports "C". */
static bool scan_go_file(fl_arena *arena, const char *dir, const char *source, size_t length,
                         fl_ptrvec *c_args, fl_ptrvec *cxx_args, fl_strbuf *preambles,
                         fl_strbuf *exports) {
  const char *import_c = strstr(source, "import \"C\"");
  if (!import_c) return false;
  const char *end = source + length;
  for (const char *line = source; line < import_c;) {
    const char *nl = memchr(line, '\n', (size_t)(end - line));
    const char *line_end = nl ? nl : end;
    const char *text = directive_text(line, line_end);
    if (line_end - text > 5 && strncmp(text, "#cgo", 4) == 0 && (text[4] == ' ' || text[4] == '\t')) {
      const char *directive = fl_arena_strndup(arena, text, (size_t)(line_end - text));
      const char *flags[MAX_DIRECTIVE_FLAGS];
      size_t n = go_cgo_directive_flags(arena, dir, directive, false, flags, MAX_DIRECTIVE_FLAGS);
      for (size_t i = 0; i < n; i++) push_unique(c_args, flags[i]);
      n = go_cgo_directive_flags(arena, dir, directive, true, flags, MAX_DIRECTIVE_FLAGS);
      for (size_t i = 0; i < n; i++) push_unique(cxx_args, flags[i]);
    }
    line = line_end + 1;
  }
  /* cgo's _cgo_export.h carries the preamble of every file that exports */
  if (strstr(source, "//export ")) append_preamble(preambles, source, import_c);
  for (const char *at = strstr(source, "//export "); at; at = strstr(at + 9, "//export ")) {
    const char *name = at + 9;
    size_t name_len = strcspn(name, " \t\r\n");
    if (name_len && name_len < 256) declare_export(exports, source, name, name_len);
  }
  return true;
}

static char **freeze_args(fl_ptrvec *args, size_t *count) {
  *count = args->count;
  char **out = (char **)args->items;
  *args = (fl_ptrvec)FL_PTRVEC_INIT;
  return out;
}

bool fl_go_cgo_dir_load(fl_cgo_dir *out, const char *given_dir) {
  memset(out, 0, sizeof *out);
  DIR *handle = opendir(given_dir);
  if (!handle) return false;
  fl_arena *arena = fl_arena_new();
  /* ${SRCDIR} and relative -I are made absolute against it */
  const char *dir = go_absolute_dir(arena, given_dir);
  fl_ptrvec c_args = FL_PTRVEC_INIT, cxx_args = FL_PTRVEC_INIT, names = FL_PTRVEC_INIT;
  fl_strbuf exports = FL_STRBUF_INIT, preambles = FL_STRBUF_INIT;
  struct dirent *entry;
  while ((entry = readdir(handle)) != NULL) {
    size_t len = strlen(entry->d_name);
    if (entry->d_name[0] == '.' || entry->d_name[0] == '_' || len < 4 ||
        strcmp(entry->d_name + len - 3, ".go") != 0 ||
        (len >= 8 && strcmp(entry->d_name + len - 8, "_test.go") == 0))
      continue;
    fl_ptrvec_push(&names, strdup(entry->d_name));
  }
  closedir(handle);
  out->is_go_package = names.count > 0;
  for (size_t i = 0; i < names.count; i++) {
    char *path = fl_arena_printf(arena, "%s/%s", dir, (const char *)names.items[i]);
    size_t length = 0;
    char *source = NULL;
    if (go_read_source(&source, &length, path) == 0 && !go_build_not_default(names.items[i], source, length) &&
        scan_go_file(arena, dir, source, length, &c_args, &cxx_args, &preambles, &exports))
      out->is_cgo = true;
    free(source);
    free(names.items[i]);
  }
  fl_ptrvec_free(&names);
  if (out->is_cgo) {
    out->c_args = freeze_args(&c_args, &out->c_nargs);
    out->cxx_args = freeze_args(&cxx_args, &out->cxx_nargs);
    fl_strbuf header = FL_STRBUF_INIT;
    fl_strbuf_append(&header, export_prelude);
    if (preambles.len) fl_strbuf_append(&header, preambles.data);
    fl_strbuf_append(&header, "#ifndef __cplusplus\n"); /* C++: `f()` would mean no parameters */
    if (exports.len) fl_strbuf_append(&header, exports.data);
    fl_strbuf_append(&header, "#endif\n#endif\n");
    out->export_header = header.data;
  }
  for (size_t i = 0; i < c_args.count; i++) free(c_args.items[i]);
  for (size_t i = 0; i < cxx_args.count; i++) free(cxx_args.items[i]);
  fl_ptrvec_free(&c_args);
  fl_ptrvec_free(&cxx_args);
  fl_strbuf_free(&exports);
  fl_strbuf_free(&preambles);
  fl_arena_free(arena);
  return out->is_cgo;
}

bool fl_go_cgo_builds_file(const char *path) {
  char *source = NULL;
  size_t length = 0;
  if (go_read_source(&source, &length, path) != 0) return true;
  bool builds = !go_build_not_default(path, source, length);
  free(source);
  return builds;
}

void fl_cgo_dir_clear(fl_cgo_dir *dir) {
  for (size_t i = 0; i < dir->c_nargs; i++) free(dir->c_args[i]);
  for (size_t i = 0; i < dir->cxx_nargs; i++) free(dir->cxx_args[i]);
  free(dir->c_args);
  free(dir->cxx_args);
  free(dir->export_header);
  memset(dir, 0, sizeof *dir);
}
