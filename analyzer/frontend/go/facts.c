/* Package facts (model.h fl_fact): build constraints per file; finalizers,
 * cleanups, //export functions and callbacks for the whole package, kept in
 * the package's first unit; function flags that only the whole package can
 * tell (FL_FN_FINALIZER, FL_FN_CALLBACK). */
#include "go_internal.h"

static void unit_add_fact(fl_unit *unit, fl_fact *fact) {
  fl_fact **grown = FL_ARENA_ARRAY(unit->arena, fl_fact *, unit->nfacts + 1);
  if (unit->nfacts) memcpy(grown, unit->facts, unit->nfacts * sizeof *grown);
  grown[unit->nfacts++] = fact;
  unit->facts = grown;
}

static fl_fact *fact_new(fl_arena *arena, fl_fact_kind kind, const char *subject,
                         const char *object, fl_loc loc) {
  fl_fact *fact = FL_ARENA_NEW(arena, fl_fact);
  fact->kind = kind;
  fact->subject = fl_arena_strdup(arena, subject);
  fact->object = fl_arena_strdup(arena, object);
  fact->loc = loc;
  fact->loc.file = fl_arena_strdup(arena, loc.file);
  return fact;
}

void go_fact_add(go_package *pkg, fl_fact_kind kind, const char *subject, const char *object,
                 fl_loc loc) {
  fl_ptrvec_push(&pkg->pkg_facts, fact_new(pkg->arena, kind, subject, object, loc));
}

/* The type a finalizer attaches to: "Handle" for *Handle; NULL when the
 * value's type is unknown. */
static const char *subject_type(const fl_expr *value) {
  const fl_type *type = value ? value->type : NULL;
  const char *record = go_type_record_name(type);
  if (record) return record;
  if (type && type->kind == FL_TYPE_POINTER && type->pointee && type->pointee->name)
    return type->pointee->name;
  return type ? type->name : NULL;
}

static bool helper_listed(const go_package *pkg, const char *function, int param_index) {
  for (size_t i = 0; i < pkg->finalizer_helpers.count; i++) {
    const go_finalizer_helper *helper = pkg->finalizer_helpers.items[i];
    if (helper->param_index == param_index && strcmp(helper->function, function) == 0) return true;
  }
  return false;
}

/* False when the function is a helper for that parameter already. */
static bool add_helper(go_package *pkg, const char *function, int param_index, const go_finalizer_helper *like) {
  if (helper_listed(pkg, function, param_index)) return false;
  go_finalizer_helper *helper = FL_ARENA_NEW(pkg->arena, go_finalizer_helper);
  *helper = *like; /* the strings are in the package arena already */
  helper->function = fl_arena_strdup(pkg->arena, function);
  helper->param_index = param_index;
  fl_ptrvec_push(&pkg->finalizer_helpers, helper);
  return true;
}

/* "Type.delegate" runs as Type's finalizer. */
static void mark_delegate(go_package *pkg, const char *type, const char *delegate) {
  if (!delegate) return;
  const char *name = fl_arena_printf(pkg->arena, "%s.%s", type, delegate);
  if (fl_strmap_get(pkg->funcs, name)) fl_ptrvec_push(&pkg->finalizer_fns, (void *)name);
}

typedef struct closure_calls {
  const fl_stmt *closure;
  const fl_event *call; /* the only call */
  size_t ncalls;
} closure_calls;

static bool visit_closure_call(const fl_event *event, const fl_stmt *stmt, void *user) {
  closure_calls *found = user;
  (void)stmt;
  if (event->kind != FL_EV_CALL) return true;
  found->call = event;
  return ++found->ncalls < 2;
}

/* The method a finalizer func literal `label` (just lowered into lw->out)
 * delegates to, or NULL: its body is one call of a method on its parameter
 * (`func(c *Conn) { c.Close() }`), the same as the method expression
 * (*Conn).Close. A body doing more (`if f.IsValue() { ... }`) is the
 * finalizer itself, and the methods it calls are also the API's. */
static const char *finalizer_delegate(go_lower *lw, const char *label) {
  const fl_stmt *closure = NULL;
  for (size_t i = lw->out ? lw->out->count : 0; i > 0 && !closure; i--) {
    const fl_stmt *stmt = lw->out->items[i - 1];
    if (stmt->kind == FL_STMT_CLOSURE && stmt->label && strcmp(stmt->label, label) == 0) closure = stmt;
  }
  if (!closure) return NULL;
  closure_calls found = {closure, NULL, 0};
  fl_stmt_walk_events(closure, visit_closure_call, &found);
  const fl_expr *on = found.ncalls == 1 ? found.call->object : NULL;
  const char *dot = on ? strrchr(found.call->callee ? found.call->callee : "", '.') : NULL;
  if (!on || on->kind != FL_EXPR_NAME || !on->var || !dot || !fl_loc_within(on->var->loc, closure->loc)) return NULL;
  return fl_arena_strdup(lw->pkg->arena, dot + 1);
}

void go_fact_finalizer(go_lower *lw, fl_fact_kind kind, const fl_expr *object, const char *finalizer,
                       bool is_closure, fl_loc loc) {
  const char *subject = subject_type(object);
  go_fact_add(lw->pkg, kind, subject ? subject : object->text, finalizer, loc);
  /* A cleanup's function gets AddCleanup's third argument, not the object. */
  const char *delegate = kind == FL_FACT_FINALIZER && is_closure ? finalizer_delegate(lw, finalizer) : NULL;
  if (subject) mark_delegate(lw->pkg, subject, delegate);
  const fl_expr *value = fl_expr_strip_converts(object);
  const fl_function *fn = lw->fn;
  if (value && value->kind == FL_EXPR_NAME && value->var && value->var->kind == FL_VAR_PARAM &&
      value->var->param_index >= 0 && fn && !fn->receiver_type) {
    go_finalizer_helper like = {NULL, 0, kind, fl_arena_strdup(lw->pkg->arena, finalizer), delegate};
    add_helper(lw->pkg, fn->name, value->var->param_index, &like);
  }
}

