/* fl_clang_index and fl_clang_parse: argument defaults, parsing with
 * libclang, diagnostics, and handing the translation unit to the lowering
 * walk (lower_decl.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../core/error.h"
#include "../../core/vec.h"
#include "../frontend.h"
#include "../libclang_guard.h"
#include "cx_internal.h"

#ifndef FL_CLANG_RESOURCE_DIR
#define FL_CLANG_RESOURCE_DIR ""
#endif

struct fl_clang_index {
  CXIndex index;
};

fl_clang_index *fl_clang_index_new(void) {
  fl_clang_index *index = calloc(1, sizeof *index);
  if (!index) return NULL;
  /* excludeDeclarationsFromPCH = 0, displayDiagnostics = 0: we report them */
  index->index = clang_createIndex(0, 0);
  if (!index->index) {
    free(index);
    return NULL;
  }
  return index;
}

void fl_clang_index_free(fl_clang_index *index) {
  if (!index) return;
  clang_disposeIndex(index->index);
  free(index);
}

static bool has_suffix(const char *path, const char *suffix) {
  size_t n = strlen(path), m = strlen(suffix);
  return n >= m && strcmp(path + n - m, suffix) == 0;
}

static bool is_cxx_path(const char *path) {
  static const char *const suffixes[] = {".cc", ".cpp", ".cxx", ".c++", ".C", ".hpp",
                                         ".hh", ".hxx", ".ipp", NULL};
  for (const char *const *s = suffixes; *s; s++)
    if (has_suffix(path, *s)) return true;
  return false;
}

/* C++ when the arguments or the file name say so. */
static bool args_select_cxx(const char *path, const char *const *argv, int argc) {
  for (int i = 0; i < argc; i++) {
    const char *arg = argv[i];
    if (strcmp(arg, "-x") == 0 && i + 1 < argc) return strncmp(argv[i + 1], "c++", 3) == 0;
    if (strncmp(arg, "-x", 2) == 0 && arg[2]) return strncmp(arg + 2, "c++", 3) == 0;
    if (strncmp(arg, "-std=c++", 8) == 0 || strncmp(arg, "-std=gnu++", 10) == 0) return true;
  }
  return is_cxx_path(path);
}

static bool has_arg_prefix(const char *const *argv, int argc, const char *prefix) {
  for (int i = 0; i < argc; i++)
    if (strncmp(argv[i], prefix, strlen(prefix)) == 0) return true;
  return false;
}

/* Options whose value is a path, joined (-Idir) or separate (-I dir). */
static const char *const path_options[] = {"-I", "-isystem", "-iquote", "-idirafter", "-include",
                                           "-imacros", "-iprefix", "-F", "--sysroot=", "-isysroot",
                                           NULL};

/* The path part of `arg` when it is a path option with a relative value
 * glued on ("-Iinclude" -> "include"); `*separate` when the value is the
 * next argument ("-I" "include"). */
static const char *path_option_value(const char *arg, bool *separate) {
  *separate = false;
  for (const char *const *option = path_options; *option; option++) {
    size_t len = strlen(*option);
    if (strncmp(arg, *option, len) != 0) continue;
    if (arg[len] == '\0') {
      *separate = true;
      return NULL;
    }
    return arg + len;
  }
  return NULL;
}

/* The final argument vector: the caller's (or language defaults when
 * there are none) and the builtin-header resource dir. Relative paths in
 * path options are resolved against `working_dir` here rather than with
 * clang's -working-directory: libclang implements that by changing the
 * process's current directory (LLVM's real file system), which would race
 * between worker threads and move every relative path the driver holds.
 * Strings that need freeing are pushed on `storage`. Returns a heap array. */
static const char **build_args(const char *const *argv, int argc,
                               const char *working_dir, const fl_frontend_opts *opts, bool is_cxx,
                               int *argc_out, fl_ptrvec *storage) {
  const char **args = calloc((size_t)argc + 8, sizeof *args);
  if (!args) return NULL;
  int n = 0;
  if (argc == 0) {
    args[n++] = is_cxx ? "-xc++" : "-xc";
    args[n++] = is_cxx ? "-std=c++17" : "-std=gnu11";
  }
  bool next_is_path = false;
  for (int i = 0; i < argc; i++) {
    const char *arg = argv[i];
    bool separate = false;
    const char *value = next_is_path ? arg : path_option_value(arg, &separate);
    if (working_dir && value && value[0] && value[0] != '/') {
      size_t prefix = next_is_path ? 0 : (size_t)(value - arg);
      size_t len = prefix + strlen(working_dir) + strlen(value) + 2;
      char *resolved = malloc(len);
      if (resolved) {
        snprintf(resolved, len, "%.*s%s/%s", (int)prefix, arg, working_dir, value);
        fl_ptrvec_push(storage, resolved);
        arg = resolved;
      }
    }
    next_is_path = separate;
    args[n++] = arg;
  }
  const char *resource_dir = opts && opts->resource_dir ? opts->resource_dir : FL_CLANG_RESOURCE_DIR;
  if (resource_dir[0] && !has_arg_prefix(argv, argc, "-resource-dir")) {
    args[n++] = "-resource-dir";
    args[n++] = resource_dir;
  }
  *argc_out = n;
  return args;
}

