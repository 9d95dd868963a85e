/* Go calls and conversions -> events:
 *   C.x(...)                 CALL "C.x", FL_EV_FOREIGN (+ FREE of the freed
 *                            argument for C free functions: API model, or the
 *                            free / *_free / _destroy / _close / _release names)
 *   T(x), C.int(x), (*T)(p)  CONVERT event + CONVERT expr (to_type = T)
 *   m.Lock() ... on sync.Mutex / RWMutex values   LOCK / UNLOCK (SHARED for R*)
 *   v.Load()/Store/Add/Swap/CompareAndSwap on sync/atomic types, and the
 *   atomic.LoadInt32(&x)-style functions          ATOMIC_LOAD / STORE / RMW
 *   runtime.KeepAlive(x)     KEEPALIVE
 *   runtime.SetFinalizer / AddCleanup, cgo.NewHandle   CALL + package fact
 *   panic(x) THROW, make/new ALLOC, recover() CALL "recover"
 *   f.m() on a package type T                     CALL "T.m" (id "pkg.T.m")
 * The value of a call is an FL_EXPR_CALL whose event is the event above. */
#include <ctype.h>
#include <stdlib.h>

#include "go_internal.h"

#define GO_MAX_ARGS 64

static const char *const go_type_names[] = {
    "bool",   "int",    "int8",   "int16",   "int32",   "int64",     "uint",       "uint8",
    "uint16", "uint32", "uint64", "uintptr", "byte",    "rune",      "float32",    "float64",
    "string", "error",  "any",    "complex64", "complex128"};

static bool is_go_type_name(go_lower *lw, const char *name) {
  if (go_lookup(lw, name)) return false; /* shadowed by a variable */
  for (size_t i = 0; i < sizeof go_type_names / sizeof go_type_names[0]; i++)
    if (strcmp(go_type_names[i], name) == 0) return true;
  return fl_strmap_get(lw->pkg->types, name) != NULL;
}

static bool is_type_node(const gs_node *node) {
  static const gs_kind kinds[] = {GS_KIND_array_type, GS_KIND_slice_type, GS_KIND_pointer_type,
                                  GS_KIND_map_type, GS_KIND_channel_type, GS_KIND_function_type,
                                  GS_KIND_qualified_type, GS_KIND_interface_type,
                                  GS_KIND_struct_type, GS_KIND_parenthesized_type,
                                  GS_KIND_type_identifier, GS_KIND_generic_type};
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
    if (gs_is(node, kinds[i])) return true;
  return false;
}

/* True when the callee of a call_expression is a type, making it a
 * conversion: T(x), C.int(x), unsafe.Pointer(p), (*T)(p), []byte(s). */
static bool callee_is_type(go_lower *lw, const gs_node *fn) {
  if (is_type_node(fn)) return true;
  if (gs_is(fn, GS_KIND_identifier)) return is_go_type_name(lw, go_text(lw->arena, lw->file, fn));
  if (gs_is(fn, GS_KIND_parenthesized_expression)) {
    const gs_node *inner = gs_named_child(fn, 0);
    if (is_type_node(inner)) return true;
    if (go_is_star(lw->file, inner)) {
      /* (**C.virDomainPtr)(&list): the grammar reads each '*' as a unary
       * expression; the innermost operand says whether it is a type. */
      const gs_node *operand = inner;
      while (go_is_star(lw->file, operand)) operand = gs_field_child(operand, GS_FIELD_operand);
      if (gs_is(operand, GS_KIND_identifier))
        return is_go_type_name(lw, go_text(lw->arena, lw->file, operand));
      return gs_is(operand, GS_KIND_selector_expression) || is_type_node(operand);
    }
    return callee_is_type(lw, inner);
  }
  if (gs_is(fn, GS_KIND_selector_expression) && go_is_package_name(lw, gs_field_child(fn, GS_FIELD_operand))) {
    const gs_node *pkg = gs_field_child(fn, GS_FIELD_operand);
    const char *name = go_text(lw->arena, lw->file, gs_field_child(fn, GS_FIELD_field));
    if (go_text_eq(lw->file, pkg, "unsafe")) return strcmp(name, "Pointer") == 0;
    if (go_text_eq(lw->file, pkg, "C"))
      return !fl_strmap_get(lw->pkg->cfuncs, name) && !go_cgo_builtin(name) &&
             (go_cgo_type(lw->pkg, name) || strncmp(name, "struct_", 7) == 0);
  }
  return false;
}

