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
 * C: a pointer borrowed from an owner (API role `borrow`: PyBytes_AsString,
 * lua_tostring, JNI Get*ArrayElements) used after the owner is released
 * (role `release`: Py_DECREF, lua_pop), a paired borrow (`pairs:`, JNI and
 * PyObject_GetBuffer) not released on some path to a return, and a JNI call
 * inside a critical region (Get*Critical ... Release*Critical). */
#include <fnmatch.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/strmap.h"
#include "../core/vec.h"
#include "rule.h"

#define RULE_ID "missing-keepalive"
#define BORROW_MAX 32

typedef struct rule_state {
  fl_strmap *finalized_types; /* type name (no '*') -> fact */
  fl_strmap *retaining;       /* C function name -> fact (FL_FACT_RETAINS) */
} rule_state;

static const char *strip_star(const char *name) {
  while (name && *name == '*') name++;
  return name;
}

static void *mk_prepare(const fl_program *program, const fl_rule_settings *settings) {
  rule_state *state = calloc(1, sizeof *state);
  if (!state) abort();
  state->finalized_types = fl_strmap_new();
  state->retaining = fl_strmap_new();
  size_t units = fl_program_unit_count(program);
  for (size_t u = 0; u < units; u++) {
    const fl_unit *unit = fl_program_unit(program, u);
    for (size_t i = 0; i < unit->nfacts; i++) {
      const fl_fact *fact = unit->facts[i];
      if ((fact->kind == FL_FACT_FINALIZER || fact->kind == FL_FACT_CLEANUP) && fact->subject)
        fl_strmap_put(state->finalized_types, strip_star(fact->subject), (void *)fact);
      if (fact->kind == FL_FACT_RETAINS && fact->subject)
        fl_strmap_put(state->retaining, fact->subject, (void *)fact);
    }
  }
  (void)settings;
  return state;
}

