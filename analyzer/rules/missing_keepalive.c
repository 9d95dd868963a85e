/* missing-keepalive (design.md §3, issues 3 and 5).
 *
 * Go: a value whose type has a finalizer (runtime.SetFinalizer/AddCleanup on
 * the type anywhere in the package) is finalized once nothing uses it any
 * more — which can be in the middle of a C call that received one of its
 * fields. Fires when a foreign call taking `v.field` is v's last use (no
 * later read, method call, runtime.KeepAlive(v) or deferred KeepAlive), and
 * on value receivers of such types, whose copy keeps nothing alive. Also: a
 * Go pointer laundered through uintptr on its way to C or into a variable,
 * and a Go pointer handed to a C function that retains it (API role
 * `retains`) without runtime.Pinner. A Go pointer held in a typed variable
 * (unsafe.Pointer, *C.char) is traced by the GC and is not a finding.
 *
 * C and C++ (borrowed pointers, JNI pairs and critical regions) live in
 * missing_keepalive_c.c. */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/strmap.h"
#include "../core/vec.h"
#include "missing_keepalive.h"

#define RULE_ID FL_MK_RULE_ID

/* Finalizer facts are per Go package, and a Go package is one directory:
 * maps are keyed by "dir\ttype" (the fact's file and the checked function's
 * unit share the directory), so a.Surface's finalizer says nothing about
 * b.Surface. */
typedef struct rule_state {
  fl_arena *keys;             /* owns the map keys */
  fl_strmap *finalized_types; /* "dir\ttype" (no '*') -> fact; also "@pkg\ttype", the key a
                                 qualified name (glib.Object) in another package looks up */
  fl_strmap *go_records;      /* "dir\tname" -> fl_record, Go units only ("pkg.Name" is the
                                 program's own index: fl_program_find_record) */
  const fl_program *program;  /* the run's program (outlives the state) */
  fl_strmap *finalizer_fns;   /* "dir\tfunction" named as a finalizer -> fact */
  fl_strmap *retaining;       /* C function name -> fact (FL_FACT_RETAINS) */
} rule_state;

static const char *strip_star(const char *name) {
  while (name && *name == '*') name++;
  return name;
}

/* The directory part of a file path ("" for a bare file name). */
static size_t dir_length(const char *path) {
  const char *slash = path ? strrchr(path, '/') : NULL;
  return slash ? (size_t)(slash - path) : 0;
}

/* "dir\tname" into `buffer`; false when it does not fit. */
static bool package_key(char *buffer, size_t size, const char *path, const char *name) {
  int n = snprintf(buffer, size, "%.*s\t%s", (int)dir_length(path), path ? path : "", name);
  return n >= 0 && (size_t)n < size;
}

static bool is_ident_char(char ch) { return ch == '_' || isalnum((unsigned char)ch); }

/* A named type, `T` or `pkg.T`: only those can be the type of a handle.
 * SetFinalizer(&data, ...) on a []byte says nothing about other slices. */
static bool is_type_name(const char *name) {
  if (!name || !(isalpha((unsigned char)*name) || *name == '_')) return false;
  bool after_dot = false;
  for (const char *p = name; *p; p++) {
    if (*p == '.' && !after_dot && p[1]) after_dot = true;
    else if (!is_ident_char(*p)) return false;
  }
  return true;
}

/* A finalizer reference as the frontend spells it ("deviceUnref",
 * "*TreePath.free" for the method expression (*TreePath).free) as a
 * function name ("TreePath.free"), into `buffer`. */
static void finalizer_fn_name(char *buffer, size_t size, const char *ref) {
  size_t n = 0;
  for (const char *p = ref; *p && n + 1 < size; p++)
    if (*p != '*' && *p != '(' && *p != ')') buffer[n++] = *p;
  buffer[n] = '\0';
}

static void put_package_key(rule_state *state, fl_strmap *map, const fl_fact *fact, const char *name) {
  char key[512];
  if (package_key(key, sizeof key, fact->loc.file, name))
    fl_strmap_put(map, fl_arena_strdup(state->keys, key), (void *)fact);
}

/* "@pkg\tname": how another package names it (pkg.name). The first
 * package of a name wins, as in the program's record index; two linted
 * packages of one name defining one type are rare. */
static void put_qualified_fact(rule_state *state, const char *package, const char *name, const fl_fact *fact) {
  char key[512];
  int n = snprintf(key, sizeof key, "@%s\t%s", package, name);
  if (n > 0 && (size_t)n < sizeof key && !fl_strmap_get(state->finalized_types, key))
    fl_strmap_put(state->finalized_types, fl_arena_strdup(state->keys, key), (void *)fact);
}

/* --- C functions that keep a pointer argument past the call ------------- */

typedef struct retain_scan {
  const fl_function *fn;
  const fl_var *param;       /* the pointer parameter */
  const fl_expr *kept_in;    /* where the last store put it, or NULL */
} retain_scan;

/* The store target outlives the call: a global, or memory reached through
 * another parameter (`c->user = user`, `*out = p`). */
static bool outlives_call(const fl_expr *target, const fl_var *param) {
  const fl_expr *root = fl_expr_path_root(target);
  if (!root || !root->var || root->var == param) return false;
  if (root->var->kind == FL_VAR_GLOBAL) return true;
  return root->var->kind == FL_VAR_PARAM && target->kind != FL_EXPR_NAME;
}

static bool visit_retaining_store(const fl_event *event, const fl_stmt *stmt, void *user) {
  retain_scan *scan = user;
  (void)stmt;
  if (event->kind != FL_EV_WRITE || !event->object || !outlives_call(event->object, scan->param)) return true;
  const fl_expr *value = fl_expr_strip_converts(event->value);
  if (value && value->kind == FL_EXPR_NAME && value->var == scan->param)
    scan->kept_in = event->object;
  else if (scan->kept_in && fl_expr_same_path(event->object, scan->kept_in))
    scan->kept_in = NULL; /* cleared again before it returns: `current = ctx; ...; current = NULL` */
  return true;
}

/* A C function of the run that stores a pointer parameter where it
 * outlives the call keeps that pointer: a Go pointer handed to it needs
 * runtime.Pinner (cgo's rules), as a model's `role: retains` says. Keyed
 * "C.name", as Go calls it; the fact is allocated in the state's arena. */
static void note_retaining_functions(rule_state *state, const fl_program *program) {
  for (size_t f = 0; f < fl_program_function_count(program); f++) {
    const fl_function *fn = fl_program_function(program, f);
    if (fn->lang == FL_LANG_GO || !fn->body || (fn->flags & FL_FN_STATIC)) continue;
    for (size_t p = 0; p < fn->nparams; p++) {
      const fl_var *param = fn->params[p];
      if (param->kind != FL_VAR_PARAM || !param->type || param->type->kind != FL_TYPE_POINTER) continue;
      retain_scan scan = {fn, param, NULL};
      fl_stmt_walk_events(fn->body, visit_retaining_store, &scan);
      if (!scan.kept_in) continue;
      fl_fact *fact = FL_ARENA_NEW(state->keys, fl_fact);
      fact->kind = FL_FACT_RETAINS;
      fact->subject = fl_arena_printf(state->keys, "C.%s", fn->name);
      fact->object = fl_arena_printf(state->keys, "%d", param->param_index);
      fact->loc = scan.kept_in->loc;
      if (!fl_strmap_get(state->retaining, fact->subject)) fl_strmap_put(state->retaining, fact->subject, fact);
      break;
    }
  }
}

static void *mk_prepare(const fl_program *program, const fl_rule_settings *settings) {
  rule_state *state = calloc(1, sizeof *state);
  if (!state) abort();
  state->keys = fl_arena_new();
  state->finalized_types = fl_strmap_new();
  state->go_records = fl_strmap_new();
  state->program = program;
  state->finalizer_fns = fl_strmap_new();
  state->retaining = fl_strmap_new();
  size_t units = fl_program_unit_count(program);
  bool any_go = false;
  for (size_t u = 0; u < units; u++) {
    const fl_unit *unit = fl_program_unit(program, u);
    any_go = any_go || unit->lang == FL_LANG_GO;
    for (size_t i = 0; i < unit->nfacts; i++) {
      const fl_fact *fact = unit->facts[i];
      if ((fact->kind == FL_FACT_FINALIZER || fact->kind == FL_FACT_CLEANUP) && fact->subject &&
          is_type_name(strip_star(fact->subject))) {
        put_package_key(state, state->finalized_types, fact, strip_star(fact->subject));
        if (unit->lang == FL_LANG_GO && unit->package)
          put_qualified_fact(state, unit->package, strip_star(fact->subject), fact);
        char fn_name[256];
        if (fact->object) {
          finalizer_fn_name(fn_name, sizeof fn_name, fact->object);
          put_package_key(state, state->finalizer_fns, fact, fn_name);
        }
      }
      if (fact->kind == FL_FACT_RETAINS && fact->subject)
        fl_strmap_put(state->retaining, fact->subject, (void *)fact);
    }
    for (size_t i = 0; unit->lang == FL_LANG_GO && i < unit->nrecords; i++) {
      const fl_record *record = unit->records[i];
      char key[512];
      if (package_key(key, sizeof key, unit->path, record->name) && !fl_strmap_get(state->go_records, key))
        fl_strmap_put(state->go_records, fl_arena_strdup(state->keys, key), (void *)record);
    }
  }
  /* Only Go hands C a Go pointer: a C-only run need not scan its bodies. */
  if (any_go) note_retaining_functions(state, program);
  (void)settings;
  return state;
}

static void mk_release(void *opaque) {
  rule_state *state = opaque;
  if (!state) return;
  fl_strmap_free(state->finalized_types);
  fl_strmap_free(state->go_records);
  fl_strmap_free(state->finalizer_fns);
  fl_strmap_free(state->retaining);
  fl_arena_free(state->keys);
  free(state);
}

/* The package-scoped fact for `name` as seen from `fn`, or NULL. */
static const fl_fact *package_fact(const fl_strmap *map, const fl_function *fn, const char *name) {
  char key[512];
  const char *path = fn->unit ? fn->unit->path : fn->loc.file;
  return package_key(key, sizeof key, path, name) ? fl_strmap_get(map, key) : NULL;
}

