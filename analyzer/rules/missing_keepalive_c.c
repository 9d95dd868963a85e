/* missing-keepalive, C and C++ half (design.md §3, issue 5).
 *
 * A pointer borrowed from an owner (API role `borrow`: PyBytes_AsString,
 * PyList_GetItem, lua_tostring, JNI Get*ArrayElements) is valid while the
 * owner lives. Walks each body path-sensitively (branches are walked apart
 * and merged) and reports:
 *  - a use of the borrowed pointer after the owner's release (role
 *    `release`: Py_DECREF; for Lua, the pop of the stack slot it came from);
 *  - a paired borrow (`pairs:`, JNI and PyObject_GetBuffer) that some path
 *    leaves without its release — except the path on which the borrow
 *    failed (`if (!elems) return`, `if (PyObject_GetBuffer(...) < 0)`) and
 *    paths that hand the borrow on (return it, store it in a field);
 *  - a JNI call inside a critical region (Get*Critical ... Release*Critical);
 *  - a borrow from a scoped owner (`scoped: true`: N-API's napi_get_buffer_info
 *    on a napi_value, valid only while the native call runs) stored where it
 *    outlives the call (a field, a global) on a path where nothing holds the
 *    owner (role `keepalive`: napi_create_reference of the same value).
 * Py_INCREF of a borrowed item (role `keepalive`) makes it owned; the
 * release of a local that copies a global's, a parameter's or a field's
 * reference is not the end of the object (ref_copy). */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "../core/vec.h"
#include "missing_keepalive.h"

#define BORROW_MAX 32
#define GUARD_MAX 4
#define SPLITS_MAX 16

/* An enclosing `if` on a plain flag when a borrow was made: `if (critical)
 * pin_critical(...) else pin(...)` ... `if (critical) unpin_critical(...)
 * else unpin(...)`. On the arm of a later test of the same, unchanged flag
 * that contradicts it, the borrow was never made. */
typedef struct flag_guard {
  const fl_var *flag;
  bool truth;
} flag_guard;

typedef struct borrow {
  const fl_var *var;    /* the local holding the borrowed pointer (or view) */
  const fl_var *owner;  /* the object it is borrowed from, NULL if unknown */
  const fl_event *call; /* the borrowing call */
  const fl_api_entry *api;
  bool on_stack;        /* Lua: borrowed from a stack slot, released by popping it */
  bool slot_known;      /* on_stack: `slot` still tracks the value */
  long slot;            /* on_stack: <0 depth from the top (-1 = top), >0 absolute index */
  bool owner_released;
  fl_loc released_at;
  bool released;        /* paired release done, borrow failed, or handed on */
  bool owned;           /* a reference was taken (Py_INCREF): the owner no longer matters */
  bool args_written;    /* a variable passed to the borrowing call was assigned since */
  bool later_jni_call;  /* JNI: another JNI call came after the borrowing one */
  const fl_expr *kept_in; /* scoped: the field or global it was stored in, NULL if none */
  fl_loc kept_at;
  flag_guard guards[GUARD_MAX]; /* the flag tests it was made under */
  int nguards;
} borrow;

#define COPY_MAX 16

/* A local holding a copy of a reference that lives on elsewhere: a global,
 * a parameter, a field reached from one. Releasing the local drops only the
 * reference it took (Cython's `t = self->_bytes; Py_INCREF(t); p =
 * PyBytes_AS_STRING(t); Py_DECREF(t);`): the object lives while `source`
 * still holds it. */
typedef struct ref_copy {
  const fl_var *local;
  const fl_expr *source;
} ref_copy;

typedef struct borrow_state {
  borrow items[BORROW_MAX];
  int count;
  bool top_held_by_table; /* Lua: the top slot is a table element a raw get pushed */
  ref_copy copies[COPY_MAX];
  int ncopies;
  bool terminated;
} borrow_state;

typedef struct c_walk {
  fl_rule_ctx *ctx;
  const fl_function *fn;
  const fl_api *api;
  /* Each finding once per borrowing call, however many paths reach it. */
  fl_ptrvec reported_uses, reported_leaks, reported_jni, reported_escapes;
  fl_ptrvec held; /* const fl_var*: what a keepalive anywhere in the function holds
                     (napi_create_reference(env, value, ...), before the borrow or after,
                     on whichever path: the function means to keep the value); collected
                     when a scoped borrow is first kept (held_known) */
  bool held_known;
  flag_guard guards[GUARD_MAX]; /* the flag tests of the arms being walked */
  int nguards;
  int splits_left; /* false sides of `&&` still to walk as two cases (each walks the arm
                      again: nested in else-if chains that doubles per level) */
} c_walk;

static bool once(fl_ptrvec *reported, const void *key) {
  for (size_t i = 0; i < reported->count; i++)
    if (reported->items[i] == key) return false;
  fl_ptrvec_push(reported, (void *)key);
  return true;
}

/* "GetByteArrayElements" for "*env->GetByteArrayElements",
 * "this->functions->Get...", "JNIEnv_::Get..." in messages. */
static const char *short_callee(const char *callee) {
  if (!callee) return "?";
  const char *last = callee;
  for (const char *p = callee; *p; p++) {
    if (p[0] == '-' && p[1] == '>') last = p + 2;
    else if (p[0] == ':' && p[1] == ':') last = p + 2;
    else if (p[0] == '.') last = p + 1;
  }
  return last;
}

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

/* Small constant expressions: stack indexes (-1), lua_pop's `-(n)-1`. */
static bool const_int(const fl_expr *expr, long *out) {
  if (!expr) return false;
  long a, b;
  switch (expr->kind) {
    case FL_EXPR_INT:
      if (!expr->int_known) return false;
      *out = (long)expr->int_value;
      return true;
    case FL_EXPR_CONVERT: return const_int(expr->base, out);
    case FL_EXPR_UNARY:
      if (expr->op != FL_OP_NEG || !const_int(expr->base, &a)) return false;
      *out = -a;
      return true;
    case FL_EXPR_BINARY:
      if (!const_int(expr->base, &a) || !const_int(expr->index, &b)) return false;
      if (expr->op == FL_OP_ADD) *out = a + b;
      else if (expr->op == FL_OP_SUB) *out = a - b;
      else return false;
      return true;
    default: return false;
  }
}

static bool is_jni_env_type(const fl_type *type) {
  return type && type->name && strstr(type->name, "JNIEnv");
}

