/* Calls: the CALL event (callee, receiver, arguments, linkage and
 * noexcept facts, API model entry) and what the call means beyond being a
 * call: lock/unlock (incl. scoped guards), guard claims, frees, keepalives
 * and atomic operations. The meaning follows the CALL event, because it
 * takes effect when the call returns. */
#include <string.h>

#include "cx_internal.h"

static bool is_callable_kind(enum CXCursorKind kind) {
  return kind == CXCursor_FunctionDecl || kind == CXCursor_CXXMethod ||
         kind == CXCursor_Constructor || kind == CXCursor_Destructor ||
         kind == CXCursor_ConversionFunction || kind == CXCursor_FunctionTemplate;
}

/* Looks through implicit casts and parentheses. */
static CXCursor strip_wrappers(cx_lower *cx, CXCursor c) {
  for (int depth = 0; depth < 8; depth++) {
    enum CXCursorKind kind = clang_getCursorKind(c);
    if (kind != CXCursor_UnexposedExpr && kind != CXCursor_ParenExpr) break;
    cx_kids kids;
    cx_kids_collect(cx, c, &kids);
    bool single = kids.count == 1;
    CXCursor inner = single ? kids.items[0] : c;
    cx_kids_free(&kids);
    if (!single) break;
    c = inner;
  }
  return c;
}

/* The lambda a lambda-to-function-pointer conversion is applied to, or a
 * null cursor. Passing `[](int) {...}` to C reaches us as a call to the
 * closure's conversion operator. */
static CXCursor converted_lambda(cx_lower *cx, CXCursor callee_child) {
  CXCursor member = strip_wrappers(cx, callee_child);
  if (clang_getCursorKind(member) != CXCursor_MemberRefExpr) return clang_getNullCursor();
  cx_kids kids;
  cx_kids_collect(cx, member, &kids);
  CXCursor object = kids.count ? strip_wrappers(cx, kids.items[0]) : clang_getNullCursor();
  cx_kids_free(&kids);
  return clang_getCursorKind(object) == CXCursor_LambdaExpr ? object : clang_getNullCursor();
}

static const cx_guard *guard_of(cx_lower *cx, const fl_expr *subject) {
  if (!cx->fn || !subject || subject->kind != FL_EXPR_NAME || !subject->var) return NULL;
  for (size_t i = cx->fn->guards.count; i-- > 0;) {
    const cx_guard *guard = cx->fn->guards.items[i];
    if (guard->guard_var == subject->var) return guard;
  }
  return NULL;
}

static fl_event *emit_on(cx_lower *cx, fl_event_kind kind, const fl_event *call, fl_expr *object,
                         unsigned flags) {
  fl_event *ev = cx_event_emit(cx, kind, call->loc);
  ev->object = object;
  ev->flags |= flags;
  return ev;
}

/* A scoped guard (std::lock_guard, std::unique_lock, std::scoped_lock,
 * std::shared_lock) constructed into a local: LOCK now (unless
 * std::defer_lock / std::adopt_lock), a deferred UNLOCK at scope end, and
 * the variable remembered so `g.unlock()` names the mutex. */
static void lower_scoped_guard(cx_lower *cx, const fl_event *call, const fl_api_entry *entry) {
  const fl_var *guard_var = cx->fn->pending_guard;
  cx->fn->pending_guard = NULL;
  unsigned flags = (entry->flags & FL_API_SHARED) ? FL_EV_SHARED : 0;
  bool lock_now = true;
  const char *tag = NULL;
  if (call->nargs >= 2 && call->args[call->nargs - 1]->type)
    tag = call->args[call->nargs - 1]->type->record_name;
  if (tag && (strcmp(tag, "std::defer_lock_t") == 0 || strcmp(tag, "std::adopt_lock_t") == 0))
    lock_now = false;
  if (tag && strcmp(tag, "std::try_to_lock_t") == 0) flags |= FL_EV_TRYLOCK;
  for (size_t i = 0; i < call->nargs; i++) {
    fl_expr *mutex = cx_path_subject(call->args[i]);
    bool is_mutex = mutex->type && mutex->type->is_sync;
    if (!is_mutex && !(i == 0 && entry->arg == 0)) continue;
    if (lock_now) emit_on(cx, FL_EV_LOCK, call, mutex, flags);
    cx_guard *guard = FL_ARENA_NEW(cx->arena, cx_guard);
    guard->guard_var = guard_var;
    guard->mutex = mutex;
    guard->flags = flags & FL_EV_SHARED;
    fl_ptrvec_push(&cx->fn->scope->guards, guard);
    fl_ptrvec_push(&cx->fn->guards, guard);
  }
}

