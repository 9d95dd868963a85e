/* The FFI model: the one thing every rule reads (design.md §2).
 *
 * A frontend lowers one translation unit (a C/C++ file with its flags, or one
 * Go file of a package) into an fl_unit. Everything reachable from a unit is
 * allocated in unit->arena and freed with fl_unit_free(); rules never free or
 * mutate model nodes. No libclang or tree-sitter type appears here.
 *
 * Per function: a qualified name, linkage facts, parameters and locals, and a
 * tree of statements whose leaves are events in source (evaluation) order.
 */
#ifndef FL_MODEL_H
#define FL_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/arena.h"

typedef enum fl_lang {
  FL_LANG_C = 0,
  FL_LANG_CXX = 1,
  FL_LANG_GO = 2,
  FL_LANG_COUNT
} fl_lang;
#define FL_LANG_BIT(lang) (1u << (lang))
#define FL_LANG_ALL ((1u << FL_LANG_COUNT) - 1)
const char *fl_lang_name(fl_lang lang); /* "c", "c++", "go" */

typedef enum fl_stmt_kind {
#define FL_STMT(name, keyword) FL_STMT_##name,
#include "model.def"
#undef FL_STMT
  FL_STMT_KIND_COUNT
} fl_stmt_kind;

typedef enum fl_expr_kind {
#define FL_EXPR(name, keyword) FL_EXPR_##name,
#include "model.def"
#undef FL_EXPR
  FL_EXPR_KIND_COUNT
} fl_expr_kind;

typedef enum fl_event_kind {
#define FL_EVENT(name, keyword) FL_EV_##name,
#include "model.def"
#undef FL_EVENT
  FL_EVENT_KIND_COUNT
} fl_event_kind;

typedef enum fl_op {
#define FL_OP(name, spelling) FL_OP_##name,
#include "model.def"
#undef FL_OP
  FL_OP_COUNT
} fl_op;

const char *fl_stmt_kind_name(fl_stmt_kind kind);
const char *fl_expr_kind_name(fl_expr_kind kind);
const char *fl_event_kind_name(fl_event_kind kind);
const char *fl_op_spelling(fl_op op);

/* A source range. `file` is the path as the frontend was given it (the
 * driver makes it relative for output); line/col are 1-based; end is
 * inclusive of the last character's column + 1 (clang's convention). */
typedef struct fl_loc {
  const char *file;
  uint32_t line, col;
  uint32_t end_line, end_col;
} fl_loc;

/* Types, only as far as rules need them. */
typedef enum fl_type_kind {
  FL_TYPE_OTHER = 0,
  FL_TYPE_VOID,
  FL_TYPE_BOOL,
  FL_TYPE_INT,      /* bits, is_signed */
  FL_TYPE_FLOAT,
  FL_TYPE_POINTER,  /* pointee (also Go unsafe.Pointer with pointee NULL, uintptr is INT) */
  FL_TYPE_ARRAY,    /* pointee = element, array_len (0 = unknown / flexible) */
  FL_TYPE_RECORD,   /* struct/class/union or Go named struct: record_name */
  FL_TYPE_FUNCTION,
  FL_TYPE_SLICE,    /* Go []T: pointee = element */
  FL_TYPE_STRING,   /* Go string */
} fl_type_kind;

typedef struct fl_type fl_type;
struct fl_type {
  fl_type_kind kind;
  const char *name;        /* spelling: "size_t", "struct stream *", "C.int", "[]byte" */
  uint16_t bits;           /* INT, FLOAT, BOOL: width in bits */
  bool is_signed;          /* INT */
  bool is_atomic;          /* _Atomic, std::atomic<T>, atomic.Bool, sync/atomic types */
  bool is_volatile;
  bool is_const;
  bool is_sync;            /* a mutex/rwlock/once type (pthread_mutex_t, std::mutex, sync.Mutex) */
  uint64_t array_len;      /* ARRAY: element count; 0 = unknown */
  uint64_t size_bytes;     /* sizeof when known, else 0 */
  const fl_type *pointee;  /* POINTER/ARRAY/SLICE: element type, may be NULL */
  const char *record_name; /* RECORD, or the record a POINTER points at: qualified name */
};

