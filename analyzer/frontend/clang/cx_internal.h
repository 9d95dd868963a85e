/* Internal contract of the libclang frontend (frontend/clang/ only).
 *
 * One cx_lower per parse: it owns the translation unit handle while the
 * unit is lowered and the caches that keep lowering linear (declaration
 * info, types, files). Lowering is one walk over the cursor tree; every
 * CXString is copied into the unit arena and disposed at once. No CX* type
 * leaves this folder. */
#ifndef FL_CX_INTERNAL_H
#define FL_CX_INTERNAL_H

#include <clang-c/Index.h>
#include <stdbool.h>

#include "../../core/strmap.h"
#include "../../core/vec.h"
#include "../../model/api.h"
#include "../../model/model.h"
#include "ptrmap.h"

/* What lowering knows about a declaration it has seen referenced (cached by
 * the declaration's identity so each is described once per unit). */
typedef struct cx_decl_info {
  const char *name;   /* qualified: "ns::Cls::fn", "free" */
  const char *usr;    /* clang USR, arena-owned */
  unsigned fn_flags;  /* FL_FN_* facts about a function declaration */
  bool c_language;    /* C language linkage (static C functions too) */
} cx_decl_info;

/* A lock a scoped guard object (std::lock_guard g(m)) holds: unlocked at
 * the end of the scope, and `g.unlock()` refers to `mutex`. */
typedef struct cx_guard {
  const fl_var *guard_var;
  fl_expr *mutex;
  unsigned flags; /* FL_EV_SHARED */
} cx_guard;

/* A lexical scope of the function being lowered (compound statement). */
typedef struct cx_scope {
  fl_ptrvec guards;  /* cx_guard*: deferred unlocks, in declaration order */
  struct cx_scope *outer;
} cx_scope;

/* The function (or lambda) being lowered. Lambdas nest: `outer` resumes. */
typedef struct cx_fn {
  fl_function *fn;
  fl_ptrvec locals;     /* fl_var* */
  fl_ptrvec *out;       /* statement list events are appended to */
  unsigned event_flags; /* added to every event (FL_EV_IN_COND) */
  cx_scope *scope;
  fl_ptrvec guards;     /* every cx_guard of the function (for g.unlock()) */
  const fl_var *pending_guard; /* variable whose initialiser is being lowered */
  unsigned lambda_count;
  const fl_var *this_var; /* methods: the implicit object (RECEIVER, pointer to the class) */
  CXCursor body;          /* the body being lowered (null cursor for none) */
  bool library_macro;     /* its definition is written by a system header's macro
                             (PYBIND11_MODULE's PyInit_x): calls the macro itself
                             makes get FL_EV_LIBRARY_MACRO */
  struct cx_fn *outer;
} cx_fn;

typedef struct cx_lower {
  CXTranslationUnit tu;
  fl_unit *unit;
  fl_arena *arena;
  const fl_api *api;
  bool is_cxx;
  CXFile main_file;
  const char *main_base;  /* basename of the main file, for lambda names */
  const char *working_dir;/* compile-DB directory relative paths resolve against, or NULL */
  int template_depth;     /* > 0 while lowering a template's body (dependent code) */
  cx_ptrmap files;        /* CXFile -> const char * (arena path) */
  cx_ptrmap file_numbers; /* CXFile -> its number (1, 2, ...): cx_expansion_key */
  cx_ptrmap decls;        /* decl identity -> cx_decl_info* */
  cx_ptrmap vars;         /* decl identity -> fl_var* */
  cx_ptrmap types;        /* type identity -> fl_type* */
  cx_ptrmap fn_refs;      /* fl_expr* naming a function -> id (USR) */
  cx_ptrmap bases_noted;  /* class definition identity -> 1 once its bases are facts */
  cx_ptrmap table_vars;   /* fl_var* of a struct or struct-array variable -> cx_table_var*
                             (callbacks.c: a table of functions handed to C) */
  cx_ptrmap macro_ops;    /* hash of a binary operator cursor in a macro body -> fl_op + 1
                             (lower_expr.c: operators read from macro definitions) */
  cx_ptrmap macro_sites;  /* expansion point (file, offset) -> its macro's operators (arena) */
  cx_ptrmap macro_expansions; /* expansion point (file, offset) -> CXCursor* of the
                                 expansion (arena), from the preprocessing record */
  cx_ptrmap kid_index;    /* parent cursor identity -> cx_kid_list* (current body) */
  fl_ptrvec kid_lists;    /* every cx_kid_list* of kid_index, for freeing */
  bool kid_index_active;
  fl_strmap *fn_by_id;    /* id -> fl_function* defined in this unit */
  cx_ptrmap library_seen; /* canonical cursor of an installed library's function -> 1 */
  cx_ptrmap record_by_decl; /* record definition identity -> its fl_record* (arena) */
  fl_ptrvec library_defs; /* CXCursor* (arena): their definitions, lowered after the unit's own */
  fl_ptrvec functions, records, facts;
  cx_fn *fn;              /* NULL outside function bodies */
} cx_lower;