/* The argument an API entry talks about (`arg`: index, -1 receiver). */
static fl_expr *entry_subject(const fl_event *call, const fl_api_entry *entry) {
  if (entry->arg == -1) return call->object;
  if (entry->arg >= 0 && (size_t)entry->arg < call->nargs) return call->args[entry->arg];
  return NULL;
}

static void lower_api_meaning(cx_lower *cx, fl_event *call, bool is_constructor) {
  const fl_api_entry *entries[16];
  size_t n = fl_api_lookup_all(cx->api, call->callee, entries, 16);
  for (size_t i = 0; i < n; i++) {
    const fl_api_entry *entry = entries[i];
    if (entry->lang && strcmp(entry->lang, "go") == 0) continue;
    if (!call->api) call->api = entry;
    switch (entry->role) {
      case FL_API_THROWS: call->flags |= FL_EV_MAY_THROW; continue;
      case FL_API_THROWS_ALLOC: call->flags |= FL_EV_ALLOCATES; continue;
      case FL_API_REGISTERS_CALLBACK:
        if (entry->arg >= 0 && (size_t)entry->arg < call->nargs) cx_note_callback_arg(cx, call, call->args[entry->arg]);
        continue;
      default: break;
    }
    if (entry->role == FL_API_LOCK && is_constructor) {
      if (cx->fn && cx->fn->pending_guard) lower_scoped_guard(cx, call, entry);
      call->api = entry;
      continue;
    }
    fl_expr *subject = entry_subject(call, entry);
    if (!subject) continue;
    unsigned flags = 0;
    if (entry->flags & FL_API_SHARED) flags |= FL_EV_SHARED;
    if (entry->flags & FL_API_TRY) flags |= FL_EV_TRYLOCK;
    fl_event_kind kind;
    switch (entry->role) {
      case FL_API_LOCK: kind = FL_EV_LOCK; break;
      case FL_API_UNLOCK: kind = FL_EV_UNLOCK; break;
      case FL_API_GUARD_ENTER: kind = FL_EV_GUARD_ENTER; break;
      case FL_API_GUARD_LEAVE: kind = FL_EV_GUARD_LEAVE; break;
      case FL_API_FREE: kind = FL_EV_FREE; break;
      case FL_API_KEEPALIVE: kind = FL_EV_KEEPALIVE; break;
      default: continue;
    }
    call->api = entry; /* the entry that gave the call its meaning wins */
    if (kind == FL_EV_FREE || kind == FL_EV_KEEPALIVE) {
      emit_on(cx, kind, call, (fl_expr *)fl_expr_strip_converts(subject), flags);
      continue;
    }
    fl_expr *object = cx_path_subject(subject);
    const cx_guard *guard = guard_of(cx, object);
    if (guard) {
      object = guard->mutex;
      flags |= guard->flags;
    }
    emit_on(cx, kind, call, object, flags);
  }
}

/* std::atomic members and __sync_* builtins. */
static void lower_atomic_meaning(cx_lower *cx, const fl_event *call, const char *method) {
  cx_atomic_op atomic = {FL_EVENT_KIND_COUNT, FL_OP_NONE};
  fl_expr *object = NULL;
  fl_expr *value = NULL;
  if (call->object && call->object->type && call->object->type->is_atomic && method) {
    atomic = cx_atomic_method(method);
    object = call->object;
    value = call->nargs ? call->args[0] : NULL;
  } else if (!call->object && call->nargs && cx_atomic_builtin(call->callee).kind != FL_EVENT_KIND_COUNT) {
    atomic = cx_atomic_builtin(call->callee);
    object = cx_path_subject(call->args[0]);
    value = call->nargs > 1 ? call->args[1] : NULL;
  }
  if (atomic.kind == FL_EVENT_KIND_COUNT) return;
  fl_event *ev = emit_on(cx, atomic.kind, call, object, 0);
  ev->value = atomic.kind == FL_EV_ATOMIC_LOAD ? NULL : value;
  ev->op = atomic.op;
}

/* Last "::" component of a qualified name ("std::lock_guard" -> "lock_guard"). */
static const char *last_component(const char *name) {
  const char *colon = strrchr(name, ':');
  return colon ? colon + 1 : name;
}