/* A variable a function can name: parameter, local, global. Identity is the
 * pointer (shadowed names are distinct vars). */
typedef enum fl_var_kind { FL_VAR_LOCAL, FL_VAR_PARAM, FL_VAR_GLOBAL, FL_VAR_RECEIVER } fl_var_kind;
typedef struct fl_var {
  const char *name;
  fl_var_kind kind;
  int param_index; /* PARAM: 0-based; else -1 */
  const fl_type *type;
  fl_loc loc;
} fl_var;

typedef struct fl_event fl_event;

/* Expression tree. A chain of NAME/FIELD/INDEX/DEREF/ADDR nodes is an
 * *access path*; `text` is its canonical spelling ("s->inner", "h.ptr",
 * "&buf[0]") and is what rules compare paths by. */
#define FL_EXPR_ARROW 0x1u    /* FIELD through a pointer (C ->, Go auto-deref) */
#define FL_EXPR_IMPLICIT 0x2u /* CONVERT inserted by the compiler */
typedef struct fl_expr fl_expr;
struct fl_expr {
  fl_expr_kind kind;
  unsigned flags;
  const char *text;       /* canonical source text of the whole expression */
  const fl_type *type;    /* may be NULL when unknown */
  fl_loc loc;
  const char *name;       /* NAME: identifier; FIELD: field name */
  const fl_var *var;      /* NAME: the variable, NULL for functions/unknown */
  fl_op op;               /* BINARY/UNARY */
  int64_t int_value;      /* INT, SIZEOF (when known) */
  bool int_known;
  fl_expr *base;          /* FIELD/INDEX/DEREF/ADDR/UNARY/CONVERT/SIZEOF operand, BINARY lhs, COND test */
  fl_expr *index;         /* INDEX subscript, BINARY rhs, COND then */
  fl_expr *other;         /* COND else */
  fl_event *event;        /* CALL: the call event that produced this value */
};

/* Event flags. */
#define FL_EV_FOREIGN 0x0001u         /* CALL crosses the language boundary */
#define FL_EV_DEFERRED 0x0002u        /* runs at scope/function exit (Go defer, RAII destructor) */
#define FL_EV_SHARED 0x0004u          /* LOCK/UNLOCK of a read (shared) lock */
#define FL_EV_DECL 0x0008u            /* WRITE that initialises a declaration */
#define FL_EV_CALLEE_NOEXCEPT 0x0010u /* CALL: callee declared noexcept / nothrow */
#define FL_EV_CALLEE_C_LINKAGE 0x0020u/* CALL: callee has C language linkage */
#define FL_EV_INDIRECT 0x0040u        /* CALL through a function pointer / std::function */
#define FL_EV_RETHROW 0x0080u         /* THROW: `throw;` */
#define FL_EV_IMPLICIT 0x0100u        /* inserted by the compiler (implicit conversion, dtor) */
#define FL_EV_MAY_THROW 0x0200u       /* CALL: the API model says it throws */
#define FL_EV_ALLOCATES 0x0400u       /* CALL/ALLOC: may throw only bad_alloc (new, containers) */
#define FL_EV_TRYLOCK 0x0800u         /* LOCK that may fail (trylock): held only on success path */
#define FL_EV_IN_COND 0x1000u         /* event evaluated as part of a branch/loop condition */
#define FL_EV_SPECIAL_MEMBER 0x2000u  /* CALL: a default, copy or move constructor, or a copy or
                                         move assignment (C++): makes or copies a value */
#define FL_EV_VIRTUAL 0x4000u         /* CALL: dispatched dynamically (C++ virtual method): any
                                         override may run (FL_FACT_OVERRIDES) */
#define FL_EV_CALLEE_PURE 0x8000u     /* CALL: the method named is pure virtual: only an
                                         override can run */