static const char *type_record(const fl_type *type);

/* Where a Go type name is looked up: "dir" of the function's package, or
 * "@pkg" for a name qualified by an imported package (glib.Object). `name`
 * gets the bare type name. */
static bool type_key(char *key, size_t size, const char *scope, const char *type, const char **bare) {
  const char *dot = strchr(type, '.');
  int n = dot ? snprintf(key, size, "@%.*s\t%s", (int)(dot - type), type, dot + 1)
              : snprintf(key, size, "%s\t%s", scope, type);
  *bare = dot ? dot + 1 : type;
  return n > 0 && (size_t)n < size;
}

/* Embedded types nest (gotk3: Widget embeds InitiallyUnowned, which
 * embeds *Object); the bound keeps a cycle from looping. */
#define EMBED_DEPTH 4

/* The type an embedded field embeds ("glib.Object" of `*glib.Object`), or
 * NULL for a named field: Go names an embedded field after its type. */
static const char *embedded_type(const fl_field *field) {
  const char *type = type_record(field->type);
  const char *dot = type ? strrchr(type, '.') : NULL;
  return type && strcmp(dot ? dot + 1 : type, field->name) == 0 ? type : NULL;
}

/* What type_finalizer found: the fact, the embedded type that has it (""
 * when the type itself has it) and whether an embedding on the way is a
 * pointer (`struct{ *Object }`: a copy of the value shares the object). */
typedef struct finalizer_lookup {
  const fl_fact *fact;
  char via[256];
  bool through_pointer;
} finalizer_lookup;

/* The finalizer of the Go type `type` as named in `scope` ("dir" or
 * "@pkg"), or of a type it embeds (a field named after its type, by value
 * or pointer: the embedded object is unreachable once the value is). */
static bool scoped_finalizer(const rule_state *state, const char *scope, const char *type, int depth,
                             finalizer_lookup *found) {
  char key[512];
  const char *bare;
  if (depth > EMBED_DEPTH || !type_key(key, sizeof key, scope, type, &bare)) return false;
  found->fact = fl_strmap_get(state->finalized_types, key);
  if (found->fact) return true;
  char inner_scope[512];
  snprintf(inner_scope, sizeof inner_scope, "%.*s", (int)(strchr(key, '\t') - key), key);
  char qualified[512];
  snprintf(qualified, sizeof qualified, "%s.%s", inner_scope + 1, bare);
  const fl_record *record = inner_scope[0] == '@' ? fl_program_find_record(state->program, qualified)
                                                  : fl_strmap_get(state->go_records, key);
  for (size_t i = 0; record && i < record->nfields; i++) {
    const fl_type *field_type = record->fields[i]->type;
    const char *embedded = embedded_type(record->fields[i]);
    if (!embedded || !scoped_finalizer(state, inner_scope, embedded, depth + 1, found)) continue;
    found->through_pointer = found->through_pointer || (field_type && field_type->kind == FL_TYPE_POINTER);
    /* The innermost embedded type, qualified as seen from outside its package. */
    int n = 0;
    if (!found->via[0] && inner_scope[0] == '@' && !strchr(embedded, '.'))
      n = snprintf(found->via, sizeof found->via, "%s.%s", inner_scope + 1, embedded);
    else if (!found->via[0])
      n = snprintf(found->via, sizeof found->via, "%s", embedded);
    if (n < 0 || (size_t)n >= sizeof found->via) found->via[0] = '\0'; /* too long to name */
    return true;
  }
  return false;
}

/* The finalizer of a Go variable's named type as `fn` sees it (its
 * package, another package's qualified type, an embedded type). */
static const fl_fact *type_finalizer(const rule_state *state, const fl_function *fn, const char *type,
                                     finalizer_lookup *found) {
  char scope[512];
  const char *path = fn->unit ? fn->unit->path : fn->loc.file;
  memset(found, 0, sizeof *found);
  snprintf(scope, sizeof scope, "%.*s", (int)dir_length(path), path ? path : "");
  return scoped_finalizer(state, scope, type, 0, found) ? found->fact : NULL;
}

static const char *type_record(const fl_type *type) {
  for (int depth = 0; type && depth < 3; depth++) {
    if (type->record_name) return type->record_name;
    if (type->kind != FL_TYPE_POINTER) break;
    type = type->pointee;
  }
  if (type && type->name) return strip_star(type->name);
  return NULL;
}

bool fl_mk_mentions_var(const fl_expr *expr, const fl_var *var) {
  if (!expr || !var) return false;
  if (expr->kind == FL_EXPR_NAME) return expr->var == var;
  /* A call's value was computed by its own (earlier) event: reading the
   * value is not a new use of the call's arguments. */
  if (expr->kind == FL_EXPR_CALL) return false;
  return fl_mk_mentions_var(expr->base, var) || fl_mk_mentions_var(expr->index, var) ||
         fl_mk_mentions_var(expr->other, var);
}

bool fl_mk_event_mentions(const fl_event *event, const fl_var *var) {
  if (fl_mk_mentions_var(event->object, var) || fl_mk_mentions_var(event->value, var)) return true;
  for (size_t i = 0; i < event->nargs; i++)
    if (fl_mk_mentions_var(event->args[i], var)) return true;
  return false;
}

bool fl_mk_expr_mentions_event(const fl_expr *expr, const fl_event *call) {
  if (!expr) return false;
  if (expr->kind == FL_EXPR_CALL) {
    if (expr->event == call) return true;
    const fl_event *inner = expr->event;
    if (!inner) return false;
    for (size_t i = 0; i < inner->nargs; i++)
      if (fl_mk_expr_mentions_event(inner->args[i], call)) return true;
    return fl_mk_expr_mentions_event(inner->object, call);
  }
  return fl_mk_expr_mentions_event(expr->base, call) || fl_mk_expr_mentions_event(expr->index, call) ||
         fl_mk_expr_mentions_event(expr->other, call);
}

/* The CALL expression standing for `call`'s value inside `expr`, or NULL. */
static const fl_expr *find_call_value(const fl_expr *expr, const fl_event *call) {
  if (!expr) return NULL;
  if (expr->kind == FL_EXPR_CALL) {
    if (expr->event == call) return expr;
    const fl_event *inner = expr->event;
    for (size_t i = 0; inner && i < inner->nargs; i++) {
      const fl_expr *found = find_call_value(inner->args[i], call);
      if (found) return found;
    }
    return NULL;
  }
  const fl_expr *found = find_call_value(expr->base, call);
  if (!found) found = find_call_value(expr->index, call);
  return found ? found : find_call_value(expr->other, call);
}

static bool returns_pointer(const fl_event *reader, const fl_event *call) {
  const fl_expr *value = reader->value ? find_call_value(reader->value, call) : NULL;
  for (size_t a = 0; !value && a < reader->nargs; a++) value = find_call_value(reader->args[a], call);
  return value && value->type && value->type->kind == FL_TYPE_POINTER;
}

static bool clears_finalizer(const fl_event *event, const fl_var *var) {
  if (event->kind != FL_EV_CALL || !event->callee || strcmp(event->callee, "runtime.SetFinalizer") != 0 ||
      event->nargs != 2 || !fl_mk_mentions_var(event->args[0], var))
    return false;
  const fl_expr *finalizer = event->args[1];
  return finalizer && finalizer->text && strcmp(finalizer->text, "nil") == 0;
}

static bool same_loc(fl_loc a, fl_loc b) {
  return a.line == b.line && a.col == b.col && a.end_line == b.end_line && a.end_col == b.end_col;
}

/* --- Go: accessors ------------------------------------------------------ */

/* Accessors nest (a method returning another accessor's value); a bound
 * keeps a recursive pair of methods from looping. */
#define ACCESSOR_DEPTH 3

typedef struct local_writes {
  const fl_var *local;
  const fl_var *self;
  int depth;
  bool any, all_fields;
} local_writes;

static bool is_field_of(const fl_expr *expr, const fl_var *self, const fl_function *fn, int depth);

static bool visit_local_write(const fl_event *event, const fl_stmt *stmt, void *user) {
  local_writes *writes = user;
  (void)stmt;
  if (event->kind != FL_EV_WRITE || !event->object || event->object->kind != FL_EXPR_NAME ||
      event->object->var != writes->local)
    return true;
  writes->any = true;
  writes->all_fields = writes->all_fields && is_field_of(event->value, writes->self, NULL, writes->depth);
  return writes->all_fields;
}

/* `expr` is a field path of `self` (v.ptr, v.a.b, &v.buf[0]) through
 * conversions (unsafe.Pointer(v.GObject)), or — with `fn` — a local of fn
 * that only ever holds one (p := unsafe.Pointer(v.GObject)). */
static bool is_field_of(const fl_expr *expr, const fl_var *self, const fl_function *fn, int depth) {
  while (expr && (expr->kind == FL_EXPR_CONVERT || expr->kind == FL_EXPR_ADDR) && expr->base) expr = expr->base;
  if (!expr) return false;
  if (expr->kind == FL_EXPR_FIELD || expr->kind == FL_EXPR_INDEX) {
    const fl_expr *root = fl_expr_path_root(expr);
    return root && root->var == self;
  }
  if (expr->kind != FL_EXPR_NAME || !fn || !expr->var || expr->var->kind != FL_VAR_LOCAL) return false;
  local_writes writes = {expr->var, self, depth, false, true};
  fl_stmt_walk_events(fn->body, visit_local_write, &writes);
  return writes.any && writes.all_fields;
}

static bool is_accessor(const fl_program *program, const fl_function *fn, int depth);
static bool is_accessor_call_on(const fl_program *program, const char *package, const fl_expr *expr,
                                const fl_var *var, int depth);

static const char *package_of(const fl_function *fn) { return fn && fn->unit ? fn->unit->package : NULL; }

/* The value a return hands back is `self`'s field: a field path, a C cast
 * shim applied to one (gotk3's C.toGObject(unsafe.Pointer(v.GObject)),
 * go-gst's C.toGstAppSrc(a.Unsafe())), or another accessor called on self. */
