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
    if ((uintptr_t)flat->return_at.items[i] > position && fl_mk_mentions_var(ret->expr, var)) return true;
  }
  return false;
}

static bool is_ident_char(char ch) { return ch == '_' || isalnum((unsigned char)ch); }

/* `text` names `name` as a whole word (not as a field: `x.name`). */
static bool text_names(const char *text, const char *name) {
  size_t len = strlen(name);
  for (const char *p = text ? strstr(text, name) : NULL; p; p = strstr(p + 1, name)) {
    bool starts = p == text || !(is_ident_char(p[-1]) || p[-1] == '.');
    if (starts && !is_ident_char(p[len])) return true;
  }
  return false;
}

/* The value is written into another local (`iter := &Iter{cfg: c}`, whose
 * composite literal the model keeps as text only) that is used after
 * `position`: reachable through it, the value stays alive. */
static bool stored_in_live_value(const flat_events *flat, size_t position, const fl_var *var) {
  for (size_t i = 0; i < flat->body.count; i++) {
    const fl_event *write = flat->body.items[i];
    if (write->kind != FL_EV_WRITE || !write->value || !write->object) continue;
    const fl_expr *holder = fl_expr_path_root(write->object);
    if (!holder || !holder->var || holder->var == var) continue;
    const fl_expr *literal = write->value;
    while (literal->kind == FL_EXPR_ADDR && literal->base) literal = literal->base;
    bool stored = fl_mk_mentions_var(write->value, var) ||
                  (literal->kind == FL_EXPR_OTHER && text_names(literal->text, var->name));
    if (!stored) continue;
    for (size_t j = position + 1; j < flat->body.count; j++)
      if (fl_mk_event_mentions(flat->body.items[j], holder->var)) return true;
    if (returned_after(flat, position, holder->var)) return true;
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

  /* runtime.SetFinalizer(v, nil) before the call (a Free method): no
   * finalizer is left to run. */
  for (size_t i = 0; i < last_call; i++)
    if (clears_finalizer(flat->body.items[i], var)) return;

  /* Any later use — including the call's own result being consumed
   * afterwards only matters if `var` itself is not used again. The events
   * a model hangs on the call itself (`free v.ptr` for C.x_delete(v.ptr))
   * happen inside it: they keep nothing alive after it. */
  for (size_t i = last_call + 1; i < flat->body.count; i++) {
    const fl_event *later = flat->body.items[i];
    if (later->kind != FL_EV_KEEPALIVE && later->kind != FL_EV_CALL && same_loc(later->loc, call->loc)) continue;
    if (fl_mk_event_mentions(later, var)) return;
  }
  for (size_t i = 0; i < flat->deferred.count; i++)
    if (fl_mk_event_mentions(flat->deferred.items[i], var)) return;
  if (returned_after(flat, last_call, var)) return;
  if (stored_in_live_value(flat, last_call, var)) return;

  /* Memory borrowed from the object and read after its last use. */
  const fl_event *borrow_reader = NULL;
  for (size_t i = last_call + 1; i < flat->body.count && !borrow_reader; i++) {
    const fl_event *later = flat->body.items[i];
    if (fl_mk_event_mentions(later, var)) break;
    for (size_t a = 0; a < later->nargs && !borrow_reader; a++)
      if (fl_mk_expr_mentions_event(later->args[a], call)) borrow_reader = later;
    if (later->value && fl_mk_expr_mentions_event(later->value, call)) borrow_reader = later;
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

/* runtime.KeepAlive of the laundered pointer's base after `position` (or
 * deferred): the memory stays reachable across the C call, the heap does
 * not move, and a goroutine's stack is not moved while it is in C — the
 * deliberate pattern of zstd bindings that skip cgo's pointer checks. */
static bool base_kept_alive(const flat_events *flat, size_t position, const fl_expr *laundered) {
  const fl_expr *root = fl_expr_path_root(laundered);
  for (const fl_expr *p = laundered; !root && p; p = p->base) root = fl_expr_path_root(p);
  if (!root || !root->var) return false;
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
        if (laundered && !base_kept_alive(flat, i, laundered)) {
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
               !base_kept_alive(flat, i, laundered_pointer(event->value)) && event->object &&
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