#define FL_EV_LIBRARY_MACRO 0x10000u  /* CALL written by a system header's macro that writes the
                                         function it is in (PYBIND11_MODULE's PyInit_x), not by
                                         the user: the library's code */

typedef struct fl_api_entry fl_api_entry;

struct fl_event {
  fl_event_kind kind;
  unsigned flags;
  fl_loc loc;
  const char *callee;        /* CALL: qualified name ("stream_free", "std::vector::at",
                                "C.stream_recv", "runtime.KeepAlive", "sync.Mutex.Lock") */
  const char *callee_id;     /* CALL: stable id (clang USR) to resolve in fl_program; may be NULL */
  fl_expr **args;
  size_t nargs;
  fl_expr *object;           /* see model.def per kind */
  fl_expr *value;
  fl_op op;
  const fl_type *to_type;    /* CONVERT target, THROW thrown type */
  const fl_api_entry *api;   /* CALL: API model entry matched for the callee, if any */
};

typedef struct fl_stmt fl_stmt;
struct fl_stmt {
  fl_stmt_kind kind;
  unsigned flags;
  fl_loc loc;
  fl_stmt **kids;
  size_t nkids;
  fl_event *event;     /* EVENT */
  fl_expr *expr;       /* IF/LOOP/SWITCH condition, RETURN value */
  const char *label;   /* GOTO/LABEL name, CATCH type (NULL = catch-all), CASE label */
};

/* Function flags (linkage facts). */
#define FL_FN_C_LINKAGE 0x0001u  /* extern "C" or a C function with external linkage */
#define FL_FN_EXPORTED 0x0002u   /* Go //export */
#define FL_FN_CALLBACK 0x0004u   /* passed as a callback to C (function pointer param of a C-linkage fn) */
#define FL_FN_PUBLIC_API 0x0008u /* public API of a handle type (exported method/function) */
#define FL_FN_NOEXCEPT 0x0010u
#define FL_FN_STATIC 0x0020u     /* internal linkage */
#define FL_FN_METHOD 0x0040u
#define FL_FN_LAMBDA 0x0080u     /* C++ lambda / Go func literal lowered as its own function */
#define FL_FN_FINALIZER 0x0100u  /* registered with runtime.SetFinalizer / AddCleanup */
#define FL_FN_VARIADIC 0x0200u
#define FL_FN_DESTRUCTOR 0x0400u
#define FL_FN_SHIM 0x0800u       /* Go: a C function the cgo preamble or its headers define (a
                                    cast or wrapper shim: toGObject), not a library's */
#define FL_FN_LIBRARY 0x1000u    /* C++: an installed library's function (a system header's
                                    inline accessor) lowered only because the unit calls it:
                                    read through callers' summaries, never checked itself */

typedef struct fl_unit fl_unit;

typedef struct fl_function {
  const char *name;          /* fully qualified: C `fn`, C++ `ns::Cls::fn`, Go `Type.Method` or `fn` */
  const char *id;            /* stable id (USR, or Go "pkg.Type.Method") */
  fl_lang lang;
  unsigned flags;
  fl_loc loc;                /* span of the whole definition */
  fl_loc name_loc;
  const char *receiver_type; /* C++ class / Go receiver type name, else NULL */
  bool receiver_is_pointer;  /* Go: (h *T) vs (h T) */
  const fl_type *return_type;
  fl_var **params;
  size_t nparams;
  fl_var **locals;           /* every local, in declaration order */
  size_t nlocals;
  fl_stmt *body;             /* NULL for a declaration without a body */
  const fl_unit *unit;
} fl_function;

/* A struct/class/union (C, C++) or a Go named struct type. */
typedef struct fl_field {
  const char *name;
  const fl_type *type;
  fl_loc loc;
} fl_field;

typedef struct fl_record {
  const char *name; /* qualified */
  fl_loc loc;
  fl_field **fields;
  size_t nfields;
} fl_record;