static bool returns_field_of(const fl_program *program, const fl_function *fn, const fl_expr *value,
                             const fl_var *self, int depth) {
  value = fl_expr_strip_converts(value);
  if (!value) return false;
  if (value->kind != FL_EXPR_CALL || !value->event) return is_field_of(value, self, fn, depth);
  const fl_event *call = value->event;
  if (call->flags & FL_EV_FOREIGN) {
    /* Only the binding's own shim is a cast (gotk3's static toGObject); a
     * library function (cairo_image_surface_get_data) reads the object. */
    const fl_function *shim = fl_program_callee(program, call);
    return call->nargs == 1 && value->type && value->type->kind == FL_TYPE_POINTER && shim &&
           (shim->flags & FL_FN_SHIM) &&
           (is_field_of(call->args[0], self, fn, depth) ||
            is_accessor_call_on(program, package_of(fn), call->args[0], self, depth + 1));
  }
  const fl_expr *on = call->object ? fl_expr_strip_converts(call->object) : NULL;
  return on && on->kind == FL_EXPR_NAME && on->var == self &&
         is_accessor_call_on(program, package_of(fn), value, self, depth + 1);
}

/* What a function's returns hand out, judged one return at a time. */
typedef struct return_scan {
  const fl_program *program;
  const fl_function *fn;
  const fl_var *self;
  int depth;
  bool (*judge)(struct return_scan *scan, const fl_stmt *ret);
  bool any, other; /* some return was judged so; some was not */
} return_scan;

/* Walks the returns of `stmt` that hand out a value (`return nil` and the
 * returns of func literals are skipped), judging each until one fails. */
static void scan_returns(return_scan *scan, const fl_stmt *stmt) {
  if (!stmt || scan->other || stmt->kind == FL_STMT_CLOSURE || stmt->kind == FL_STMT_GO) return;
  if (stmt->kind == FL_STMT_RETURN) {
    const fl_expr *value = fl_expr_strip_converts(stmt->expr);
    if (value && value->kind == FL_EXPR_OTHER && value->text && strcmp(value->text, "nil") == 0) return;
    if (value && scan->judge(scan, stmt)) scan->any = true;
    else scan->other = true;
    return;
  }
  for (size_t i = 0; i < stmt->nkids; i++) scan_returns(scan, stmt->kids[i]);
}

/* True if every value `fn`'s returns hand out is judged so, and there is one. */
static bool every_return(const fl_program *program, const fl_function *fn, const fl_var *self, int depth,
                         bool (*judge)(return_scan *scan, const fl_stmt *ret)) {
  return_scan scan = {program, fn, self, depth, judge, false, false};
  scan_returns(&scan, fn->body);
  return scan.any && !scan.other;
}

static bool returns_self_field(return_scan *scan, const fl_stmt *ret) {
  return returns_field_of(scan->program, scan->fn, ret->expr, scan->self, scan->depth);
}

/* `fn` only hands out a field of its receiver (or, for a function, of its
 * first parameter): every return is nil or that field, as gotk3's
 * `func (v *TreePath) native() *C.GtkTreePath { return v.GtkTreePath }`. */
static bool is_accessor(const fl_program *program, const fl_function *fn, int depth) {
  if (!fn || !fn->body || fn->lang != FL_LANG_GO || depth > ACCESSOR_DEPTH || fn->nparams == 0) return false;
  const fl_var *self = fn->params[0];
  if (fn->receiver_type ? self->kind != FL_VAR_RECEIVER : fn->nparams != 1) return false;
  return every_return(program, fn, self, depth, returns_self_field);
}

/* Method `method` of the Go type `type` as package `package` names it
 * ("glib.Object" names another package's), or promoted from a type it
 * embeds (gotk3's Widget -> InitiallyUnowned -> *Object, go-gst's Source ->
 * *gst.Element -> *glib.Object), found by the functions' package-qualified
 * ids ("glib.Object.Unsafe"). */
static const fl_function *go_method(const fl_program *program, const char *package, const char *type,
                                    const char *method, int depth) {
  if (depth > EMBED_DEPTH || !package || !type || !method) return NULL;
  const char *dot = strchr(type, '.');
  char owner[128], qualified[512], id[640];
  snprintf(owner, sizeof owner, "%.*s", dot ? (int)(dot - type) : (int)strlen(package), dot ? type : package);
  const char *name = dot ? dot + 1 : type;
  snprintf(qualified, sizeof qualified, "%s.%s", owner, name);
  snprintf(id, sizeof id, "%s.%s", qualified, method);
  const fl_function *fn = fl_program_find_function(program, id, NULL);
  if (fn && fn->body) return fn;
  const fl_record *record = fl_program_find_record(program, qualified);
  for (size_t i = 0; record && i < record->nfields; i++) {
    const char *embedded = embedded_type(record->fields[i]);
    if (embedded && (fn = go_method(program, owner, embedded, method, depth + 1))) return fn;
  }
  return NULL;
}

/* A method promoted from an embedded field (`type Widget struct{ *Object }`,
 * w.native() runs Object.native): the model names the call after its
 * receiver ("v.native"), which resolves to no function. */
static const fl_function *promoted_method(const fl_program *program, const char *package, const fl_event *call) {
  const fl_expr *on = call->object;
  const char *record_name = on && on->var ? type_record(on->var->type) : on ? type_record(on->type) : NULL;
  const char *method = call->callee ? strrchr(call->callee, '.') : NULL;
  return record_name && method ? go_method(program, package, record_name, method + 1, 0) : NULL;
}

/* `return &Context{ptr: C.store_context(s.ptr())}`: a return whose value
 * a C call made of the receiver's C object (a field or an accessor of it),
 * in the return itself or in a write of the local it returns (`ctx :=
 * &Context{...}; ...; return ctx`). */
typedef struct derived_value {
  return_scan *scan;
  fl_loc writes[8]; /* where the returned local is written, or none: the return itself */
  size_t nwrites;
  const fl_var *local;
  bool found;
} derived_value;

static bool visit_local_writes(const fl_event *event, const fl_stmt *stmt, void *user) {
  derived_value *value = user;
  (void)stmt;
  if (event->kind == FL_EV_WRITE && event->object && event->object->kind == FL_EXPR_NAME &&
      event->object->var == value->local && value->nwrites < sizeof value->writes / sizeof value->writes[0])
    value->writes[value->nwrites++] = event->loc;
  return true;
}

static bool within(fl_loc inner, fl_loc outer) {
  return inner.line >= outer.line && inner.line <= (outer.end_line ? outer.end_line : outer.line);
}

static bool visit_deriving_call(const fl_event *event, const fl_stmt *stmt, void *user) {
  derived_value *value = user;
  const return_scan *scan = value->scan;
  (void)stmt;
  if (event->kind != FL_EV_CALL || !(event->flags & FL_EV_FOREIGN)) return true;
  bool placed = !value->local;
  for (size_t i = 0; i < value->nwrites && !placed; i++) placed = within(event->loc, value->writes[i]);
  for (size_t a = 0; placed && a < event->nargs && !value->found; a++)
    value->found = is_field_of(event->args[a], scan->self, scan->fn, scan->depth) ||
                   is_accessor_call_on(scan->program, package_of(scan->fn), event->args[a], scan->self,
                                       scan->depth + 1);
  return !value->found;
}

static bool returns_derived(return_scan *scan, const fl_stmt *ret) {
  derived_value value = {.scan = scan};
  const fl_expr *returned = fl_expr_strip_converts(ret->expr);
  if (returned->kind == FL_EXPR_NAME && returned->var && returned->var->kind == FL_VAR_LOCAL) {
    value.local = returned->var;
    fl_stmt_walk_events(scan->fn->body, visit_local_writes, &value);
    fl_stmt_walk_events(scan->fn->body, visit_deriving_call, &value);
  } else {
    fl_stmt_walk_events(ret, visit_deriving_call, &value);
  }
  return value.found;
}

/* `store.Context()`: a call of a method of var's type that returns a Go
 * value wrapping an object C made of var's own (wasmtime-go's Context of a
 * Store): what it hands out lives only as long as var does. */
static bool is_deriving_call_on(const fl_program *program, const char *package, const fl_expr *expr,
                                const fl_var *var, int depth) {
  expr = fl_expr_strip_converts(expr);
  if (!expr || expr->kind != FL_EXPR_CALL || !expr->event || (expr->event->flags & FL_EV_FOREIGN) ||
      depth > ACCESSOR_DEPTH)
    return false;
  const fl_event *call = expr->event;
  const fl_expr *on = call->object ? fl_expr_strip_converts(call->object) : NULL;
  if (!on || on->kind != FL_EXPR_NAME || on->var != var) return false;
  const fl_function *fn = fl_program_callee(program, call);
  if (!fn) fn = promoted_method(program, package, call);
  if (!fn || !fn->body || fn->lang != FL_LANG_GO || fn->nparams == 0 || fn->params[0]->kind != FL_VAR_RECEIVER)
    return false;
  /* A value of the receiver's own type is a copy that owns its object
   * (`func (s *Store) Clone() *Store`), not a view of this one. */
  const char *made = type_record(fn->return_type);
  if (made && fn->receiver_type && strcmp(made, strip_star(fn->receiver_type)) == 0) return false;
  return every_return(program, fn, fn->params[0], depth, returns_derived);
}

/* A call `v.native()` / `native(v)` (through conversions) of an accessor of
 * `var` or of one of its fields (v.Widget.native()), or of a value derived
 * from var (`store.Context().ptr()`): it passes var's C object as surely as
 * `v.ptr` does. `package` is the calling function's. */
static bool is_accessor_call_on(const fl_program *program, const char *package, const fl_expr *expr,
                                const fl_var *var, int depth) {
  expr = fl_expr_strip_converts(expr);
  if (!expr || expr->kind != FL_EXPR_CALL || !expr->event || (expr->event->flags & FL_EV_FOREIGN)) return false;
  const fl_event *call = expr->event;
  const fl_expr *on = call->object ? call->object : call->nargs == 1 ? call->args[0] : NULL;
  const fl_expr *root = on ? fl_expr_path_root(on) : NULL;
  if ((!root || root->var != var) && !is_deriving_call_on(program, package, on, var, depth + 1)) return false;
  const fl_function *callee = fl_program_callee(program, call);
  return is_accessor(program, callee ? callee : promoted_method(program, package, call), depth);
}