static bool is_jni_call(const fl_event *event) {
  const fl_expr *env = event->object ? event->object : event->nargs ? event->args[0] : NULL;
  const fl_type *type = env ? env->type : NULL;
  if (!type && env && env->kind == FL_EXPR_NAME && env->var) type = env->var->type;
  return is_jni_env_type(type);
}

/* JNI's ExceptionCheck/ExceptionOccurred: asks whether the last JNI call
 * threw (a failed Get*Elements throws OutOfMemoryError). */
static bool is_exception_query(const fl_event *event) {
  const char *callee = event->callee ? short_callee(event->callee) : "";
  return is_jni_call(event) && (strcmp(callee, "ExceptionCheck") == 0 || strcmp(callee, "ExceptionOccurred") == 0);
}

/* --- Lua stack slots ------------------------------------------------------ */

/* What a Lua API call does to the stack, as far as a borrowed slot cares.
 * Calls on the same lua_State that are not listed (user helpers, lua_next)
 * make the slot unknown: the rule then stays silent rather than guess. */
typedef enum lua_effect_kind {
  LUA_NO_EFFECT, LUA_PUSH, LUA_POP, LUA_REPLACE_TOP, LUA_SETTOP, LUA_ROTATE, LUA_COPY,
  LUA_REMOVE, LUA_REPLACE, LUA_CALL, LUA_UNKNOWN
} lua_effect_kind;

typedef struct lua_effect {
  const char *name; /* a prefix when it ends in '*' */
  lua_effect_kind kind;
  int count;        /* PUSH/POP: how many slots */
} lua_effect;

static const lua_effect lua_effects[] = {
    {"lua_to*", LUA_NO_EFFECT, 0},         {"lua_is*", LUA_NO_EFFECT, 0},
    {"luaL_check*", LUA_NO_EFFECT, 0},     {"luaL_opt*", LUA_NO_EFFECT, 0},
    {"lua_type*", LUA_NO_EFFECT, 0},       {"lua_gettop", LUA_NO_EFFECT, 0},
    {"lua_rawlen", LUA_NO_EFFECT, 0},      {"lua_objlen", LUA_NO_EFFECT, 0},
    {"lua_rawequal", LUA_NO_EFFECT, 0},    {"lua_compare", LUA_NO_EFFECT, 0},
    {"lua_equal", LUA_NO_EFFECT, 0},       {"lua_lessthan", LUA_NO_EFFECT, 0},
    {"luaL_testudata", LUA_NO_EFFECT, 0},  {"luaL_argerror", LUA_NO_EFFECT, 0},
    {"luaL_error", LUA_NO_EFFECT, 0},      {"luaL_typerror", LUA_NO_EFFECT, 0},
    {"lua_error", LUA_NO_EFFECT, 0},       {"lua_absindex", LUA_NO_EFFECT, 0},
    {"lua_push*", LUA_PUSH, 1},            {"luaL_tolstring", LUA_PUSH, 1},
    {"lua_getfield", LUA_PUSH, 1},         {"lua_getglobal", LUA_PUSH, 1},
    {"lua_rawgeti", LUA_PUSH, 1},          {"lua_rawgetp", LUA_PUSH, 1},
    {"lua_geti", LUA_PUSH, 1},             {"lua_createtable", LUA_PUSH, 1},
    {"lua_newtable", LUA_PUSH, 1},         {"lua_newuserdata*", LUA_PUSH, 1},
    {"luaL_newmetatable", LUA_PUSH, 1},    {"luaL_getmetatable", LUA_PUSH, 1},
    {"lua_newthread", LUA_PUSH, 1},        {"lua_gettable", LUA_REPLACE_TOP, 0},
    {"lua_rawget", LUA_REPLACE_TOP, 0},    {"lua_setfield", LUA_POP, 1},
    {"lua_setglobal", LUA_POP, 1},         {"lua_rawseti", LUA_POP, 1},
    {"lua_rawsetp", LUA_POP, 1},           {"lua_seti", LUA_POP, 1},
    {"lua_setmetatable", LUA_POP, 1},      {"lua_settable", LUA_POP, 2},
    {"lua_rawset", LUA_POP, 2},            {"luaL_addvalue", LUA_POP, 1},
    {"lua_pop", LUA_POP, -1},              {"lua_settop", LUA_SETTOP, 0},
    {"lua_rotate", LUA_ROTATE, 0},         {"lua_copy", LUA_COPY, 0},
    {"lua_remove", LUA_REMOVE, 0},         {"lua_replace", LUA_REPLACE, 0},
    {"lua_call*", LUA_CALL, 0},            {"lua_pcall*", LUA_CALL, 0},
};

static lua_effect lua_effect_of(const char *callee) {
  for (size_t i = 0; callee && i < sizeof lua_effects / sizeof *lua_effects; i++) {
    const char *name = lua_effects[i].name;
    size_t len = strlen(name);
    bool prefix = name[len - 1] == '*';
    if (prefix ? strncmp(callee, name, len - 1) == 0 : strcmp(callee, name) == 0) return lua_effects[i];
  }
  return (lua_effect){callee, LUA_UNKNOWN, 0};
}

static bool arg_const(const fl_event *event, size_t index, long *out) {
  return index < event->nargs && const_int(event->args[index], out);
}

/* Pops `n` slots off the top: returns true when the borrowed slot is one of them. */
static bool lua_pop_slots(borrow *borrowed, long n) {
  if (borrowed->slot > 0) {
    borrowed->slot_known = false; /* absolute index against an unknown top */
    return false;
  }
  if (-borrowed->slot <= n) return true;
  borrowed->slot += n;
  return false;
}

/* Applies `event` (a call on the borrow's lua_State) to the tracked slot;
 * true when the slot's value left the stack. */