fl_expr *go_lower_conversion(go_lower *lw, const gs_node *node, const gs_node *type_node, const gs_node *operand_node) {
  fl_expr *operand = go_lower_expr(lw, operand_node);
  const fl_type *to_type = go_type_from_node(lw, type_node);
  fl_event *ev = go_emit(lw, FL_EV_CONVERT, node);
  ev->object = operand;
  ev->to_type = to_type;
  fl_expr *expr = go_expr_new(lw, FL_EXPR_CONVERT, node);
  expr->base = operand;
  expr->type = to_type;
  return expr;
}

/* Lowers the arguments (rvalues, left to right) into an arena array. */
static fl_expr **lower_args(go_lower *lw, const gs_node *list, size_t *count_out, const gs_node **nodes) {
  fl_expr *args[GO_MAX_ARGS];
  size_t n = 0;
  uint32_t count = gs_named_count(list);
  for (uint32_t i = 0; i < count; i++) {
    const gs_node *arg = gs_named_child(list, i);
    if (gs_is(arg, GS_KIND_comment)) continue;
    if (gs_is(arg, GS_KIND_variadic_argument)) arg = gs_named_child(arg, 0);
    fl_expr *value = go_lower_expr(lw, arg);
    if (n < GO_MAX_ARGS) {
      if (nodes) nodes[n] = arg;
      args[n++] = value;
    }
  }
  *count_out = n;
  if (!n) return NULL;
  fl_expr **out = FL_ARENA_ARRAY(lw->arena, fl_expr *, n);
  memcpy(out, args, n * sizeof *out);
  return out;
}

const fl_type *go_decl_result_type(go_lower *lw, const go_decl *decl, size_t index, size_t *count_out) {
  const gs_node *result = decl ? gs_field_child(decl->node, GS_FIELD_result) : NULL;
  *count_out = 0;
  if (!result) return NULL;
  const gs_node *type_node = NULL;
  if (!gs_is(result, GS_KIND_parameter_list)) {
    *count_out = 1;
    type_node = index == 0 ? result : NULL;
  } else {
    /* `(a, b int, err error)`: a declaration with n names gives n results */
    GO_FOR_NAMED(param, result) {
      if (!gs_is(param, GS_KIND_parameter_declaration)) continue;
      size_t names = 0;
      GO_FOR_NAMED(name, param) { names += name->field == GS_FIELD_name; } GO_FOR_END
      if (names == 0) names = 1;
      if (index >= *count_out && index < *count_out + names)
        type_node = gs_field_child(param, GS_FIELD_type);
      *count_out += names;
    } GO_FOR_END
  }
  if (!type_node) return NULL;
  /* The declaration may be in another file: its type is spelled in that text. */
  go_file *saved = lw->file;
  lw->file = decl->file;
  const fl_type *type = go_type_from_node(lw, type_node);
  lw->file = saved;
  return type;
}

/* The type of a call's value: the single declared result of the package
 * function or method called, else NULL (several results are typed where
 * they are assigned, lower_stmt.c). */
static const fl_type *single_result_type(go_lower *lw, const go_decl *decl) {
  size_t count;
  const fl_type *type = go_decl_result_type(lw, decl, 0, &count);
  return count == 1 ? type : NULL;
}

static fl_expr *call_value(go_lower *lw, const gs_node *node, fl_event *ev, const fl_type *type) {
  fl_expr *expr = go_expr_new(lw, FL_EXPR_CALL, node);
  expr->event = ev;
  expr->type = type;
  return expr;
}