/* Callee name as rules and API models spell it: methods are named after
 * the receiver's class (std::atomic::fetch_add even when libstdc++ declares
 * it in a base class), constructors as Cls::Cls. */
static const char *callee_name(cx_lower *cx, CXCursor decl, const fl_expr *object,
                               const fl_type *call_type, const char **method_out) {
  const cx_decl_info *info = cx_decl(cx, decl);
  enum CXCursorKind kind = clang_getCursorKind(decl);
  *method_out = last_component(info->name);
  if (kind == CXCursor_Constructor && call_type && call_type->record_name) {
    *method_out = last_component(call_type->record_name);
    return fl_arena_printf(cx->arena, "%s::%s", call_type->record_name, *method_out);
  }
  if (kind == CXCursor_ConversionFunction || kind == CXCursor_CXXMethod) {
    const char *method = cx_take(cx, clang_getCursorSpelling(decl));
    *method_out = method;
    const fl_type *receiver = object ? object->type : NULL;
    if (receiver && receiver->kind == FL_TYPE_POINTER) receiver = receiver->pointee;
    if (receiver && receiver->record_name)
      return fl_arena_printf(cx->arena, "%s::%s", receiver->record_name, method);
  }
  return info->name;
}

/* The declaration whose body a call runs, for finding it among the lowered
 * functions: an implicit instantiation of a template (W::Ref<Backup>::Env,
 * std::max<int>) has no body of its own in the source, so its USR matches
 * no lowered function; the template it was instantiated from (lowered from
 * its source: template bodies are) does. libclang places an instantiation
 * at its template's declaration or definition; an explicit specialization
 * (`template <> int Ref<char>::Spec()`) is elsewhere and is its own. */
CXCursor cx_body_decl(CXCursor decl) {
  CXCursor pattern = clang_getSpecializedCursorTemplate(decl);
  if (clang_Cursor_isNull(pattern)) return decl;
  CXSourceLocation at = clang_getCursorLocation(decl);
  CXCursor pattern_def = clang_getCursorDefinition(pattern);
  if (clang_equalLocations(at, clang_getCursorLocation(pattern)) ||
      (!clang_Cursor_isNull(pattern_def) && clang_equalLocations(at, clang_getCursorLocation(pattern_def))))
    return pattern;
  return decl;
}

static enum CXChildVisitResult find_destructor(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  if (clang_getCursorKind(c) != CXCursor_Destructor) return CXChildVisit_Continue;
  *(CXCursor *)data = c;
  return CXChildVisit_Break;
}

void cx_emit_delete_destructor(cx_lower *cx, CXType operand_type, fl_expr *operand, fl_loc at) {
  CXCursor definition = cx_class_definition(operand_type);
  if (clang_Cursor_isNull(definition)) return;
  CXCursor destructor = clang_getNullCursor();
  clang_visitChildren(definition, find_destructor, &destructor);
  if (clang_Cursor_isNull(destructor)) return;
  fl_event *ev = cx_event_emit(cx, FL_EV_CALL, at);
  ev->flags |= FL_EV_IMPLICIT | FL_EV_CALLEE_NOEXCEPT;
  ev->object = operand;
  ev->callee = cx_decl(cx, destructor)->name;
  ev->callee_id = cx_decl(cx, cx_body_decl(destructor))->usr;
}

static const char *call_text(cx_lower *cx, const fl_event *call, const char *method) {
  /* Operators as written: `info[0]`, not "info.operator[](0)"; a
   * conversion operator's value is the object converted (node-addon-api's
   * `operator napi_value`, applied implicitly). */
  if (call->object && method && strcmp(method, "operator[]") == 0 && call->nargs == 1)
    return fl_arena_printf(cx->arena, "%s[%s]", call->object->text, call->args[0]->text);
  if (call->object && method && strncmp(method, "operator ", 9) == 0 && call->nargs == 0)
    return call->object->text;
  fl_strbuf text = FL_STRBUF_INIT;
  if (call->object) {
    bool arrow = call->object->type && call->object->type->kind == FL_TYPE_POINTER;
    fl_strbuf_printf(&text, "%s%s%s(", call->object->text, arrow ? "->" : ".", method);
  } else {
    fl_strbuf_printf(&text, "%s(", call->callee);
  }
  for (size_t i = 0; i < call->nargs; i++)
    fl_strbuf_printf(&text, "%s%s", i ? ", " : "", call->args[i]->text);
  fl_strbuf_append(&text, ")");
  const char *copy = fl_arena_strdup(cx->arena, text.data);
  fl_strbuf_free(&text);
  return copy;
}