static bool lua_apply(borrow *borrowed, const fl_event *event) {
  lua_effect effect = lua_effect_of(event->callee);
  long a = 0, b = 0;
  switch (effect.kind) {
    case LUA_NO_EFFECT: return false;
    case LUA_PUSH:
      if (borrowed->slot < 0) borrowed->slot -= effect.count;
      return false;
    case LUA_POP:
      if (effect.count < 0 && !arg_const(event, 1, &a)) break;
      return lua_pop_slots(borrowed, effect.count < 0 ? a : effect.count);
    case LUA_REPLACE_TOP: return borrowed->slot == -1;
    case LUA_SETTOP:
      if (!arg_const(event, 1, &a)) break;
      if (a < 0) return lua_pop_slots(borrowed, -a - 1);
      if (a == 0 || (borrowed->slot > 0 && a < borrowed->slot)) return true;
      if (borrowed->slot > 0) return false;
      break;
    case LUA_COPY: /* overwrites slot `to` */
      if (!arg_const(event, 2, &a)) break;
      return a == borrowed->slot;
    case LUA_REPLACE: /* pops the top into `idx` */
      if (!arg_const(event, 1, &a)) break;
      if (a == borrowed->slot || borrowed->slot == -1) return true;
      return lua_pop_slots(borrowed, 1);
    case LUA_REMOVE:
      if (!arg_const(event, 1, &a)) break;
      if (a == borrowed->slot) return true;
      if (a < 0 && borrowed->slot < 0 && a < borrowed->slot) borrowed->slot++; /* removed below: shifts down */
      else if (!(a < 0 && borrowed->slot < 0)) break;
      return false;
    case LUA_ROTATE: /* lua_remove in 5.3+: rotate idx to the top, then pop it */
      if (!arg_const(event, 1, &a) || !arg_const(event, 2, &b) || b != -1) break;
      if (a == borrowed->slot) borrowed->slot = -1;
      else if (a < 0 && borrowed->slot < 0) {
        if (a < borrowed->slot) borrowed->slot--; /* the rotated value now sits above */
      } else break;
      return false;
    case LUA_CALL: /* pops the function and nargs, pushes nresults */
      if (!arg_const(event, 1, &a) || !arg_const(event, 2, &b) || b < 0) break;
      if (lua_pop_slots(borrowed, a + 1)) return true;
      if (borrowed->slot < 0) borrowed->slot -= b;
      return false;
    case LUA_UNKNOWN: break;
  }
  borrowed->slot_known = false;
  return false;
}

/* --- copies of longer-lived references ------------------------------------ */

static const ref_copy *copy_of(const borrow_state *state, const fl_var *local) {
  for (int i = 0; i < state->ncopies; i++)
    if (state->copies[i].local == local) return &state->copies[i];
  return NULL;
}

static void drop_copy(borrow_state *state, int i) {
  state->copies[i] = state->copies[--state->ncopies];
}

/* A path the caller or the module keeps alive for the whole call: a global,
 * a parameter, the receiver, a local copied from one (Cython's `lookup =
 * (struct T *)state`), or a field reached from one of these. */
static bool is_long_lived_path(const borrow_state *state, const fl_expr *value) {
  value = fl_expr_strip_converts(value);
  if (!value || !fl_expr_is_path(value)) return false;
  const fl_expr *root = fl_expr_path_root(value);
  if (!root || !root->var) return false;
  return root->var->kind != FL_VAR_LOCAL || copy_of(state, root->var) != NULL;
}

/* `local = value`: the local is a copy of a long-lived reference, or no
 * longer one. A write to a copy's source (or to a path it is reached
 * through) ends that copy: the source may no longer hold the object. */
static void note_copy_write(borrow_state *state, const fl_expr *target, const fl_expr *value) {
  /* The new copy's source, through a local that is a copy itself (`lookup
   * = (T *)t1; t1 = 0;` keeps lookup a copy of what t1 copied). */
  const fl_expr *source = NULL;
  if (value && is_long_lived_path(state, value)) {
    source = fl_expr_strip_converts(value);
    const ref_copy *via = source->kind == FL_EXPR_NAME ? copy_of(state, source->var) : NULL;
    if (via) source = via->source;
  }
  for (int i = state->ncopies; i-- > 0;)
    if (fl_expr_path_has_prefix(state->copies[i].source, target)) drop_copy(state, i);
  if (target->kind != FL_EXPR_NAME || !target->var || target->var->kind != FL_VAR_LOCAL) return;
  for (int i = state->ncopies; i-- > 0;)
    if (state->copies[i].local == target->var) drop_copy(state, i);
  if (source && !fl_expr_path_has_prefix(source, target) && state->ncopies < COPY_MAX)
    state->copies[state->ncopies++] = (ref_copy){target->var, source};
}

/* After a join a local is a copy only if it was one on every path in. */
static void merge_copies(borrow_state *merged, const borrow_state *branch) {
  for (int i = merged->ncopies; i-- > 0;) {
    const ref_copy *other = copy_of(branch, merged->copies[i].local);
    if (!other || !fl_expr_same_path(other->source, merged->copies[i].source)) drop_copy(merged, i);
  }
}

/* True when `value` can be `call`'s borrowed pointer or point into its
 * memory: the call's value (cast, offset, indexed), or that value passed
 * through a call returning a plain pointer (`strchr(p, ':')`). A call that
 * returns an object (`PyUnicode_DecodeLatin1(p, n, NULL)`) made a new one. */
static bool holds_borrow(const fl_expr *value, const fl_event *call) {
  if (!value) return false;
  if (value->kind == FL_EXPR_CALL) {
    if (value->event == call) return true;
    const fl_type *type = value->type;
    bool returns_object = type && type->kind == FL_TYPE_POINTER &&
                          (type->record_name || (type->pointee && type->pointee->kind == FL_TYPE_RECORD));
    const fl_event *inner = value->event;
    if (!inner || returns_object) return false;
    for (size_t i = 0; i < inner->nargs; i++)
      if (holds_borrow(inner->args[i], call)) return true;
    return holds_borrow(inner->object, call);
  }
  return holds_borrow(value->base, call) || holds_borrow(value->index, call) ||
         holds_borrow(value->other, call);
}

/* --- the walk -------------------------------------------------------------- */

static void report_use_after_release(c_walk *walk, const borrow *borrowed, const fl_event *event) {
  if (!once(&walk->reported_uses, borrowed->call)) return;
  const char *owner = borrowed->owner ? borrowed->owner->name : "its owner";
  fl_finding *finding = fl_finding_new(
      FL_MK_RULE_ID, FL_SEV_HIGH, event->loc, walk->fn->name, walk->fn->lang,
      borrowed->on_stack
          ? "'%s' was borrowed from a Lua stack slot of '%s' by '%s' and is used after that slot was "
            "popped: the collector may already have freed the string; use it before the pop, or copy it"
          : "'%s' was borrowed from '%s' by '%s' and is used after '%s' was released: the memory may "
            "already be freed; finish using it first, or hold a reference",
      borrowed->var->name, owner, short_callee(borrowed->call->callee), owner);
  fl_finding_add_step(finding, borrowed->call->loc, "pointer borrowed here");
  fl_finding_add_step(finding, borrowed->released_at, borrowed->on_stack ? "slot popped here" : "owner released here");
  fl_finding_add_step(finding, event->loc, "borrowed pointer used here");
  fl_rule_report(walk->ctx, finding);
}