/* The calls of finalizer helpers: a call passing a value registers the
 * finalizer on the value's type (the fact sits at the call); a call passing
 * the caller's own parameter makes the caller a helper too. */
typedef struct helper_calls {
  go_package *pkg;
  const fl_function *caller;
  bool grew;
} helper_calls;

static bool fact_listed(const go_package *pkg, fl_fact_kind kind, const char *subject, const char *object) {
  for (size_t i = 0; i < pkg->pkg_facts.count; i++) {
    const fl_fact *fact = pkg->pkg_facts.items[i];
    if (fact->kind == kind && strcmp(fact->subject, subject) == 0 && strcmp(fact->object, object) == 0)
      return true;
  }
  return false;
}

static bool visit_helper_call(const fl_event *event, const fl_stmt *stmt, void *user) {
  helper_calls *calls = user;
  (void)stmt;
  if (event->kind != FL_EV_CALL || !event->callee || event->object || (event->flags & FL_EV_FOREIGN)) return true;
  for (size_t i = 0; i < calls->pkg->finalizer_helpers.count; i++) {
    const go_finalizer_helper *helper = calls->pkg->finalizer_helpers.items[i];
    if (strcmp(helper->function, event->callee) != 0 || (size_t)helper->param_index >= event->nargs) continue;
    const fl_expr *arg = event->args[helper->param_index];
    const fl_expr *value = fl_expr_strip_converts(arg);
    if (value && value->kind == FL_EXPR_NAME && value->var && value->var->kind == FL_VAR_PARAM) {
      if (!calls->caller->receiver_type && add_helper(calls->pkg, calls->caller->name, value->var->param_index, helper))
        calls->grew = true;
      continue;
    }
    const char *subject = subject_type(arg);
    if (!subject || fact_listed(calls->pkg, helper->kind, subject, helper->finalizer)) continue;
    go_fact_add(calls->pkg, helper->kind, subject, helper->finalizer, event->loc);
    mark_delegate(calls->pkg, subject, helper->delegate);
  }
  return true;
}

/* Helpers call helpers (newObject -> track -> runtime.SetFinalizer): a few
 * rounds reach the registrations a package makes. */
#define HELPER_ROUNDS 4

static void resolve_finalizer_helpers(go_package *pkg) {
  bool grew = pkg->finalizer_helpers.count > 0;
  for (int round = 0; grew && round < HELPER_ROUNDS; round++) {
    grew = false;
    for (size_t f = 0; f < pkg->nfiles; f++) {
      fl_unit *unit = pkg->files[f].unit;
      for (size_t i = 0; i < unit->nfunctions; i++) {
        helper_calls calls = {pkg, unit->functions[i], false};
        if (unit->functions[i]->body) fl_stmt_walk_events(unit->functions[i]->body, visit_helper_call, &calls);
        grew = grew || calls.grew;
      }
    }
  }
}

/* `//go:build expr` (and legacy `// +build`) lines above the package clause. */
void go_facts_build_tags(go_lower *lw, const gs_node *root) {
  uint32_t n = gs_named_count(root);
  for (uint32_t i = 0; i < n; i++) {
    const gs_node *node = gs_named_child(root, i);
    if (gs_is(node, GS_KIND_package_clause)) break;
    if (!gs_is(node, GS_KIND_comment)) continue;
    const char *text = go_text(lw->arena, lw->file, node);
    const char *constraint = NULL;
    if (strncmp(text, "//go:build ", 11) == 0) constraint = text + 11;
    else if (strncmp(text, "// +build ", 10) == 0) constraint = text + 3;
    if (!constraint) continue;
    fl_fact *fact = FL_ARENA_NEW(lw->arena, fl_fact);
    fact->kind = FL_FACT_BUILD_TAG;
    fact->subject = constraint;
    fact->loc = go_loc(lw, node);
    unit_add_fact(lw->unit, fact);
  }
}

static bool name_listed(const fl_ptrvec *names, const char *name) {
  for (size_t i = 0; i < names->count; i++)
    if (strcmp(names->items[i], name) == 0) return true;
  return false;
}

void go_facts_finish(go_package *pkg) {
  resolve_finalizer_helpers(pkg);
  fl_unit *first = pkg->files[0].unit;
  for (size_t f = 0; f < pkg->nfiles; f++) {
    fl_unit *unit = pkg->files[f].unit;
    for (size_t i = 0; i < unit->nfunctions; i++) {
      fl_function *fn = unit->functions[i];
      if (fn->flags & FL_FN_EXPORTED)
        unit_add_fact(first, fact_new(first->arena, FL_FACT_EXPORT, fn->name,
                                      fl_strmap_get(pkg->exports, fn->name), fn->name_loc));
      if (name_listed(&pkg->finalizer_fns, fn->name)) fn->flags |= FL_FN_FINALIZER;
      if (fn->receiver_type) continue;
      if (name_listed(&pkg->callback_fns, fn->name)) fn->flags |= FL_FN_CALLBACK;
    }
  }
  for (size_t i = 0; i < pkg->pkg_facts.count; i++) {
    const fl_fact *fact = pkg->pkg_facts.items[i];
    unit_add_fact(first, fact_new(first->arena, fact->kind, fact->subject, fact->object, fact->loc));
  }
}
