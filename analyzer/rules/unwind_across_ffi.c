/* unwind-across-ffi: an exception, or a Go panic, escaping a function that C
 * calls (design.md §3, issues 2 and 3).
 *
 * Roots are the functions C can call: C++ bodies with C language linkage,
 * functions and captureless lambdas handed to C as callbacks, and Go
 * `//export` functions (the only way C enters Go, callbacks included).
 *
 * C++: prepare() summarises every C++ body once — its *sites* (throws,
 * explicit `new`, calls that may throw, each with the try scopes around it)
 * and the set of exception kinds that can leave it — iterating to a fixpoint
 * so recursion and call order do not matter. check_function() then only
 * reads the summaries: every site of a root through which an exception can
 * escape becomes one finding, with the call chain down to the origin as its
 * code flow. Severity follows what escapes (rules/unwind-across-ffi.yml).
 *
 * Go: a root without a deferred function that calls recover() directly.
 *
 * Documented decisions (docs/rules/unwind-across-ffi.md): a C++ callee with no
 * visible body, not noexcept and not C linkage is "unknown" (medium); an
 * unknown std:: function only allocates (silent unless `implicit-alloc`);
 * indirect calls without a model entry are not followed; destructors and
 * noexcept callees stop propagation (they terminate instead of unwinding). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/arena.h"
#include "../core/strmap.h"
#include "../core/vec.h"
#include "rule.h"

#define RULE_ID "unwind-across-ffi"

/* How bad an escaping exception is, in increasing order. */
typedef enum escape_class {
  ESC_NONE = 0,
  ESC_ALLOC,   /* only std::bad_alloc: allocation failure */
  ESC_UNKNOWN, /* a C++ callee we cannot see that is not declared noexcept */
  ESC_THROW,   /* a throw or a call the model knows to throw */
} escape_class;

/* One kind of exception that can escape: its normalised type (NULL = any
 * type: only `catch (...)` is known to catch it) and its class. */
typedef struct escape_kind {
  const char *type;
  escape_class cls;
} escape_kind;

/* A small set of kinds. When it would overflow it collapses into one
 * any-typed kind of the highest class, which only `catch (...)` covers; the
 * set therefore only ever grows, which the fixpoint relies on. */
#define ESCAPE_MAX_KINDS 6
typedef struct escape_set {
  escape_kind kinds[ESCAPE_MAX_KINDS];
  size_t count;
} escape_set;

/* The handlers of a try statement around a site; `outer` is the next try
 * out. Handler types are normalised once, when the sites are collected. */
typedef struct try_scope {
  bool catch_all;        /* has `catch (...)` */
  const char **handlers; /* normalised caught types */
  size_t nhandlers;
  const struct try_scope *outer;
} try_scope;

/* Where an exception can start or pass through inside one function. */
typedef struct site {
  const fl_event *event;
  const fl_function *callee; /* C++ body to follow, or NULL */
  escape_set own;            /* what the event raises by itself */
  const try_scope *scope;    /* enclosing try scopes, NULL at top level */
  /* As the origin of exceptions that roots reach through their callees
   * (a shared error helper): how many roots do, and the one (smallest id)
   * whose finding reports it for all. */
  size_t nroots;
  const struct fl_function *first_root;
  const struct fl_function *counted_root; /* the last root counted in nroots */
} site;

typedef struct fn_summary {
  const fl_function *fn;
  site **sites; /* source order */
  size_t nsites;
  escape_set escapes; /* what can leave the function (fixpoint result) */
} fn_summary;

typedef struct unwind_state {
  fl_arena *arena;
  const fl_program *program;
  bool implicit_alloc;   /* option `implicit-alloc`: container growth counts */
  fn_summary *summaries; /* sorted by fn pointer */
  size_t nsummaries;
  fl_strmap *callbacks; /* function id or name -> FL_FACT_CALLBACK fact */
  fl_strmap *exports;   /* Go name -> FL_FACT_EXPORT fact */
  fl_strmap *overriders; /* C++ method id -> override_link* (arena): the methods
                            overriding it directly (FL_FACT_OVERRIDES) */
  fl_strmap *bases;     /* normalised class name -> type_link* (arena): what it derives from */
  fl_strmap *derived;   /* normalised class name -> (void *)1: something derives from it */
  fl_strmap *registrar_scopes; /* registrar (FL_API_REGISTERS_CALLBACK) -> try_scope* (arena): the
                                  handler its wrapper puts around the callback; built in
                                  prepare (checks run in parallel) */
} unwind_state;

typedef struct override_link {
  const char *id;
  const struct override_link *next;
} override_link;

/* --- Names --------------------------------------------------------------- */

/* Inline namespaces that libstdc++/libc++ put into qualified names. */
static const char *const inline_namespaces[] = {"__cxx11::", "__1::", "_V2::", "__debug::"};

static bool starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Copies `name` into `arena` without template arguments and inline
 * namespaces, so `std::__cxx11::basic_string<char>::at` and
 * `std::vector<int>::at` match the model's `std::basic_string::at` and
 * `std::vector::at`. NULL in, NULL out. */
static const char *callee_key(fl_arena *arena, const char *name) {
  if (!name) return NULL;
  size_t len = strlen(name);
  char *key = fl_arena_alloc(arena, len + 1);
  size_t out = 0;
  int depth = 0;
  for (size_t i = 0; i < len; i++) {
    char c = name[i];
    /* `operator<` and friends are names, not template arguments. */
    bool operator_name = (i >= 8 && strncmp(name + i - 8, "operator", 8) == 0) ||
                         (i >= 9 && strncmp(name + i - 9, "operator<", 9) == 0);
    if (c == '<' && !operator_name) {
      depth++;
      continue;
    }
    if (c == '>' && depth > 0) {
      depth--;
      continue;
    }
    if (depth > 0) continue;
    bool skipped = false;
    for (size_t n = 0; n < sizeof inline_namespaces / sizeof *inline_namespaces; n++)
      if (starts_with(name + i, inline_namespaces[n]) && (i == 0 || name[i - 1] == ':')) {
        i += strlen(inline_namespaces[n]) - 1;
        skipped = true;
        break;
      }
    if (!skipped) key[out++] = c;
  }
  key[out] = '\0';
  return key;
}