static void report_jni_in_critical(c_walk *walk, const borrow *borrowed, const fl_event *event) {
  if (!once(&walk->reported_jni, event)) return;
  fl_finding *finding = fl_finding_new(
      FL_MK_RULE_ID, FL_SEV_HIGH, event->loc, walk->fn->name, walk->fn->lang,
      "JNI call '%s' inside the critical region opened by '%s': no JNI calls are allowed until the "
      "matching release",
      short_callee(event->callee), short_callee(borrowed->call->callee));
  fl_finding_add_step(finding, borrowed->call->loc, "critical region opened here");
  fl_finding_add_step(finding, event->loc, "JNI call inside it");
  fl_rule_report(walk->ctx, finding);
}

/* `where` is storage of this call's frame: a member or element of a local
 * struct or array (`view.data`, `parts[i].p`), reached without a pointer. */
static bool is_frame_storage(const fl_expr *where) {
  for (const fl_expr *at = fl_expr_strip_converts(where); at; at = fl_expr_strip_converts(at->base)) {
    if (at->kind == FL_EXPR_NAME) return at->var && at->var->kind == FL_VAR_LOCAL;
    if (at->kind == FL_EXPR_FIELD && (at->flags & FL_EXPR_ARROW)) return false;
    if (at->kind == FL_EXPR_INDEX && at->base && at->base->type && at->base->type->kind == FL_TYPE_POINTER)
      return false;
    if (at->kind != FL_EXPR_FIELD && at->kind != FL_EXPR_INDEX) return false;
  }
  return false;
}

/* A scoped borrow stored at `where`, which outlives the native call. */
static void note_kept(borrow *borrowed, const fl_expr *where, fl_loc at) {
  if (borrowed->kept_in || is_frame_storage(where)) return;
  borrowed->kept_in = where;
  borrowed->kept_at = at;
}

/* The value of a borrow stored where it outlives this function (a field,
 * through a pointer, a global), or returned (`where` NULL): whoever holds
 * it releases it. A scoped borrow stored is kept past its owner's scope
 * (checked at exit); returned, its caller runs in the same native call. */
static void note_handed_on(borrow_state *state, const fl_expr *where, const fl_expr *value, fl_loc at) {
  for (int b = 0; b < state->count; b++) {
    borrow *borrowed = &state->items[b];
    if ((borrowed->var && fl_mk_mentions_var(value, borrowed->var)) ||
        fl_mk_expr_mentions_event(value, borrowed->call))
      if (where == NULL || where->kind != FL_EXPR_NAME || !where->var || where->var->kind == FL_VAR_GLOBAL) {
        if (where && (borrowed->api->flags & FL_API_SCOPED)) {
          /* the pointer itself, not bytes read through it (`*dst++ = *src++ ^ m`) */
          const fl_expr *stored = fl_expr_strip_converts(value);
          if (stored && stored->type && stored->type->kind == FL_TYPE_POINTER) note_kept(borrowed, where, at);
        } else {
          borrowed->released = true;
        }
      }
  }
}

/* Tracks whether the Lua stack's top is an element a raw get (no
 * metamethod: the value is the one stored in the table) read from a table
 * that is not near the top itself; any other call that changes the stack
 * ends it. */
static void note_lua_top(borrow_state *state, const fl_event *event) {
  const char *callee = event->callee ? event->callee : "";
  if (strncmp(callee, "lua", 3) != 0) { /* not Lua's: its effect on the stack is unknown */
    state->top_held_by_table = false;
    return;
  }
  if (lua_effect_of(callee).kind == LUA_NO_EFFECT) return;
  bool raw_get = strcmp(callee, "lua_rawgeti") == 0 || strcmp(callee, "lua_rawget") == 0 ||
                 strcmp(callee, "lua_rawgetp") == 0;
  long table = 0;
  /* LUA_REGISTRYINDEX and upvalue indexes are far below any stack depth. */
  bool table_stays = !arg_const(event, 1, &table) || table > 0 || table <= -10000;
  state->top_held_by_table = raw_get && table_stays;
}

/* The variable passed as it is (not its address) as argument `a` of
 * `call`, or NULL: the array of a JNI Get, the object of
 * PyObject_GetBuffer. */
static const fl_var *plain_arg(const fl_event *call, size_t a) {
  const fl_expr *arg = fl_expr_strip_converts(call->args[a]);
  return arg && arg->kind == FL_EXPR_NAME ? arg->var : NULL;
}

static bool is_plain_arg(const fl_event *call, const fl_var *var) {
  for (size_t a = 0; var && a < call->nargs; a++)
    if (plain_arg(call, a) == var) return true;
  return false;
}

/* True if `event` mentions a variable the borrowing call was given, other
 * than the JNI environment: the array the elements came from. */
static bool mentions_borrow_source(const fl_event *event, const borrow *borrowed) {
  for (size_t a = 0; a < borrowed->call->nargs; a++) {
    const fl_var *source = plain_arg(borrowed->call, a);
    if (source && !is_jni_env_type(source->type) && fl_mk_event_mentions(event, source)) return true;
  }
  return false;
}

/* A flag written: later tests of it say nothing of the earlier ones. */
static void forget_flag(borrow_state *state, const fl_var *flag) {
  if (!flag) return;
  for (int b = 0; b < state->count; b++) {
    borrow *borrowed = &state->items[b];
    for (int g = 0; g < borrowed->nguards; g++)
      if (borrowed->guards[g].flag == flag) borrowed->guards[g--] = borrowed->guards[--borrowed->nguards];
  }
}