/* Go helpers that hand a parameter to C nest (a wrapper around a wrapper);
 * the bound keeps recursion finite. */
#define FORWARD_DEPTH 3

static bool arg_reaches_c(const fl_program *program, const fl_event *call, size_t index, int depth);

typedef struct forward_scan {
  const fl_program *program;
  const fl_var *param;
  int depth;
  bool found;
} forward_scan;

static bool visit_forward(const fl_event *event, const fl_stmt *stmt, void *user) {
  forward_scan *scan = user;
  (void)stmt;
  if (event->kind != FL_EV_CALL) return true;
  for (size_t a = 0; a < event->nargs && !scan->found; a++) {
    const fl_expr *arg = fl_expr_strip_converts(event->args[a]);
    if (arg && arg->kind == FL_EXPR_NAME && arg->var == scan->param)
      scan->found = arg_reaches_c(scan->program, event, a, scan->depth + 1);
  }
  return !scan->found;
}

/* Argument `index` of `call` reaches C while the call runs: the call is a
 * C call, or a Go function of the program that passes that parameter (as
 * it is, or converted) to one, directly or through such a function
 * (`func step(p *C.iter) int { return int(C.iter_next(p)) }`). */
static bool arg_reaches_c(const fl_program *program, const fl_event *call, size_t index, int depth) {
  if (call->flags & FL_EV_FOREIGN) return true;
  if (depth > FORWARD_DEPTH) return false;
  const fl_function *callee = fl_program_callee(program, call);
  if (!callee || !callee->body || callee->lang != FL_LANG_GO) return false;
  const fl_var *param = NULL;
  for (size_t p = 0; p < callee->nparams && !param; p++)
    if (callee->params[p]->kind == FL_VAR_PARAM && callee->params[p]->param_index == (int)index)
      param = callee->params[p];
  if (!param) return false;
  forward_scan scan = {program, param, depth, false};
  fl_stmt_walk_events(callee->body, visit_forward, &scan);
  return scan.found;
}

/* A field of `var` passed to the call: v.ptr, (*C.T)(v.ptr), &v.buf[0],
 * or an accessor's value v.native(); to C, or to a Go helper that hands
 * that argument to C. */
static const fl_expr *field_arg_of(const fl_program *program, const fl_function *fn, const fl_event *call,
                                   const fl_var *var) {
  for (size_t i = 0; i < call->nargs; i++) {
    const fl_expr *arg = call->args[i];
    while (arg && (arg->kind == FL_EXPR_CONVERT || arg->kind == FL_EXPR_ADDR) && arg->base) arg = arg->base;
    bool passes = false;
    if (arg && arg->kind == FL_EXPR_CALL) {
      passes = is_accessor_call_on(program, package_of(fn), arg, var, 0);
    } else if (arg && (arg->kind == FL_EXPR_FIELD || arg->kind == FL_EXPR_INDEX ||
                       (arg->kind == FL_EXPR_DEREF && arg->base && arg->base->kind == FL_EXPR_FIELD))) {
      /* `*s.stmt`: the handle C keeps behind the field (go-duckdb's
       * `*C.duckdb_prepared_statement` fields), read and passed by value. */
      const fl_expr *root = fl_expr_path_root(arg);
      passes = (root && root->var == var) ||
               /* store.Context().ptr: a field of what var's method made of it */
               (arg->kind == FL_EXPR_FIELD && is_deriving_call_on(program, package_of(fn), arg->base, var, 0));
    }
    if (passes && arg_reaches_c(program, call, i, 0)) return call->args[i];
  }
  return NULL;
}

/* --- Go: flattening a body into execution order ------------------------- */

/* Which arm of an if/switch an event sits in, innermost first: events in
 * different arms of one if/switch never both run — unless a loop around
 * it (or a goto) runs the other arm afterwards. */
typedef struct branch {
  const fl_stmt *choice; /* IF or SWITCH */
  size_t arm;            /* kid index: then, else, a case */
  bool in_loop;
  const struct branch *outer;
} branch;

typedef struct flat_events {
  fl_ptrvec body;         /* const fl_event*, in order */
  fl_ptrvec body_branch;  /* const branch* of each body event */
  fl_ptrvec deferred;     /* events of defer statements: they run after the body */
  fl_ptrvec returns;      /* const fl_stmt* RETURN, paired with `return_at`, `return_branch` */
  fl_ptrvec return_at;    /* (uintptr_t) body.count when the return was reached */
  fl_ptrvec return_branch;
  fl_ptrvec branches;     /* owns the branch nodes */
  bool has_goto;
} flat_events;

static void flatten(flat_events *flat, const fl_stmt *stmt, bool in_defer, const branch *at, bool in_loop) {
  if (!stmt) return;
  if (stmt->kind == FL_STMT_GO) return;
  if (stmt->kind == FL_STMT_CLOSURE && !in_defer) return; /* runs later, if at all */
  if (stmt->kind == FL_STMT_DEFER) in_defer = true;
  if (stmt->kind == FL_STMT_LOOP) in_loop = true;
  if (stmt->kind == FL_STMT_GOTO) flat->has_goto = true;
  if (stmt->kind == FL_STMT_EVENT && stmt->event) {
    fl_ptrvec_push(in_defer ? &flat->deferred : &flat->body, stmt->event);
    if (!in_defer) fl_ptrvec_push(&flat->body_branch, (void *)at);
  }
  bool arms = stmt->kind == FL_STMT_IF || stmt->kind == FL_STMT_SWITCH;
  for (size_t i = 0; i < stmt->nkids; i++) {
    const branch *kid_at = at;
    if (arms && i > 0) { /* kids[0] is the condition: it runs whichever arm follows */
      branch *arm = malloc(sizeof *arm);
      if (!arm) abort();
      *arm = (branch){stmt, i, in_loop, at};
      fl_ptrvec_push(&flat->branches, arm);
      kid_at = arm;
    }
    flatten(flat, stmt->kids[i], in_defer, kid_at, in_loop);
  }
  /* `return v` makes no event but uses v after everything before it. */
  if (stmt->kind == FL_STMT_RETURN && stmt->expr && !in_defer) {
    fl_ptrvec_push(&flat->returns, (void *)stmt);
    fl_ptrvec_push(&flat->return_at, (void *)(uintptr_t)flat->body.count);
    fl_ptrvec_push(&flat->return_branch, (void *)at);
  }
}

/* Code at `a` and at `b` never both run in one call of the function. */
static bool exclusive(const flat_events *flat, const branch *a, const branch *b) {
  if (flat->has_goto) return false;
  for (const branch *x = a; x; x = x->outer)
    for (const branch *y = b; y; y = y->outer)
      if (x->choice == y->choice && x->arm != y->arm && !x->in_loop) return true;
  return false;
}

static const branch *body_branch(const flat_events *flat, size_t position) {
  return flat->body_branch.items[position];
}

/* `text` (a composite literal the model keeps as text only) names `name`
 * as a value: not as a selector's base (`c.ctx` stores a field, not c), not
 * inside a string, rune or comment. */
static bool text_names_value(const char *text, const char *name) {
  size_t len = strlen(name);
  for (const char *p = text; p && *p; p++) {
    if (*p == '"' || *p == '\'' || *p == '`') {
      char quote = *p;
      for (p++; *p && *p != quote; p++)
        if (*p == '\\' && quote != '`' && p[1]) p++;
      if (!*p) return false;
      continue;
    }
    if (p[0] == '/' && p[1] == '/') {
      p = strchr(p, '\n');
      if (!p) return false;
      continue;
    }
    if (p[0] == '/' && p[1] == '*') {
      p = strstr(p + 2, "*/");
      if (!p) return false;
      p++;
      continue;
    }
    if (strncmp(p, name, len) != 0 || (p > text && (is_ident_char(p[-1]) || p[-1] == '.')) ||
        is_ident_char(p[len]))
      continue;
    const char *next = p + len;
    while (*next == ' ' || *next == '\t' || *next == '\n') next++;
    if (*next != '.') return true;
  }
  return false;
}

/* `expr` reads `var`, also inside a composite literal kept as text. */
static bool go_mentions(const fl_expr *expr, const fl_var *var) {
  if (!expr) return false;
  if (expr->kind == FL_EXPR_OTHER) return expr->text && text_names_value(expr->text, var->name);
  if (expr->kind == FL_EXPR_NAME) return expr->var == var;
  if (expr->kind == FL_EXPR_CALL) return false; /* see fl_mk_mentions_var */
  return go_mentions(expr->base, var) || go_mentions(expr->index, var) || go_mentions(expr->other, var);
}

static bool go_event_mentions(const fl_event *event, const fl_var *var) {
  if (go_mentions(event->object, var) || go_mentions(event->value, var)) return true;
  for (size_t i = 0; i < event->nargs; i++)
    if (go_mentions(event->args[i], var)) return true;
  return false;
}

static bool returned_after(const flat_events *flat, size_t position, const fl_var *var) {
  for (size_t i = 0; i < flat->returns.count; i++) {
    const fl_stmt *ret = flat->returns.items[i];
    if ((uintptr_t)flat->return_at.items[i] > position &&
        !exclusive(flat, body_branch(flat, position), flat->return_branch.items[i]) &&
        go_mentions(ret->expr, var))
      return true;
  }
  return false;
}

/* A body event after `position` that can run after it mentions `var`. */
static bool mentioned_after(const flat_events *flat, size_t position, const fl_var *var) {
  for (size_t j = position + 1; j < flat->body.count; j++)
    if (!exclusive(flat, body_branch(flat, position), body_branch(flat, j)) &&
        go_event_mentions(flat->body.items[j], var))
      return true;
  return returned_after(flat, position, var);
}

/* `value` is `var` itself (`&Iter{repo: r}` included), not a field of it:
 * holding `p := r.parent` does not keep r alive. */
static bool is_value_of(const fl_expr *value, const fl_var *var) {
  while (value && (value->kind == FL_EXPR_CONVERT || value->kind == FL_EXPR_ADDR) && value->base) value = value->base;
  if (!value) return false;
  if (value->kind == FL_EXPR_OTHER) return value->text && text_names_value(value->text, var->name);
  return value->kind == FL_EXPR_NAME && value->var == var;
}