static void mk_release(void *opaque) {
  rule_state *state = opaque;
  if (!state) return;
  fl_strmap_free(state->finalized_types);
  fl_strmap_free(state->retaining);
  free(state);
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

static bool mentions_var(const fl_expr *expr, const fl_var *var) {
  if (!expr || !var) return false;
  if (expr->kind == FL_EXPR_NAME) return expr->var == var;
  /* A call's value was computed by its own (earlier) event: reading the
   * value is not a new use of the call's arguments. */
  if (expr->kind == FL_EXPR_CALL) return false;
  return mentions_var(expr->base, var) || mentions_var(expr->index, var) || mentions_var(expr->other, var);
}

static bool event_mentions(const fl_event *event, const fl_var *var) {
  if (mentions_var(event->object, var) || mentions_var(event->value, var)) return true;
  for (size_t i = 0; i < event->nargs; i++)
    if (mentions_var(event->args[i], var)) return true;
  return false;
}

static bool expr_mentions_event(const fl_expr *expr, const fl_event *call) {
  if (!expr) return false;
  if (expr->kind == FL_EXPR_CALL) {
    if (expr->event == call) return true;
    const fl_event *inner = expr->event;
    if (!inner) return false;
    for (size_t i = 0; i < inner->nargs; i++)
      if (expr_mentions_event(inner->args[i], call)) return true;
    return expr_mentions_event(inner->object, call);
  }
  return expr_mentions_event(expr->base, call) || expr_mentions_event(expr->index, call) ||
         expr_mentions_event(expr->other, call);
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

/* A field of `var` passed to the call: v.ptr, (*C.T)(v.ptr), &v.buf[0]. */
static const fl_expr *field_arg_of(const fl_event *call, const fl_var *var) {
  for (size_t i = 0; i < call->nargs; i++) {
    const fl_expr *arg = call->args[i];
    while (arg && (arg->kind == FL_EXPR_CONVERT || arg->kind == FL_EXPR_ADDR) && arg->base) arg = arg->base;
    if (!arg || (arg->kind != FL_EXPR_FIELD && arg->kind != FL_EXPR_INDEX)) continue;
    const fl_expr *root = fl_expr_path_root(arg);
    if (root && root->var == var) return call->args[i];
  }
  return NULL;
}

/* --- Go: flattening a body into execution order ------------------------- */

typedef struct flat_events {
  fl_ptrvec body;     /* const fl_event*, in order */
  fl_ptrvec deferred; /* events of defer statements: they run after the body */
  fl_ptrvec returns;  /* const fl_stmt* RETURN, paired with `return_at` */
  fl_ptrvec return_at;/* (uintptr_t) body.count when the return was reached */
} flat_events;

static void flatten(flat_events *flat, const fl_stmt *stmt, bool in_defer) {
  if (!stmt) return;
  if (stmt->kind == FL_STMT_GO) return;
  if (stmt->kind == FL_STMT_CLOSURE && !in_defer) return; /* runs later, if at all */
  if (stmt->kind == FL_STMT_DEFER) in_defer = true;
  if (stmt->kind == FL_STMT_EVENT && stmt->event)
    fl_ptrvec_push(in_defer ? &flat->deferred : &flat->body, stmt->event);
  for (size_t i = 0; i < stmt->nkids; i++) flatten(flat, stmt->kids[i], in_defer);
  /* `return v` makes no event but uses v after everything before it. */
  if (stmt->kind == FL_STMT_RETURN && stmt->expr && !in_defer) {
    fl_ptrvec_push(&flat->returns, (void *)stmt);
    fl_ptrvec_push(&flat->return_at, (void *)(uintptr_t)flat->body.count);
  }
}

static bool returned_after(const flat_events *flat, size_t position, const fl_var *var) {
  for (size_t i = 0; i < flat->returns.count; i++) {
    const fl_stmt *ret = flat->returns.items[i];
    if ((uintptr_t)flat->return_at.items[i] > position && mentions_var(ret->expr, var)) return true;
  }
  return false;
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

/* The finalizer-bearing value `var`: is its last use a C call taking one of
 * its fields? */
static void check_go_var(fl_rule_ctx *ctx, const fl_function *fn, const flat_events *flat,
                         const fl_var *var, const char *type_name, const fl_fact *finalizer) {
  bool value_receiver = var->kind == FL_VAR_RECEIVER && !fn->receiver_is_pointer;
  size_t last_call = (size_t)-1;
  for (size_t i = 0; i < flat->body.count; i++) {
    const fl_event *event = flat->body.items[i];
    if (event->kind == FL_EV_CALL && (event->flags & FL_EV_FOREIGN) && field_arg_of(event, var))
      last_call = i;
  }
  if (last_call == (size_t)-1) return;
  const fl_event *call = flat->body.items[last_call];
  const fl_expr *field = field_arg_of(call, var);

  if (value_receiver) {
    fl_finding *finding = mk_finding(
        fn, call->loc,
        "'%s' passes '%s' to '%s' from a value receiver of '%s', which has a finalizer: the copy "
        "does not keep the original alive, so the finalizer can free the C object mid-call; use a "
        "pointer receiver and runtime.KeepAlive",
        fn->name, field->text ? field->text : "a field", call->callee ? call->callee : "C", type_name);
    fl_finding_add_step(finding, call->loc, "C call on a copied handle");
    if (finalizer) fl_finding_add_step(finding, finalizer->loc, "finalizer registered here");
    fl_rule_report(ctx, finding);
    return;
  }

  /* Any later use — including the call's own result being consumed
   * afterwards only matters if `var` itself is not used again. */
  for (size_t i = last_call + 1; i < flat->body.count; i++)
    if (event_mentions(flat->body.items[i], var)) return;
  for (size_t i = 0; i < flat->deferred.count; i++)
    if (event_mentions(flat->deferred.items[i], var)) return;
  if (returned_after(flat, last_call, var)) return;

  /* Memory borrowed from the object and read after its last use. */
  const fl_event *borrow_reader = NULL;
  for (size_t i = last_call + 1; i < flat->body.count && !borrow_reader; i++) {
    const fl_event *later = flat->body.items[i];
    if (event_mentions(later, var)) break;
    for (size_t a = 0; a < later->nargs && !borrow_reader; a++)
      if (expr_mentions_event(later->args[a], call)) borrow_reader = later;
    if (later->value && expr_mentions_event(later->value, call)) borrow_reader = later;
  }
  /* Only a pointer result can point into the object; an int is a status. */
  if (borrow_reader && !returns_pointer(borrow_reader, call)) borrow_reader = NULL;
  fl_finding *finding;
  if (borrow_reader)
    finding = mk_finding(fn, call->loc,
                         "memory returned by '%s' belongs to '%s' (type '%s', which has a finalizer) "
                         "and is read after '%s's last use: the finalizer can free it first; add "
                         "runtime.KeepAlive(%s) after the read",
                         call->callee ? call->callee : "C", var->name, type_name, var->name, var->name);
  else
    finding = mk_finding(fn, call->loc,
                         "'%s' is last used to pass '%s' to '%s': its type '%s' has a finalizer that "
                         "can run during the call and free the C object; add runtime.KeepAlive(%s) "
                         "after the call",
                         var->name, field->text ? field->text : "a field", call->callee ? call->callee : "C",
                         type_name, var->name);
  fl_finding_add_step(finding, call->loc, "last use of '%s' (passed to C)", var->name);
  if (borrow_reader) fl_finding_add_step(finding, borrow_reader->loc, "borrowed memory read here");
  if (finalizer) fl_finding_add_step(finding, finalizer->loc, "finalizer registered here");
  fl_rule_report(ctx, finding);
}

/* unsafe.Pointer(&x) turned into uintptr: the GC no longer sees the pointer. */
static const fl_expr *laundered_pointer(const fl_expr *expr) {
  for (const fl_expr *p = expr; p; p = p->base) {
    if (p->kind == FL_EXPR_CONVERT && p->type && p->type->name && strcmp(p->type->name, "uintptr") == 0) {
      const fl_expr *inner = p->base;
      if (inner && inner->kind == FL_EXPR_CONVERT && inner->base &&
          (inner->base->kind == FL_EXPR_ADDR ||
           (inner->base->type && (inner->base->type->kind == FL_TYPE_SLICE ||
                                  (inner->base->type->kind == FL_TYPE_POINTER && inner->base->type->name &&
                                   strncmp(strip_star(inner->base->type->name), "C.", 2) != 0)))))
        return p;
    }
    if (p->kind != FL_EXPR_CONVERT && p->kind != FL_EXPR_BINARY) break;
  }
  return NULL;
}

/* A Go pointer: &x, &buf[0], unsafe.Pointer(&x). */
static bool is_go_pointer(const fl_expr *expr) {
  while (expr && expr->kind == FL_EXPR_CONVERT && expr->base) expr = expr->base;
  return expr && expr->kind == FL_EXPR_ADDR;
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
        if (laundered) {
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
      const fl_api_entry *retains =
          event->callee ? fl_api_lookup(fl_rule_ctx_api(ctx), event->callee, FL_API_RETAINS) : NULL;
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
        fl_rule_report(ctx, finding);
      }
    } else if (event->kind == FL_EV_WRITE && event->value && laundered_pointer(event->value) &&
               event->object && event->object->kind != FL_EXPR_OTHER) {
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

static void check_go(fl_rule_ctx *ctx, const fl_function *fn) {
  rule_state *state = fl_rule_ctx_state(ctx);
  flat_events flat = {FL_PTRVEC_INIT, FL_PTRVEC_INIT, FL_PTRVEC_INIT, FL_PTRVEC_INIT};
  flatten(&flat, fn->body, false);
  if (fl_strmap_count(state->finalized_types)) {
    for (size_t group = 0; group < 2; group++) {
      fl_var **vars = group == 0 ? fn->params : fn->locals;
      size_t count = group == 0 ? fn->nparams : fn->nlocals;
      for (size_t i = 0; i < count; i++) {
        const char *record = type_record(vars[i]->type);
        const fl_fact *fact = record ? fl_strmap_get(state->finalized_types, record) : NULL;
        if (fact) check_go_var(ctx, fn, &flat, vars[i], record, fact);
      }
    }
  }
  check_go_pointers(ctx, fn, &flat);
  fl_ptrvec_free(&flat.body);
  fl_ptrvec_free(&flat.deferred);
  fl_ptrvec_free(&flat.returns);
  fl_ptrvec_free(&flat.return_at);
}

/* --- C: borrowed pointers ------------------------------------------------- */

typedef struct borrow {
  const fl_var *var;          /* the local holding the borrowed pointer (or view) */
  const fl_var *owner;        /* the object it is borrowed from, NULL if unknown */
  const fl_event *call;       /* the borrowing call */
  const fl_api_entry *api;
  bool owner_released;
  fl_loc released_at;
  bool released;              /* paired release done */
  bool reported;
} borrow;

typedef struct borrow_state {
  borrow items[BORROW_MAX];
  int count;
  bool terminated;
} borrow_state;

typedef struct c_walk {
  fl_rule_ctx *ctx;
  const fl_function *fn;
  const fl_api *api;
  fl_ptrvec reported; /* const fl_event* / borrow call pointers already reported */
} c_walk;

static bool lang_applies(const fl_api_entry *entry, fl_lang lang) {
  if (!entry->lang) return true;
  if (strcmp(entry->lang, fl_lang_name(lang)) == 0) return true;
  return lang == FL_LANG_CXX && strcmp(entry->lang, "c") == 0;
}

static const fl_api_entry *api_role(const c_walk *walk, const char *callee, fl_api_role role) {
  if (!callee) return NULL;
  const fl_api_entry *entries[16];
  size_t n = fl_api_lookup_all(walk->api, callee, entries, 16);
  for (size_t i = 0; i < n; i++)
    if (entries[i]->role == role && lang_applies(entries[i], walk->fn->lang)) return entries[i];
  return NULL;
}

static const fl_var *expr_root_var(const fl_expr *expr) {
  while (expr && (expr->kind == FL_EXPR_CONVERT || expr->kind == FL_EXPR_ADDR) && expr->base) expr = expr->base;
  const fl_expr *root = fl_expr_path_root(expr);
  return root ? root->var : NULL;
}

static bool once(c_walk *walk, const void *key) {
  for (size_t i = 0; i < walk->reported.count; i++)
    if (walk->reported.items[i] == key) return false;
  fl_ptrvec_push(&walk->reported, (void *)key);
  return true;
}

static bool is_jni_call(const fl_event *event) {
  const fl_expr *env = event->object ? event->object : event->nargs ? event->args[0] : NULL;
  const fl_type *type = env ? env->type : NULL;
  if (!type && env && env->kind == FL_EXPR_NAME && env->var) type = env->var->type;
  return type && type->name && strstr(type->name, "JNIEnv");
}

static void c_event(c_walk *walk, borrow_state *state, const fl_event *event) {
  /* Uses of a borrowed pointer whose owner is gone. */
  for (int b = 0; b < state->count; b++) {
    borrow *borrowed = &state->items[b];
    if (!borrowed->owner_released || borrowed->released || !borrowed->var) continue;
    if (event->kind == FL_EV_WRITE && event->object && event->object->kind == FL_EXPR_NAME &&
        event->object->var == borrowed->var && !mentions_var(event->value, borrowed->var))
      continue;
    if (!event_mentions(event, borrowed->var) || !once(walk, event)) continue;
    fl_finding *finding = fl_finding_new(
        RULE_ID, FL_SEV_HIGH, event->loc, walk->fn->name, walk->fn->lang,
        "'%s' was borrowed from '%s' by '%s' and is used after '%s' was released: the memory may "
        "already be freed; finish using it first, or hold a reference",
        borrowed->var->name, borrowed->owner ? borrowed->owner->name : "its owner",
        borrowed->call->callee, borrowed->owner ? borrowed->owner->name : "the owner");
    fl_finding_add_step(finding, borrowed->call->loc, "pointer borrowed here");
    fl_finding_add_step(finding, borrowed->released_at, "owner released here");
    fl_finding_add_step(finding, event->loc, "borrowed pointer used here");
    fl_rule_report(walk->ctx, finding);
  }

  if (event->kind == FL_EV_WRITE && event->object && event->object->kind == FL_EXPR_NAME && event->value) {
    /* p = PyBytes_AsString(obj): bind the borrow to the local. */
    for (int b = 0; b < state->count; b++)
      if (!state->items[b].var && expr_mentions_event(event->value, state->items[b].call))
        state->items[b].var = event->object->var;
    return;
  }
  if (event->kind != FL_EV_CALL) return;

  /* Inside a JNI critical region no other JNI call may be made. */
  if (is_jni_call(event)) {
    for (int b = 0; b < state->count; b++) {
      borrow *borrowed = &state->items[b];
      if (!(borrowed->api->flags & FL_API_CRITICAL) || borrowed->released || borrowed->call == event) continue;
      bool is_pair = borrowed->api->pairs_with && event->callee &&
                     fnmatch(borrowed->api->pairs_with, event->callee, 0) == 0;
      if (is_pair || !once(walk, event)) continue;
      fl_finding *finding = fl_finding_new(
          RULE_ID, FL_SEV_HIGH, event->loc, walk->fn->name, walk->fn->lang,
          "JNI call '%s' inside the critical region opened by '%s': no JNI calls are allowed until "
          "the matching release",
          event->callee ? event->callee : "?", borrowed->call->callee);
      fl_finding_add_step(finding, borrowed->call->loc, "critical region opened here");
      fl_finding_add_step(finding, event->loc, "JNI call inside it");
      fl_rule_report(walk->ctx, finding);
    }
  }

  /* Releases: of an owner, or the paired release of a borrow. */
  const fl_api_entry *release = api_role(walk, event->callee, FL_API_RELEASE);
  for (int b = 0; b < state->count; b++) {
    borrow *borrowed = &state->items[b];
    if (borrowed->released || !borrowed->api->pairs_with || !event->callee) continue;
    /* The paired release names the borrowed pointer or the owner. */
    bool name_matches = fnmatch(borrowed->api->pairs_with, event->callee, 0) == 0;
    bool mentions = (borrowed->var && event_mentions(event, borrowed->var)) ||
                    (borrowed->owner && event_mentions(event, borrowed->owner));
    if (name_matches && mentions) borrowed->released = true;
  }
  if (release && release->arg >= 0 && (size_t)release->arg < event->nargs) {
    const fl_var *owner = expr_root_var(event->args[release->arg]);
    for (int b = 0; b < state->count; b++) {
      borrow *borrowed = &state->items[b];
      if (owner && borrowed->owner == owner && !borrowed->api->pairs_with && !borrowed->owner_released) {
        borrowed->owner_released = true;
        borrowed->released_at = event->loc;
      }
    }
  }

  const fl_api_entry *borrowing = api_role(walk, event->callee, FL_API_BORROW);
  if (borrowing && state->count < BORROW_MAX) {
    borrow *borrowed = &state->items[state->count++];
    memset(borrowed, 0, sizeof *borrowed);
    borrowed->call = event;
    borrowed->api = borrowing;
    if (borrowing->arg >= 0 && (size_t)borrowing->arg < event->nargs)
      borrowed->owner = expr_root_var(event->args[borrowing->arg]);
    if (borrowing->dst_arg >= 0 && (size_t)borrowing->dst_arg < event->nargs)
      borrowed->var = expr_root_var(event->args[borrowing->dst_arg]); /* PyObject_GetBuffer(obj, &view) */
  }
}

static void c_check_leaks(c_walk *walk, borrow_state *state, fl_loc exit_loc) {
  for (int b = 0; b < state->count; b++) {
    borrow *borrowed = &state->items[b];
    if (!borrowed->api->pairs_with || borrowed->released || borrowed->reported) continue;
    /* A borrow that failed (NULL) needs no release: `if (!p) return` paths
     * are told apart by the check on the borrowed pointer itself. */
    if (!once(walk, (const char *)borrowed->call + 1)) continue;
    borrowed->reported = true;
    fl_finding *finding = fl_finding_new(
        RULE_ID, FL_SEV_HIGH, exit_loc, walk->fn->name, walk->fn->lang,
        "'%s' from '%s' is not released on this path: call the paired '%s' before returning",
        borrowed->var ? borrowed->var->name : "the borrowed pointer", borrowed->call->callee,
        borrowed->api->pairs_with[0] == '*' ? borrowed->api->pairs_with + 1 : borrowed->api->pairs_with);
    fl_finding_add_step(finding, borrowed->call->loc, "borrowed here");
    fl_finding_add_step(finding, exit_loc, "returns without the release");
    fl_rule_report(walk->ctx, finding);
  }
}

static void c_walk_stmt(c_walk *walk, borrow_state *state, const fl_stmt *stmt);

/* A null check of the borrowed pointer (`if (!elems) return`): on the
 * failure branch there is nothing to release. */
static const fl_var *null_checked_var(const fl_stmt *cond) {
  if (!cond) return NULL;
  for (size_t i = 0; i < cond->nkids; i++) {
    const fl_stmt *kid = cond->kids[i];
    if (kid->kind != FL_STMT_EVENT || !kid->event) continue;
    const fl_event *event = kid->event;
    if (event->kind == FL_EV_COMPARE && (event->op == FL_OP_EQ || event->op == FL_OP_NE))
      return expr_root_var(event->object);
  }
  return NULL;
}

static void c_walk_branches(c_walk *walk, borrow_state *state, const fl_stmt *stmt, size_t first,
                            bool entry_falls_through) {
  borrow_state *entry = malloc(sizeof *entry), *merged = malloc(sizeof *merged),
               *branch = malloc(sizeof *branch);
  if (!entry || !merged || !branch) abort();
  *entry = *state;
  merged->terminated = true;
  merged->count = 0;
  if (entry_falls_through) *merged = *entry;
  const fl_var *checked = stmt->kind == FL_STMT_IF && stmt->nkids ? null_checked_var(stmt->kids[0]) : NULL;
  if (!checked && stmt->kind == FL_STMT_IF && stmt->expr) {
    const fl_expr *cond = stmt->expr;
    if (cond->kind == FL_EXPR_UNARY && cond->op == FL_OP_NOT) checked = expr_root_var(cond->base);
  }
  for (size_t i = first; i < stmt->nkids; i++) {
    *branch = *entry;
    if (checked && i == first)
      for (int b = 0; b < branch->count; b++)
        if (branch->items[b].var == checked) branch->items[b].released = true; /* failed borrow */
    c_walk_stmt(walk, branch, stmt->kids[i]);
    if (branch->terminated) continue;
    if (merged->terminated) {
      *merged = *branch;
      continue;
    }
    /* Union of outstanding: a borrow is released after the join only if it
     * was released on every path into it. */
    for (int b = 0; b < merged->count && b < branch->count; b++) {
      merged->items[b].released &= branch->items[b].released;
      merged->items[b].owner_released |= branch->items[b].owner_released;
      if (branch->items[b].owner_released) merged->items[b].released_at = branch->items[b].released_at;
      if (!merged->items[b].var) merged->items[b].var = branch->items[b].var;
    }
    for (int b = merged->count; b < branch->count && merged->count < BORROW_MAX; b++)
      merged->items[merged->count++] = branch->items[b];
  }
  *state = *merged;
  free(entry);
  free(merged);
  free(branch);
}

static void c_walk_stmt(c_walk *walk, borrow_state *state, const fl_stmt *stmt) {
  if (!stmt || state->terminated) return;
  switch (stmt->kind) {
    case FL_STMT_EVENT: c_event(walk, state, stmt->event); return;
    case FL_STMT_IF:
      if (stmt->nkids) c_walk_stmt(walk, state, stmt->kids[0]);
      c_walk_branches(walk, state, stmt, 1, stmt->nkids < 3);
      return;
    case FL_STMT_SWITCH:
    case FL_STMT_TRY:
      if (stmt->nkids) c_walk_stmt(walk, state, stmt->kids[0]);
      c_walk_branches(walk, state, stmt, 1, true);
      return;
    case FL_STMT_LOOP: {
      if (stmt->nkids) c_walk_stmt(walk, state, stmt->kids[0]);
      borrow_state *body = malloc(sizeof *body);
      if (!body) abort();
      *body = *state;
      for (size_t i = 1; i < stmt->nkids; i++) c_walk_stmt(walk, body, stmt->kids[i]);
      body->terminated = state->terminated;
      *state = *body;
      free(body);
      return;
    }
    case FL_STMT_RETURN:
      for (size_t i = 0; i < stmt->nkids; i++) c_walk_stmt(walk, state, stmt->kids[i]);
      c_check_leaks(walk, state, stmt->loc);
      state->terminated = true;
      return;
    case FL_STMT_GOTO: state->terminated = true; return;
    case FL_STMT_CLOSURE:
    case FL_STMT_GO:
    case FL_STMT_DEFER: return;
    default:
      for (size_t i = 0; i < stmt->nkids && !state->terminated; i++) c_walk_stmt(walk, state, stmt->kids[i]);
      return;
  }
}

static void check_c(fl_rule_ctx *ctx, const fl_function *fn) {
  c_walk walk = {ctx, fn, fl_rule_ctx_api(ctx), FL_PTRVEC_INIT};
  borrow_state *state = calloc(1, sizeof *state);
  if (!state) abort();
  c_walk_stmt(&walk, state, fn->body);
  if (!state->terminated) {
    fl_loc end = fn->loc;
    end.line = fn->loc.end_line ? fn->loc.end_line : fn->loc.line;
    end.col = fn->loc.end_col ? fn->loc.end_col - 1 : fn->loc.col;
    end.end_line = end.line;
    end.end_col = end.col + 1;
    c_check_leaks(&walk, state, end);
  }
  free(state);
  fl_ptrvec_free(&walk.reported);
}

static void mk_check_function(fl_rule_ctx *ctx, const fl_function *fn) {
  if (!fn->body) return;
  if (fn->lang == FL_LANG_GO) check_go(ctx, fn);
  else check_c(ctx, fn);
}

const fl_rule fl_rule_missing_keepalive = {
    .id = RULE_ID,
    .default_severity = FL_SEV_HIGH,
    .languages = FL_LANG_ALL,
    .prepare = mk_prepare,
    .check_function = mk_check_function,
    .release = mk_release,
};