static void c_event(c_walk *walk, borrow_state *state, const fl_event *event) {
  /* Uses of a borrowed pointer whose owner is gone. */
  for (int b = 0; b < state->count; b++) {
    borrow *borrowed = &state->items[b];
    if (!borrowed->owner_released || borrowed->released || borrowed->owned || !borrowed->var) continue;
    if (event->kind == FL_EV_WRITE && event->object && event->object->kind == FL_EXPR_NAME &&
        event->object->var == borrowed->var && !fl_mk_mentions_var(event->value, borrowed->var)) {
      borrowed->var = NULL; /* reassigned: the old pointer is gone */
      continue;
    }
    if (fl_mk_event_mentions(event, borrowed->var)) report_use_after_release(walk, borrowed, event);
  }

  if (event->kind == FL_EV_KEEPALIVE) { /* Py_INCREF(item): now owned */
    const fl_var *kept = expr_root_var(event->object);
    for (int b = 0; b < state->count; b++)
      if (kept && state->items[b].var == kept) state->items[b].owned = true;
    return;
  }
  if (event->kind == FL_EV_WRITE && event->object) {
    note_copy_write(state, event->object, event->value);
    forget_flag(state, expr_root_var(event->object));
    for (int b = 0; b < state->count; b++)
      if (event->object->kind == FL_EXPR_NAME && is_plain_arg(state->items[b].call, event->object->var))
        state->items[b].args_written = true;
  }
  if (event->kind == FL_EV_WRITE && event->object && event->value) {
    /* p = PyBytes_AsString(obj): bind the borrow to the local. */
    if (event->object->kind == FL_EXPR_NAME && event->object->var && event->object->var->kind != FL_VAR_GLOBAL) {
      for (int b = 0; b < state->count; b++)
        if (!state->items[b].var && holds_borrow(event->value, state->items[b].call))
          state->items[b].var = event->object->var;
    } else {
      note_handed_on(state, event->object, event->value, event->loc);
    }
    return;
  }
  if (event->kind != FL_EV_CALL) return;
  note_lua_top(state, event);
  for (size_t a = 0; a < event->nargs; a++) /* init(&flag): may change it */
    if (event->args[a] && event->args[a]->kind == FL_EXPR_ADDR) forget_flag(state, expr_root_var(event->args[a]));

  const fl_api_entry *borrowing = api_role(walk, event->callee, FL_API_BORROW);
  if (is_jni_call(event)) {
    /* Inside a JNI critical region no other JNI call may be made; another
     * Get*Critical may nest (the JNI spec). And ExceptionCheck asks about
     * the last JNI call before it. */
    bool query = is_exception_query(event);
    bool nests = borrowing && (borrowing->flags & FL_API_CRITICAL);
    for (int b = 0; b < state->count; b++) {
      borrow *borrowed = &state->items[b];
      if (!query) borrowed->later_jni_call = true;
      if (!(borrowed->api->flags & FL_API_CRITICAL) || borrowed->released || nests) continue;
      bool is_pair = borrowed->api->pairs_with && event->callee &&
                     fnmatch(borrowed->api->pairs_with, event->callee, 0) == 0;
      if (!is_pair) report_jni_in_critical(walk, borrowed, event);
    }
  } else {
    /* A call other than JNI's given the pointer and what it was borrowed
     * from (`parts.push_back(std::make_tuple(array, elems))`,
     * `release_later(env, array, elems)`) gets all a release needs: it is
     * handed on. */
    for (int b = 0; b < state->count; b++) {
      borrow *borrowed = &state->items[b];
      if (!borrowed->released && borrowed->api->pairs_with && borrowed->var &&
          fl_mk_event_mentions(event, borrowed->var) && mentions_borrow_source(event, borrowed))
        borrowed->released = true;
    }
  }

  /* The paired release names the borrowed pointer or the owner. */
  for (int b = 0; b < state->count; b++) {
    borrow *borrowed = &state->items[b];
    if (borrowed->released || !borrowed->api->pairs_with || !event->callee) continue;
    bool name_matches = fnmatch(borrowed->api->pairs_with, event->callee, 0) == 0;
    bool mentions = (borrowed->var && fl_mk_event_mentions(event, borrowed->var)) ||
                    (borrowed->owner && fl_mk_event_mentions(event, borrowed->owner));
    if (name_matches && mentions) borrowed->released = true;
  }

  /* Releases of an owner: Py_DECREF(obj); for Lua, any stack change. */
  const fl_api_entry *release = api_role(walk, event->callee, FL_API_RELEASE);
  const fl_var *first_arg = event->nargs ? expr_root_var(event->args[0]) : NULL;
  const fl_var *released_owner = release && release->arg >= 0 && (size_t)release->arg < event->nargs
                                     ? expr_root_var(event->args[release->arg])
                                     : NULL;
  for (int b = 0; b < state->count; b++) {
    borrow *borrowed = &state->items[b];
    if (borrowed->api->pairs_with || borrowed->owner_released || !borrowed->owner) continue;
    bool gone = false;
    if (borrowed->on_stack) {
      if (borrowed->slot_known && first_arg == borrowed->owner && borrowed->call != event)
        gone = lua_apply(borrowed, event);
    } else {
      gone = released_owner == borrowed->owner && !copy_of(state, released_owner);
    }
    if (gone) {
      borrowed->owner_released = true;
      borrowed->released_at = event->loc;
    }
  }

  if (borrowing && state->count < BORROW_MAX) {
    borrow *borrowed = &state->items[state->count++];
    memset(borrowed, 0, sizeof *borrowed);
    borrowed->call = event;
    borrowed->api = borrowing;
    memcpy(borrowed->guards, walk->guards, sizeof borrowed->guards);
    borrowed->nguards = walk->nguards;
    if (borrowing->arg >= 0 && (size_t)borrowing->arg < event->nargs)
      borrowed->owner = expr_root_var(event->args[borrowing->arg]);
    else if (borrowing->arg == -1 && event->object) /* buffer.Data(): the receiver owns it */
      borrowed->owner = expr_root_var(event->object);
    if (borrowing->dst_arg >= 0 && (size_t)borrowing->dst_arg < event->nargs &&
        (borrowing->flags & FL_API_SCOPED)) {
      /* napi_get_buffer_info(env, v, &data, &len): into a local, or
       * straight into a field (`(void **)&this->dictionary`): kept. */
      const fl_expr *dst = fl_expr_strip_converts(event->args[borrowing->dst_arg]);
      const fl_expr *into = dst && dst->kind == FL_EXPR_ADDR ? fl_expr_strip_converts(dst->base) : NULL;
      if (into && into->kind == FL_EXPR_NAME && into->var && into->var->kind == FL_VAR_LOCAL)
        borrowed->var = into->var;
      else if (into)
        note_kept(borrowed, into, event->loc);
    } else if (borrowing->dst_arg >= 0 && (size_t)borrowing->dst_arg < event->nargs) {
      borrowed->var = expr_root_var(event->args[borrowing->dst_arg]); /* PyObject_GetBuffer(obj, &view) */
      /* Into the caller's memory (`Py_buffer *view` a parameter): the
       * caller gets the view and releases it (cffi's GetContiguousBuffer). */
      if (borrowed->var && (borrowed->var->kind != FL_VAR_LOCAL || copy_of(state, borrowed->var)))
        borrowed->released = true; /* pygame: `Py_buffer *view_p = (Py_buffer *)pg_view_p` */
    }
    if (borrowing->len_arg >= 0) { /* lua_tostring(L, idx): `len` names the stack index */
      borrowed->on_stack = true;
      borrowed->slot_known = arg_const(event, (size_t)borrowing->len_arg, &borrowed->slot) && borrowed->slot != 0;
      if (!borrowed->slot_known) borrowed->owner = NULL; /* pseudo-indexes, variables: not tracked */
      /* A string a raw get read out of a table that stays (not one on the
       * stack top: an argument, the registry, an index held in a variable)
       * lives in that table after the pop: xapian's `lua_rawgeti(L, index,
       * i); p = lua_tolstring(L, -1, &len); lua_pop(L, 1); use(p)`. */
      if (borrowed->slot == -1 && state->top_held_by_table) borrowed->owned = true;
    }
  }
}