/* The value is written into another local (`iter := &Iter{cfg: c}`, whose
 * composite literal the model keeps as text only) that is used after
 * `position`: reachable through it, the value stays alive. */
static bool stored_in_live_value(const flat_events *flat, size_t position, const fl_var *var) {
  for (size_t i = 0; i < flat->body.count; i++) {
    const fl_event *write = flat->body.items[i];
    if (write->kind != FL_EV_WRITE || !write->value || !write->object) continue;
    const fl_expr *holder = fl_expr_path_root(write->object);
    if (!holder || !holder->var || holder->var == var || !is_value_of(write->value, var)) continue;
    if (mentioned_after(flat, position, holder->var)) return true;
  }
  return false;
}

/* Something keeps `var` alive after body event `position` (a C call): a
 * later event or return that can follow it, a deferred use, a live value
 * holding it. The events a model hangs on the call itself (`free v.ptr`
 * for C.x_delete(v.ptr)) happen inside it and keep nothing alive. */
static bool used_after(const flat_events *flat, size_t position, const fl_var *var) {
  const fl_event *at = flat->body.items[position];
  for (size_t j = position + 1; j < flat->body.count; j++) {
    const fl_event *later = flat->body.items[j];
    if (later->kind != FL_EV_KEEPALIVE && later->kind != FL_EV_CALL && same_loc(later->loc, at->loc)) continue;
    if (!exclusive(flat, body_branch(flat, position), body_branch(flat, j)) && go_event_mentions(later, var))
      return true;
  }
  for (size_t i = 0; i < flat->deferred.count; i++)
    if (go_event_mentions(flat->deferred.items[i], var)) return true;
  return returned_after(flat, position, var) || stored_in_live_value(flat, position, var);
}

/* A local that only ever holds a live value or something reachable from it
 * (`issuer := c; if c.Issuer != nil { issuer = c.Issuer }`, c used after
 * `position`): what it points to cannot be collected while that value
 * lives. */
static bool reachable_from_live(const flat_events *flat, size_t position, const fl_var *var) {
  if (var->kind != FL_VAR_LOCAL) return false;
  bool any = false;
  for (size_t i = 0; i < flat->body.count; i++) {
    const fl_event *write = flat->body.items[i];
    if (write->kind != FL_EV_WRITE || !write->object || write->object->kind != FL_EXPR_NAME ||
        write->object->var != var)
      continue;
    const fl_expr *value = fl_expr_strip_converts(write->value);
    const fl_expr *root = fl_expr_is_path(value) && value->kind != FL_EXPR_ADDR ? fl_expr_path_root(value) : NULL;
    if (!root || !root->var || root->var == var || !used_after(flat, position, root->var)) return false;
    any = true;
  }
  return any;
}

/* cgo's copies out of C memory: reading the memory they are given. */
static bool copies_c_memory(const fl_event *event) {
  static const char *const copies[] = {"C.GoString", "C.GoStringN", "C.GoBytes"};
  if (event->kind != FL_EV_CALL || !event->callee) return false;
  for (size_t i = 0; i < sizeof copies / sizeof copies[0]; i++)
    if (strcmp(event->callee, copies[i]) == 0) return true;
  return false;
}

/* The copy reads the pointer itself, not a field of what it points to. */
static bool copies_from(const fl_event *copy, const fl_var *out) {
  for (size_t i = 0; i < copy->nargs; i++) {
    const fl_expr *arg = fl_expr_strip_converts(copy->args[i]);
    if (arg && arg->kind == FL_EXPR_NAME && arg->var == out) return true;
  }
  return false;
}

/* `&p` passed to the call with p a pointer local that `copy` reads: C
 * stores a pointer in it, which may point into the object (pam_get_item,
 * mdb_env_get_path). A struct C hands back (a GError) is copied out of
 * through its fields (`err.message`) and belongs to the caller: not read
 * directly, it does not count. */
static const fl_var *pointer_out_param(const fl_event *call, const fl_event *copy) {
  for (size_t i = 0; i < call->nargs; i++) {
    const fl_expr *arg = fl_expr_strip_converts(call->args[i]);
    if (!arg || arg->kind != FL_EXPR_ADDR || !arg->base || arg->base->kind != FL_EXPR_NAME) continue;
    const fl_var *out = arg->base->var;
    if (out && out->kind == FL_VAR_LOCAL && out->type && out->type->kind == FL_TYPE_POINTER && copies_from(copy, out))
      return out;
  }
  return NULL;
}

/* The first copy out of memory that the call at `position` handed back
 * through a pointer out-parameter, made after `var`'s last use; NULL if
 * none. `*index` gets its position. */
static const fl_event *out_param_read_after_last_use(const flat_events *flat, size_t position,
                                                     const fl_var *var, size_t *index) {
  const fl_event *call = flat->body.items[position];
  for (size_t j = position + 1; j < flat->body.count; j++) {
    const fl_event *reader = flat->body.items[j];
    if (!copies_c_memory(reader) || exclusive(flat, body_branch(flat, position), body_branch(flat, j)) ||
        !pointer_out_param(call, reader) || used_after(flat, j, var))
      continue;
    *index = j;
    return reader;
  }
  return NULL;
}

/* `value` is a field of `var` (through conversions: (*C.T)(v.ptr)) or an
 * accessor's value (UnsafeToGlib(v), v.native()). */
static bool holds_field_of(const fl_program *program, const fl_function *fn, const fl_expr *value,
                           const fl_var *var) {
  while (value && (value->kind == FL_EXPR_CONVERT || value->kind == FL_EXPR_ADDR) && value->base) value = value->base;
  if (!value) return false;
  if (value->kind == FL_EXPR_CALL) return is_accessor_call_on(program, package_of(fn), value, var, 0);
  if (value->kind != FL_EXPR_FIELD && value->kind != FL_EXPR_INDEX) return false;
  const fl_expr *root = fl_expr_path_root(value);
  return root && root->var == var;
}

/* The call at `position` passes a local that holds a field of `var` at its
 * every write (`p := h.ptr` or generated bindings' `carg0 =
 * (*C.T)(UnsafeToGlibNone(h))`, then C.op(p) a statement later): h is as
 * dead after its last mention as with C.op(h.ptr). Not when a field of var
 * is written between the copy and the call (`p := h.ptr; h.ptr = nil;
 * C.free(p)`): the object no longer holds what the local points to.
 * `*copied_at` gets the write that made the copy. */
static const fl_expr *local_field_arg(const fl_program *program, const fl_function *fn, const flat_events *flat, size_t position,
                                      const fl_var *var, const fl_event **copied_at) {
  const fl_event *call = flat->body.items[position];
  for (size_t a = 0; a < call->nargs; a++) {
    const fl_expr *arg = fl_expr_strip_converts(call->args[a]);
    if (!arg || arg->kind != FL_EXPR_NAME || !arg->var || arg->var->kind != FL_VAR_LOCAL) continue;
    const fl_event *last_copy = NULL;
    size_t copy_position = 0;
    bool every_write_copies = true;
    for (size_t i = 0; i < flat->body.count && every_write_copies; i++) {
      const fl_event *write = flat->body.items[i];
      if (write->kind != FL_EV_WRITE || !write->object || write->object->kind != FL_EXPR_NAME ||
          write->object->var != arg->var)
        continue;
      every_write_copies = write->value && holds_field_of(program, fn, write->value, var);
      if (i < position) {
        last_copy = write;
        copy_position = i;
      }
    }
    if (!every_write_copies || !last_copy || !arg_reaches_c(program, call, a, 0)) continue;
    bool field_rewritten = false;
    for (size_t i = copy_position + 1; i < position && !field_rewritten; i++) {
      const fl_event *write = flat->body.items[i];
      const fl_expr *root = write->kind == FL_EV_WRITE && write->object && write->object->kind != FL_EXPR_NAME
                                ? fl_expr_path_root(write->object)
                                : NULL;
      field_rewritten = root && root->var == var;
    }
    if (field_rewritten) continue;
    *copied_at = last_copy;
    return arg;
  }
  return NULL;
}

/* A field of `var` that the call at `position` passes, directly or through
 * a local copy (then `*copied_at` is the copy, else NULL). */
static const fl_expr *passed_field(const fl_program *program, const fl_function *fn, const flat_events *flat, size_t position,
                                   const fl_var *var, const fl_event **copied_at) {
  *copied_at = NULL;
  const fl_expr *field = field_arg_of(program, fn, flat->body.items[position], var);
  return field ? field : local_field_arg(program, fn, flat, position, var, copied_at);
}