static const fl_expr *strip_addr(const fl_expr *expr) {
  expr = fl_expr_strip_converts(expr);
  return expr && expr->kind == FL_EXPR_ADDR && expr->base ? expr->base : expr;
}

static bool has_suffix(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* What a free found by naming convention (`*_close`, `*_free`, ...) frees:
 * the first argument that points at a typed object, else argument
 * `fallback`. A wrapper that calls through a function pointer takes that
 * pointer first (go-systemd's my_sd_journal_close(void *f, sd_journal *j)),
 * and a void* or char* is not the handle. */
static fl_expr *convention_freed_arg(fl_expr **args, size_t nargs, size_t fallback) {
  for (size_t i = 0; i < nargs; i++) {
    const fl_expr *arg = fl_expr_strip_converts(args[i]);
    const fl_type *type = arg ? arg->type : NULL;
    if (type && type->kind == FL_TYPE_POINTER && type->pointee && type->pointee->kind != FL_TYPE_INT &&
        type->pointee->kind != FL_TYPE_VOID && type->pointee->kind != FL_TYPE_FUNCTION)
      return args[i];
  }
  return fallback < nargs ? args[fallback] : NULL;
}

/* Emits the events an API-model entry gives a call (FREE, guards, locks,
 * KEEPALIVE) after the CALL event itself. */
static void apply_api(go_lower *lw, const gs_node *node, fl_event *call, const fl_api_entry *entry) {
  call->api = entry;
  fl_event_kind kind;
  switch (entry->role) {
    case FL_API_FREE: kind = FL_EV_FREE; break;
    case FL_API_GUARD_ENTER: kind = FL_EV_GUARD_ENTER; break;
    case FL_API_GUARD_LEAVE: kind = FL_EV_GUARD_LEAVE; break;
    case FL_API_LOCK: kind = FL_EV_LOCK; break;
    case FL_API_UNLOCK: kind = FL_EV_UNLOCK; break;
    case FL_API_KEEPALIVE: kind = FL_EV_KEEPALIVE; break;
    default: return;
  }
  fl_expr *subject = entry->arg == -1 ? call->object
                     : entry->arg >= 0 && (size_t)entry->arg < call->nargs ? call->args[entry->arg]
                                                                           : NULL;
  if (entry->role == FL_API_FREE && entry->arg >= 0 && entry->name && strchr(entry->name, '*'))
    subject = convention_freed_arg(call->args, call->nargs, (size_t)entry->arg);
  if (!subject) return;
  fl_event *ev = go_emit(lw, kind, node);
  ev->object = (fl_expr *)fl_expr_strip_converts(subject);
  if (entry->flags & FL_API_SHARED) ev->flags |= FL_EV_SHARED;
  if (entry->flags & FL_API_TRY) ev->flags |= FL_EV_TRYLOCK;
}

static const fl_api_entry *api_lookup(go_lower *lw, const char *name) {
  const fl_api *api = lw->pkg->opts->api;
  return api ? fl_api_lookup(api, name, FL_API_ANY) : NULL;
}

/* What a call into C function `c_name` means besides being one: the API
 * model's entry, or a free by naming convention. */
static void apply_c_meaning(go_lower *lw, const gs_node *node, fl_event *ev, const char *c_name) {
  const fl_api_entry *entry = api_lookup(lw, ev->callee);
  if (!entry) entry = api_lookup(lw, c_name);
  if (entry) {
    apply_api(lw, node, ev, entry);
  } else if (ev->nargs > 0 && (strcmp(c_name, "free") == 0 || has_suffix(c_name, "_free") ||
                               has_suffix(c_name, "_destroy") || has_suffix(c_name, "_close") ||
                               has_suffix(c_name, "_release"))) {
    const fl_expr *freed = fl_expr_strip_converts(convention_freed_arg(ev->args, ev->nargs, 0));
    fl_event *free_ev = go_emit(lw, FL_EV_FREE, node);
    free_ev->object = (fl_expr *)freed;
  }
}

/* A call of a func value purego registered (purego.c): a foreign call named
 * after the C symbol it reaches. */
static fl_expr *lower_purego_call(go_lower *lw, const gs_node *node, const char *symbol, fl_expr **args,
                                  size_t nargs) {
  fl_event *ev = go_emit(lw, FL_EV_CALL, node);
  ev->flags |= FL_EV_FOREIGN | FL_EV_CALLEE_C_LINKAGE;
  ev->callee = fl_arena_strdup(lw->arena, symbol); /* the symbol is in the package arena */
  ev->args = args;
  ev->nargs = nargs;
  apply_c_meaning(lw, node, ev, symbol);
  return call_value(lw, node, ev, NULL);
}

/* C.x(...): a foreign call, typed from the preamble. */
static fl_expr *lower_c_call(go_lower *lw, const gs_node *node, const char *c_name, const gs_node *args_node) {
  size_t nargs;
  fl_expr **args = lower_args(lw, args_node, &nargs, NULL);
  fl_event *ev = go_emit(lw, FL_EV_CALL, node);
  ev->flags |= FL_EV_FOREIGN | FL_EV_CALLEE_C_LINKAGE;
  ev->callee = fl_arena_printf(lw->arena, "C.%s", c_name);
  ev->args = args;
  ev->nargs = nargs;
  const go_cfunc *cfunc = go_cgo_builtin(c_name);
  if (!cfunc) {
    cfunc = fl_strmap_get(lw->pkg->cfuncs, c_name);
    if (!fl_strmap_get(lw->pkg->c_called, c_name))
      fl_strmap_put(lw->pkg->c_called, fl_arena_strdup(lw->pkg->arena, c_name), (void *)cfunc);
  }
  const fl_type *ret = cfunc ? go_type_from_ctype(lw, &cfunc->ret) : NULL;
  apply_c_meaning(lw, node, ev, c_name);
  return call_value(lw, node, ev, ret);
}

/* The function a finalizer/cleanup/handle refers to: a package function's
 * name, a closure's "func@L:C", or the argument's text. */
static const char *function_ref(go_lower *lw, const gs_node *node, const fl_expr *value, bool *named) {
  *named = gs_is(node, GS_KIND_identifier) && fl_strmap_get(lw->pkg->funcs, value->text);
  return value->text;
}

static fl_expr *lower_runtime_call(go_lower *lw, const gs_node *node, const char *pkg_name,
                                   const char *name, const gs_node *args_node) {
  const gs_node *arg_nodes[GO_MAX_ARGS];
  size_t nargs;
  fl_expr **args = lower_args(lw, args_node, &nargs, arg_nodes);
  const char *callee = fl_arena_printf(lw->arena, "%s.%s", pkg_name, name);
  if (strcmp(pkg_name, "runtime") == 0 && strcmp(name, "KeepAlive") == 0 && nargs == 1) {
    fl_event *ev = go_emit(lw, FL_EV_KEEPALIVE, node);
    ev->object = args[0];
    return call_value(lw, node, ev, NULL);
  }
  fl_event *ev = go_emit(lw, FL_EV_CALL, node);
  ev->callee = callee;
  ev->args = args;
  ev->nargs = nargs;
  fl_loc loc = go_loc(lw, node);
  bool named = false;
  if (strcmp(pkg_name, "runtime") == 0 && nargs >= 2 &&
      (strcmp(name, "SetFinalizer") == 0 || strcmp(name, "AddCleanup") == 0) &&
      !gs_is(arg_nodes[1], GS_KIND_nil)) {
    const char *fn = function_ref(lw, arg_nodes[1], args[1], &named);
    go_fact_finalizer(lw, name[0] == 'S' ? FL_FACT_FINALIZER : FL_FACT_CLEANUP, args[0], fn,
                      gs_is(arg_nodes[1], GS_KIND_func_literal), loc);
    if (named) fl_ptrvec_push(&lw->pkg->finalizer_fns, fl_arena_strdup(lw->pkg->arena, fn));
  } else if (strcmp(pkg_name, "cgo") == 0 && strcmp(name, "NewHandle") == 0 && nargs == 1) {
    /* Only a function in the handle is a callback; other values are context. */
    const char *fn = function_ref(lw, arg_nodes[0], args[0], &named);
    if (named || gs_is(arg_nodes[0], GS_KIND_func_literal)) {
      go_fact_add(lw->pkg, FL_FACT_CALLBACK, fn, callee, loc);
      fl_ptrvec_push(&lw->pkg->callback_fns, fl_arena_strdup(lw->pkg->arena, fn));
    }
  }
  const fl_api_entry *entry = api_lookup(lw, callee);
  if (entry) apply_api(lw, node, ev, entry);
  const fl_type *type = NULL;
  if (strcmp(pkg_name, "unsafe") == 0 && strcmp(name, "Slice") == 0 && nargs == 2 && args[0]->type &&
      args[0]->type->kind == FL_TYPE_POINTER) {
    fl_type *slice = FL_ARENA_NEW(lw->arena, fl_type);
    slice->kind = FL_TYPE_SLICE;
    const fl_type *elem = args[0]->type->pointee;
    slice->name = fl_arena_printf(lw->arena, "[]%s", elem && elem->name ? elem->name : "?");
    slice->pointee = elem;
    type = slice;
  }
  return call_value(lw, node, ev, type);
}

typedef struct atomic_op {
  const char *name;
  fl_event_kind kind;
  fl_op op;
  int value_arg; /* index of the stored/added value among the method's args; -1 none */
} atomic_op;

static const atomic_op atomic_ops[] = {
    {"Load", FL_EV_ATOMIC_LOAD, FL_OP_NONE, -1},  {"Store", FL_EV_ATOMIC_STORE, FL_OP_NONE, 0},
    {"Add", FL_EV_ATOMIC_RMW, FL_OP_ADD, 0},      {"Swap", FL_EV_ATOMIC_RMW, FL_OP_XCHG, 0},
    {"CompareAndSwap", FL_EV_ATOMIC_RMW, FL_OP_CAS, 1}, {"And", FL_EV_ATOMIC_RMW, FL_OP_AND, 0},
    {"Or", FL_EV_ATOMIC_RMW, FL_OP_OR, 0}};

/* `name` is a method name (Load) or a function name (LoadInt32). */
static const atomic_op *find_atomic(const char *name, bool function) {
  for (size_t i = 0; i < sizeof atomic_ops / sizeof atomic_ops[0]; i++) {
    size_t n = strlen(atomic_ops[i].name);
    if (strncmp(name, atomic_ops[i].name, n) != 0) continue;
    if (function ? isupper((unsigned char)name[n]) : name[n] == '\0') return &atomic_ops[i];
  }
  return NULL;
}

static fl_expr *emit_atomic(go_lower *lw, const gs_node *node, const atomic_op *op, fl_expr *object,
                            fl_expr **values, size_t nvalues) {
  fl_event *ev = go_emit(lw, op->kind, node);
  ev->object = object;
  ev->op = op->op;
  if (op->value_arg >= 0 && (size_t)op->value_arg < nvalues) ev->value = values[op->value_arg];
  const fl_type *type = NULL;
  if (op->kind == FL_EV_ATOMIC_LOAD && object && object->type) {
    type = object->type;
    if (type->is_atomic && type->kind == FL_TYPE_BOOL) type = go_type_named(lw, "bool");
  }
  return call_value(lw, node, ev, type);
}

/* Lock/Unlock/RLock/RUnlock/TryLock on a mutex value. Returns NULL if `name`
 * is not one of them. */
static fl_expr *emit_lock(go_lower *lw, const gs_node *node, const char *name, fl_expr *mutex) {
  fl_event_kind kind;
  unsigned flags = 0;
  if (strcmp(name, "Lock") == 0) kind = FL_EV_LOCK;
  else if (strcmp(name, "Unlock") == 0) kind = FL_EV_UNLOCK;
  else if (strcmp(name, "RLock") == 0) kind = FL_EV_LOCK, flags = FL_EV_SHARED;
  else if (strcmp(name, "RUnlock") == 0) kind = FL_EV_UNLOCK, flags = FL_EV_SHARED;
  else if (strcmp(name, "TryLock") == 0) kind = FL_EV_LOCK, flags = FL_EV_TRYLOCK;
  else if (strcmp(name, "TryRLock") == 0) kind = FL_EV_LOCK, flags = FL_EV_TRYLOCK | FL_EV_SHARED;
  else return NULL;
  fl_event *ev = go_emit(lw, kind, node);
  ev->flags |= flags;
  ev->object = mutex;
  return call_value(lw, node, ev, flags & FL_EV_TRYLOCK ? go_type_named(lw, "bool") : NULL);
}

/* True when the receiver's struct embeds a sync.Mutex/RWMutex (h.Lock()). */
static bool embeds_mutex(go_lower *lw, const fl_type *type) {
  const fl_record *record = go_record_get(lw, go_type_record_name(type));
  if (!record) return false;
  for (size_t i = 0; i < record->nfields; i++)
    if (record->fields[i]->type && record->fields[i]->type->is_sync &&
        (strcmp(record->fields[i]->name, "Mutex") == 0 || strcmp(record->fields[i]->name, "RWMutex") == 0))
      return true;
  return false;
}

/* Name of the named type a receiver value has ("Handle" for *Handle). */
static const char *receiver_type_name(const fl_type *type) {
  if (!type) return NULL;
  if (type->kind == FL_TYPE_POINTER && type->pointee) type = type->pointee;
  return type->name;
}

static fl_expr *lower_method_call(go_lower *lw, const gs_node *node, const gs_node *fn, const gs_node *args_node) {
  const gs_node *operand = gs_field_child(fn, GS_FIELD_operand);
  const char *name = go_text(lw->arena, lw->file, gs_field_child(fn, GS_FIELD_field));
  fl_expr *recv = go_lower_lvalue(lw, operand);
  const fl_type *type = recv->type;
  const char *type_name = receiver_type_name(type);
  bool has_method = type_name && fl_strmap_get(lw->pkg->funcs,
                                               fl_arena_printf(lw->arena, "%s.%s", type_name, name));
  if (!has_method) {
    if (type && type->is_sync) {
      fl_expr *lock = emit_lock(lw, node, name, recv);
      if (lock) return lock;
    } else if (type && embeds_mutex(lw, type)) {
      fl_expr *lock = emit_lock(lw, node, name, recv);
      if (lock) return lock;
    } else if (!type && recv->kind == FL_EXPR_FIELD && gs_named_count(args_node) == 0) {
      /* Unknown type (declared in another package): trust mutex-like names. */
      const char *field = recv->name;
      if (strstr(field, "mu") || strstr(field, "Mu") || strstr(field, "lock") || strstr(field, "Lock")) {
        fl_expr *lock = emit_lock(lw, node, name, recv);
        if (lock) return lock;
      }
    }
  }
  const gs_node *arg_nodes[GO_MAX_ARGS];
  size_t nargs;
  fl_expr **args = lower_args(lw, args_node, &nargs, arg_nodes);
  const char *symbol = has_method ? NULL : fl_strmap_get(lw->pkg->purego_fields, name);
  if (symbol) return lower_purego_call(lw, node, symbol, args, nargs);
  if (!has_method && type && type->is_atomic) {
    const atomic_op *op = find_atomic(name, false);
    if (op) return emit_atomic(lw, node, op, recv, args, nargs);
  }
  fl_event *ev = go_emit(lw, FL_EV_CALL, node);
  ev->object = recv;
  ev->args = args;
  ev->nargs = nargs;
  if (type_name && strcmp(type_name, "runtime.Pinner") == 0) {
    ev->callee = fl_arena_printf(lw->arena, "runtime.Pinner.%s", name);
  } else if (has_method) {
    ev->callee = fl_arena_printf(lw->arena, "%s.%s", type_name, name);
    ev->callee_id = fl_arena_printf(lw->arena, "%s.%s", lw->pkg->name, ev->callee);
  } else {
    ev->callee = fl_arena_printf(lw->arena, "%s.%s", recv->text, name);
    if (type_name && (type->is_sync || type->is_atomic))
      ev->callee = fl_arena_printf(lw->arena, "%s.%s", type_name, name);
  }
  const fl_api_entry *entry = api_lookup(lw, ev->callee);
  if (entry) apply_api(lw, node, ev, entry);
  return call_value(lw, node, ev,
                    has_method ? single_result_type(lw, fl_strmap_get(lw->pkg->funcs, ev->callee)) : NULL);
}

static fl_expr *lower_builtin(go_lower *lw, const gs_node *node, const char *name, const gs_node *args_node) {
  const gs_node *arg_nodes[GO_MAX_ARGS];
  size_t nargs;
  if (strcmp(name, "make") == 0 || strcmp(name, "new") == 0) {
    const gs_node *type_node = gs_named_child(args_node, 0);
    fl_expr **args = lower_args(lw, args_node, &nargs, arg_nodes);
    fl_event *ev = go_emit(lw, FL_EV_ALLOC, node);
    const fl_type *type = go_type_from_node(lw, type_node);
    ev->to_type = type;
    ev->args = args;
    ev->nargs = nargs;
    if (name[0] == 'm' && nargs >= 2) ev->value = args[1];
    return call_value(lw, node, ev, name[0] == 'n' ? go_type_pointer_to(lw, type) : type);
  }
  fl_expr **args = lower_args(lw, args_node, &nargs, arg_nodes);
  if (strcmp(name, "panic") == 0) {
    fl_event *ev = go_emit(lw, FL_EV_THROW, node);
    ev->object = nargs ? args[0] : NULL;
    ev->to_type = nargs ? args[0]->type : NULL;
    return call_value(lw, node, ev, NULL);
  }
  fl_event *ev = go_emit(lw, FL_EV_CALL, node);
  ev->callee = fl_arena_strdup(lw->arena, name);
  ev->args = args;
  ev->nargs = nargs;
  const fl_type *type = NULL;
  if (strcmp(name, "len") == 0 || strcmp(name, "cap") == 0 || strcmp(name, "copy") == 0)
    type = go_type_named(lw, "int");
  else if (strcmp(name, "append") == 0 && nargs) type = args[0]->type;
  return call_value(lw, node, ev, type);
}

static bool is_builtin_func(go_lower *lw, const char *name) {
  static const char *const builtins[] = {"panic", "recover", "make", "new", "len", "cap",
                                         "append", "copy", "delete", "close", "print",
                                         "println", "min", "max", "clear", "complex",
                                         "real", "imag"};
  if (go_lookup(lw, name) || fl_strmap_get(lw->pkg->funcs, name)) return false;
  for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
    if (strcmp(builtins[i], name) == 0) return true;
  return false;
}

/* f[T](x), an explicitly instantiated generic function of the package: the
 * grammar reads `f[T]` as a generic type (so as a conversion) or an index
 * expression. The base identifier, or NULL when f is no package function. */
static const gs_node *instantiated_function(go_lower *lw, const gs_node *fn) {
  const gs_node *base = NULL;
  if (gs_is(fn, GS_KIND_generic_type)) base = gs_field_child(fn, GS_FIELD_type);
  else if (gs_is(fn, GS_KIND_index_expression) || gs_is(fn, GS_KIND_type_instantiation_expression))
    base = gs_named_child(fn, 0);
  if (!base || !(gs_is(base, GS_KIND_identifier) || gs_is(base, GS_KIND_type_identifier))) return NULL;
  const char *name = go_text(lw->arena, lw->file, base);
  return !go_lookup(lw, name) && fl_strmap_get(lw->pkg->funcs, name) ? base : NULL;
}

/* A call of `name`: a package function (with its id) or a func value. */
static fl_expr *lower_named_call(go_lower *lw, const gs_node *node, const char *name, fl_expr **args,
                                 size_t nargs) {
  const char *symbol = fl_strmap_get(lw->pkg->purego_vars, name);
  if (symbol) return lower_purego_call(lw, node, symbol, args, nargs);
  fl_var *var = go_lookup(lw, name);
  fl_event *ev = go_emit(lw, FL_EV_CALL, node);
  ev->callee = name;
  ev->args = args;
  ev->nargs = nargs;
  const go_decl *decl = var ? NULL : fl_strmap_get(lw->pkg->funcs, name);
  if (decl) ev->callee_id = fl_arena_printf(lw->arena, "%s.%s", lw->pkg->name, name);
  else ev->flags |= FL_EV_INDIRECT; /* a func value */
  const fl_api_entry *entry = api_lookup(lw, name);
  if (entry) apply_api(lw, node, ev, entry);
  return call_value(lw, node, ev, single_result_type(lw, decl));
}

fl_expr *go_lower_type_conversion(go_lower *lw, const gs_node *node) {
  const gs_node *type = gs_field_child(node, GS_FIELD_type);
  const gs_node *operand = gs_field_child(node, GS_FIELD_operand);
  const gs_node *generic = instantiated_function(lw, type);
  if (!generic) return go_lower_conversion(lw, node, type, operand);
  /* track[*Obj](x): the parser could not tell it from a conversion. */
  fl_expr **args = FL_ARENA_ARRAY(lw->arena, fl_expr *, 1);
  args[0] = go_lower_expr(lw, operand);
  return lower_named_call(lw, node, go_text(lw->arena, lw->file, generic), args, 1);
}


fl_expr *go_lower_call(go_lower *lw, const gs_node *node) {
  const gs_node *fn = gs_field_child(node, GS_FIELD_function);
  const gs_node *args_node = gs_field_child(node, GS_FIELD_arguments);
  const gs_node *generic = instantiated_function(lw, fn);
  if (generic) fn = generic;
  if (!generic && callee_is_type(lw, fn))
    return go_lower_conversion(lw, node, fn, gs_named_child(args_node, 0));
  if (gs_is(fn, GS_KIND_selector_expression)) {
    const gs_node *operand = gs_field_child(fn, GS_FIELD_operand);
    if (go_is_package_name(lw, operand)) {
      const char *pkg_name = go_text(lw->arena, lw->file, operand);
      const char *name = go_text(lw->arena, lw->file, gs_field_child(fn, GS_FIELD_field));
      if (strcmp(pkg_name, "C") == 0) return lower_c_call(lw, node, name, args_node);
      if (strcmp(pkg_name, "atomic") == 0) {
        const atomic_op *op = find_atomic(name, true);
        if (op) {
          size_t nargs;
          fl_expr **args = lower_args(lw, args_node, &nargs, NULL);
          fl_expr *object = nargs ? (fl_expr *)strip_addr(args[0]) : NULL;
          return emit_atomic(lw, node, op, object, nargs ? args + 1 : NULL, nargs ? nargs - 1 : 0);
        }
      }
      return lower_runtime_call(lw, node, pkg_name, name, args_node);
    }
    return lower_method_call(lw, node, fn, args_node);
  }
  if (gs_is(fn, GS_KIND_identifier) || generic) {
    const char *name = go_text(lw->arena, lw->file, fn);
    if (is_builtin_func(lw, name)) return lower_builtin(lw, node, name, args_node);
    size_t nargs;
    fl_expr **args = lower_args(lw, args_node, &nargs, NULL);
    return lower_named_call(lw, node, name, args, nargs);
  }
  /* func literal called in place, or a func value from an expression */
  fl_expr *callee = go_lower_expr(lw, fn);
  size_t nargs;
  fl_expr **args = lower_args(lw, args_node, &nargs, NULL);
  fl_event *ev = go_emit(lw, FL_EV_CALL, node);
  ev->callee = callee->text;
  ev->args = args;
  ev->nargs = nargs;
  ev->flags |= FL_EV_INDIRECT;
  return call_value(lw, node, ev, NULL);
}