/* Which argument a child is. clang_Cursor_getArgument's cursors do not
 * always compare equal to the visited children (their parent differs), so
 * an argument is recognised by kind and extent. */
static int arg_index(CXCursor kid, const CXCursor *args, int nargs) {
  enum CXCursorKind kind = clang_getCursorKind(kid);
  CXSourceRange extent = clang_getCursorExtent(kid);
  for (int i = 0; i < nargs; i++)
    if (clang_equalCursors(kid, args[i]) ||
        (clang_getCursorKind(args[i]) == kind &&
         clang_equalRanges(clang_getCursorExtent(args[i]), extent)))
      return i;
  return -1;
}

/* True for a default, copy or move constructor, or a copy or move
 * assignment (`operator=` taking the class by reference): calls that make
 * an empty value or copy one (FL_EV_SPECIAL_MEMBER). libclang 14 tells the
 * constructors apart, not the assignments. */
static bool is_special_member(CXCursor decl) {
  enum CXCursorKind kind = clang_getCursorKind(decl);
  if (kind == CXCursor_Constructor)
    return clang_CXXConstructor_isDefaultConstructor(decl) || clang_CXXConstructor_isCopyConstructor(decl) ||
           clang_CXXConstructor_isMoveConstructor(decl);
  if (kind != CXCursor_CXXMethod || clang_Cursor_getNumArguments(decl) != 1) return false;
  CXString name = clang_getCursorSpelling(decl);
  bool assignment = strcmp(clang_getCString(name), "operator=") == 0;
  clang_disposeString(name);
  if (!assignment) return false;
  CXType param = clang_getArgType(clang_getCursorType(decl), 0);
  if (param.kind != CXType_LValueReference && param.kind != CXType_RValueReference) return false;
  CXCursor param_class = clang_getTypeDeclaration(clang_getCanonicalType(clang_getPointeeType(param)));
  return clang_equalCursors(clang_getCanonicalCursor(param_class),
                            clang_getCanonicalCursor(clang_getCursorSemanticParent(decl)));
}

static enum CXChildVisitResult count_params(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  if (clang_getCursorKind(c) == CXCursor_ParmDecl) ++*(int *)data;
  return CXChildVisit_Continue;
}

CXCursor cx_called_overload(cx_lower *cx, CXCursor call) {
  CXCursor none = clang_getNullCursor();
  int nargs = clang_Cursor_getNumArguments(call);
  if (clang_getCursorKind(call) != CXCursor_CallExpr || nargs < 0) return none;
  cx_kids kids;
  cx_kids_collect(cx, call, &kids);
  CXCursor callee = kids.count ? strip_wrappers(cx, kids.items[0]) : none;
  cx_kids_free(&kids);
  if (clang_Cursor_isNull(callee) || clang_getCursorKind(callee) != CXCursor_DeclRefExpr) return none;
  CXCursor set = clang_getCursorReferenced(callee);
  if (clang_getCursorKind(set) != CXCursor_OverloadedDeclRef) return none;
  CXCursor found = none;
  unsigned n = clang_getNumOverloadedDecls(set);
  for (unsigned i = 0; i < n; i++) {
    CXCursor decl = clang_getOverloadedDecl(set, i);
    enum CXCursorKind kind = clang_getCursorKind(decl);
    int nparams = 0;
    if (kind == CXCursor_FunctionTemplate)
      clang_visitChildren(decl, count_params, &nparams);
    else if (kind == CXCursor_FunctionDecl || kind == CXCursor_CXXMethod)
      nparams = clang_Cursor_getNumArguments(decl);
    else
      return none; /* a using-declaration, a class: not a function call we can name */
    if (nparams != nargs) continue;
    if (!clang_Cursor_isNull(found) || kind == CXCursor_FunctionTemplate) return none;
    found = decl;
  }
  return found;
}

/* Lowers a call (CallExpr, constructor call, operator call) in evaluation
 * order: callee/receiver and arguments as written, then the CALL event,
 * then its meaning. Returns the CALL expression (arena-owned). */