static bool collect_held(const fl_event *event, const fl_stmt *stmt, void *user) {
  (void)stmt;
  const fl_var *kept = event->kind == FL_EV_KEEPALIVE ? expr_root_var(event->object) : NULL;
  if (kept) fl_ptrvec_push(user, (void *)kept);
  return true;
}

static bool ptrvec_has(const fl_ptrvec *vec, const void *item) {
  for (size_t i = 0; i < vec->count; i++)
    if (vec->items[i] == item) return true;
  return false;
}

/* Scoped borrows kept past the native call, their owner held by nothing.
 * A wrapper storing the memory next to the handle it came from
 * (node-addon-api's TypedArray: `this->_data` from `this->_value`) keeps
 * both for as long as it lives. */
static void c_check_escapes(c_walk *walk, borrow_state *state) {
  for (int b = 0; b < state->count; b++) {
    borrow *borrowed = &state->items[b];
    if (!borrowed->kept_in || borrowed->owned) continue;
    if (!walk->held_known) { /* one walk, only for functions that keep a scoped borrow */
      fl_stmt_walk_events(walk->fn->body, collect_held, &walk->held);
      walk->held_known = true;
    }
    if (ptrvec_has(&walk->held, borrowed->owner)) continue;
    const fl_expr *owner_expr = borrowed->api->arg >= 0 && (size_t)borrowed->api->arg < borrowed->call->nargs
                                    ? borrowed->call->args[borrowed->api->arg]
                                : borrowed->api->arg == -1 ? borrowed->call->object
                                                           : NULL;
    const fl_var *kept_root = expr_root_var(borrowed->kept_in);
    if (owner_expr && kept_root && expr_root_var(owner_expr) == kept_root &&
        fl_expr_strip_converts(owner_expr)->kind != FL_EXPR_NAME)
      continue;
    if (!once(&walk->reported_escapes, borrowed->call)) continue;
    const char *owner = owner_expr ? owner_expr->text : NULL;
    fl_finding *finding = fl_finding_new(
        FL_MK_RULE_ID, FL_SEV_MEDIUM, borrowed->kept_at, walk->fn->name, walk->fn->lang,
        "memory borrowed from '%s' by '%s' is kept in '%s' past this call, but nothing holds '%s': "
        "the value may be collected once the call returns; hold a reference to it for as long as the "
        "pointer is kept (napi_create_reference, Napi::Persistent), or copy the bytes",
        owner ? owner : "its owner", borrowed->call->callee ? borrowed->call->callee : "?",
        borrowed->kept_in->text ? borrowed->kept_in->text : "?", owner ? owner : "it");
    fl_finding_add_step(finding, borrowed->call->loc, "borrowed here");
    fl_finding_add_step(finding, borrowed->kept_at, "kept here");
    fl_rule_report(walk->ctx, finding);
  }
}

static void c_check_leaks(c_walk *walk, borrow_state *state, fl_loc exit_loc) {
  c_check_escapes(walk, state);
  for (int b = 0; b < state->count; b++) {
    borrow *borrowed = &state->items[b];
    if (!borrowed->api->pairs_with || borrowed->released) continue;
    if (!once(&walk->reported_leaks, borrowed->call)) continue;
    const char *release = borrowed->api->pairs_with;
    while (*release == '*') release++;
    fl_finding *finding = fl_finding_new(
        FL_MK_RULE_ID, FL_SEV_HIGH, exit_loc, walk->fn->name, walk->fn->lang,
        "'%s' from '%s' is not released on this path: call the paired '%s' before returning",
        borrowed->var ? borrowed->var->name : "the borrowed pointer", short_callee(borrowed->call->callee),
        release);
    fl_finding_add_step(finding, borrowed->call->loc, "borrowed here");
    fl_finding_add_step(finding, exit_loc, "returns without the release");
    fl_rule_report(walk->ctx, finding);
  }
}

static void c_walk_stmt(c_walk *walk, borrow_state *state, const fl_stmt *stmt);

/* Whether an arm of an `if` is one where a borrow failed, so that nothing
 * needs releasing there. A pointer borrow failed where it is NULL (`if
 * (!p)`, `if (p == NULL)`, `if (NULL == (p = Get(...)))`, the else of `if
 * (p)`), and a paired one also where a variable passed to the borrowing
 * call is (`if (array && elems) release(...)`: no array, nothing was
 * borrowed from it), while none of those was assigned since; a
 * status-returning borrow made in the condition (`if
 * (PyObject_GetBuffer(o, &v, f) < 0)`, `!= 0`, `== -1`, bare) failed where
 * the status is non-zero. `&&` and `||` combine their operands: the
 * else of `if (a && p)` is a failure only if both `!a` and `!p` are. */
typedef enum truth { TRUTH_UNKNOWN, TRUTH_ZERO, TRUTH_NONZERO } truth;

/* What `cond` evaluating to `holds` says of the value it tests, `*tested`:
 * `x` (non-zero when it holds), `x == k`, `k == x`, `x != k`, `x < 0` (a
 * negative status: non-zero), k a constant; *tested NULL for any other
 * binary condition. An assignment `(p = f())` is tested as it is. */