/* Package / unit facts that are not statements (design.md §2, issue 3):
 * which type has a finalizer and what it runs, //export names, callbacks
 * registered with C, build constraints. Free-form but typed by `kind`. */
typedef enum fl_fact_kind {
  FL_FACT_FINALIZER,   /* subject = type, object = finalizer function name */
  FL_FACT_CLEANUP,     /* runtime.AddCleanup: subject = type, object = function */
  FL_FACT_EXPORT,      /* subject = exported function name */
  FL_FACT_CALLBACK,    /* subject = function registered/passed to C, object = registrar */
  FL_FACT_BUILD_TAG,   /* subject = constraint text */
  FL_FACT_RETAINS,     /* subject = C function that keeps a pointer argument, object = arg index */
  FL_FACT_OVERRIDES,   /* subject = C++ method id, object = id of the method it overrides */
  FL_FACT_BASE,        /* subject = C++ class name, object = name of a class it derives from
                          (the classes a unit defines, throws or catches, with their bases) */
} fl_fact_kind;

typedef struct fl_fact {
  fl_fact_kind kind;
  const char *subject;
  const char *object;
  fl_loc loc;
} fl_fact;

typedef enum fl_diag_level { FL_DIAG_NOTE, FL_DIAG_WARNING, FL_DIAG_ERROR } fl_diag_level;
typedef struct fl_diag {
  fl_diag_level level;
  fl_loc loc;
  const char *message;
} fl_diag;

typedef enum fl_unit_status {
  FL_UNIT_OK = 0,
  FL_UNIT_PARTIAL, /* parsed with errors: what parsed was lowered */
  FL_UNIT_FAILED,  /* nothing usable */
} fl_unit_status;

struct fl_unit {
  fl_arena *arena;
  const char *path;      /* main file of the unit */
  fl_lang lang;
  fl_unit_status status;
  const char *package;   /* Go package name / directory, else NULL */
  fl_function **functions; /* definitions and declarations (body == NULL), source order */
  size_t nfunctions;
  fl_record **records;
  size_t nrecords;
  fl_fact **facts;
  size_t nfacts;
  fl_diag **diags;       /* parse errors and warnings worth showing the user */
  size_t ndiags;
};

/* Creates an empty unit with its own arena; path and package are copied. */
fl_unit *fl_unit_new(const char *path, fl_lang lang);
void fl_unit_free(fl_unit *unit);

/* --- Helpers rules share (model.c) ---------------------------------------- */

/* True for NAME/FIELD/INDEX/DEREF/ADDR chains. */
bool fl_expr_is_path(const fl_expr *expr);
/* The NAME at the root of an access path (looking through ADDR/DEREF/
 * FIELD/INDEX/CONVERT), or NULL. */
const fl_expr *fl_expr_path_root(const fl_expr *expr);
/* Strips CONVERT nodes (casts, C.int(...), unsafe.Pointer(...)). */
const fl_expr *fl_expr_strip_converts(const fl_expr *expr);
/* A null pointer constant: 0, NULL, nullptr (lowered as 0), Go's nil. */
bool fl_expr_is_null(const fl_expr *expr);
/* Same canonical text (NULL-safe). */
bool fl_expr_same_path(const fl_expr *a, const fl_expr *b);
/* True when `prefix` is `path` or one of its bases ("s" of "s->inner"). */
bool fl_expr_path_has_prefix(const fl_expr *path, const fl_expr *prefix);

/* Visits every event of a statement tree in source order. Return false from
 * the callback to stop; fl_stmt_walk_events returns false if stopped. */
typedef bool (*fl_event_visitor)(const fl_event *event, const fl_stmt *stmt, void *user);
bool fl_stmt_walk_events(const fl_stmt *stmt, fl_event_visitor visit, void *user);

/* `inner` starts inside `outer` (same file when both name one). */
bool fl_loc_within(fl_loc inner, fl_loc outer);

/* Location of an expression or event, for findings. */
static inline fl_loc fl_event_loc(const fl_event *event) { return event->loc; }

#endif
