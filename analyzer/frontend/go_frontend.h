/* Go frontend (tree-sitter-go): lowers the .go files of one package
 * directory into the shared model (model.h), one fl_unit per file.
 *
 * What it records beyond statements (issue 3):
 *   - cgo: `C.x(...)` calls as foreign CALL events; the preamble above
 *     `import "C"` is parsed with libclang (its #cgo CFLAGS -I paths and
 *     #includes resolved relative to `dir`) so C.x calls get parameter and
 *     return types, and every C function the package calls is declared (body
 *     NULL, FL_FN_C_LINKAGE, name "C.x") in the first unit;
 *   - package facts in the first unit: FL_FACT_FINALIZER / CLEANUP /
 *     EXPORT / CALLBACK; FL_FACT_BUILD_TAG in the unit of each file.
 * Func literals are lowered inline as FL_STMT_CLOSURE statements of the
 * enclosing function (their events are the closure's, not the caller's).
 *
 * No tree-sitter type crosses this header. */
#ifndef FL_GO_FRONTEND_H
#define FL_GO_FRONTEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontend.h"

/* Parses and lowers the Go files `files[0..nfiles)` of the package in `dir`.
 * Each file name is taken relative to `dir` unless absolute; the unit's path
 * (and every fl_loc.file) is the name joined to `dir` ("dir/file.go"). The
 * driver chooses the files: one package, `_test.go` filtered or not.
 *
 * On success *units_out is a heap array of *nunits_out units, one per file
 * in the order given, less the files no build compiles (`//go:build ignore`,
 * see build_constraint.h): none when every file is such a file. The caller
 * frees each with fl_unit_free() and the array with free(). A file with syntax errors is still lowered (FL_UNIT_PARTIAL,
 * an fl_diag per error naming file:line:col); a cgo preamble that libclang
 * cannot parse adds a warning diag and C calls stay untyped.
 *
 * Returns 0; FL_EIO / FL_ENOTFOUND if a file cannot be read (nothing is
 * returned then); FL_ERROR if the tree-sitter runtime cannot load the
 * grammar (ABI mismatch) or the frontend was built without it. `opts` may be
 * NULL; opts->api classifies C free functions beyond the naming convention. */
int fl_go_parse_package(fl_unit ***units_out, size_t *nunits_out, const char *dir,
                        const char *const *files, size_t nfiles, const fl_frontend_opts *opts);

/* fl_go_parse_package that also appends to *deps (may be NULL) what the
 * package's lowering read besides its .go files: every header a cgo
 * preamble included, and every place a header that was not found was
 * looked for. */
int fl_go_parse_package_deps(fl_unit ***units_out, size_t *nunits_out, const char *dir,
                             const char *const *files, size_t nfiles,
                             const fl_frontend_opts *opts, fl_deps *deps);

/* What cgo gives the C and C++ files of a package directory: the compiler
 * flags of its #cgo CPPFLAGS/CFLAGS (C) or CPPFLAGS/CXXFLAGS (C++) and
 * pkg-config directives (-I absolute, -D, -U, -std), and the text of a
 * stand-in for the `_cgo_export.h` cgo generates (its Go type typedefs, and
 * for C an unprototyped declaration of each //export function). Heap-owned;
 * free with fl_cgo_dir_clear. */
typedef struct fl_cgo_dir {
  bool is_go_package;   /* the directory has .go files (not _test.go) */
  bool is_cgo;          /* some .go file a plain build compiles imports "C" */
  char **c_args;
  size_t c_nargs;
  char **cxx_args;
  size_t cxx_nargs;
  char *export_header;
} fl_cgo_dir;

/* Reads the .go files of `dir` (not _test.go, not those no build compiles)
 * and fills *out; returns out->is_cgo. A text scan, no Go parse. */
bool fl_go_cgo_dir_load(fl_cgo_dir *out, const char *dir);
void fl_cgo_dir_clear(fl_cgo_dir *dir);

/* False if a plain `go build` on linux/amd64 leaves the C or C++ file at
 * `path`, in a Go package's directory, out of the build: a name for
 * another platform (`sasl_windows.c`) or a //go:build or +build line in its
 * leading comments that such a build does not satisfy. Such files include
 * headers this machine does not have (windows.h): read, they are mostly
 * errors. True if the file cannot be read (the frontend reports that). */
bool fl_go_cgo_builds_file(const char *path);

/* Frees an array returned by fl_go_parse_package and its units. */
void fl_go_units_free(fl_unit **units, size_t nunits);

/* Where the Go frontend's time goes, for benchmarks (scripts/bench-go):
 * process CPU nanoseconds per phase, summed over every fl_go_parse_package
 * call, so a loaded machine does not inflate them (exact with one worker:
 * with several, each phase also counts the others' time). Phases: read the files, tree-sitter parse (with the syntax-error
 * walk), package scan, cgo preambles through libclang, lowering, package
 * facts and C declarations. */
typedef struct fl_go_phase_times {
  uint64_t read_ns, parse_ns, scan_ns, cgo_ns, lower_ns, facts_ns;
  uint64_t packages, files, bytes;
  uint64_t preambles_parsed; /* libclang parses (a run of preambles merged is one) */
  uint64_t preambles_reused; /* cgo files whose preamble was already parsed */
  uint64_t preambles_merged; /* preambles parsed together with others in one unit */
  uint64_t fast_parses;      /* files the hand-written parser took (the rest: tree-sitter) */
  uint64_t cgo_parse_ns;     /* of cgo_ns: inside libclang's parse of the preambles and the
                              * headers they include (the C side's parsing floor) */
} fl_go_phase_times;

/* Copies the totals so far into *out. */
void fl_go_phase_times_get(fl_go_phase_times *out);

#endif
