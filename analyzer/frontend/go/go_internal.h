/* Private to frontend/go/: the package being lowered, the per-file lowering
 * context, and the helpers the lowering files share. The lowering reads Go
 * syntax trees (syntax.h); tree-sitter is seen only by parse.c and
 * syntax_from_ts.c. */
#ifndef FL_GO_INTERNAL_H
#define FL_GO_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "../../core/arena.h"
#include "../../core/strmap.h"
#include "../../core/vec.h"
#include "../go_frontend.h"
#include "syntax.h"

/* --- Syntax helpers ----------------------------------------------------------- */

/* Byte offsets of a node; 0 for the null node (an absent optional field). */
static inline uint32_t go_start_byte(const gs_node *node) { return node ? node->start : 0; }
static inline uint32_t go_end_byte(const gs_node *node) { return node ? node->end : 0; }

/* Iterates the named children of `parent` (NULL: none):
 *   GO_FOR_NAMED(child, parent) { ... } GO_FOR_END */
#define GO_FOR_NAMED(child, parent)                                            \
  {                                                                            \
    uint32_t go_count_ = gs_named_count(parent);                               \
    for (uint32_t go_index_ = 0; go_index_ < go_count_; go_index_++) {         \
      const gs_node *child = gs_named_child(parent, go_index_);
#define GO_FOR_END \
  }                \
  }

/* --- C declarations learnt from cgo preambles (cgo_preamble.c) ------------ */

/* A C type as far as Go lowering needs it; strings live in the package arena. */
typedef struct go_ctype {
  const char *go_name;   /* Go spelling: "C.size_t", "*C.char", "unsafe.Pointer" */
  int kind;              /* fl_type_kind */
  unsigned bits;
  bool is_signed;
  const char *pointee;   /* POINTER: Go spelling of the pointee ("C.char"), else NULL */
} go_ctype;

typedef struct go_cfunc {
  const char *name;      /* C name, without "C." */
  go_ctype ret;
  go_ctype *params;
  size_t nparams;
  bool variadic;
  bool defined;          /* the preamble or its headers define it (static or inline) */
  const char *header;    /* file that declared it */
  unsigned line, col;
} go_cfunc;

/* --- The package ----------------------------------------------------------- */

typedef struct go_file {
  const char *path;      /* dir-joined, in the package arena */
  char *source;          /* heap, NUL-terminated */
  size_t length;
  gs_tree *syntax;       /* owned; its source is `source` */
  fl_unit *unit;
  bool is_cgo;
  bool outside_default_build; /* `//go:build static`, `_windows.go`: linted, but a plain
                                 build never compiles it (build_constraint.h) */
} go_file;

/* A top-level declaration found by the package scan. */
typedef struct go_decl {
  const gs_node *node;           /* type_spec / var_spec / function_declaration / method_declaration */
  const gs_node *type;           /* type_spec: its type; var_spec: declared type (may be null) */
  const gs_node *value;          /* var_spec: the initialiser for this name (may be null) */
  go_file *file;
} go_decl;