static fl_diag_level diag_level(enum CXDiagnosticSeverity severity) {
  if (severity >= CXDiagnostic_Error) return FL_DIAG_ERROR;
  if (severity == CXDiagnostic_Warning) return FL_DIAG_WARNING;
  return FL_DIAG_NOTE;
}

/* Clang's errors into unit->diags, and its warnings when the unit has an
 * error (they can explain it: an implicit declaration before a type error);
 * a unit that parsed cleanly reports nothing: its warnings (deprecated
 * calls, unused variables) are the build's business, and a CI log full of
 * them hides ours. A diagnostic repeated at the same place (one per macro
 * expansion) is kept once. Notes are dropped. Any error makes the unit
 * partial. */
static void collect_diags(cx_lower *cx) {
  fl_ptrvec diags = FL_PTRVEC_INIT;
  unsigned count = clang_getNumDiagnostics(cx->tu);
  bool has_error = false;
  for (unsigned i = 0; i < count && !has_error; i++) {
    CXDiagnostic d = clang_getDiagnostic(cx->tu, i);
    has_error = clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error;
    clang_disposeDiagnostic(d);
  }
  fl_strmap *seen = has_error ? fl_strmap_new() : NULL;
  for (unsigned i = 0; i < count && has_error; i++) {
    CXDiagnostic d = clang_getDiagnostic(cx->tu, i);
    enum CXDiagnosticSeverity severity = clang_getDiagnosticSeverity(d);
    if (severity == CXDiagnostic_Warning || severity >= CXDiagnostic_Error) {
      fl_diag *diag = FL_ARENA_NEW(cx->arena, fl_diag);
      diag->level = diag_level(severity);
      CXSourceLocation at = clang_getDiagnosticLocation(d);
      diag->loc = cx_loc_at(cx, at, at);
      diag->message = cx_take(cx, clang_getDiagnosticSpelling(d));
      const char *key = fl_arena_printf(cx->arena, "%s:%u:%u:%d:%s", diag->loc.file ? diag->loc.file : "",
                                        diag->loc.line, diag->loc.col, (int)diag->level, diag->message);
      if (!fl_strmap_get(seen, key)) {
        fl_strmap_put(seen, key, (void *)1);
        fl_ptrvec_push(&diags, diag);
      }
      if (diag->level == FL_DIAG_ERROR) cx->unit->status = FL_UNIT_PARTIAL;
    }
    clang_disposeDiagnostic(d);
  }
  fl_strmap_free(seen);
  cx->unit->diags = (fl_diag **)fl_ptrvec_freeze(&diags, cx->arena, &cx->unit->ndiags);
}

static const char *error_name(enum CXErrorCode code) {
  switch (code) {
    case CXError_Crashed: return "libclang crashed";
    case CXError_InvalidArguments: return "invalid compiler arguments";
    case CXError_ASTReadError: return "AST read error";
    default: return "libclang failure";
  }
}

static void lower_free(cx_lower *cx) {
  cx_kids_index_clear(cx);
  cx_ptrmap_free(&cx->files);
  cx_ptrmap_free(&cx->file_numbers);
  cx_ptrmap_free(&cx->decls);
  cx_ptrmap_free(&cx->vars);
  cx_ptrmap_free(&cx->types);
  cx_ptrmap_free(&cx->fn_refs);
  cx_ptrmap_free(&cx->table_vars);
  cx_ptrmap_free(&cx->bases_noted);
  cx_ptrmap_free(&cx->macro_ops);
  cx_ptrmap_free(&cx->macro_sites);
  cx_ptrmap_free(&cx->macro_expansions);
  fl_strmap_free(cx->fn_by_id);
  cx_ptrmap_free(&cx->library_seen);
  cx_ptrmap_free(&cx->record_by_decl);
  fl_ptrvec_free(&cx->library_defs);
  fl_ptrvec_free(&cx->functions);
  fl_ptrvec_free(&cx->records);
  fl_ptrvec_free(&cx->facts);
}

typedef struct deps_visit {
  fl_deps *deps;
  CXFile main_file;
  const char *virtual_path; /* no file on disk to check later */
} deps_visit;