/* --- strings, locations, tokens, names (names.c) ------------------------- */
const char *cx_take(cx_lower *cx, CXString s); /* copies into the arena, disposes */
fl_loc cx_loc(cx_lower *cx, CXCursor c);       /* extent of c (expansion locations) */
fl_loc cx_point(cx_lower *cx, CXCursor c);     /* start only (end 0): expressions, events */
fl_loc cx_loc_at(cx_lower *cx, CXSourceLocation start, CXSourceLocation end);
bool cx_in_system_header(CXCursor c);
bool cx_loc_valid(CXCursor c);
/* Spelling of the token at `loc` into buf (truncated); "" when none. */
const char *cx_token_at(cx_lower *cx, CXSourceLocation loc, char *buf, size_t size);
/* The punctuation token spelled last before `to`, lexing from `from`, when
 * both are spelled in one file in that order and close; "" otherwise.
 * *offset_out (may be NULL) gets its file offset. */
const char *cx_token_before(cx_lower *cx, CXSourceLocation from, CXSourceLocation to, char *buf,
                            size_t size, unsigned *offset_out);
/* The operator written right before the token spelled at `loc`, where it
 * is spelled (a macro body's `out = (T *)call(...)`: "=", whatever the
 * left operand's place), read back from the file's text over blanks,
 * continuations and comments; "" when that is no operator. */
const char *cx_operator_before(cx_lower *cx, CXSourceLocation loc, char *buf, size_t size);
/* The operator written right after the operand that starts at `loc`, where
 * it is spelled: after its matching ')' when it is parenthesized, after
 * the word when it is one (a macro body's `(p = get()) != NULL`, whose
 * NULL is spelled in another macro); "" otherwise. */
const char *cx_operator_after(cx_lower *cx, CXSourceLocation loc, char *buf, size_t size);
/* True when file offset `offset` lies directly in the argument list of the
 * macro invocation that `loc` (a macro argument) is written in: a ',' there
 * separates two arguments (`CHECK_LEN(n, cap)`), it is no comma operator. */
bool cx_separates_arguments(cx_lower *cx, CXSourceLocation loc, unsigned offset);
/* True for a C operator's spelling (lower_expr.c). */
bool cx_is_operator(const char *spelling);
/* `extent` in file locations, null if it has none (names.c says why);
 * *cut when it was too wide and only its first token is left. */
CXSourceRange cx_file_range(cx_lower *cx, CXSourceRange extent, bool *cut);
/* Canonical text of the tokens in c's extent (at most max_tokens). */
const char *cx_extent_text(cx_lower *cx, CXCursor c, unsigned max_tokens);
const void *cx_decl_key(CXCursor decl);
/* The key of a macro expansion point (file, byte offset) in the maps above. */
const void *cx_expansion_key(cx_lower *cx, CXFile file, unsigned offset);
/* Records a MacroExpansion cursor of the preprocessing record. */
void cx_note_macro_expansion(cx_lower *cx, CXCursor expansion);
const cx_decl_info *cx_decl(cx_lower *cx, CXCursor decl);
bool cx_defined_by_system_macro(cx_lower *cx, CXCursor decl);
/* The declaration whose body a call of `decl` runs: the template an
 * implicit instantiation came from (lower_call.c). */
CXCursor cx_body_decl(CXCursor decl);
const char *cx_qualified_name(cx_lower *cx, CXCursor decl);
const char *cx_basename(const char *path);

/* The definition of the class `type` names, directly or through one
 * pointer or reference; a null cursor for any other type (lower_decl.c). */
CXCursor cx_class_definition(CXType type);
/* Emits FL_FACT_BASE facts for the bases of class
 * `record` (any declaration of it; null: nothing), recursively. */
void cx_note_class_bases(cx_lower *cx, CXCursor record, fl_loc loc, int depth);
/* The same for the class a thrown or caught type names (not in template
 * bodies: dependent types). */
void cx_note_type_bases(cx_lower *cx, CXType type, fl_loc loc);

/* --- types (types.c) ----------------------------------------------------- */
const fl_type *cx_type(cx_lower *cx, CXType type);

/* --- declarations (lower_decl.c) ----------------------------------------- */
void cx_lower_unit(cx_lower *cx);
fl_var *cx_var_for(cx_lower *cx, CXCursor decl); /* NULL when not a variable */
fl_var *cx_local_new(cx_lower *cx, CXCursor decl, fl_var_kind kind, int param_index);
/* Lowers a LambdaExpr as its own function; returns the expression naming it. */
fl_expr *cx_lower_lambda(cx_lower *cx, CXCursor lambda);