fl_expr *cx_lower_call(cx_lower *cx, CXCursor c) {
  CXCursor decl = clang_getCursorReferenced(c);
  enum CXCursorKind decl_kind = clang_getCursorKind(decl);
  bool direct = is_callable_kind(decl_kind);
  /* In a template, a call with a type-dependent argument names an overload
   * set, not a function (`c_get(env_, &d)`, `Error::New(_env)`): the one
   * function of the set that takes as many arguments is the callee. (Only
   * dependent code has such calls, typed dependent: a template, or a class
   * template's member defined outside the class. Calls through function
   * pointers, common in C, are not asked.) */
  if (!direct && clang_getCursorType(c).kind == CXType_Dependent) {
    CXCursor resolved = cx_called_overload(cx, c);
    if (!clang_Cursor_isNull(resolved)) {
      decl = resolved;
      decl_kind = clang_getCursorKind(decl);
      direct = true;
    }
  }
  bool is_constructor = decl_kind == CXCursor_Constructor;
  int nargs = clang_Cursor_getNumArguments(c);
  if (nargs < 0) nargs = 0;
  CXCursor arg_cursors[nargs ? nargs : 1];
  for (int i = 0; i < nargs; i++) arg_cursors[i] = clang_Cursor_getArgument(c, (unsigned)i);

  cx_kids kids;
  cx_kids_collect(cx, c, &kids);
  fl_expr *lowered[nargs ? nargs : 1];
  memset(lowered, 0, sizeof lowered);
  fl_expr *object = NULL;
  fl_expr *callee_expr = NULL;
  bool member_syntax = false;
  for (unsigned k = 0; k < kids.count; k++) {
    CXCursor kid = kids.items[k];
    int index = arg_index(kid, arg_cursors, nargs);
    if (index >= 0) {
      if (cx_loc_valid(kid)) lowered[index] = cx_lower_expr(cx, kid);
      continue;
    }
    if (!clang_isExpression(clang_getCursorKind(kid)) || is_constructor) continue;
    if (decl_kind == CXCursor_ConversionFunction) {
      CXCursor lambda = converted_lambda(cx, kid);
      if (!clang_Cursor_isNull(lambda)) {
        cx_kids_free(&kids);
        return cx_lower_lambda(cx, lambda);
      }
    }
    CXCursor callee = strip_wrappers(cx, kid);
    enum CXCursorKind callee_kind = clang_getCursorKind(callee);
    if (direct && callee_kind == CXCursor_MemberRefExpr) {
      member_syntax = true;
      cx_kids member_kids;
      cx_kids_collect(cx, callee, &member_kids);
      object = member_kids.count ? cx_lower_expr(cx, member_kids.items[0]) : NULL;
      cx_kids_free(&member_kids);
      if (!object) {
        object = cx_expr_new(cx, FL_EXPR_NAME, callee);
        object->name = object->text = "this";
      }
    } else if (!(direct && callee_kind == CXCursor_DeclRefExpr)) {
      callee_expr = cx_lower_expr(cx, kid);
    }
  }
  cx_kids_free(&kids);

  /* A copy or move that cannot throw (tag objects, trivially copyable
   * classes) is just the value copied: no call worth an event. */
  if (is_constructor && nargs == 1 && lowered[0] &&
      (clang_CXXConstructor_isCopyConstructor(decl) || clang_CXXConstructor_isMoveConstructor(decl)) &&
      (cx_decl(cx, decl)->fn_flags & FL_FN_NOEXCEPT))
    return lowered[0];
  fl_ptrvec args = FL_PTRVEC_INIT;
  for (int i = 0; i < nargs; i++)
    if (lowered[i]) fl_ptrvec_push(&args, lowered[i]);
  /* a member operator called with operator syntax: its object is argument 0 */
  bool operator_call = direct && !member_syntax && decl_kind == CXCursor_CXXMethod &&
                       !clang_CXXMethod_isStatic(decl) && args.count > 0 && !callee_expr;
  if (operator_call) {
    object = args.items[0];
    memmove(args.items, args.items + 1, (args.count - 1) * sizeof *args.items);
    args.count--;
  }

  fl_expr *e = cx_expr_new(cx, FL_EXPR_CALL, c);
  e->type = cx_type(cx, clang_getCursorType(c));
  /* a resolved dependent call (`Error::New(_env)`) is worth what its callee returns */
  if (!e->type && direct && decl_kind != CXCursor_Constructor)
    e->type = cx_type(cx, clang_getCursorResultType(decl));
  fl_event *ev = cx_event_emit(cx, FL_EV_CALL, e->loc);
  ev->object = object;
  ev->args = (fl_expr **)fl_ptrvec_freeze(&args, cx->arena, &ev->nargs);
  const char *method = NULL;
  if (direct) {
    const cx_decl_info *info = cx_decl(cx, decl);
    if (!cx->template_depth) cx_note_library_callee(cx, cx_body_decl(decl));
    ev->callee = callee_name(cx, decl, object, e->type, &method);
    ev->callee_id = cx_decl(cx, cx_body_decl(decl))->usr;
    if (info->fn_flags & FL_FN_NOEXCEPT) ev->flags |= FL_EV_CALLEE_NOEXCEPT;
    if (info->c_language) ev->flags |= FL_EV_CALLEE_C_LINKAGE;
    if (is_special_member(decl)) ev->flags |= FL_EV_SPECIAL_MEMBER;
    if (cx->fn && cx->fn->library_macro && cx_defined_by_system_macro(cx, c))
      ev->flags |= FL_EV_LIBRARY_MACRO;
    /* (Not in template bodies: libclang 14 crashes on some dependent queries.) */
    if (!cx->template_depth && decl_kind == CXCursor_CXXMethod && clang_CXXMethod_isVirtual(decl) &&
        clang_Cursor_isDynamicCall(c)) {
      ev->flags |= FL_EV_VIRTUAL;
      if (clang_CXXMethod_isPureVirtual(decl)) ev->flags |= FL_EV_CALLEE_PURE;
    }
    if (object && object->type && object->type->record_name &&
        strcmp(object->type->record_name, "std::function") == 0)
      ev->flags |= FL_EV_INDIRECT;
  } else {
    ev->callee = callee_expr ? callee_expr->text : "?";
    method = ev->callee;
    ev->flags |= FL_EV_INDIRECT;
  }
  e->event = ev;
  e->text = call_text(cx, ev, method);
  lower_api_meaning(cx, ev, is_constructor);
  lower_atomic_meaning(cx, ev, member_syntax || operator_call ? method : NULL);
  if (ev->flags & FL_EV_CALLEE_C_LINKAGE)
    for (size_t i = 0; i < ev->nargs; i++) cx_note_callback_arg(cx, ev, ev->args[i]);
  return e;
}