static void visit_inclusion(CXFile included, CXSourceLocation *stack, unsigned depth,
                            CXClientData data) {
  (void)stack;
  deps_visit *visit = data;
  if (depth == 0 || clang_File_isEqual(included, visit->main_file)) return;
  CXString name = clang_getFileName(included);
  const char *path = clang_getCString(name);
  if (path && path[0] && !(visit->virtual_path && strcmp(path, visit->virtual_path) == 0))
    fl_ptrvec_push(&visit->deps->files, strdup(path));
  clang_disposeString(name);
}

/* Every file the TU included. A header that was not found (a fatal
 * "file not found") makes the result uncacheable: where clang looked for
 * it depends on flags and search rules not worth re-deriving here. */
static void record_deps(fl_deps *deps, CXTranslationUnit tu, CXFile main_file,
                        const fl_virtual_file *virtual_file) {
  deps_visit visit = {deps, main_file, virtual_file ? virtual_file->path : NULL};
  clang_getInclusions(tu, visit_inclusion, &visit);
  unsigned ndiags = clang_getNumDiagnostics(tu);
  for (unsigned i = 0; i < ndiags && !deps->uncacheable; i++) {
    CXDiagnostic diag = clang_getDiagnostic(tu, i);
    if (clang_getDiagnosticSeverity(diag) >= CXDiagnostic_Error) {
      CXString text = clang_getDiagnosticSpelling(diag);
      const char *spelling = clang_getCString(text);
      if (spelling && strstr(spelling, "file not found")) deps->uncacheable = true;
      clang_disposeString(text);
    }
    clang_disposeDiagnostic(diag);
  }
}

int fl_clang_parse(fl_unit **out, fl_clang_index *index, const char *path,
                   const char *const *argv, int argc, const char *working_dir,
                   const fl_frontend_opts *opts) {
  return fl_clang_parse_deps(out, index, path, argv, argc, working_dir, opts, NULL, NULL);
}

/* One file's parse and lowering, in memory the crash guard leaves alone:
 * after a libclang fault the caller reads what got this far. */
typedef struct parse_job {
  fl_clang_index *index;
  const char *path, *check_path, *working_dir;
  const char **args;
  int nargs;
  const fl_frontend_opts *opts;
  fl_deps *deps;
  const fl_virtual_file *virtual_file;
  bool is_cxx;
  enum CXErrorCode code;
  CXTranslationUnit tu;
  cx_lower cx; /* cx.unit is set once the TU parsed */
} parse_job;

static void parse_and_lower(parse_job *job) {
  /* The detailed preprocessing record keeps macro definitions: an operator
   * written in a macro body is read from there (lower_expr.c). */
  unsigned flags = CXTranslationUnit_KeepGoing | CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles |
                   CXTranslationUnit_DetailedPreprocessingRecord;
  struct CXUnsavedFile unsaved = {0};
  if (job->virtual_file)
    unsaved = (struct CXUnsavedFile){job->virtual_file->path, job->virtual_file->text,
                                     (unsigned long)strlen(job->virtual_file->text)};
  job->code = clang_parseTranslationUnit2(job->index->index, job->check_path, job->args, job->nargs,
                                          job->virtual_file ? &unsaved : NULL,
                                          job->virtual_file ? 1 : 0, flags, &job->tu);
  if (job->code != CXError_Success || !job->tu) return;
  cx_lower *cx = &job->cx;
  cx->tu = job->tu;
  /* Paths are resolved against the compile-DB entry's directory: the driver
   * rebases every location onto the cwd, which may be elsewhere. */
  cx->unit = fl_unit_new(job->check_path, job->is_cxx ? FL_LANG_CXX : FL_LANG_C);
  cx->working_dir = job->working_dir ? fl_arena_strdup(cx->unit->arena, job->working_dir) : NULL;
  cx->arena = cx->unit->arena;
  cx->api = job->opts ? job->opts->api : NULL;
  cx->is_cxx = job->is_cxx;
  cx->main_file = clang_getFile(job->tu, job->check_path);
  if (job->deps) record_deps(job->deps, job->tu, cx->main_file, job->virtual_file);
  cx->main_base = cx_basename(job->path);
  cx->fn_by_id = fl_strmap_new();
  collect_diags(cx);
  /* with errors, lowering what parsed is the caller's choice (keep_going) */
  if (cx->unit->status == FL_UNIT_OK || (job->opts && job->opts->keep_going)) cx_lower_unit(cx);
}

/* parse_and_lower under the libclang crash guard: 0, or the signal that
 * ended it. Its own function so no local lives across the jump. */