/* --- statements (lower_stmt.c) ------------------------------------------- */
fl_stmt *cx_lower_body(cx_lower *cx, CXCursor compound);
fl_stmt *cx_stmt_new(cx_lower *cx, fl_stmt_kind kind, fl_loc loc);

/* --- expressions and events (lower_expr.c, lower_call.c) ----------------- */
/* The children of a cursor that are statements, expressions or
 * declarations (type/namespace references dropped), in visit order. */
typedef struct cx_kids {
  CXCursor *items;
  unsigned count, capacity;
  CXCursor small[6];
} cx_kids;
/* Children of c: from the function's child index when c is under the body
 * being lowered (borrowed), else from a fresh clang_visitChildren. */
void cx_kids_collect(cx_lower *cx, CXCursor c, cx_kids *kids);
/* Indexes every cursor under `body` by parent in one recursive walk, so
 * lowering the body asks libclang for nothing twice. */
void cx_kids_index(cx_lower *cx, CXCursor body);
void cx_kids_index_clear(cx_lower *cx);
void cx_kids_free(cx_kids *kids);
fl_expr *cx_lower_expr(cx_lower *cx, CXCursor c);
fl_expr *cx_expr_new(cx_lower *cx, fl_expr_kind kind, CXCursor c);
fl_event *cx_event_emit(cx_lower *cx, fl_event_kind kind, fl_loc loc);
fl_expr *cx_lower_call(cx_lower *cx, CXCursor call);
/* `delete p`: the CALL of the user-declared destructor of p's class, with
 * p as its object (the free path C reaches through `x_free(X *h) { delete
 * h; }` is the destructor's); nothing for a class without one. */
void cx_emit_delete_destructor(cx_lower *cx, CXType operand_type, fl_expr *operand, fl_loc at);
/* Lowers a variable's initialiser (DECL write; RAII guards). */
void cx_lower_var_init(cx_lower *cx, CXCursor var_decl, fl_var *var);
/* Events inserted at the end of a scope (deferred guard unlocks). */
void cx_scope_close(cx_lower *cx, cx_scope *scope, fl_loc at); /* at: the closing brace */
fl_expr *cx_path_subject(fl_expr *arg); /* strips converts and one & */

/* --- atomics (atomics.c) -------------------------------------------------- */
typedef struct cx_atomic_op {
  fl_event_kind kind; /* ATOMIC_LOAD/STORE/RMW, or FL_EVENT_KIND_COUNT: not atomic */
  fl_op op;
} cx_atomic_op;
/* C11 / GCC builtin or macro name ("atomic_fetch_add", "__sync_fetch_and_add_4"). */
cx_atomic_op cx_atomic_builtin(const char *name);
/* std::atomic member ("fetch_add", "operator++", "operator int"). */
cx_atomic_op cx_atomic_method(const char *method);

/* The function a call in a template body calls when clang names only an
 * overload set (an argument is type-dependent): the set's one function,
 * not a template, taking as many parameters as the call passes arguments.
 * A null cursor when there is none or more than one (lower_call.c). */
CXCursor cx_called_overload(cx_lower *cx, CXCursor call);

/* A call of `decl`: when an installed library defines it in a header (an
 * inline accessor, not a template, not the standard library's), its body
 * is queued to be lowered too, marked FL_FN_LIBRARY (lower_decl.c). */
void cx_note_library_callee(cx_lower *cx, CXCursor decl);

/* --- callbacks (callbacks.c) ---------------------------------------------- */
/* Records `arg` as a callback when it names a function or lambda and the
 * callee has C linkage; when it names a struct or struct-array variable
 * (napi_property_descriptor desc[], a local luaL_Reg[]), the functions its
 * initializer holds: C calls what the table it was handed holds. */
void cx_note_callback_arg(cx_lower *cx, const fl_event *call, const fl_expr *arg);
/* Records the function `value` names as a callback when the assignment
 * (`target`: the assigned member's cursor) stores it in a field of a struct
 * C code reads (`input.read = Read;` for a TSInput of a C library). */
void cx_note_callback_store(cx_lower *cx, CXCursor target, const fl_expr *value);
/* Remembers a variable's declaration if its type can hold such a table. */
void cx_note_table_var(cx_lower *cx, CXCursor decl, fl_var *var);
/* Records the functions a global's initializer stores in a table of a
 * library's type (PyMethodDef[], luaL_Reg[], JNINativeMethod[]). */
void cx_note_callback_table(cx_lower *cx, CXCursor var);
void cx_mark_callbacks(cx_lower *cx); /* sets FL_FN_CALLBACK once all are lowered */
/* Adds a unit fact (arena-owned; strings must outlive the unit). */
void cx_fact_add(cx_lower *cx, fl_fact_kind kind, const char *subject, const char *object, fl_loc loc);

#endif