typedef struct go_package {
  fl_arena *arena;       /* package-lifetime scratch: names, tables */
  const char *dir;
  const char *name;      /* package clause */
  go_file *files;
  size_t nfiles;
  fl_strmap *types;      /* type name -> go_decl */
  fl_strmap *funcs;      /* "fn" or "Type.Method" -> go_decl */
  fl_strmap *globals;    /* global var/const name -> go_decl */
  fl_strmap *exports;    /* Go function name -> "//export" C name, or "purego.NewCallback" */
  fl_strmap *purego_vars;   /* func variable registered with purego -> its C symbol */
  fl_strmap *purego_fields; /* struct field registered with purego (`&e.runFn`) -> C symbol */
  fl_strmap *cfuncs;     /* C function name -> go_cfunc */
  fl_strmap *ctypes;     /* C typedef name -> go_ctype (underlying) */
  fl_strmap *cfields;    /* "record.field" (C.git_buf -> "git_buf.size", struct x -> "struct_x.len") -> go_ctype */
  fl_strmap *c_called;   /* C names referenced as C.x from Go -> go_cfunc or "" */
  fl_strmap *c_mentioned;/* every `C.x` name in the package's text (keys in the arena):
                            only those C functions are recorded from the preambles */
  fl_ptrvec pkg_facts;   /* fl_fact* in the package arena, copied to unit 0 at the end */
  fl_ptrvec finalizer_fns; /* names of functions registered as finalizers */
  fl_ptrvec callback_fns;  /* names of functions registered as callbacks */
  fl_ptrvec finalizer_helpers; /* go_finalizer_helper*: functions that register a finalizer
                                  on a parameter (TileDB's freeOnGC(obj Freeable)) */
  const fl_frontend_opts *opts;
  fl_deps *deps;           /* where to record what the C side read, or NULL */
  fl_strmap *deps_seen;    /* paths already in deps (keys in the arena) */
  fl_ptrvec *counted_warnings; /* while go_cgo_load runs: the warnings given once per
                                  package and counted (cgo_preamble.c counted_warning) */
} go_package;

/* A package function that hands its parameter to runtime.SetFinalizer or
 * AddCleanup: every call of it registers the finalizer on the argument's
 * type (facts.c). In the package arena. */
typedef struct go_finalizer_helper {
  const char *function;  /* package function name */
  int param_index;
  fl_fact_kind kind;     /* FL_FACT_FINALIZER or FL_FACT_CLEANUP */
  const char *finalizer; /* what the finalizer runs, as the fact names it */
  const char *delegate;  /* the method a finalizer closure only calls on its parameter
                            ("Free"), or NULL */
} go_finalizer_helper;

/* --- Per-file lowering context (lower_*.c) -------------------------------- */

typedef struct go_binding {
  const char *name;
  fl_var *var;
} go_binding;

typedef struct go_lower {
  go_package *pkg;
  go_file *file;
  fl_unit *unit;
  fl_arena *arena;       /* == unit->arena */
  fl_strmap *type_cache; /* Go type spelling -> fl_type* (unit arena) */
  fl_strmap *records;    /* record name -> fl_record* (unit arena) */
  fl_strmap *global_vars;/* package-level var name -> fl_var* (unit arena) */
  /* the function being lowered */
  fl_function *fn;
  fl_ptrvec locals;
  go_binding *scope;
  size_t nscope, scope_cap;
  size_t block_start;    /* scope index where the innermost block's names start */
  fl_ptrvec *out;        /* statement list receiving emitted events */
  unsigned ev_flags;     /* ORed into every event emitted (DEFERRED, IN_COND) */
  fl_ptrvec header_writes; /* go_header_write*: reflect headers whose Data or Len
                            * the function has set (lower_stmt.c) */
} go_lower;

/* purego (purego.c): the local name of an import spec of
 * github.com/ebitengine/purego, or NULL; the scan of a file importing it
 * (registered func values into pkg->purego_vars/_fields, NewCallback roots
 * into pkg->exports). */
const char *go_purego_import_name(fl_arena *arena, const go_file *file, const gs_node *spec);
void go_purego_scan(go_package *pkg, const go_file *file, const char *local);

/* Text of a node, copied into `arena`. */
const char *go_text(fl_arena *arena, const go_file *file, const gs_node *node);
/* Compares a node's text with `s` without copying. */
bool go_text_eq(const go_file *file, const gs_node *node, const char *s);
/* `*x` as the grammar reads it in an expression: a dereference, or in a
 * conversion's parentheses (`(*T)(p)`, `(**T)(p)`) a pointer type. */
static inline bool go_is_star(const go_file *file, const gs_node *node) {
  return gs_is(node, GS_KIND_unary_expression) && go_text_eq(file, gs_field_child(node, GS_FIELD_operator), "*");
}
fl_loc go_loc(const go_lower *lw, const gs_node *node);