static int parse_guarded(parse_job *job) {
  sigjmp_buf jump;
  if (sigsetjmp(jump, 1)) return fl_libclang_guard_crashed();
  fl_libclang_guard_enter(&jump);
  parse_and_lower(job);
  fl_libclang_guard_leave();
  return 0;
}

/* See frontend.h. The unit is lowered even when clang reported errors
 * (KeepGoing): what parsed is in the model, the errors in unit->diags. */
int fl_clang_parse_deps(fl_unit **out, fl_clang_index *index, const char *path,
                        const char *const *argv, int argc, const char *working_dir,
                        const fl_frontend_opts *opts, fl_deps *deps,
                        const fl_virtual_file *virtual_file) {
  *out = NULL;
  if (!index || !path) return fl_error_set(FL_ERROR, "fl_clang_parse: no index or path");
  char *resolved = NULL;
  const char *check_path = path;
  if (working_dir && path[0] != '/') {
    size_t len = strlen(working_dir) + strlen(path) + 2;
    resolved = malloc(len);
    if (!resolved) return fl_error_set(FL_ENOMEM, "%s: out of memory", path);
    snprintf(resolved, len, "%s/%s", working_dir, path);
    check_path = resolved;
  }
  struct stat st;
  if (stat(check_path, &st) != 0) {
    free(resolved);
    return fl_error_set(FL_ENOTFOUND, "%s: no such file", path);
  }
  if (!S_ISREG(st.st_mode)) {
    free(resolved);
    return fl_error_set(FL_EPARSE, "%s: not a regular file", path);
  }

  bool is_cxx = args_select_cxx(path, argv, argc);
  fl_ptrvec storage = FL_PTRVEC_INIT;
  int nargs = 0;
  const char **args = build_args(argv, argc, working_dir, opts, is_cxx, &nargs, &storage);
  if (!args) {
    free(resolved);
    return fl_error_set(FL_ENOMEM, "%s: out of memory", path);
  }
  parse_job job = {0};
  job.index = index;
  job.path = path;
  job.check_path = check_path;
  job.args = args;
  job.nargs = nargs;
  job.working_dir = working_dir;
  job.opts = opts;
  job.deps = deps;
  job.is_cxx = is_cxx;
  job.virtual_file = virtual_file;
  int crashed = parse_guarded(&job);
  free(args);
  for (size_t i = 0; i < storage.count; i++) free(storage.items[i]);
  fl_ptrvec_free(&storage);
  if (crashed && !job.cx.unit) {
    free(resolved);
    if (deps) deps->uncacheable = true;
    return fl_error_set(FL_EPARSE, "%s: libclang crashed parsing it (signal %d; a libclang bug)",
                        path, crashed);
  }
  if (!crashed && (job.code != CXError_Success || !job.tu)) {
    free(resolved);
    return fl_error_set(FL_EPARSE, "%s: could not be parsed (%s)", path, error_name(job.code));
  }
  free(resolved);
  cx_lower *cx = &job.cx;
  if (crashed) {
    /* What was lowered is abandoned with the TU (disposing it could fault
     * again); the unit says why it has nothing. */
    if (deps) deps->uncacheable = true;
    cx->functions.count = cx->records.count = cx->facts.count = 0;
    fl_diag *diag = FL_ARENA_NEW(cx->arena, fl_diag);
    diag->level = FL_DIAG_ERROR;
    diag->loc.file = cx->unit->path;
    diag->loc.line = diag->loc.end_line = 1;
    diag->loc.col = diag->loc.end_col = 1;
    diag->message = fl_arena_printf(cx->arena,
                                    "libclang crashed while reading this file (signal %d, a libclang "
                                    "bug): the file is not analysed; FFI_LINT_CRASH_GUARD=0 gives a "
                                    "core dump to report",
                                    crashed);
    fl_diag **grown = FL_ARENA_ARRAY(cx->arena, fl_diag *, cx->unit->ndiags + 1);
    if (cx->unit->ndiags) memcpy(grown, cx->unit->diags, cx->unit->ndiags * sizeof *grown);
    grown[cx->unit->ndiags++] = diag;
    cx->unit->diags = grown;
    cx->unit->status = FL_UNIT_FAILED;
  }
  cx->unit->functions = (fl_function **)fl_ptrvec_freeze(&cx->functions, cx->arena, &cx->unit->nfunctions);
  cx->unit->records = (fl_record **)fl_ptrvec_freeze(&cx->records, cx->arena, &cx->unit->nrecords);
  cx->unit->facts = (fl_fact **)fl_ptrvec_freeze(&cx->facts, cx->arena, &cx->unit->nfacts);
  lower_free(cx);
  if (!crashed) clang_disposeTranslationUnit(job.tu);
  *out = cx->unit;
  return 0;
}