static truth tested_value(const fl_expr *cond, bool holds, const fl_expr **tested) {
  *tested = cond;
  if (cond->kind != FL_EXPR_BINARY || cond->op == FL_OP_ASSIGN) return holds ? TRUTH_NONZERO : TRUTH_ZERO;
  long k = 0;
  *tested = NULL;
  if (cond->op == FL_OP_LT) {
    if (!const_int(cond->index, &k) || k != 0) return TRUTH_UNKNOWN;
    *tested = cond->base;
    return holds ? TRUTH_NONZERO : TRUTH_UNKNOWN;
  }
  if (cond->op != FL_OP_EQ && cond->op != FL_OP_NE) return TRUTH_UNKNOWN;
  if (const_int(cond->index, &k)) *tested = cond->base;
  else if (const_int(cond->base, &k)) *tested = cond->index; /* NULL == p */
  else return TRUTH_UNKNOWN;
  bool equal = cond->op == FL_OP_EQ ? holds : !holds; /* the tested value equals k */
  if (k == 0) return equal ? TRUTH_ZERO : TRUTH_NONZERO;
  return equal ? TRUTH_NONZERO : TRUTH_UNKNOWN; /* status == -1 */
}

static bool implies_failed(const fl_expr *cond, bool holds, const borrow *borrowed) {
  cond = fl_expr_strip_converts(cond);
  if (!cond) return false;
  if (cond->kind == FL_EXPR_UNARY && cond->op == FL_OP_NOT && cond->base)
    return implies_failed(cond->base, !holds, borrowed);
  if (cond->kind == FL_EXPR_BINARY && (cond->op == FL_OP_LAND || cond->op == FL_OP_LOR)) {
    /* `a && b` false or `a || b` true: either operand may be why, both
     * must mean failure; `a && b` true or `a || b` false: either will do.
     * A borrow made in `b` exists only where `b` was evaluated: the else of
     * `if (s && (p = Get(...)) != NULL)` is `p == NULL`, or no `p` at all. */
    bool both = (cond->op == FL_OP_LAND) != holds;
    if (both && fl_mk_expr_mentions_event(cond->index, borrowed->call))
      return implies_failed(cond->index, holds, borrowed);
    bool left = implies_failed(cond->base, holds, borrowed);
    bool right = implies_failed(cond->index, holds, borrowed);
    return both ? left && right : left || right;
  }
  const fl_expr *operand;
  truth value = tested_value(cond, holds, &operand);
  operand = fl_expr_strip_converts(operand);
  if (operand && operand->kind == FL_EXPR_BINARY && operand->op == FL_OP_ASSIGN) {
    /* `(p = Get(...)) == NULL`: the pointer stored is tested; a status
     * stored (`(rc = PyObject_GetBuffer(...)) < 0`) is the call's. */
    const fl_expr *stored = fl_expr_strip_converts(operand->index);
    bool stores_pointer = operand->base && operand->base->type && operand->base->type->kind == FL_TYPE_POINTER;
    operand = !stores_pointer && stored && stored->kind == FL_EXPR_CALL ? stored : operand->base;
  }
  if (!operand) return false;
  if (operand->kind == FL_EXPR_CALL && operand->event && is_exception_query(operand->event))
    /* `if (env->ExceptionCheck())` right after the Get: it threw, so it failed */
    return value == TRUTH_NONZERO && is_jni_call(borrowed->call) && !borrowed->later_jni_call;
  if (operand->kind == FL_EXPR_CALL) /* a status: non-zero is failure */
    return value == TRUTH_NONZERO && operand->event == borrowed->call;
  if (value != TRUTH_ZERO || operand->kind != FL_EXPR_NAME || !operand->var) return false;
  return operand->var == borrowed->var ||
         (borrowed->api->pairs_with && !borrowed->args_written && is_plain_arg(borrowed->call, operand->var));
}

/* Marks the borrows that failed on the arm where `cond` evaluates to
 * `holds`. */
static void mark_failed(borrow_state *state, const fl_expr *cond, bool holds) {
  if (!cond) return;
  for (int b = 0; b < state->count; b++)
    if (implies_failed(cond, holds, &state->items[b])) state->items[b].released = true;
}

static void merge_into(borrow_state *merged, const borrow_state *branch) {
  if (branch->terminated) return;
  if (merged->terminated) {
    *merged = *branch;
    return;
  }
  /* A borrow is released after the join only if it was released on every
   * path into it; its owner counts as released if it was on any. */
  for (int b = 0; b < merged->count && b < branch->count; b++) {
    borrow *into = &merged->items[b];
    const borrow *from = &branch->items[b];
    into->released &= from->released;
    into->owned &= from->owned;
    if (from->owner_released && !into->owner_released) {
      into->owner_released = true;
      into->released_at = from->released_at;
    }
    into->slot_known &= from->slot_known && from->slot == into->slot;
    /* what makes a later test a failure check must hold on every path */
    into->args_written |= from->args_written;
    into->later_jni_call |= from->later_jni_call;
    if (!into->var) into->var = from->var;
  }
  merged->top_held_by_table &= branch->top_held_by_table;
  for (int b = merged->count; b < branch->count && merged->count < BORROW_MAX; b++)
    merged->items[merged->count++] = branch->items[b];
  merge_copies(merged, branch);
}

/* What an arm knows of plain flags (parameters and locals) from its `if`
 * condition holding (`holds`) or not: `v`, `!v`, `v == 0`, `v != 0`, the
 * conjuncts of `&&` where it holds, the disjuncts of `||` where it fails. */
static void flag_facts(const fl_expr *cond, bool holds, flag_guard *out, int *n) {
  cond = fl_expr_strip_converts(cond);
  if (!cond || *n >= GUARD_MAX) return;
  if (cond->kind == FL_EXPR_UNARY && cond->op == FL_OP_NOT) {
    flag_facts(cond->base, !holds, out, n);
  } else if (cond->kind == FL_EXPR_BINARY &&
             ((cond->op == FL_OP_LAND && holds) || (cond->op == FL_OP_LOR && !holds))) {
    flag_facts(cond->base, holds, out, n);
    flag_facts(cond->index, holds, out, n);
  } else {
    const fl_expr *tested;
    truth value = tested_value(cond, holds, &tested);
    tested = fl_expr_strip_converts(tested);
    if (value != TRUTH_UNKNOWN && tested && tested->kind == FL_EXPR_NAME && tested->var &&
        (tested->var->kind == FL_VAR_PARAM || tested->var->kind == FL_VAR_LOCAL))
      out[(*n)++] = (flag_guard){tested->var, value == TRUTH_NONZERO};
  }
}