static fl_finding *mk_finding(const fl_function *fn, fl_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static fl_finding *mk_finding(const fl_function *fn, fl_loc loc, const char *fmt, ...) {
  char message[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(message, sizeof message, fmt, ap);
  va_end(ap);
  return fl_finding_new(RULE_ID, FL_SEV_HIGH, loc, fn->name, fn->lang, "%s", message);
}

static void report_value_receiver(fl_rule_ctx *ctx, const fl_function *fn, const flat_events *flat,
                                  const fl_var *var, const char *type_desc, const fl_fact *finalizer) {
  const fl_program *program = fl_rule_ctx_program(ctx);
  const fl_event *call = NULL, *copied_at = NULL;
  const fl_expr *field = NULL;
  for (size_t i = 0; i < flat->body.count; i++) {
    const fl_event *event = flat->body.items[i];
    const fl_event *copy = NULL;
    const fl_expr *passed = event->kind == FL_EV_CALL ? passed_field(program, fn, flat, i, var, &copy) : NULL;
    if (passed) {
      call = event;
      field = passed;
      copied_at = copy;
    }
  }
  if (!call) return;
  fl_finding *finding = mk_finding(
      fn, call->loc,
      "'%s' passes '%s' to '%s' from a value receiver of %s, which has a finalizer: the copy "
      "does not keep the original alive, so the finalizer can free the C object mid-call; use a "
      "pointer receiver and runtime.KeepAlive",
      fn->name, field->text ? field->text : "a field", call->callee ? call->callee : "C", type_desc);
  fl_finding_add_step(finding, call->loc, "C call on a copied handle");
  if (copied_at)
    fl_finding_add_step(finding, copied_at->loc, "'%s' copied out of '%s' here",
                        field->text ? field->text : "the local", var->name);
  if (finalizer) fl_finding_add_step(finding, finalizer->loc, "finalizer registered here");
  fl_rule_report(ctx, finding);
}

/* A C function whose name says it hands out a new object or reference
 * (`x_new`, `x_new_from_y`, `x_dup`, `strdup`, `x_copy`, `x_clone`,
 * `x_ref`): its result is the caller's, not memory lent out of the object.
 * Not an API-model convention (rules/models/conventions.yml): any model
 * entry makes a C call "modelled", and unguarded-length then stops taking
 * its result and out-parameters as C's lengths. */
static bool callee_returns_new(const char *callee) {
  static const char *const words[] = {"new", "dup", "strdup", "strndup", "copy", "clone", "ref"};
  if (!callee) return false;
  const char *name = strncmp(callee, "C.", 2) == 0 ? callee + 2 : callee;
  for (const char *word = name; *word;) {
    size_t len = strcspn(word, "_");
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
      if (len == strlen(words[i]) && strncmp(word, words[i], len) == 0) return true;
    word += len;
    while (*word == '_') word++;
  }
  return false;
}

/* The local the call's result is stored in (`s := C.x(...)`), or NULL. */
static const fl_var *result_local(const flat_events *flat, size_t position) {
  const fl_event *call = flat->body.items[position];
  for (size_t i = position + 1; i < flat->body.count; i++) {
    const fl_event *write = flat->body.items[i];
    if (write->kind != FL_EV_WRITE || !write->value || !write->object ||
        write->object->kind != FL_EXPR_NAME || !write->object->var)
      continue;
    const fl_expr *value = fl_expr_strip_converts(write->value);
    if (value && value->kind == FL_EXPR_CALL && value->event == call) return write->object->var;
  }
  return NULL;
}

/* The call's result is the caller's own: its name says so, or the caller
 * frees it (`cs := C.x_path(o.ptr); defer C.free(unsafe.Pointer(cs))`). */
static bool result_owned(const flat_events *flat, size_t position) {
  const fl_event *call = flat->body.items[position];
  if (callee_returns_new(call->callee)) return true;
  const fl_var *local = result_local(flat, position);
  if (!local) return false;
  const fl_ptrvec *lists[] = {&flat->body, &flat->deferred};
  for (size_t l = 0; l < 2; l++)
    for (size_t i = 0; i < lists[l]->count; i++) {
      const fl_event *event = lists[l]->items[i];
      const fl_expr *freed = event->kind == FL_EV_FREE ? fl_expr_strip_converts(event->object) : NULL;
      if (freed && freed->kind == FL_EXPR_NAME && freed->var == local) return true;
    }
  return false;
}

/* The first read, after the call at `position`, of the pointer the call
 * returned, made before `var` is used again; NULL if none (or when the
 * result is the caller's own). Only a pointer result can point into the
 * object; an int is a status. */
static const fl_event *result_read_after(const flat_events *flat, size_t position, const fl_var *var) {
  const fl_event *call = flat->body.items[position];
  if (result_owned(flat, position)) return NULL;
  for (size_t i = position + 1; i < flat->body.count; i++) {
    const fl_event *later = flat->body.items[i];
    if (fl_mk_event_mentions(later, var)) return NULL;
    bool reads = later->value && fl_mk_expr_mentions_event(later->value, call);
    for (size_t a = 0; a < later->nargs && !reads; a++) reads = fl_mk_expr_mentions_event(later->args[a], call);
    if (reads) return returns_pointer(later, call) ? later : NULL;
  }
  return NULL;
}

/* `call` is the C cast helper whose result an accessor of `var` returns
 * (`return C.toGObject(p)`, p := unsafe.Pointer(v.GObject)): the pointer
 * goes to the accessor's caller, which is the one to keep var alive. */
static bool returned_by_accessor(const fl_program *program, const fl_function *fn, const flat_events *flat,
                                 const fl_event *call, const fl_var *var) {
  if (fn->nparams == 0 || fn->params[0] != var) return false;
  for (size_t i = 0; i < flat->returns.count; i++) {
    const fl_stmt *ret = flat->returns.items[i];
    const fl_expr *value = fl_expr_strip_converts(ret->expr);
    if (value && value->kind == FL_EXPR_CALL && value->event == call) return is_accessor(program, fn, 0);
  }
  return false;
}

/* `expr` is the borrowed memory: the C call's value, or the local that
 * holds it. */
static bool holds_borrow(const fl_expr *expr, const fl_event *call, const fl_var *holder) {
  return expr && (fl_mk_expr_mentions_event(expr, call) || (holder && fl_mk_mentions_var(expr, holder)));
}

/* A Go view made over the borrowed memory after `from` (unsafe.Slice,
 * unsafe.String, (*[1 << 30]T)(p)[:n:n]) that leaves the function: it is
 * returned, or stored in a field or a global, directly or through one
 * local. `*escape` gets the return or store. Such a slice outlives the
 * object, and runtime.KeepAlive cannot help: the fix is a copy. */
static const fl_event *escaping_view(const flat_events *flat, size_t from, const fl_event *call,
                                     const fl_var *holder, fl_loc *escape) {
  for (size_t j = from + 1; j < flat->body.count; j++) {
    const fl_event *view = flat->body.items[j];
    bool slice_call = view->kind == FL_EV_CALL && view->callee && view->nargs > 0 &&
                      (strcmp(view->callee, "unsafe.Slice") == 0 || strcmp(view->callee, "unsafe.String") == 0) &&
                      holds_borrow(view->args[0], call, holder);
    bool slice_convert = view->kind == FL_EV_CONVERT && view->value && view->to_type &&
                         (view->to_type->kind == FL_TYPE_SLICE || view->to_type->kind == FL_TYPE_STRING) &&
                         holds_borrow(view->object, call, holder);
    if (!slice_call && !slice_convert) continue;
    for (size_t r = 0; slice_call && r < flat->returns.count; r++) {
      const fl_stmt *ret = flat->returns.items[r];
      const fl_expr *value = fl_expr_strip_converts(ret->expr);
      if ((uintptr_t)flat->return_at.items[r] > j && value && value->kind == FL_EXPR_CALL && value->event == view) {
        *escape = ret->loc;
        return view;
      }
    }
    /* The statement's write: `s := (*[1 << 30]byte)(unsafe.Pointer(p))[:n:n]`. */
    const fl_event *write = j + 1 < flat->body.count ? flat->body.items[j + 1] : NULL;
    if (!write || write->kind != FL_EV_WRITE || !write->object || write->loc.line != view->loc.line) continue;
    if (write->object->kind != FL_EXPR_NAME || (write->object->var && write->object->var->kind == FL_VAR_GLOBAL)) {
      *escape = write->loc;
      return view;
    }
    if (!write->object->var) continue;
    for (size_t r = 0; r < flat->returns.count; r++) {
      const fl_stmt *ret = flat->returns.items[r];
      if ((uintptr_t)flat->return_at.items[r] > j && go_mentions(ret->expr, write->object->var)) {
        *escape = ret->loc;
        return view;
      }
    }
  }
  return NULL;
}

/* The finalizer-bearing value `var`: is a C call taking one of its fields
 * its last use, or does memory that call lends out outlive var's last use? */
static void check_go_var(fl_rule_ctx *ctx, const fl_function *fn, const flat_events *flat,
                         const fl_var *var, const char *type_desc, const fl_fact *finalizer,
                         bool copy_shares_object) {
  /* A value receiver is a copy: it keeps the finalized object alive only
   * when that object is behind an embedded pointer the copy shares. */
  if (var->kind == FL_VAR_RECEIVER && !fn->receiver_is_pointer && !copy_shares_object) {
    report_value_receiver(ctx, fn, flat, var, type_desc, finalizer);
    return;
  }
  const fl_program *program = fl_rule_ctx_program(ctx);
  for (size_t i = 0; i < flat->body.count; i++) {
    const fl_event *call = flat->body.items[i];
    /* runtime.SetFinalizer(v, nil) (a Free method): no finalizer is left
     * to run after it. */
    if (clears_finalizer(call, var)) return;
    if (call->kind != FL_EV_CALL) continue;
    bool foreign = (call->flags & FL_EV_FOREIGN) != 0;
    const fl_event *copied_at = NULL;
    const fl_expr *field = passed_field(program, fn, flat, i, var, &copied_at);
    if (!field || returned_by_accessor(program, fn, flat, call, var)) continue;
    size_t reader_at = 0;
    const fl_event *out_reader = NULL;
    if (used_after(flat, i, var)) {
      /* What a Go helper hands back is not followed. */
      if (!foreign) continue;
      out_reader = out_param_read_after_last_use(flat, i, var, &reader_at);
      if (!out_reader || reachable_from_live(flat, reader_at, var)) continue;
    } else if (reachable_from_live(flat, i, var)) {
      continue;
    }
    /* When the call is the last use, what it lends out is only named when
     * it comes back as its result (the out-parameter may be the caller's). */
    const fl_event *result_reader = out_reader || !foreign ? NULL : result_read_after(flat, i, var);
    const fl_event *view = NULL;
    fl_loc escape = {0};
    if (result_reader) {
      const fl_var *holder = result_reader->kind == FL_EV_WRITE && result_reader->object &&
                                     result_reader->object->kind == FL_EXPR_NAME
                                 ? result_reader->object->var
                                 : NULL;
      view = escaping_view(flat, i, call, holder, &escape);
    }
    const char *callee = call->callee ? call->callee : "C";
    const char *via_helper = foreign ? "" : " (a Go function that hands it to C)";
    fl_finding *finding;
    if (out_reader)
      finding = mk_finding(fn, call->loc,
                           "memory that '%s' stores in '%s' belongs to '%s' (type %s, which has a "
                           "finalizer) and is read after '%s's last use: the finalizer can free it "
                           "first; add runtime.KeepAlive(%s) after the read",
                           callee, pointer_out_param(call, out_reader)->name, var->name, type_desc,
                           var->name, var->name);
    else if (view)
      finding = mk_finding(fn, call->loc,
                           "a Go %s made over memory that '%s' returns from '%s' (type %s, which has "
                           "a finalizer) leaves the function: it outlives '%s', whose finalizer can "
                           "free that memory under it; copy the bytes (C.GoBytes, C.GoString) instead",
                           (view->to_type && view->to_type->kind == FL_TYPE_STRING) ||
                                   (view->callee && strcmp(view->callee, "unsafe.String") == 0)
                               ? "string"
                               : "slice",
                           callee, var->name, type_desc, var->name);
    else if (result_reader)
      finding = mk_finding(fn, call->loc,
                           "memory returned by '%s' belongs to '%s' (type %s, which has a finalizer) "
                           "and is read after '%s's last use: the finalizer can free it first; add "
                           "runtime.KeepAlive(%s) after the read",
                           callee, var->name, type_desc, var->name, var->name);
    else if (copied_at)
      finding = mk_finding(fn, call->loc,
                           "'%s' is not used after '%s', a copy of its field, is passed to '%s'%s: its type "
                           "%s has a finalizer that can run during the call and free the C object; add "
                           "runtime.KeepAlive(%s) after the call",
                           var->name, field->text ? field->text : "a local", callee, via_helper, type_desc,
                           var->name);
    else
      finding = mk_finding(fn, call->loc,
                           "'%s' is last used to pass '%s' to '%s'%s: its type %s has a finalizer that "
                           "can run during the call and free the C object; add runtime.KeepAlive(%s) "
                           "after the call",
                           var->name, field->text ? field->text : "a field", callee, via_helper, type_desc,
                           var->name);
    if (copied_at)
      fl_finding_add_step(finding, copied_at->loc, "'%s' copied out of '%s' here",
                          field->text ? field->text : "the local", var->name);
    fl_finding_add_step(finding, call->loc,
                        out_reader ? "C call lends memory of '%s'"
                        : copied_at ? "C call on the copy: nothing uses '%s' after it"
                                    : "last use of '%s' (passed to C)",
                        var->name);
    if (view) {
      fl_finding_add_step(finding, view->loc, "Go view of the borrowed memory made here");
      fl_finding_add_step(finding, escape, "and it leaves the function here");
    } else if (out_reader || result_reader) {
      fl_finding_add_step(finding, (out_reader ? out_reader : result_reader)->loc, "borrowed memory read here");
    }
    if (finalizer) fl_finding_add_step(finding, finalizer->loc, "finalizer registered here");
    fl_rule_report(ctx, finding);
  }
}

static bool converts_to_pointer(const fl_expr *expr) {
  return expr->kind == FL_EXPR_CONVERT && expr->type &&
         (expr->type->kind == FL_TYPE_POINTER ||
          (expr->type->name && strcmp(expr->type->name, "unsafe.Pointer") == 0));
}

static const fl_expr *laundered_pointer(const fl_expr *expr);

/* Whether arithmetic on a pointer's integer still yields an address:
 * `p + off`, `p - off`, `p | tag`, `p &^ 7` (align down) do; the low bits
 * `p & 7`, `p % align`, a difference of two pointers (an offset) and a
 * comparison do not — nothing is hidden in them (bbolt's element offsets,
 * the alignment checks of crc32 and websocket masking). */
static bool keeps_address(const fl_expr *binary) {
  switch (binary->op) {
    case FL_OP_ADD:
    case FL_OP_OR: return true;
    case FL_OP_SUB: return !laundered_pointer(binary->index);
    case FL_OP_AND: {
      const fl_expr *mask = fl_expr_strip_converts(binary->index);
      return mask && mask->kind == FL_EXPR_UNARY && mask->op == FL_OP_BITNOT;
    }
    default: return false;
  }
}

/* unsafe.Pointer(&x) turned into uintptr: the GC no longer sees the pointer. */
static const fl_expr *laundered_pointer(const fl_expr *expr) {
  for (const fl_expr *p = expr; p; p = p->base) {
    /* (*T)(unsafe.Pointer(uintptr(unsafe.Pointer(&buf[0])) + off)): back to
     * a pointer in the same expression (unsafe.Pointer's rule 3), which the
     * GC sees; nothing holds the integer. */
    if (converts_to_pointer(p)) return NULL;
    if (p->kind == FL_EXPR_CONVERT && p->type && p->type->name && strcmp(p->type->name, "uintptr") == 0) {
      const fl_expr *inner = p->base;
      if (inner && inner->kind == FL_EXPR_CONVERT && inner->base &&
          (inner->base->kind == FL_EXPR_ADDR ||
           (inner->base->type && (inner->base->type->kind == FL_TYPE_SLICE ||
                                  (inner->base->type->kind == FL_TYPE_POINTER && inner->base->type->name &&
                                   strncmp(strip_star(inner->base->type->name), "C.", 2) != 0)))))
        return p;
    }
    if (p->kind == FL_EXPR_BINARY && !keeps_address(p)) return NULL;
    if (p->kind != FL_EXPR_CONVERT && p->kind != FL_EXPR_BINARY) break;
  }
  return NULL;
}

/* runtime.KeepAlive of the laundered pointer's base after `position` (or
 * deferred): the memory stays reachable across the C call, the heap does
 * not move, and a goroutine's stack is not moved while it is in C — the
 * deliberate pattern of zstd bindings that skip cgo's pointer checks. With
 * `any_use`, for a pointer handed straight to C, a later use of the base
 * (`return dst[:written]`) keeps it reachable as well; a uintptr stored in
 * a variable needs KeepAlive: Go code runs before it is used, and a stack
 * can move then. */
static bool base_kept_alive(const flat_events *flat, size_t position, const fl_expr *laundered, bool any_use) {
  const fl_expr *root = fl_expr_path_root(laundered);
  for (const fl_expr *p = laundered; !root && p; p = p->base) root = fl_expr_path_root(p);
  if (!root || !root->var) return false;
  if (any_use && used_after(flat, position, root->var)) return true;
  for (size_t i = position + 1; i < flat->body.count; i++) {
    const fl_event *event = flat->body.items[i];
    if (event->kind == FL_EV_KEEPALIVE && fl_mk_mentions_var(event->object, root->var)) return true;
  }
  for (size_t i = 0; i < flat->deferred.count; i++) {
    const fl_event *event = flat->deferred.items[i];
    if (event->kind == FL_EV_KEEPALIVE && fl_mk_mentions_var(event->object, root->var)) return true;
  }
  return false;
}

/* A Go pointer: &x, &buf[0], unsafe.Pointer(&x), or a value of a pointer
 * type to Go memory (`unsafe.Pointer(s)`, s a *state) — not a *C.T, not an
 * unsafe.Pointer of unknown origin. */
static bool is_go_pointer(const fl_expr *expr) {
  while (expr && expr->kind == FL_EXPR_CONVERT && expr->base) expr = expr->base;
  if (!expr) return false;
  if (expr->kind == FL_EXPR_ADDR) return true;
  const fl_type *type = expr->type;
  if (!type && expr->kind == FL_EXPR_NAME && expr->var) type = expr->var->type;
  if (!type || type->kind != FL_TYPE_POINTER || !type->pointee || !type->pointee->name) return false;
  const char *pointee = type->pointee->name;
  return strncmp(pointee, "C.", 2) != 0 && strncmp(pointee, "_Ctype_", 7) != 0;
}

static void check_go_pointers(fl_rule_ctx *ctx, const fl_function *fn, const flat_events *flat) {
  rule_state *state = fl_rule_ctx_state(ctx);
  bool pins = false;
  for (size_t i = 0; i < flat->body.count; i++) {
    const fl_event *event = flat->body.items[i];
    if (event->kind == FL_EV_CALL && event->callee && strstr(event->callee, "Pin")) pins = true;
  }
  for (size_t i = 0; i < flat->body.count; i++) {
    const fl_event *event = flat->body.items[i];
    if (event->kind == FL_EV_CALL && (event->flags & FL_EV_FOREIGN)) {
      for (size_t a = 0; a < event->nargs; a++) {
        const fl_expr *laundered = laundered_pointer(event->args[a]);
        if (laundered && !base_kept_alive(flat, i, laundered, true)) {
          fl_finding *finding = mk_finding(
              fn, event->loc,
              "'%s' passes a Go pointer to '%s' as uintptr: the GC no longer sees it and may move or "
              "free the memory during the call; pass unsafe.Pointer (cgo keeps it alive) or a C copy",
              laundered->text ? laundered->text : "uintptr(...)", event->callee ? event->callee : "C");
          fl_finding_add_step(finding, event->loc, "pointer hidden in an integer");
          fl_rule_report(ctx, finding);
          break;
        }
      }
      /* A model may name the C function as C spells it (`ctx_set_user`) or
       * as Go calls it (`C.ctx_set_user`). */
      const fl_api_entry *retains =
          event->callee ? fl_api_lookup(fl_rule_ctx_api(ctx), event->callee, FL_API_RETAINS) : NULL;
      if (!retains && event->callee && strncmp(event->callee, "C.", 2) == 0)
        retains = fl_api_lookup(fl_rule_ctx_api(ctx), event->callee + 2, FL_API_RETAINS);
      const fl_fact *fact = event->callee ? fl_strmap_get(state->retaining, event->callee) : NULL;
      int arg = retains ? retains->arg : fact && fact->object ? atoi(fact->object) : -1;
      if ((retains || fact) && !pins && arg >= 0 && (size_t)arg < event->nargs &&
          is_go_pointer(event->args[arg])) {
        fl_finding *finding = mk_finding(
            fn, event->loc,
            "'%s' keeps the Go pointer '%s' after it returns, but nothing pins it: use runtime.Pinner "
            "(Pin before, Unpin when C is done) or hand C a C.malloc'ed copy",
            event->callee, event->args[arg]->text ? event->args[arg]->text : "argument");
        fl_finding_add_step(finding, event->loc, "Go pointer retained by C");
        if (!retains && fact && fact->loc.file)
          fl_finding_add_step(finding, fact->loc, "'%s' stores it here, where it outlives the call",
                              event->callee + (strncmp(event->callee, "C.", 2) == 0 ? 2 : 0));
        fl_rule_report(ctx, finding);
      }
    } else if (event->kind == FL_EV_WRITE && event->value && laundered_pointer(event->value) &&
               !base_kept_alive(flat, i, laundered_pointer(event->value), false) && event->object &&
               event->object->kind != FL_EXPR_OTHER) {
      fl_finding *finding = mk_finding(
          fn, event->loc,
          "'%s' stores a Go pointer as uintptr: the GC no longer sees it, and the memory can be freed "
          "or moved while the integer is still used",
          event->object->text ? event->object->text : "the variable");
      fl_finding_add_step(finding, event->loc, "pointer hidden in an integer");
      fl_rule_report(ctx, finding);
    }
  }
}

/* The value a finalizer is given: it is no longer reachable, and its
 * finalizer is already running, so nothing can free it under the calls
 * the finalizer makes. */
static bool is_finalized_param(const fl_function *fn, const rule_state *state, const fl_var *var) {
  if (!(fn->flags & FL_FN_FINALIZER) && !package_fact(state->finalizer_fns, fn, fn->name)) return false;
  return fn->receiver_type ? var->kind == FL_VAR_RECEIVER : var->kind == FL_VAR_PARAM && var->param_index == 0;
}

static void flat_free(flat_events *flat) {
  fl_ptrvec *owned[] = {&flat->body, &flat->body_branch, &flat->deferred, &flat->returns,
                        &flat->return_at, &flat->return_branch, &flat->branches};
  for (size_t i = 0; i < flat->branches.count; i++) free(flat->branches.items[i]);
  for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++) fl_ptrvec_free(owned[i]);
}

/* `closure` (NULL: the function's own body) declares `var`: a parameter or
 * local of the closure, or for the body one that no closure of it declares.
 * The model keeps a func literal's parameters and locals among its
 * enclosing function's locals. */
static bool declared_in(const fl_var *var, const fl_stmt *closure, const fl_ptrvec *closures) {
  if (closure && !fl_loc_within(var->loc, closure->loc)) return false;
  for (size_t i = 0; i < closures->count; i++) {
    const fl_stmt *nested = closures->items[i];
    if (nested != closure && (!closure || fl_loc_within(nested->loc, closure->loc)) && fl_loc_within(var->loc, nested->loc))
      return false;
  }
  return true;
}

/* A func literal registered as a finalizer or cleanup (the fact names it
 * "func@L:C"): the value it is given is already unreachable. */
static bool is_finalizer_closure(const rule_state *state, const fl_function *fn, const fl_stmt *closure) {
  const fl_fact *fact = closure->label ? package_fact(state->finalizer_fns, fn, closure->label) : NULL;
  return fact && fact->loc.file && closure->loc.file && strcmp(fact->loc.file, closure->loc.file) == 0;
}

static void collect_closures(const fl_stmt *stmt, fl_ptrvec *closures) {
  if (!stmt) return;
  if (stmt->kind == FL_STMT_CLOSURE) fl_ptrvec_push(closures, (void *)stmt);
  for (size_t i = 0; i < stmt->nkids; i++) collect_closures(stmt->kids[i], closures);
}

/* The innermost object with a finalizer on the field path `arg` (through
 * conversions and &) below its root: `c.repo` of `c.repo.ptr` when
 * Repository has a finalizer. The path itself (the C pointer) is not its
 * own owner. */
static const fl_expr *finalized_owner(const rule_state *state, const fl_function *fn, const fl_expr *arg,
                                      const fl_fact **fact) {
  while (arg && (arg->kind == FL_EXPR_CONVERT || arg->kind == FL_EXPR_ADDR) && arg->base) arg = arg->base;
  if (!arg || arg->kind != FL_EXPR_FIELD) return NULL;
  for (const fl_expr *owner = arg->base; owner && owner->kind == FL_EXPR_FIELD; owner = owner->base) {
    const char *record = type_record(owner->type);
    finalizer_lookup found;
    *fact = record ? type_finalizer(state, fn, record, &found) : NULL;
    if (*fact) return owner;
  }
  return NULL;
}

/* A local holding the owner itself (`repo := c.repo`) is used after the
 * call at `position`: the owner stays reachable through it. */
static bool owner_copy_used_after(const flat_events *flat, size_t position, const fl_expr *owner) {
  for (size_t i = 0; i < flat->body.count; i++) {
    const fl_event *write = flat->body.items[i];
    const fl_expr *value = write->kind == FL_EV_WRITE ? fl_expr_strip_converts(write->value) : NULL;
    if (value && write->object && write->object->kind == FL_EXPR_NAME && write->object->var &&
        fl_expr_same_path(value, owner) && used_after(flat, position, write->object->var))
      return true;
  }
  return false;
}

/* A variable of this scope, whose own type has no finalizer, reaches one
 * through a field (RemoteCollection's repo *Repository) and passes a field
 * of that object to C as its last use (`C.git_remote_delete(c.repo.ptr,
 * ...)`): once the variable is unreachable the object may be too, and its
 * finalizer can run during the call. The fix is runtime.KeepAlive(c.repo).
 * One pass over the scope's C calls; `closure` and `closures` as for
 * check_go_vars. */
static void check_go_owner_paths(fl_rule_ctx *ctx, const fl_function *fn, const flat_events *flat,
                                 const fl_stmt *closure, const fl_ptrvec *closures) {
  const rule_state *state = fl_rule_ctx_state(ctx);
  for (size_t i = 0; i < flat->body.count; i++) {
    const fl_event *call = flat->body.items[i];
    if (call->kind != FL_EV_CALL || !(call->flags & FL_EV_FOREIGN)) continue;
    const fl_var *reported = NULL; /* one finding per variable and call */
    for (size_t a = 0; a < call->nargs; a++) {
      const fl_expr *root = fl_expr_path_root(call->args[a]);
      const fl_var *var = root ? root->var : NULL;
      if (!var || var == reported || var->kind == FL_VAR_GLOBAL || !declared_in(var, closure, closures) ||
          (!closure && is_finalized_param(fn, state, var)))
        continue;
      const char *record = type_record(var->type);
      finalizer_lookup own;
      if (record && type_finalizer(state, fn, record, &own)) continue; /* check_go_var's */
      const fl_fact *fact = NULL;
      const fl_expr *owner = finalized_owner(state, fn, call->args[a], &fact);
      if (!owner || used_after(flat, i, var) || reachable_from_live(flat, i, var) ||
          owner_copy_used_after(flat, i, owner))
        continue;
      const char *owner_text = owner->text ? owner->text : "the owner";
      const char *owner_type = type_record(owner->type);
      fl_finding *finding = mk_finding(
          fn, call->loc,
          "'%s' (type '%s', which has a finalizer) is reached through '%s', which is last used to pass "
          "'%s' to '%s': the finalizer can run during the call and free the C object; add "
          "runtime.KeepAlive(%s) after the call",
          owner_text, owner_type ? owner_type : "?", var->name,
          call->args[a]->text ? call->args[a]->text : "a field", call->callee ? call->callee : "C", owner_text);
      fl_finding_add_step(finding, call->loc, "last use of '%s' (passed to C)", owner_text);
      fl_finding_add_step(finding, fact->loc, "finalizer registered here");
      fl_rule_report(ctx, finding);
      reported = var;
    }
  }
}

/* The finalizer-bearing variables that `closure` (NULL: fn's own body)
 * declares, each checked against that body's events in execution order,
 * then the objects with finalizers they reach through fields. */
static void check_go_vars(fl_rule_ctx *ctx, const fl_function *fn, const flat_events *flat,
                          const fl_stmt *closure, const fl_ptrvec *closures) {
  rule_state *state = fl_rule_ctx_state(ctx);
  for (size_t group = 0; group < 2; group++) {
    fl_var **vars = group == 0 ? fn->params : fn->locals;
    size_t count = group == 0 ? fn->nparams : fn->nlocals;
    for (size_t i = 0; i < count; i++) {
      if (!declared_in(vars[i], closure, closures) || (!closure && is_finalized_param(fn, state, vars[i])))
        continue;
      const char *record = type_record(vars[i]->type);
      finalizer_lookup found;
      const fl_fact *fact = record ? type_finalizer(state, fn, record, &found) : NULL;
      if (!fact) continue;
      char type_desc[512];
      int n = found.via[0]
                  ? snprintf(type_desc, sizeof type_desc, "'%s' (through its embedded '%s')", record, found.via)
                  : snprintf(type_desc, sizeof type_desc, "'%s'", record);
      if (n < 0 || (size_t)n >= sizeof type_desc) snprintf(type_desc, sizeof type_desc, "'%.500s'", record);
      check_go_var(ctx, fn, flat, vars[i], type_desc, fact, found.through_pointer);
    }
  }
  check_go_owner_paths(ctx, fn, flat, closure, closures);
}

static void check_go(fl_rule_ctx *ctx, const fl_function *fn) {
  rule_state *state = fl_rule_ctx_state(ctx);
  flat_events flat = {0};
  flatten(&flat, fn->body, false, NULL, false);
  fl_ptrvec closures = FL_PTRVEC_INIT;
  collect_closures(fn->body, &closures);
  bool finalizers = fl_strmap_count(state->finalized_types) > 0;
  if (finalizers) check_go_vars(ctx, fn, &flat, NULL, &closures);
  check_go_pointers(ctx, fn, &flat);
  /* A func literal's body runs when it is called (an option closure, a
   * callback): its parameters and locals live and die within it. */
  for (size_t c = 0; c < closures.count; c++) {
    const fl_stmt *closure = closures.items[c];
    flat_events inner = {0};
    for (size_t k = 0; k < closure->nkids; k++) flatten(&inner, closure->kids[k], false, NULL, false);
    if (finalizers && !is_finalizer_closure(state, fn, closure)) check_go_vars(ctx, fn, &inner, closure, &closures);
    check_go_pointers(ctx, fn, &inner);
    flat_free(&inner);
  }
  fl_ptrvec_free(&closures);
  flat_free(&flat);
}

static void mk_check_function(fl_rule_ctx *ctx, const fl_function *fn) {
  if (!fn->body) return;
  if (fn->lang == FL_LANG_GO) check_go(ctx, fn);
  else fl_mk_check_c(ctx, fn);
}

const fl_rule fl_rule_missing_keepalive = {
    .id = RULE_ID,
    .default_severity = FL_SEV_HIGH,
    .languages = FL_LANG_ALL,
    .prepare = mk_prepare,
    .check_function = mk_check_function,
    .release = mk_release,
};