/* parse.c: reads a whole file into a heap NUL-terminated buffer; FL_ENOTFOUND
 * / FL_EIO with fl_error_set naming it. */
int go_read_source(char **out, size_t *length_out, const char *path);
/* package.c: first pass over all files (types, funcs, globals, exports). */
void go_package_scan(go_package *pkg);
/* The receiver's base type name of a method_declaration, or NULL. */
const char *go_receiver_type_name(fl_arena *arena, const go_file *file, const gs_node *method,
                                  bool *is_pointer);
/* lower_decl.c: lowers every declaration of one file into its unit. */
void go_lower_file(go_package *pkg, go_file *file);
/* facts.c */
void go_facts_build_tags(go_lower *lw, const gs_node *root);
void go_facts_finish(go_package *pkg);
void go_fact_add(go_package *pkg, fl_fact_kind kind, const char *subject, const char *object,
                 fl_loc loc);
/* runtime.SetFinalizer / AddCleanup (`kind`) of `object` with `finalizer`
 * (a function name, or a func literal's label when `is_closure`): the fact
 * on object's type; the methods a finalizer closure calls on its parameter
 * (`func(c *Conn) { c.Close() }`) run as the finalizer; and when object is
 * the lowered function's parameter, that function becomes a finalizer
 * helper whose calls register the finalizer (go_facts_finish). */
void go_fact_finalizer(go_lower *lw, fl_fact_kind kind, const fl_expr *object, const char *finalizer,
                       bool is_closure, fl_loc loc);
/* cgo_preamble.c: parses each cgo file's preamble; diags go to its unit. */
void go_cgo_load(go_package *pkg);
/* `dir` made absolute against the cwd (lexically: "." and a leading "./"
 * dropped), in `arena`; an absolute `dir` as is. */
const char *go_absolute_dir(fl_arena *arena, const char *dir);
/* The compiler flags one `#cgo` directive line (`#cgo linux CFLAGS: -I...`,
 * `#cgo pkg-config: x`) gives a C file (`cxx` false) or a C++ file of the
 * package in `dir` when its constraint holds: -I (absolute), -D, -U, -std,
 * into out[0..max) (strings in `arena`); returns how many. A failing
 * pkg-config gives none. */
size_t go_cgo_directive_flags(fl_arena *arena, const char *dir, const char *line, bool cxx,
                              const char **out, size_t max);
void go_cgo_declare_called(go_package *pkg, fl_unit *unit);
const go_cfunc *go_cgo_builtin(const char *name);
const go_ctype *go_cgo_type(go_package *pkg, const char *c_name);
/* The type of field `field` of the C record Go spells C.<c_record> (a
 * typedef name or struct_<tag>), from the preamble; NULL when unknown. */
const go_ctype *go_cgo_field(go_package *pkg, const char *c_record, const char *field);

/* types.c */
const fl_type *go_type_from_node(go_lower *lw, const gs_node *type_node);
const fl_type *go_type_named(go_lower *lw, const char *spelling);
const fl_type *go_type_from_ctype(go_lower *lw, const go_ctype *ctype);
const fl_type *go_type_pointer_to(go_lower *lw, const fl_type *pointee);
const fl_record *go_record_get(go_lower *lw, const char *name);
const fl_field *go_record_field(go_lower *lw, const fl_type *base, const char *field, bool *through_pointer);
bool go_type_is_c_pointer(const fl_type *type);
/* Value of a constant integer expression (literals, << * + - | and parens). */
bool go_const_eval(const go_file *file, const gs_node *node, int64_t *out);
/* The named type a value of `type` refers to ("Handle" for *Handle), or NULL. */
const char *go_type_record_name(const fl_type *type);