static bool is_ident_char(char c) {
  return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* The type of a throw or handler as the coverage check compares it:
 * qualifiers, references, `class`/`struct` and spaces removed, inline
 * namespaces dropped ("const std::out_of_range &" -> "std::out_of_range").
 * NULL or empty in, NULL out (= unknown type). */
static const char *type_key(fl_arena *arena, const char *spelling) {
  if (!spelling || !*spelling) return NULL;
  static const char *const dropped_words[] = {"const", "volatile", "class", "struct", "typename"};
  size_t len = strlen(spelling);
  char *key = fl_arena_alloc(arena, len + 1);
  size_t out = 0;
  for (size_t i = 0; i < len;) {
    bool word_start = i == 0 || !is_ident_char(spelling[i - 1]);
    bool dropped = false;
    for (size_t w = 0; word_start && w < sizeof dropped_words / sizeof *dropped_words; w++) {
      size_t n = strlen(dropped_words[w]);
      if (strncmp(spelling + i, dropped_words[w], n) == 0 &&
          (spelling[i + n] == ' ' || spelling[i + n] == '\0' || spelling[i + n] == '&' ||
           spelling[i + n] == '*')) {
        i += n;
        dropped = true;
        break;
      }
    }
    if (dropped) continue;
    if (spelling[i] != ' ' && spelling[i] != '&') key[out++] = spelling[i];
    i++;
  }
  key[out] = '\0';
  const char *normal = callee_key(arena, key);
  if (starts_with(normal, "::")) normal += 2;
  return *normal ? normal : NULL;
}

static bool is_std_library(const char *key) {
  return starts_with(key, "std::") || starts_with(key, "__gnu_cxx::") ||
         starts_with(key, "__cxxabiv1::");
}

/* --- Exception kinds and handlers ---------------------------------------- */

/* Standard exceptions and the standard bases they derive from (flattened). */
static const struct {
  const char *base;
  const char *derived;
} std_bases[] = {
    {"std::logic_error", "std::invalid_argument"},
    {"std::logic_error", "std::domain_error"},
    {"std::logic_error", "std::length_error"},
    {"std::logic_error", "std::out_of_range"},
    {"std::logic_error", "std::future_error"},
    {"std::runtime_error", "std::range_error"},
    {"std::runtime_error", "std::overflow_error"},
    {"std::runtime_error", "std::underflow_error"},
    {"std::runtime_error", "std::regex_error"},
    {"std::runtime_error", "std::system_error"},
    {"std::runtime_error", "std::ios_base::failure"},
    {"std::runtime_error", "std::filesystem::filesystem_error"},
    {"std::system_error", "std::ios_base::failure"},
    {"std::system_error", "std::filesystem::filesystem_error"},
    {"std::bad_alloc", "std::bad_array_new_length"},
    {"std::bad_cast", "std::bad_any_cast"},
};

/* True when a handler for `handler` catches an exception of type `type`,
 * by the standard library's hierarchy: std::exception catches every std::
 * exception. */
static bool std_handler_covers(const char *handler, const char *type) {
  if (strcmp(handler, type) == 0) return true;
  if (strcmp(handler, "std::exception") == 0) return is_std_library(type);
  for (size_t i = 0; i < sizeof std_bases / sizeof *std_bases; i++)
    if (strcmp(std_bases[i].base, handler) == 0 && strcmp(std_bases[i].derived, type) == 0)
      return true;
  return false;
}

typedef struct type_link {
  const char *type; /* normalised (type_key) */
  const struct type_link *next;
} type_link;

#define ANCESTORS_MAX 32

/* True when a handler for `handler` catches `type`: the standard
 * hierarchy, or through the classes `type` derives from (FL_FACT_BASE:
 * user classes, and the library classes the unit throws or catches). */
static bool handler_covers(const fl_strmap *bases, const char *handler, const char *type) {
  if (!type) return false;
  const char *seen[ANCESTORS_MAX];
  size_t count = 0;
  seen[count++] = type;
  for (size_t at = 0; at < count; at++) {
    if (std_handler_covers(handler, seen[at])) return true;
    for (const type_link *link = bases ? fl_strmap_get(bases, seen[at]) : NULL; link && count < ANCESTORS_MAX;
         link = link->next) {
      bool dup = false;
      for (size_t k = 0; k < count; k++) dup |= strcmp(seen[k], link->type) == 0;
      if (!dup) seen[count++] = link->type;
    }
  }
  return false;
}

static escape_class escape_set_max(const escape_set *set) {
  escape_class max = ESC_NONE;
  for (size_t i = 0; i < set->count; i++)
    if (set->kinds[i].cls > max) max = set->kinds[i].cls;
  return max;
}

static bool kind_same(escape_kind a, escape_kind b) {
  if (a.cls != b.cls) return false;
  if (!a.type || !b.type) return a.type == b.type;
  return strcmp(a.type, b.type) == 0;
}

/* Adds `kind`; returns true when the set changed. An any-typed kind absorbs
 * kinds of its class or lower (only catch (...) covers either). */
static bool escape_set_add(escape_set *set, escape_kind kind) {
  if (kind.cls == ESC_NONE) return false;
  for (size_t i = 0; i < set->count; i++) {
    if (kind_same(set->kinds[i], kind)) return false;
    if (!set->kinds[i].type && set->kinds[i].cls >= kind.cls) return false;
  }
  if (!kind.type) {
    size_t kept = 0;
    for (size_t i = 0; i < set->count; i++)
      if (set->kinds[i].cls > kind.cls) set->kinds[kept++] = set->kinds[i];
    set->count = kept;
  }
  if (set->count == ESCAPE_MAX_KINDS) {
    escape_class max = escape_set_max(set);
    set->kinds[0] = (escape_kind){NULL, kind.cls > max ? kind.cls : max};
    set->count = 1;
    return true;
  }
  set->kinds[set->count++] = kind;
  return true;
}

static bool escape_set_union(escape_set *into, const escape_set *from) {
  bool changed = false;
  for (size_t i = 0; i < from->count; i++) changed |= escape_set_add(into, from->kinds[i]);
  return changed;
}

/* Removes from `set` what the handlers of the try scopes catch. */
static void escape_set_filter(const fl_strmap *bases, escape_set *set, const try_scope *scope) {
  for (; scope && set->count; scope = scope->outer) {
    if (scope->catch_all) {
      set->count = 0;
      return;
    }
    size_t kept = 0;
    for (size_t i = 0; i < set->count; i++) {
      bool covered = false;
      for (size_t h = 0; h < scope->nhandlers && !covered; h++)
        covered = handler_covers(bases, scope->handlers[h], set->kinds[i].type);
      if (!covered) set->kinds[kept++] = set->kinds[i];
    }
    set->count = kept;
  }
}

/* --- Summaries ----------------------------------------------------------- */

static int summary_compare(const void *a, const void *b) {
  uintptr_t x = (uintptr_t)((const fn_summary *)a)->fn, y = (uintptr_t)((const fn_summary *)b)->fn;
  return x < y ? -1 : x > y;
}

static const fn_summary *summary_of(const unwind_state *state, const fl_function *fn) {
  if (!fn) return NULL;
  fn_summary key = {.fn = fn};
  return bsearch(&key, state->summaries, state->nsummaries, sizeof key, summary_compare);
}

/* What a site lets out of its function, given the current summaries. */
static escape_set site_escapes(const unwind_state *state, const site *s) {
  escape_set set = s->own;
  const fn_summary *callee = summary_of(state, s->callee);
  if (callee) escape_set_union(&set, &callee->escapes);
  escape_set_filter(state->bases, &set, s->scope);
  return set;
}

/* Exceptions that leave a function with one of these flags end in
 * std::terminate (noexcept) or are impossible (C), not in the caller. */
static bool callee_stops_unwinding(const fl_event *call, const fl_function *callee) {
  if (call->flags & (FL_EV_CALLEE_NOEXCEPT | FL_EV_CALLEE_C_LINKAGE)) return true;
  if (callee && (callee->flags & (FL_FN_NOEXCEPT | FL_FN_DESTRUCTOR | FL_FN_C_LINKAGE)))
    return true;
  if (callee && callee->lang != FL_LANG_CXX) return true;
  return false;
}

/* Classifies one CALL: fills `s->own` from the API model or the callee's
 * visibility and sets `s->callee` when its body is to be followed. */
/* A body of the program's own: not an installed library's, lowered only
 * for its callers (FL_FN_LIBRARY). */
static bool is_program_body(const fl_function *fn) {
  return fn && fn->body && !(fn->flags & FL_FN_LIBRARY);
}

static void classify_call(unwind_state *state, site *s) {
  const fl_event *call = s->event;
  /* RAII destructors run at scope exit; destructors are implicitly noexcept. */
  if (call->flags & FL_EV_DEFERRED) return;
  if (!call->callee && !call->callee_id) return;
  if (call->callee && strstr(call->callee, "::~")) return;
  const fl_function *callee = fl_program_callee(state->program, call);
  if (callee_stops_unwinding(call, callee)) return;
  /* The code a library macro writes into the user's file (the PyInit_x
   * PYBIND11_MODULE defines: get_internals before its try) is the
   * library's, which the user cannot change: its calls into the library
   * (no visible body, or one lowered only for its callers: FL_FN_LIBRARY)
   * are not reported. Its call into the user's code (the module's init
   * body) is followed, and so is the body the user writes after such a
   * macro (NAPI_MODULE_INIT). */
  if ((call->flags & FL_EV_LIBRARY_MACRO) && !is_program_body(callee)) return;

  const char *key = callee_key(state->arena, call->callee);
  if (key && starts_with(key, "__builtin")) return;
  const fl_api *api = fl_program_api(state->program);
  const fl_api_entry *throws = key ? fl_api_lookup(api, key, FL_API_THROWS) : NULL;
  if (throws || (call->flags & FL_EV_MAY_THROW)) {
    const char *thrown = throws && throws->pairs_with ? throws->pairs_with : "std::exception";
    escape_set_add(&s->own, (escape_kind){type_key(state->arena, thrown), ESC_THROW});
    return;
  }
  if (key && fl_api_lookup(api, key, FL_API_NOTHROW)) return;
  bool alloc_only = (key && fl_api_lookup(api, key, FL_API_THROWS_ALLOC)) ||
                    (call->flags & FL_EV_ALLOCATES) || (key && is_std_library(key)) ||
                    /* making an empty value or copying one allocates at most (SWIG copies
                     * every returned object outside its try); a body of the program's own
                     * is followed, a library's (lowered for its accessors) is not */
                    ((call->flags & FL_EV_SPECIAL_MEMBER) && !is_program_body(callee));
  if (alloc_only) {
    if (state->implicit_alloc) escape_set_add(&s->own, (escape_kind){"std::bad_alloc", ESC_ALLOC});
    return;
  }
  if (callee && callee->body) {
    s->callee = callee;
    return;
  }
  /* Through a function pointer we do not know the target; flagging every
   * callback invocation would bury the real findings. */
  if (call->flags & FL_EV_INDIRECT) return;
  escape_set_add(&s->own, (escape_kind){NULL, ESC_UNKNOWN});
}

/* The scope of try statement `try_stmt` (kids: body, catch...) inside `outer`. */
static try_scope *try_scope_new(fl_arena *arena, const fl_stmt *try_stmt, const try_scope *outer) {
  try_scope *scope = FL_ARENA_NEW(arena, try_scope);
  scope->outer = outer;
  scope->handlers =
      try_stmt->nkids > 1 ? FL_ARENA_ARRAY(arena, const char *, try_stmt->nkids - 1) : NULL;
  for (size_t i = 1; i < try_stmt->nkids; i++) {
    const fl_stmt *handler = try_stmt->kids[i];
    if (!handler || handler->kind != FL_STMT_CATCH) continue;
    const char *type = type_key(arena, handler->label);
    if (!handler->label || !type)
      scope->catch_all = true;
    else
      scope->handlers[scope->nhandlers++] = type;
  }
  return scope;
}

typedef struct site_walk {
  unwind_state *state;
  fl_ptrvec *sites;
} site_walk;

#define OVERRIDERS_MAX 64

/* Whether anything in the program derives from the class of the method a
 * call names (FL_FACT_BASE): its overrides may be in a template libclang
 * cannot resolve them in (SWIG's SwigPyIteratorOpen_T over a dependent
 * base). True when the class is unknown: the finding is kept. */
static bool has_subclass(const unwind_state *state, const fl_event *call) {
  const fl_function *method = fl_program_find_function(state->program, call->callee_id, NULL);
  const char *class_name = method ? type_key(state->arena, method->receiver_type) : NULL;
  return !class_name || fl_strmap_get(state->derived, class_name) != NULL;
}

/* A virtual call runs the method it names or any override of it in the
 * program (node-addon-api's AsyncWorker::OnExecute calls the Execute each
 * worker class defines): one more site per override with a body, so each
 * is followed and reported where it throws. A pure virtual method has no
 * body to run: only its overrides count. With none in the program, a call
 * on `this` is the abstract class's own code (AsyncWorker::OnExecute
 * calling Execute) and no object of it exists: nothing runs; a call from
 * outside (`db->Put()` on leveldb::DB, implemented in a unit not analysed)
 * stays an unknown callee. */
static void add_override_sites(site_walk *walk, site *s) {
  const fl_event *call = s->event;
  if (!call->callee_id) return;
  const char *ids[OVERRIDERS_MAX];
  size_t count = 0;
  ids[count++] = call->callee_id;
  for (size_t at = 0; at < count; at++) { /* breadth first: overrides of overrides */
    const override_link *link = fl_strmap_get(walk->state->overriders, ids[at]);
    for (; link && count < OVERRIDERS_MAX; link = link->next) {
      bool seen = false;
      for (size_t k = 0; k < count; k++) seen |= strcmp(ids[k], link->id) == 0;
      if (!seen) ids[count++] = link->id;
    }
  }
  if (call->flags & FL_EV_CALLEE_PURE) {
    const fl_expr *object = call->object ? fl_expr_strip_converts(call->object) : NULL;
    bool on_this = object && object->kind == FL_EXPR_NAME &&
                   ((object->var && object->var->kind == FL_VAR_RECEIVER) ||
                    (object->name && strcmp(object->name, "this") == 0));
    if (count > 1 || (on_this && !has_subclass(walk->state, call)))
      s->own.count = 0; /* the unknown body that cannot run */
  }
  for (size_t i = 1; i < count; i++) {
    const fl_function *fn = fl_program_find_function(walk->state->program, ids[i], NULL);
    if (!fn || !fn->body || fn->lang != FL_LANG_CXX || callee_stops_unwinding(call, fn)) continue;
    site *extra = FL_ARENA_NEW(walk->state->arena, site);
    extra->event = call;
    extra->scope = s->scope;
    extra->callee = fn;
    fl_ptrvec_push(walk->sites, extra);
  }
}

/* Collects the sites under `stmt`. `scope` is the chain of try statements
 * whose body encloses it; `handler` the innermost catch it is in (for what
 * `throw;` rethrows). Lambda bodies (CLOSURE) run elsewhere: they are their
 * own functions. */
static void collect_sites(site_walk *walk, const fl_stmt *stmt, const try_scope *scope,
                          const fl_stmt *handler) {
  if (!stmt || stmt->kind == FL_STMT_CLOSURE) return;
  if (stmt->kind == FL_STMT_TRY) {
    try_scope *inner = try_scope_new(walk->state->arena, stmt, scope);
    if (stmt->nkids > 0) collect_sites(walk, stmt->kids[0], inner, handler);
    for (size_t i = 1; i < stmt->nkids; i++) collect_sites(walk, stmt->kids[i], scope, handler);
    return;
  }
  if (stmt->kind == FL_STMT_CATCH) handler = stmt;
  if (stmt->kind == FL_STMT_EVENT && stmt->event) {
    const fl_event *event = stmt->event;
    site *s = FL_ARENA_NEW(walk->state->arena, site);
    s->event = event;
    s->scope = scope;
    if (event->kind == FL_EV_THROW) {
      const char *type;
      if (event->flags & FL_EV_RETHROW)
        type = handler ? type_key(walk->state->arena, handler->label) : NULL;
      else
        type = type_key(walk->state->arena, event->to_type ? event->to_type->name : NULL);
      escape_set_add(&s->own, (escape_kind){type, ESC_THROW});
    } else if (event->kind == FL_EV_ALLOC && (event->flags & FL_EV_ALLOCATES)) {
      escape_set_add(&s->own, (escape_kind){"std::bad_alloc", ESC_ALLOC});
    } else if (event->kind == FL_EV_CALL) {
      classify_call(walk->state, s);
      if (event->flags & FL_EV_VIRTUAL) add_override_sites(walk, s);
    }
    if (s->own.count || s->callee) fl_ptrvec_push(walk->sites, s);
  }
  for (size_t i = 0; i < stmt->nkids; i++) collect_sites(walk, stmt->kids[i], scope, handler);
}

/* Recomputes every summary from its sites until nothing changes. Sets only
 * grow and are bounded, so this terminates; the pass cap is a guard. */
static void summaries_fixpoint(unwind_state *state) {
  for (int pass = 0; pass < 64; pass++) {
    bool changed = false;
    for (size_t i = 0; i < state->nsummaries; i++) {
      fn_summary *summary = &state->summaries[i];
      for (size_t k = 0; k < summary->nsites; k++) {
        escape_set out = site_escapes(state, summary->sites[k]);
        changed |= escape_set_union(&summary->escapes, &out);
      }
    }
    if (!changed) return;
  }
}

/* The handler a registrar's own wrapper puts around the callback it hands
 * to C (node-addon-api's WrapCallback catches Napi::Error), kept as a try
 * scope to put around the whole root. */
static void note_registrar(unwind_state *state, const char *registrar) {
  const fl_api_entry *entry = fl_api_lookup(fl_program_api(state->program), registrar, FL_API_REGISTERS_CALLBACK);
  if (!entry || !entry->pairs_with) return;
  try_scope *scope = FL_ARENA_NEW(state->arena, try_scope);
  const char **handler = FL_ARENA_NEW(state->arena, const char *);
  *handler = type_key(state->arena, entry->pairs_with);
  scope->handlers = handler;
  scope->nhandlers = 1;
  fl_strmap_put(state->registrar_scopes, registrar, scope);
}

static void index_facts(unwind_state *state) {
  for (size_t u = 0; u < fl_program_unit_count(state->program); u++) {
    const fl_unit *unit = fl_program_unit(state->program, u);
    for (size_t i = 0; i < unit->nfacts; i++) {
      fl_fact *fact = unit->facts[i];
      if (!fact->subject) continue;
      if (fact->kind == FL_FACT_CALLBACK && !fl_strmap_get(state->callbacks, fact->subject))
        fl_strmap_put(state->callbacks, fact->subject, fact);
      if (fact->kind == FL_FACT_CALLBACK && fact->object && !fl_strmap_get(state->registrar_scopes, fact->object))
        note_registrar(state, fact->object);
      if (fact->kind == FL_FACT_EXPORT && !fl_strmap_get(state->exports, fact->subject))
        fl_strmap_put(state->exports, fact->subject, fact);
      if (fact->kind == FL_FACT_BASE && fact->object) {
        const char *derived = type_key(state->arena, fact->subject);
        type_link *link = FL_ARENA_NEW(state->arena, type_link);
        link->type = type_key(state->arena, fact->object);
        link->next = fl_strmap_get(state->bases, derived);
        if (derived && link->type) {
          fl_strmap_put(state->bases, derived, link);
          fl_strmap_put(state->derived, link->type, (void *)1);
        }
      }
      if (fact->kind == FL_FACT_OVERRIDES && fact->object) {
        override_link *link = FL_ARENA_NEW(state->arena, override_link);
        link->id = fact->subject;
        link->next = fl_strmap_get(state->overriders, fact->object);
        fl_strmap_put(state->overriders, fact->object, link);
      }
    }
  }
}

static void unwind_release(void *opaque);
static void note_shared_origins(unwind_state *state);

/* Builds the rule state: fact indexes and a summary for every C++ body.
 * Owned by the engine; freed with unwind_release(). */
static void *unwind_prepare(const fl_program *program, const fl_rule_settings *settings) {
  unwind_state *state = calloc(1, sizeof *state);
  if (!state) abort();
  state->arena = fl_arena_new();
  state->program = program;
  state->implicit_alloc = fl_rule_settings_get_bool(settings, "implicit-alloc", false);
  state->callbacks = fl_strmap_new();
  state->exports = fl_strmap_new();
  state->overriders = fl_strmap_new();
  state->bases = fl_strmap_new();
  state->derived = fl_strmap_new();
  state->registrar_scopes = fl_strmap_new();
  index_facts(state);

  size_t nfunctions = fl_program_function_count(program), count = 0;
  state->summaries = nfunctions ? calloc(nfunctions, sizeof *state->summaries) : NULL;
  if (nfunctions && !state->summaries) abort();
  for (size_t i = 0; i < nfunctions; i++) {
    const fl_function *fn = fl_program_function(program, i);
    if (fn->lang == FL_LANG_CXX && fn->body) state->summaries[count++].fn = fn;
  }
  state->nsummaries = count;
  /* Sort before collecting: classify_call never needs other summaries, but
   * summary_of() must work as soon as the fixpoint starts. */
  if (count) qsort(state->summaries, count, sizeof *state->summaries, summary_compare);
  for (size_t i = 0; i < count; i++) {
    fl_ptrvec sites = FL_PTRVEC_INIT;
    site_walk walk = {state, &sites};
    collect_sites(&walk, state->summaries[i].fn->body, NULL, NULL);
    state->summaries[i].sites =
        (site **)fl_ptrvec_freeze(&sites, state->arena, &state->summaries[i].nsites);
  }
  summaries_fixpoint(state);
  note_shared_origins(state);
  return state;
}

static void unwind_release(void *opaque) {
  unwind_state *state = opaque;
  if (!state) return;
  fl_strmap_free(state->callbacks);
  fl_strmap_free(state->exports);
  fl_strmap_free(state->overriders);
  fl_strmap_free(state->bases);
  fl_strmap_free(state->derived);
  fl_strmap_free(state->registrar_scopes);
  free(state->summaries);
  fl_arena_free(state->arena);
  free(state);
}

/* --- Roots --------------------------------------------------------------- */

/* The FL_FACT_CALLBACK fact naming `fn`, or NULL. */
static const fl_fact *callback_fact(const unwind_state *state, const fl_function *fn) {
  const fl_fact *fact = fn->id ? fl_strmap_get(state->callbacks, fn->id) : NULL;
  if (!fact && fn->name) fact = fl_strmap_get(state->callbacks, fn->name);
  return fact;
}

/* Describes how C reaches `fn` ("extern \"C\" function 'f'", "callback 'f'
 * handed to C through 'reg'") into `buf` (may be NULL: only whether it
 * can), or returns false when C cannot call it. */
static bool describe_root(const unwind_state *state, const fl_function *fn, fl_strbuf *buf) {
  const fl_fact *fact = callback_fact(state, fn);
  const char *name = fn->name ? fn->name : "?";
  const char *what = (fn->flags & FL_FN_LAMBDA) ? "callback lambda" : "callback";
  if (fn->lang == FL_LANG_GO) {
    /* C enters Go only through //export functions (cgo's rule): a Go
     * callback kept in a table or a cgo.Handle runs beneath the exported
     * dispatcher, whose recover() covers it. So exports are the roots. */
    const fl_fact *export = fl_strmap_get(state->exports, name);
    if (!(fn->flags & FL_FN_EXPORTED) && !export) return false;
    /* purego.NewCallback(f) hands f to C without cgo (frontend/go/purego.c). */
    if (export && export->object && strncmp(export->object, "purego.", 7) == 0) {
      if (buf) fl_strbuf_printf(buf, "Go callback '%s' handed to C through '%s'", name, export->object);
      return true;
    }
    if (buf) fl_strbuf_printf(buf, "exported (//export) Go %s '%s'",
                     fact || (fn->flags & FL_FN_CALLBACK) ? "callback" : "function", name);
    return true;
  }
  if (fn->lang == FL_LANG_CXX && (fn->flags & FL_FN_C_LINKAGE) && !(fn->flags & FL_FN_LAMBDA)) {
    if (buf) fl_strbuf_printf(buf, "extern \"C\" function '%s'", name);
    return true;
  }
  if (fact && fact->object) {
    /* the C function it was passed to, or the library table holding it */
    if (buf) fl_strbuf_printf(buf, "%s '%s' handed to C through '%s'", what, name, fact->object);
    return true;
  }
  if (fact || (fn->flags & FL_FN_CALLBACK)) {
    if (buf) fl_strbuf_printf(buf, "%s '%s' passed to C", what, name);
    return true;
  }
  return false;
}

/* --- C++ findings -------------------------------------------------------- */

static fl_severity severity_for(escape_class cls, bool root_noexcept) {
  fl_severity severity = cls == ESC_THROW     ? FL_SEV_HIGH
                         : cls == ESC_UNKNOWN ? FL_SEV_MEDIUM
                                              : FL_SEV_LOW;
  /* noexcept turns the undefined unwind into a defined std::terminate. */
  if (root_noexcept && severity > FL_SEV_LOW) severity--;
  return severity;
}

/* Does `set` raise one of the kinds of class `cls` in `wanted`? */
static bool set_shares_kind(const escape_set *set, const escape_set *wanted, escape_class cls) {
  for (size_t i = 0; i < set->count; i++)
    for (size_t j = 0; j < wanted->count; j++) {
      escape_kind have = set->kinds[i], want = wanted->kinds[j];
      if (want.cls == cls && have.cls == want.cls &&
          (!want.type || (have.type && strcmp(have.type, want.type) == 0)))
        return true;
    }
  return false;
}

/* The site of `summary` through which the worst kinds in `wanted` leave it
 * (the finding's severity is theirs: a `new` before a throwing call is not
 * its origin): the first one sharing such a kind, else the first one of
 * that class that escapes (after a collapse the kinds no longer name their
 * origin). */
static const site *chain_next(const unwind_state *state, const fn_summary *summary,
                              const escape_set *wanted, escape_set *out) {
  escape_class worst = escape_set_max(wanted);
  const site *fallback = NULL;
  escape_set fallback_set = {0};
  for (size_t i = 0; i < summary->nsites; i++) {
    escape_set set = site_escapes(state, summary->sites[i]);
    if (!set.count) continue;
    if (set_shares_kind(&set, wanted, worst)) {
      *out = set;
      return summary->sites[i];
    }
    if (!fallback && escape_set_max(&set) >= worst) {
      fallback = summary->sites[i];
      fallback_set = set;
    }
  }
  *out = fallback_set;
  return fallback;
}

/* What starts the exception at `origin`, for the message. */
static void describe_origin(const site *origin, const escape_set *escaped, fl_strbuf *buf) {
  const fl_event *event = origin->event;
  const char *type = escaped->count == 1 ? escaped->kinds[0].type : NULL;
  if (event->kind == FL_EV_THROW) {
    if (event->flags & FL_EV_RETHROW)
      fl_strbuf_printf(buf, "rethrown exception%s%s%s", type ? " '" : "", type ? type : "",
                       type ? "'" : "");
    else if (type)
      fl_strbuf_printf(buf, "exception '%s'", type);
    else
      fl_strbuf_append(buf, "exception");
  } else if (event->kind == FL_EV_ALLOC) {
    fl_strbuf_append(buf, "std::bad_alloc from 'new'");
  } else if (escape_set_max(escaped) == ESC_UNKNOWN) {
    fl_strbuf_printf(buf, "exception from '%s' (C++, not noexcept, body not visible)",
                     event->callee ? event->callee : "?");
  } else if (escape_set_max(escaped) == ESC_ALLOC) {
    fl_strbuf_printf(buf, "std::bad_alloc from '%s'", event->callee ? event->callee : "?");
  } else {
    fl_strbuf_printf(buf, "exception from '%s'", event->callee ? event->callee : "?");
  }
}

static const char *origin_step_message(const site *origin, const escape_set *escaped,
                                       fl_strbuf *buf) {
  const char *type = escaped->count == 1 ? escaped->kinds[0].type : NULL;
  const fl_event *event = origin->event;
  if (event->kind == FL_EV_THROW)
    fl_strbuf_printf(buf, "%s %s", (event->flags & FL_EV_RETHROW) ? "rethrows" : "throws",
                     type ? type : "an exception");
  else if (event->kind == FL_EV_ALLOC)
    fl_strbuf_append(buf, "'new' throws std::bad_alloc when allocation fails");
  else if (escape_set_max(escaped) == ESC_UNKNOWN)
    fl_strbuf_printf(buf, "'%s' may throw: not noexcept and its body is not visible",
                     event->callee ? event->callee : "?");
  else
    fl_strbuf_printf(buf, "'%s' may throw %s", event->callee ? event->callee : "?",
                     type ? type : "an exception");
  return buf->data;
}

#define CHAIN_MAX 32

/* Follows an escaping site of a root down through its callees to where the
 * exception starts (the throw, the model-known call, the invisible callee):
 * fills chain[0..depth) from `start`, sets *origin_set to what the last one
 * raises, and returns depth. */
static size_t follow_chain(const unwind_state *state, site *start, escape_set escaped,
                           site **chain, escape_set *origin_set) {
  size_t depth = 0;
  chain[depth++] = start;
  const site *at = start;
  escape_set wanted = escaped;
  *origin_set = escaped;
  while (at->callee && depth < CHAIN_MAX) {
    const fn_summary *summary = summary_of(state, at->callee);
    escape_set next_set;
    site *next = summary ? (site *)chain_next(state, summary, &wanted, &next_set) : NULL;
    if (!next) break;
    bool cycle = false;
    for (size_t i = 0; i < depth; i++) cycle |= chain[i] == next;
    if (cycle) break;
    chain[depth++] = next;
    *origin_set = next_set;
    wanted = next_set;
    at = next;
  }
  return depth;
}

static const char *function_key(const fl_function *fn) { return fn->id ? fn->id : fn->name ? fn->name : ""; }

/* Reports one escaping site of a C++ root, following its chain down to the
 * throw, the model-known call or the invisible callee where it starts. An
 * origin inside a callee that several roots reach (SWIG's shared exception
 * handler: 719 wrappers in xapian's Java bindings) is one fix, in that
 * callee: it is reported once, at the root with the smallest id, with the
 * count of the others. */
static void report_cxx_site(fl_rule_ctx *ctx, const fl_function *root, const char *root_text,
                            site *start, escape_set escaped) {
  const unwind_state *state = fl_rule_ctx_state(ctx);
  site *chain[CHAIN_MAX];
  escape_set origin_set;
  size_t depth = follow_chain(state, start, escaped, chain, &origin_set);
  const site *origin = chain[depth - 1];
  size_t others = 0;
  if (depth > 1 && origin->nroots > 1) {
    if (origin->first_root != root) return;
    others = origin->nroots - 1;
  }
  bool root_noexcept = (root->flags & FL_FN_NOEXCEPT) != 0;
  fl_severity severity = severity_for(escape_set_max(&escaped), root_noexcept);

  fl_strbuf origin_text = FL_STRBUF_INIT, via = FL_STRBUF_INIT, step = FL_STRBUF_INIT;
  describe_origin(origin, &origin_set, &origin_text);
  for (size_t i = 0; i + 1 < depth; i++)
    fl_strbuf_printf(&via, "%s%s", i ? " -> " : "", chain[i]->callee->name);
  fl_strbuf shared = FL_STRBUF_INIT;
  if (others)
    fl_strbuf_printf(&shared, "; %zu other function%s C calls reach%s the same origin (reported once: fix it in '%s')",
                     others, others == 1 ? "" : "s", others == 1 ? "es" : "", chain[depth - 2]->callee->name);
  fl_finding *finding = fl_finding_new(
      RULE_ID, severity, start->event->loc, root->name, root->lang, "%s can escape %s%s%s%s%s%s",
      origin_text.data, root_text, depth > 1 ? " (via " : "", depth > 1 ? via.data : "",
      depth > 1 ? ")" : "",
      root_noexcept ? "; it is declared noexcept, so the program calls std::terminate "
                      "(not undefined behaviour)"
                    : "",
      shared.len ? shared.data : "");
  fl_strbuf_free(&shared);
  fl_finding_add_step(finding, root->name_loc, "C calls %s", root_text);
  for (size_t i = 0; i + 1 < depth; i++)
    fl_finding_add_step(finding, chain[i]->event->loc, "calls '%s'", chain[i]->callee->name);
  fl_finding_add_step(finding, origin->event->loc, "%s",
                      origin_step_message(origin, &origin_set, &step));
  fl_strbuf_free(&origin_text);
  fl_strbuf_free(&via);
  fl_strbuf_free(&step);
  fl_rule_report(ctx, finding);
}

/* The handler the registrar that handed `fn` to C puts around it
 * (note_registrar), or NULL when C calls the root directly. */
static const try_scope *registrar_scope(const unwind_state *state, const fl_function *fn) {
  const fl_fact *fact = callback_fact(state, fn);
  return fact && fact->object ? fl_strmap_get(state->registrar_scopes, fact->object) : NULL;
}

/* The site of a root reported for the call at sites[*at]: a virtual call's
 * sites (one per override: add_override_sites) are adjacent and share
 * their event, and the one that lets the worst out into C stands for all.
 * Advances *at past them; NULL when nothing gets out. `escaped` gets what
 * does, less what the registrar's wrapper catches. */
static site *next_root_site(const unwind_state *state, const fn_summary *summary, size_t *at,
                            const try_scope *registrar, escape_set *escaped) {
  size_t end = *at + 1;
  while (end < summary->nsites && summary->sites[end]->event == summary->sites[*at]->event) end++;
  site *best = NULL;
  *escaped = (escape_set){0};
  for (size_t k = *at; k < end; k++) {
    escape_set set = site_escapes(state, summary->sites[k]);
    if (registrar) escape_set_filter(state->bases, &set, registrar);
    if (set.count && (!best || escape_set_max(&set) > escape_set_max(escaped))) {
      best = summary->sites[k];
      *escaped = set;
    }
  }
  *at = end;
  return best;
}

/* For every origin that C++ roots reach through their callees: how many
 * roots do, and which reports it (report_cxx_site). Single-threaded, in
 * prepare; the checks only read it. */
static void note_shared_origins(unwind_state *state) {
  for (size_t f = 0; f < state->nsummaries; f++) {
    const fn_summary *summary = &state->summaries[f];
    const fl_function *root = summary->fn;
    if (!describe_root(state, root, NULL)) continue;
    const try_scope *registrar = registrar_scope(state, root);
    for (size_t i = 0; i < summary->nsites;) {
      escape_set escaped;
      site *reported = next_root_site(state, summary, &i, registrar, &escaped);
      if (!reported) continue;
      site *chain[CHAIN_MAX];
      escape_set origin_set;
      size_t depth = follow_chain(state, reported, escaped, chain, &origin_set);
      if (depth < 2) continue; /* the root's own code */
      site *origin = chain[depth - 1];
      if (origin->counted_root == root) continue; /* reached again through another site */
      origin->counted_root = root;
      origin->nroots++;
      if (!origin->first_root || strcmp(function_key(root), function_key(origin->first_root)) < 0)
        origin->first_root = root;
    }
  }
}

static void check_cxx_root(fl_rule_ctx *ctx, const fl_function *fn, const char *root_text) {
  const unwind_state *state = fl_rule_ctx_state(ctx);
  const fn_summary *summary = summary_of(state, fn);
  if (!summary) return;
  const try_scope *registrar = registrar_scope(state, fn);
  for (size_t i = 0; i < summary->nsites;) {
    escape_set escaped;
    site *reported = next_root_site(state, summary, &i, registrar, &escaped);
    if (reported) report_cxx_site(ctx, fn, root_text, reported, escaped);
  }
}

/* --- Go ------------------------------------------------------------------ */

static bool is_recover_call(const fl_event *event) {
  return event->kind == FL_EV_CALL && event->callee && strcmp(event->callee, "recover") == 0;
}

/* True when `stmt` itself (not a nested func literal) calls recover(). */
static bool calls_recover_directly(const fl_stmt *stmt) {
  if (!stmt || stmt->kind == FL_STMT_CLOSURE || stmt->kind == FL_STMT_GO) return false;
  if (stmt->kind == FL_STMT_EVENT && stmt->event && is_recover_call(stmt->event)) return true;
  for (size_t i = 0; i < stmt->nkids; i++)
    if (calls_recover_directly(stmt->kids[i])) return true;
  return false;
}

/* A deferred *function* must call recover() itself: `defer func() {
 * recover() }()` and `defer handler()` (handler's body calls it) stop a
 * panic, `defer recover()` does not (Go spec, "Handling panics"). */
static bool defer_recovers(const unwind_state *state, const fl_stmt *defer) {
  for (size_t i = 0; i < defer->nkids; i++) {
    const fl_stmt *kid = defer->kids[i];
    if (!kid) continue;
    if (kid->kind == FL_STMT_CLOSURE) {
      for (size_t k = 0; k < kid->nkids; k++)
        if (calls_recover_directly(kid->kids[k])) return true;
      continue;
    }
    if (kid->kind == FL_STMT_EVENT && kid->event && kid->event->kind == FL_EV_CALL &&
        !is_recover_call(kid->event)) {
      const fl_function *handler = fl_program_callee(state->program, kid->event);
      if (handler && handler->body && calls_recover_directly(handler->body)) return true;
    }
    if (kid->kind == FL_STMT_BLOCK && defer_recovers(state, kid)) return true;
  }
  return false;
}

/* Finds a DEFER that recovers anywhere in the function's own statements
 * (not in nested func literals or goroutines). */
static bool has_deferred_recover(const unwind_state *state, const fl_stmt *stmt) {
  if (!stmt || stmt->kind == FL_STMT_CLOSURE || stmt->kind == FL_STMT_GO) return false;
  if (stmt->kind == FL_STMT_DEFER) return defer_recovers(state, stmt);
  for (size_t i = 0; i < stmt->nkids; i++)
    if (has_deferred_recover(state, stmt->kids[i])) return true;
  return false;
}

static void check_go_root(fl_rule_ctx *ctx, const fl_function *fn, const char *root_text) {
  const unwind_state *state = fl_rule_ctx_state(ctx);
  if (has_deferred_recover(state, fn->body)) return;
  fl_loc loc = fn->name_loc.line ? fn->name_loc : fn->loc;
  fl_finding *finding = fl_finding_new(
      RULE_ID, FL_SEV_MEDIUM, loc, fn->name, fn->lang,
      "%s has no deferred recover(): a Go panic unwinding into C crashes the process", root_text);
  fl_finding_add_step(finding, loc, "C calls %s; no deferred function in it calls recover()",
                      root_text);
  fl_rule_report(ctx, finding);
}

/* --- Entry --------------------------------------------------------------- */

static void unwind_check_function(fl_rule_ctx *ctx, const fl_function *fn) {
  const unwind_state *state = fl_rule_ctx_state(ctx);
  if (!state || !fn->body || fn->lang == FL_LANG_C) return;
  fl_strbuf root_text = FL_STRBUF_INIT;
  if (describe_root(state, fn, &root_text)) {
    if (fn->lang == FL_LANG_CXX)
      check_cxx_root(ctx, fn, root_text.data);
    else if (fn->lang == FL_LANG_GO)
      check_go_root(ctx, fn, root_text.data);
  }
  fl_strbuf_free(&root_text);
}

const fl_rule fl_rule_unwind_across_ffi = {
    .id = RULE_ID,
    .default_severity = FL_SEV_HIGH,
    .languages = FL_LANG_BIT(FL_LANG_CXX) | FL_LANG_BIT(FL_LANG_GO),
    .prepare = unwind_prepare,
    .check_function = unwind_check_function,
    .release = unwind_release,
};