/* Lowers the initialiser of `var` (if any) and records the write. A scoped
 * guard's constructor sees the variable through fn->pending_guard. */
void cx_lower_var_init(cx_lower *cx, CXCursor var_decl, fl_var *var) {
  cx_kids kids;
  cx_kids_collect(cx, var_decl, &kids);
  CXCursor init = clang_getNullCursor();
  unsigned expressions = 0;
  for (unsigned i = 0; i < kids.count; i++)
    if (clang_isExpression(clang_getCursorKind(kids.items[i]))) {
      init = kids.items[i];
      expressions++;
    }
  cx_kids_free(&kids);
  /* `char buf[N];` shows its bound as a child: an array has an initialiser
   * only when something follows the bound(s). */
  if (var->type && var->type->kind == FL_TYPE_ARRAY && !clang_Cursor_isNull(init)) {
    unsigned dims = 0;
    for (const fl_type *t = var->type; t && t->kind == FL_TYPE_ARRAY; t = t->pointee) dims++;
    CXType declared = clang_getCursorType(var_decl);
    bool bound_written = declared.kind != CXType_IncompleteArray;
    if (bound_written && expressions <= dims) init = clang_getNullCursor();
  }
  if (clang_Cursor_isNull(init)) return;
  cx->fn->pending_guard = var;
  fl_expr *value = cx_lower_expr(cx, init);
  cx->fn->pending_guard = NULL;
  fl_event *ev = cx_event_emit(cx, FL_EV_WRITE, var->loc);
  ev->flags |= FL_EV_DECL;
  fl_expr *target = FL_ARENA_NEW(cx->arena, fl_expr);
  target->kind = FL_EXPR_NAME;
  target->name = target->text = var->name;
  target->var = var;
  target->type = var->type;
  target->loc = var->loc;
  ev->object = target;
  ev->value = value;
}

/* Deferred unlocks of the scope's guards, newest first (destructor order). */
void cx_scope_close(cx_lower *cx, cx_scope *scope, fl_loc at) {
  for (size_t i = scope->guards.count; i-- > 0;) {
    const cx_guard *guard = scope->guards.items[i];
    fl_event *ev = cx_event_emit(cx, FL_EV_UNLOCK, at);
    ev->object = guard->mutex;
    ev->flags |= FL_EV_DEFERRED | FL_EV_IMPLICIT | guard->flags;
  }
  fl_ptrvec_free(&scope->guards);
}