/* Entering an arm that knows `facts`: a borrow made only where one of them
 * did not hold was never made on this path. */
static void enter_arm(c_walk *walk, borrow_state *state, const flag_guard *facts, int nfacts) {
  for (int b = 0; b < state->count; b++) {
    borrow *borrowed = &state->items[b];
    for (int g = 0; g < borrowed->nguards; g++)
      for (int f = 0; f < nfacts; f++)
        if (borrowed->guards[g].flag == facts[f].flag && borrowed->guards[g].truth != facts[f].truth)
          borrowed->released = true;
  }
  for (int f = 0; f < nfacts && walk->nguards < GUARD_MAX; f++) walk->guards[walk->nguards++] = facts[f];
}

/* One thing an arm of an `if` knows: `cond` evaluated to `holds`, or was
 * not evaluated at all (the right operand of a false `&&`: the borrows made
 * in it do not exist there). */
typedef struct arm_fact {
  const fl_expr *cond;
  bool holds;
  bool skipped;
} arm_fact;

/* Walks one arm (`kid`, or nothing: the fall-through of an `if` without
 * else) from `entry` knowing `facts` (the borrows they fail, the flags they
 * set), and merges the result into `merged`. */
static void walk_arm(c_walk *walk, const borrow_state *entry, borrow_state *branch,
                     borrow_state *merged, const fl_stmt *kid, const arm_fact *facts, int nfacts) {
  int saved_guards = walk->nguards;
  *branch = *entry;
  for (int f = 0; f < nfacts; f++) {
    if (facts[f].skipped) {
      for (int b = 0; b < branch->count; b++)
        if (fl_mk_expr_mentions_event(facts[f].cond, branch->items[b].call)) branch->items[b].released = true;
      continue;
    }
    flag_guard guards[GUARD_MAX];
    int nguards = 0;
    flag_facts(facts[f].cond, facts[f].holds, guards, &nguards);
    mark_failed(branch, facts[f].cond, facts[f].holds);
    enter_arm(walk, branch, guards, nguards);
  }
  if (kid) c_walk_stmt(walk, branch, kid);
  walk->nguards = saved_guards;
  merge_into(merged, branch);
}

/* The false side of an `if`: of `a && b` where a flag is tested, two ways
 * in, `!a` and `a && !b`, each knowing its own (hdf5-style `if (copy == 0
 * && data) release(...)`: a borrow made under `!copy` is either released
 * there or failed); else one. Only where a flag is tested, and at most
 * SPLITS_MAX times per function: each split walks the arm again. */
static void walk_false_side(c_walk *walk, const borrow_state *entry, borrow_state *branch,
                            borrow_state *merged, const fl_stmt *kid, const fl_expr *cond) {
  const fl_expr *bare = fl_expr_strip_converts(cond);
  if (bare && bare->kind == FL_EXPR_BINARY && bare->op == FL_OP_LAND) {
    flag_guard probe[GUARD_MAX];
    int nflags = 0;
    flag_facts(bare, true, probe, &nflags);
    if (nflags && walk->splits_left > 0) {
      walk->splits_left--;
      arm_fact left_false[2] = {{bare->base, false, false}, {bare->index, false, true}};
      arm_fact right_false[2] = {{bare->base, true, false}, {bare->index, false, false}};
      walk_arm(walk, entry, branch, merged, kid, left_false, 2);
      walk_arm(walk, entry, branch, merged, kid, right_false, 2);
      return;
    }
  }
  arm_fact is_false = {cond, false, false};
  walk_arm(walk, entry, branch, merged, kid, &is_false, 1);
}

static void c_walk_branches(c_walk *walk, borrow_state *state, const fl_stmt *stmt, size_t first,
                            bool entry_falls_through) {
  borrow_state *entry = malloc(sizeof *entry), *merged = malloc(sizeof *merged),
               *branch = malloc(sizeof *branch);
  if (!entry || !merged || !branch) abort();
  *entry = *state;
  merged->terminated = true;
  merged->count = 0;
  if (stmt->kind == FL_STMT_IF) {
    /* The then-arm knows the condition holds, the else-arm (or the
     * fall-through) that it does not. */
    const fl_stmt *then_kid = first < stmt->nkids ? stmt->kids[first] : NULL;
    const fl_stmt *else_kid = first + 1 < stmt->nkids ? stmt->kids[first + 1] : NULL;
    arm_fact holds = {stmt->expr, true, false};
    if (entry_falls_through) walk_false_side(walk, entry, branch, merged, NULL, stmt->expr);
    walk_arm(walk, entry, branch, merged, then_kid, &holds, 1);
    if (else_kid) walk_false_side(walk, entry, branch, merged, else_kid, stmt->expr);
  } else {
    if (entry_falls_through) walk_arm(walk, entry, branch, merged, NULL, NULL, 0);
    for (size_t i = first; i < stmt->nkids; i++) walk_arm(walk, entry, branch, merged, stmt->kids[i], NULL, 0);
  }
  *state = *merged;
  free(entry);
  free(merged);
  free(branch);
}

/* `return p` / `return (*env)->Get...(...)`: the caller gets the borrow. */
static void note_returned(borrow_state *state, const fl_stmt *ret) {
  if (ret->expr) note_handed_on(state, NULL, ret->expr, ret->loc);
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
      note_returned(state, stmt);
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

void fl_mk_check_c(fl_rule_ctx *ctx, const fl_function *fn) {
  c_walk walk = {.ctx = ctx, .fn = fn, .api = fl_rule_ctx_api(ctx), .reported_uses = FL_PTRVEC_INIT,
                 .reported_leaks = FL_PTRVEC_INIT, .reported_jni = FL_PTRVEC_INIT,
                 .reported_escapes = FL_PTRVEC_INIT, .held = FL_PTRVEC_INIT,
                 .splits_left = SPLITS_MAX};
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
  fl_ptrvec_free(&walk.reported_uses);
  fl_ptrvec_free(&walk.reported_leaks);
  fl_ptrvec_free(&walk.reported_jni);
  fl_ptrvec_free(&walk.reported_escapes);
  fl_ptrvec_free(&walk.held);
}