/* lower_stmt.c */
fl_stmt *go_lower_block(go_lower *lw, const gs_node *block);
fl_stmt *go_stmt_new(go_lower *lw, fl_stmt_kind kind, const gs_node *node);
void go_stmt_set_kids(go_lower *lw, fl_stmt *stmt, fl_ptrvec *kids);
fl_var *go_declare(go_lower *lw, const gs_node *name_node, fl_var_kind kind, const fl_type *type);
fl_var *go_lookup(go_lower *lw, const char *name);

/* lower_expr.c */
fl_expr *go_lower_expr(go_lower *lw, const gs_node *node);      /* rvalue: emits events */
fl_expr *go_lower_lvalue(go_lower *lw, const gs_node *node);    /* path, no READ of itself */
fl_event *go_emit(go_lower *lw, fl_event_kind kind, const gs_node *node);
fl_expr *go_expr_new(go_lower *lw, fl_expr_kind kind, const gs_node *node);
/* Emits the memory view `node` makes: a Go slice or string of `length`
 * over `memory` (may be NULL): the CONVERT event model.def describes. */
void go_emit_memory_view(go_lower *lw, const gs_node *node, fl_expr *memory, fl_expr *length,
                         fl_type_kind kind, const char *name, const fl_type *elem);
/* True for reflect.SliceHeader/StringHeader or a pointer to one; sets
 * *view_kind to the SLICE or STRING its Data and Len make. */
bool go_is_view_header(const fl_type *type, fl_type_kind *view_kind);
/* Lowers a func literal inline as a CLOSURE statement; returns its value. */
fl_expr *go_lower_func_literal(go_lower *lw, const gs_node *node);
/* True for an identifier that names an imported package (C, unsafe, sync). */
bool go_is_package_name(go_lower *lw, const gs_node *node);
/* lower_call.c: calls (foreign, sync, atomic, runtime, builtins) and
 * conversions T(x) with `type_node` the target and `operand` the value. */
fl_expr *go_lower_call(go_lower *lw, const gs_node *node);
/* T(x) as the parser read it: a conversion, or a call of an explicitly
 * instantiated generic function of the package (`track[*Obj](x)`). */
fl_expr *go_lower_type_conversion(go_lower *lw, const gs_node *node);
fl_expr *go_lower_conversion(go_lower *lw, const gs_node *node, const gs_node *type_node, const gs_node *operand);
/* The type of result `index` of the package function or method `decl`
 * declares (NULL: none, or not known); *count_out = how many it has. */
const fl_type *go_decl_result_type(go_lower *lw, const go_decl *decl, size_t index, size_t *count_out);
/* "func@LINE:COL" of a func literal. */
const char *go_closure_name(go_lower *lw, const gs_node *node);

/* phase_times.c: CPU time per phase for fl_go_phase_times. */
typedef enum go_phase {
  GO_PHASE_READ, GO_PHASE_PARSE, GO_PHASE_SCAN, GO_PHASE_CGO, GO_PHASE_LOWER, GO_PHASE_FACTS,
  GO_PHASE_COUNT
} go_phase;
typedef enum go_count {
  GO_COUNT_PACKAGES, GO_COUNT_FILES, GO_COUNT_BYTES, GO_COUNT_PREAMBLES_PARSED,
  GO_COUNT_PREAMBLES_REUSED, GO_COUNT_PREAMBLES_MERGED, GO_COUNT_FAST_PARSES,
  GO_COUNT_CLANG_PARSE_NS, /* CPU ns inside libclang's parse of preambles (part of GO_PHASE_CGO) */
  GO_COUNT_COUNT
} go_count;
/* This thread's CPU time in nanoseconds. */
uint64_t go_phase_clock(void);
/* Charges the time since `started` to `phase`; returns the current clock,
 * the start of the next phase. */
uint64_t go_phase_end(go_phase phase, uint64_t started);
void go_count_add(go_count counter, uint64_t amount);

#endif
