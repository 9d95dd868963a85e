/* handle-check-then-use (design.md §3, issues 3 and 4).
 *
 * Fires where an op *tries* to be safe against a concurrent free and fails:
 * it checks the handle's state (an atomic or volatile flag, a flag the free
 * path writes, or a field read under a lock) and then uses an object that a
 * free path frees, while at the use no lock that the free path takes is held
 * and no claim that the free path drains is open.
 *
 * Everything is keyed by "record.field" (stream.inner, Stream.ptr): the free
 * path of `stream_free(stream *s) { free(s->inner); }` and the use in
 * `engine_recv(s->inner)` meet through the key "stream.inner", whatever the
 * parameters are called and whichever file each function lives in.
 *
 * prepare() summarises every function once (single-threaded): what it frees,
 * which locks it takes, which counters it touches or increments/decrements,
 * which flags it writes — folding in the summaries of the functions it calls
 * (so `Close() { mu.Lock(); h.freeInner(); }` frees with the lock, and
 * `if !h.guard.enter()` opens a claim on whatever counter enter() increments).
 * check_function() then walks one op in execution order with a small state
 * (held locks, open claims, checks seen, local aliases of handle fields). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/strmap.h"
#include "../core/vec.h"
#include "runtime_context.h"
#include "rule.h"

#define RULE_ID "handle-check-then-use"
#define KEY_MAX 160
#define SUMMARY_DEPTH 6

/* --- Keys --------------------------------------------------------------- */

/* The record a type names or points at. */
static const char *type_record(const fl_type *type) {
  for (int depth = 0; type && depth < 4; depth++) {
    if (type->record_name) return type->record_name;
    if (type->kind != FL_TYPE_POINTER && type->kind != FL_TYPE_ARRAY) return NULL;
    type = type->pointee;
  }
  return NULL;
}

/* A Go channel (`chan struct{}`): closing it is how Go signals "done". */
static bool is_channel_type(const fl_type *type) {
  return type && type->kind == FL_TYPE_OTHER && type->name &&
         (strncmp(type->name, "chan", 4) == 0 || strncmp(type->name, "<-chan", 6) == 0);
}

static const fl_type *expr_type(const fl_expr *expr) {
  if (!expr) return NULL;
  if (expr->type) return expr->type;
  if (expr->kind == FL_EXPR_NAME && expr->var) return expr->var->type;
  return NULL;
}

/* Looks through &, casts and Go conversions to the path itself. */
static const fl_expr *strip_path(const fl_expr *expr) {
  while (expr && (expr->kind == FL_EXPR_ADDR || expr->kind == FL_EXPR_CONVERT) && expr->base)
    expr = expr->base;
  return expr;
}

/* out = a + b + c, cut at KEY_MAX - 1 bytes as snprintf would (a key is
 * made for nearly every event a summary visits: no format parsing). */
static void key_join(char out[KEY_MAX], const char *a, const char *b, const char *c) {
  size_t at = 0;
  const char *parts[3] = {a, b, c ? c : ""};
  for (int i = 0; i < 3; i++) {
    size_t len = strlen(parts[i]);
    if (len > KEY_MAX - 1 - at) len = KEY_MAX - 1 - at;
    memcpy(out + at, parts[i], len);
    at += len;
  }
  out[at] = '\0';
}

/* Writes the key of a field path ("stream.inner") or of a global
 * ("global:g_lock") into `out`. Returns false when the path has no key
 * (a local, an unknown type). */
static bool path_key(const fl_expr *expr, char out[KEY_MAX]) {
  expr = strip_path(expr);
  if (!expr) return false;
  if (expr->kind == FL_EXPR_FIELD && expr->name) {
    const char *record = type_record(expr_type(strip_path(expr->base)));
    if (!record) return false;
    key_join(out, record, ".", expr->name);
    return true;
  }
  if (expr->kind == FL_EXPR_NAME && expr->var && expr->var->kind == FL_VAR_GLOBAL) {
    key_join(out, "global:", expr->name ? expr->name : expr->text ? expr->text : "", NULL);
    return true;
  }
  return false;
}

/* The variable a handle path hangs off (`s` of `s->inner`, `h` of h.ptr). */
static const fl_var *path_root_var(const fl_expr *expr) {
  const fl_expr *root = fl_expr_path_root(expr);
  return root ? root->var : NULL;
}

/* A set of keys: heap copies in a vector, with a hash index once it grows
 * (a teardown that reaches hundreds of frees carries large sets, and
 * linear membership tests made the rule cost a fifth of the parse). */
typedef struct key_set {
  fl_ptrvec keys;   /* char*, owned */
  fl_strmap *index; /* key -> key, over `keys`; NULL while small */
} key_set;

#define KEY_SET_INDEX_MIN 16

static bool key_set_has(const key_set *set, const char *key) {
  if (set->index) return fl_strmap_get(set->index, key) != NULL;
  for (size_t i = 0; i < set->keys.count; i++)
    if (strcmp(set->keys.items[i], key) == 0) return true;
  return false;
}

/* Built eagerly while summarising (single-threaded): sets are only read
 * afterwards, possibly from several threads. */
static void key_set_reindex(key_set *set) {
  fl_strmap_free(set->index);
  set->index = NULL;
  if (set->keys.count < KEY_SET_INDEX_MIN) return;
  set->index = fl_strmap_new();
  for (size_t i = 0; i < set->keys.count; i++)
    fl_strmap_put(set->index, set->keys.items[i], set->keys.items[i]);
}

static bool key_set_add(key_set *set, const char *key) {
  if (key_set_has(set, key)) return false;
  char *copy = strdup(key);
  if (!copy) abort();
  fl_ptrvec_push(&set->keys, copy);
  if (set->index) fl_strmap_put(set->index, copy, copy);
  else if (set->keys.count == KEY_SET_INDEX_MIN) key_set_reindex(set);
  return true;
}

static bool key_set_add_all(key_set *set, const key_set *from) {
  bool changed = false;
  for (size_t i = 0; i < from->keys.count; i++) changed |= key_set_add(set, from->keys.items[i]);
  return changed;
}

static bool key_set_remove(key_set *set, const char *key) {
  for (size_t i = 0; i < set->keys.count; i++)
    if (strcmp(set->keys.items[i], key) == 0) {
      free(set->keys.items[i]);
      set->keys.items[i] = set->keys.items[--set->keys.count];
      key_set_reindex(set); /* the index pointed at the string freed here */
      return true;
    }
  return false;
}

static void key_set_clear(key_set *set) {
  for (size_t i = 0; i < set->keys.count; i++) free(set->keys.items[i]);
  fl_ptrvec_free(&set->keys);
  fl_strmap_free(set->index);
  set->index = NULL;
}

/* --- Function summaries (prepare) --------------------------------------- */

/* One way a field gets freed: by `function` at `loc`, with the locks that
 * function (or a caller that reaches it) takes first, and the counters it
 * touches first (a drain, or a last-reference check). */
/* The lock key of CPython's GIL (no field key has no dot). */
#define GIL_KEY "GIL"

typedef struct free_path {
  char key[KEY_MAX];
  const fl_function *function; /* the function whose body frees */
  const fl_function *entry;    /* the outermost function the free is reached from */
  fl_loc loc;
  key_set locks;     /* held at the free, along the call chain */
  key_set counters;
  key_set writes;    /* fields the functions on the way write: the flags it signals ops with */
  bool after_create; /* the entry creates the field too (summarize sets it): an init's
                      * error-path cleanup, or a replacement (a growing push) */
  bool soft;         /* a close by naming convention (`x_close`), which may only stop it */
} free_path;

typedef struct fn_summary {
  const fl_function *function;
  int state;          /* 0 new, 1 in progress, 2 done */
  fl_ptrvec frees;    /* free_path*, owned */
  key_set locks;      /* locks taken anywhere */
  key_set counters;   /* counter fields loaded or RMW'd (drain / last-ref) */
  key_set increments; /* counter fields incremented (claim enter) */
  key_set decrements; /* counter fields decremented (claim leave) */
  key_set writes;     /* fields written or atomically stored (flags), here or in
                         helpers that free nothing (a freeing callee's writes stay
                         with its own free paths) */
  key_set creates;    /* fields assigned a value or passed by address (`x_alloc(&s->f)`) */
  key_set flag_reads; /* atomic/volatile fields loaded: a check helper (is_open) */
  key_set flag_tests; /* plain bool fields it tests in a condition or returns (`return !h.closed`
                       * under its own lock): a check helper where a free path writes them */
  key_set acquires;   /* locks still held when it returns (a lock helper) */
  key_set releases;   /* locks released that it did not take (an unlock helper) */
  key_set returns;    /* pointer fields of a parameter or receiver it returns (`return
                         h.ptr, nil`): with a lock taken and dropped, a copy-out getter */
  key_set uses;       /* pointer fields of a parameter or receiver it passes to a call
                         or dereferences (`C.x_send(h.e, ...)`, `strcpy(c->in->buf, p)`):
                         a helper an op calls after its check uses them there */
  bool locks_here;    /* takes a lock itself (directly or through a lock wrapper) */
  uint32_t param_acquires; /* bit i: the lock param i points at (or holds) stays held */
  uint32_t param_releases; /* bit i: the lock param i points at is released */
  bool called;        /* some other function's summary folded this one in */
  fl_ptrvec freed_locals; /* const fl_var*: locals it frees (`defer C.free(d)`): C's copy
                             for the caller to own, borrowed from no handle */
} fn_summary;

typedef struct rule_state {
  const fl_program *program;
  fl_strmap *summaries;      /* function name -> fn_summary* (definitions only) */
  fl_ptrvec all_summaries;   /* owned */
  fl_strmap *frees_by_key;   /* key -> fl_ptrvec* of free_path* (entry-level paths) */
  fl_ptrvec key_lists;       /* the fl_ptrvec* above, owned */
  key_set flag_writes;       /* fields any free path writes (closed flags) */
  fl_runtime_context *runtime; /* what Node (its JavaScript thread) and CPython (the GIL) serialize */
  key_set drained_counters;  /* counters any free path touches before freeing */
} rule_state;

static fn_summary *summarize(rule_state *state, const fl_function *fn, int depth);

static const char *summary_key_of(const fl_function *fn) { return fn->id ? fn->id : fn->name; }

/* The argument an API entry designates (-1: receiver object). */
static const fl_expr *api_subject(const fl_event *event, int arg) {
  if (arg == -1) return event->object;
  if (arg >= 0 && (size_t)arg < event->nargs) return event->args[arg];
  return NULL;
}

typedef struct summary_walk {
  rule_state *state;
  fn_summary *summary;
  int depth;
  const fl_event *last_call;
  fl_ptrvec deferred_unlocks; /* Go `defer mu.Unlock()` events, applied at return */
  fl_ptrvec borrowed;         /* pairs: const fl_var* local, char* key (owned): `C.get(h.ptr, &d)`
                               * makes d point into what h.ptr holds */
  fl_ptrvec freed_locals;     /* const fl_var*: locals it frees (`defer C.free(d)`) */
  fl_ptrvec atomic_taken;     /* pairs: const fl_var* local, char* key (owned): `e :=
                               * h.ptr.Swap(nil)` / `.Load()`: freeing e frees h.ptr's object */
  fl_ptrvec fresh_locals;     /* const fl_var*: locals holding an object this function
                               * allocated (`d = new T`, `malloc`, `&T{}`): no other thread
                               * has it, so tearing it down or writing it is no free path of
                               * a shared handle and signals no op (an init's error path) */
} summary_walk;

/* A free matched only by the `*_close` naming convention. Many C APIs close
 * a handle (stop it, fail pending ops) and free it later in `_free`/`_fini`
 * after ops are done: such a close is a free path only when nothing else
 * frees the field, or when the closer also clears the field. */
static bool is_soft_close(const fl_event *call) {
  return call->api && call->api->name && strcmp(call->api->name, "*_close") == 0;
}

/* A free matched only by a naming convention (`*_close`, `*_free`: an API
 * entry whose name is a pattern) on a function whose body is in the
 * program: the body says what it frees, and the summary of the call folds
 * that in. LMDB's `mdb_dbi_close(env, dbi)` frees a name under `env`, not
 * `env`. */
static bool convention_free_with_body(const rule_state *state, const fl_event *call) {
  if (!call || !call->api || !call->api->name || !strchr(call->api->name, '*')) return false;
  const fl_function *callee = fl_program_callee(state->program, call);
  return callee && callee->body;
}

/* Records a free of `key` reached from `summary`'s function. `inner` is the
 * callee's path when the free is folded in from a call, else NULL. */
static void summary_add_free(fn_summary *summary, const char *key, const fl_function *function,
                             fl_loc loc, const free_path *inner, bool soft) {
  /* The same free reached along another call chain: one path, the union of
   * what the chains hold (a missed report is cheaper than a false one). */
  for (size_t i = 0; i < summary->frees.count; i++) {
    free_path *known = summary->frees.items[i];
    if (known->function != function || known->loc.line != loc.line || known->loc.col != loc.col ||
        known->loc.file != loc.file || strcmp(known->key, key) != 0)
      continue;
    key_set_add_all(&known->locks, &summary->acquires);
    key_set_add_all(&known->counters, &summary->counters);
    if (inner) {
      key_set_add_all(&known->locks, &inner->locks);
      key_set_add_all(&known->counters, &inner->counters);
      key_set_add_all(&known->writes, &inner->writes);
    }
    return;
  }
  free_path *path = calloc(1, sizeof *path);
  if (!path) abort();
  snprintf(path->key, sizeof path->key, "%s", key);
  path->function = function;
  path->entry = summary->function;
  path->loc = loc;
  /* the locks held at the free, not every lock taken (and dropped) before */
  key_set_add_all(&path->locks, &summary->acquires);
  key_set_add_all(&path->counters, &summary->counters);
  path->soft = soft;
  if (inner) {
    path->soft = inner->soft;
    key_set_add_all(&path->locks, &inner->locks);
    key_set_add_all(&path->counters, &inner->counters);
    key_set_add_all(&path->writes, &inner->writes);
  }
  fl_ptrvec_push(&summary->frees, path);
}

/* A value stored into a field that is not a null pointer: the field is
 * (re)created here. */
static bool is_create_value(const fl_expr *value) {
  return fl_expr_strip_converts(value) && !fl_expr_is_null(value);
}

/* A pointer-valued field (s->inner, h.ptr), not the address of an embedded
 * member (&s->mu) and not a synchronisation object. */
static bool is_owned_object(const fl_expr *subject) {
  const fl_expr *path = subject;
  while (path && path->kind == FL_EXPR_CONVERT && path->base) path = path->base;
  if (!path || path->kind == FL_EXPR_ADDR) return false;
  const fl_type *type = expr_type(path);
  return !(type && (type->is_sync || type->kind == FL_TYPE_RECORD));
}

static bool is_increment(const fl_event *event) {
  if (event->op == FL_OP_ADD) {
    const fl_expr *v = event->value;
    return !v || !v->int_known || v->int_value > 0;
  }
  return false;
}

static bool is_decrement(const fl_event *event) {
  if (event->op == FL_OP_SUB) return true;
  if (event->op == FL_OP_ADD && event->value && event->value->int_known && event->value->int_value < 0)
    return true;
  return false;
}

/* The parameter a lock wrapper's argument designates: the parameter itself
 * (`pthread_mutex_lock(m)`) or a mutex embedded in it (`&m->mtx`), so that
 * `nni_mtx_lock(&s->mu)` -> `pthread_mutex_lock(&mtx->mtx)` takes s->mu.
 * -1 when it is neither. */
static int lock_param_index(const fl_expr *object) {
  const fl_expr *path = fl_expr_strip_converts(object);
  if (path && path->kind == FL_EXPR_ADDR) path = fl_expr_strip_converts(path->base);
  if (path && path->kind == FL_EXPR_FIELD) {
    const fl_type *type = expr_type(path);
    if (!type || !type->is_sync) return -1;
    path = fl_expr_strip_converts(path->base);
  }
  if (!path || path->kind != FL_EXPR_NAME || !path->var || path->var->kind != FL_VAR_PARAM) return -1;
  int index = path->var->param_index;
  return index >= 0 && index < 32 ? index : -1;
}

/* Applies a lock (`acquire`) or unlock of `object` to the summary. */
static void summary_lock(fn_summary *summary, const fl_expr *object, bool acquire) {
  char key[KEY_MAX];
  if (acquire) summary->locks_here = true;
  int param = lock_param_index(object);
  if (param >= 0) {
    uint32_t bit = 1u << param;
    if (acquire) summary->param_acquires |= bit;
    else if (summary->param_acquires & bit) summary->param_acquires &= ~bit;
    else summary->param_releases |= bit;
  }
  if (!path_key(object, key)) return;
  if (acquire) {
    key_set_add(&summary->locks, key);
    key_set_add(&summary->acquires, key);
  } else if (!key_set_remove(&summary->acquires, key)) {
    key_set_add(&summary->releases, key);
  }
}

static bool ptrvec_contains(const fl_ptrvec *vec, const void *item) {
  for (size_t i = 0; i < vec->count; i++)
    if (vec->items[i] == item) return true;
  return false;
}

/* Collects the locals a function frees (FREE of a bare name). */
static bool collect_freed_local(const fl_event *event, const fl_stmt *stmt, void *user) {
  const fl_expr *object = fl_expr_strip_converts(event->object);
  if (event->kind == FL_EV_FREE && object && object->kind == FL_EXPR_NAME && object->var &&
      object->var->kind == FL_VAR_LOCAL && !ptrvec_contains(user, object->var))
    fl_ptrvec_push(user, (void *)object->var);
  (void)stmt;
  return true;
}

/* A foreign call given a pointer field of a parameter or receiver and the
 * address of a pointer local: the local points into that field's object. */
static void note_summary_borrow(summary_walk *walk, const fl_event *call) {
  char key[KEY_MAX];
  bool have_key = false;
  for (size_t i = 0; i < call->nargs && !have_key; i++) {
    const fl_expr *arg = strip_path(call->args[i]);
    const fl_var *root = arg && arg->kind == FL_EXPR_FIELD ? path_root_var(arg) : NULL;
    const fl_type *type = arg ? expr_type(arg) : NULL;
    have_key = root && (root->kind == FL_VAR_PARAM || root->kind == FL_VAR_RECEIVER) && type &&
               type->kind == FL_TYPE_POINTER && path_key(arg, key);
  }
  if (!have_key) return;
  for (size_t i = 0; i < call->nargs; i++) {
    const fl_expr *arg = fl_expr_strip_converts(call->args[i]);
    const fl_expr *out = arg && arg->kind == FL_EXPR_ADDR ? arg->base : NULL;
    const fl_var *local = out && out->kind == FL_EXPR_NAME ? out->var : NULL;
    if (!local || local->kind != FL_VAR_LOCAL || !local->type || local->type->kind != FL_TYPE_POINTER)
      continue;
    char *copy = strdup(key);
    if (!copy) abort();
    fl_ptrvec_push(&walk->borrowed, (void *)local);
    fl_ptrvec_push(&walk->borrowed, copy);
  }
}

/* The atomic Load or Swap that `value` is the result of, when it reads a
 * pointer field (`h.ptr.Swap(nil)`, `atomic_load(&s->ptr)`): the field's
 * key goes to `key`. NULL otherwise. */
static const fl_event *atomic_pointer_read(const fl_expr *value, char key[KEY_MAX]) {
  value = fl_expr_strip_converts(value);
  const fl_event *atomic = value && value->kind == FL_EXPR_CALL ? value->event : NULL;
  if (!atomic || !(atomic->kind == FL_EV_ATOMIC_LOAD ||
                   (atomic->kind == FL_EV_ATOMIC_RMW && atomic->op == FL_OP_XCHG)))
    return NULL;
  const fl_expr *field = strip_path(atomic->object);
  const fl_type *type = field ? expr_type(field) : NULL;
  bool pointer_field = field && field->kind == FL_EXPR_FIELD && type && type->kind == FL_TYPE_POINTER;
  return pointer_field && path_key(field, key) ? atomic : NULL;
}

/* Frees a vector of (const fl_var *local, char *key) pairs whose keys it owns. */
static void free_local_keys(fl_ptrvec *pairs) {
  for (size_t i = 1; i < pairs->count; i += 2) free(pairs->items[i]);
  fl_ptrvec_free(pairs);
}

static void note_atomic_taken(summary_walk *walk, const fl_event *write) {
  char key[KEY_MAX];
  const fl_expr *target = write->object;
  if (!target || target->kind != FL_EXPR_NAME || !target->var || target->var->kind != FL_VAR_LOCAL ||
      !atomic_pointer_read(write->value, key))
    return;
  char *copy = strdup(key);
  if (!copy) abort();
  fl_ptrvec_push(&walk->atomic_taken, (void *)target->var);
  fl_ptrvec_push(&walk->atomic_taken, copy);
}

/* `if e := h.ptr.Swap(nil); e != nil { C.x_free(e) }`: the object the
 * field held is freed, through the local it was taken into. */
static void free_atomic_taken(summary_walk *walk, const fl_event *event) {
  const fl_expr *object = fl_expr_strip_converts(event->object);
  if (!object || object->kind != FL_EXPR_NAME || !object->var) return;
  for (size_t i = 0; i + 1 < walk->atomic_taken.count; i += 2)
    if (walk->atomic_taken.items[i] == object->var)
      summary_add_free(walk->summary, walk->atomic_taken.items[i + 1], walk->summary->function,
                       event->loc, NULL, false);
}

/* `path` (an argument to C, or the base of a dereference) is a pointer
 * field of a parameter or receiver: records it as one the function uses. */
static void summary_use(fn_summary *summary, const fl_expr *path) {
  char key[KEY_MAX];
  /* c->in->buf: every pointer field on the way down is used */
  for (const fl_expr *p = strip_path(path); p; p = strip_path(p->base)) {
    if (p->kind != FL_EXPR_FIELD && p->kind != FL_EXPR_INDEX && p->kind != FL_EXPR_DEREF) return;
    if (p->kind != FL_EXPR_FIELD) continue;
    const fl_var *root = path_root_var(p);
    const fl_type *type = expr_type(p);
    if (root && (root->kind == FL_VAR_PARAM || root->kind == FL_VAR_RECEIVER) && type &&
        type->kind == FL_TYPE_POINTER && path_key(p, key))
      key_set_add(&summary->uses, key);
  }
}

/* A value that is a new object: `new T`, Go's `new(T)` and `&T{...}`, or an
 * allocator the models name (`malloc`, `calloc`). */
static bool is_allocation_value(const fl_expr *value) {
  value = fl_expr_strip_converts(value);
  if (!value) return false;
  if (value->kind == FL_EXPR_ADDR && value->base && value->base->kind == FL_EXPR_OTHER &&
      value->base->type && value->base->type->kind == FL_TYPE_RECORD)
    return true; /* &T{...} */
  const fl_event *made = value->event;
  if (!made || (value->kind != FL_EXPR_CALL && value->kind != FL_EXPR_OTHER)) return false;
  return made->kind == FL_EV_ALLOC ||
         (made->kind == FL_EV_CALL && made->api && made->api->role == FL_API_ALLOC);
}

/* `d = new T` makes d fresh; any other value assigned to d ends that. */
static void note_fresh_local(summary_walk *walk, const fl_event *write) {
  const fl_expr *target = write->object;
  if (!target || target->kind != FL_EXPR_NAME || !target->var || target->var->kind != FL_VAR_LOCAL) return;
  fl_ptrvec *fresh = &walk->fresh_locals;
  bool allocated = is_allocation_value(write->value);
  for (size_t i = 0; i < fresh->count; i++)
    if (fresh->items[i] == target->var) {
      if (!allocated) fresh->items[i] = fresh->items[--fresh->count];
      return;
    }
  if (allocated) fl_ptrvec_push(fresh, (void *)target->var);
}

/* `path` hangs off (or is) a local holding an object this function made. */
static bool is_on_fresh_local(const summary_walk *walk, const fl_expr *path) {
  const fl_var *root = path ? path_root_var(path) : NULL;
  return root && root->kind == FL_VAR_LOCAL && ptrvec_contains(&walk->fresh_locals, root);
}

/* The object a call works on: the receiver, else its first argument. */
static const fl_expr *call_subject(const fl_event *call) {
  if (call->object) return call->object;
  return call->nargs ? call->args[0] : NULL;
}

static bool summary_visit(const fl_event *event, const fl_stmt *stmt, void *user) {
  summary_walk *walk = user;
  fn_summary *summary = walk->summary;
  char key[KEY_MAX];
  switch (event->kind) {
    case FL_EV_LOCK: summary_lock(summary, event->object, true); break;
    case FL_EV_UNLOCK:
      /* Go `defer mu.Unlock()` releases at return, after everything below it
       * (a C++ guard's unlock is emitted where its scope ends: it counts) */
      if (!(summary->function->lang == FL_LANG_GO && (event->flags & FL_EV_DEFERRED)))
        summary_lock(summary, event->object, false);
      else
        fl_ptrvec_push(&walk->deferred_unlocks, (void *)event);
      break;
    case FL_EV_GUARD_ENTER:
      if (path_key(event->object, key)) key_set_add(&summary->increments, key);
      break;
    case FL_EV_GUARD_LEAVE:
      if (path_key(event->object, key)) key_set_add(&summary->decrements, key);
      break;
    case FL_EV_ATOMIC_LOAD:
      if (path_key(event->object, key)) {
        key_set_add(&summary->counters, key);
        key_set_add(&summary->flag_reads, key);
      }
      break;
    case FL_EV_READ: {
      const fl_type *type = expr_type(strip_path(event->object));
      if (type && (type->is_atomic || type->is_volatile) && path_key(event->object, key))
        key_set_add(&summary->flag_reads, key);
      const fl_expr *read = strip_path(event->object);
      if (read && (read->kind == FL_EXPR_FIELD || read->kind == FL_EXPR_DEREF || read->kind == FL_EXPR_INDEX))
        summary_use(summary, read->base);
      /* `while (s->active > 0) pthread_cond_wait(...)`: a free that waits on
       * a plain counter drains it. */
      if (type && type->kind == FL_TYPE_INT && (event->flags & FL_EV_IN_COND) &&
          path_key(event->object, key))
        key_set_add(&summary->counters, key);
      if (type && type->kind == FL_TYPE_BOOL && (event->flags & FL_EV_IN_COND) && path_key(event->object, key))
        key_set_add(&summary->flag_tests, key);
      break;
    }
    case FL_EV_ATOMIC_RMW:
      if (path_key(event->object, key)) {
        key_set_add(&summary->counters, key);
        key_set_add(&summary->writes, key);
        if (is_increment(event)) key_set_add(&summary->increments, key);
        if (is_decrement(event)) key_set_add(&summary->decrements, key);
      }
      break;
    case FL_EV_ATOMIC_STORE:
    case FL_EV_WRITE:
      if (event->kind == FL_EV_WRITE) {
        note_atomic_taken(walk, event);
        note_fresh_local(walk, event);
      }
      if (path_key(event->object, key)) {
        if (!is_on_fresh_local(walk, event->object)) key_set_add(&summary->writes, key);
        if (event->kind == FL_EV_WRITE && is_create_value(event->value))
          key_set_add(&summary->creates, key);
        /* `s->active++` / `--s->active` under a lock: a hand-written claim */
        if (event->kind == FL_EV_WRITE && event->op == FL_OP_ADD) key_set_add(&summary->increments, key);
        if (event->kind == FL_EV_WRITE && event->op == FL_OP_SUB) key_set_add(&summary->decrements, key);
      }
      break;
    case FL_EV_FREE:
      collect_freed_local(event, stmt, &walk->freed_locals);
      free_atomic_taken(walk, event);
      if (is_owned_object(event->object) && !is_on_fresh_local(walk, event->object) &&
          path_key(event->object, key)) {
        /* The FREE the frontend emits after a modelled free call is that
         * call, when it frees what the model's argument names; a naming
         * convention's free may be placed on another argument (the handle
         * after a function pointer), which only the FREE records. */
        const fl_event *call = walk->last_call;
        char call_key[KEY_MAX];
        const fl_expr *modelled = call && call->api && call->api->role == FL_API_FREE
                                      ? api_subject(call, call->api->arg) : NULL;
        bool same_call = call && call->loc.line == event->loc.line && call->loc.col == event->loc.col;
        if (same_call && convention_free_with_body(walk->state, call)) break;
        if (!same_call || !modelled || !path_key(modelled, call_key) || strcmp(call_key, key) != 0)
          summary_add_free(summary, key, summary->function, event->loc, NULL,
                           same_call && call->api && is_soft_close(call));
      }
      break;
    case FL_EV_CALL: {
      walk->last_call = event;
      /* `close(h.done)`: the Go flag a free path signals ops with */
      if (summary->function->lang == FL_LANG_GO && event->callee && strcmp(event->callee, "close") == 0 &&
          event->nargs == 1 && is_channel_type(expr_type(strip_path(event->args[0]))) &&
          path_key(event->args[0], key))
        key_set_add(&summary->writes, key);
      if (!(event->api && (event->api->role == FL_API_FREE || event->api->role == FL_API_RELEASE)))
        for (size_t i = 0; i < event->nargs; i++) summary_use(summary, event->args[i]);
      if (event->api) {
        const fl_api_entry *api = event->api;
        const fl_expr *subject = api_subject(event, api->arg);
        if (subject && path_key(subject, key)) {
          switch (api->role) {
            case FL_API_FREE:
              /* `pthread_mutex_destroy(&s->mu)` tears down an embedded object,
               * it frees no memory another thread could be using through a
               * pointer: only owned objects reached through a pointer count. */
              if (!is_owned_object(subject) || convention_free_with_body(walk->state, event) ||
                  is_on_fresh_local(walk, subject))
                break;
              summary_add_free(summary, key, summary->function, event->loc, NULL,
                               is_soft_close(event));
              break;
            case FL_API_GUARD_DRAIN: key_set_add(&summary->counters, key); break;
            default: break;
          }
        }
      }
      /* `C.get(h.ptr, &d)`: d is borrowed from h.ptr (a getter returning d
       * hands out the object as surely as one returning h.ptr). */
      if (event->flags & FL_EV_FOREIGN) note_summary_borrow(walk, event);
      /* `x_alloc(&s->f)`, `x_init(&s->f, ...)`: an out-parameter creates s->f. */
      for (size_t i = 0; i < event->nargs; i++) {
        const fl_expr *arg = fl_expr_strip_converts(event->args[i]);
        if (arg && arg->kind == FL_EXPR_ADDR && arg->base && arg->base->kind == FL_EXPR_FIELD &&
            path_key(arg->base, key))
          key_set_add(&summary->creates, key);
      }
      const fl_function *callee = fl_program_callee(walk->state->program, event);
      if (!callee || callee == summary->function || !callee->body) break;
      fn_summary *inner = summarize(walk->state, callee, walk->depth + 1);
      if (!inner || inner->state != 2) break;
      inner->called = true;
      /* What the callee frees, this function frees too, after whatever it
       * locked or touched before the call -- unless it tears down an object
       * this function made (`delete d` on an init's error path). */
      bool on_fresh = is_on_fresh_local(walk, call_subject(event));
      for (size_t i = 0; i < inner->frees.count && !on_fresh; i++) {
        const free_path *freed = inner->frees.items[i];
        summary_add_free(summary, freed->key, freed->function, freed->loc, freed, false);
      }
      key_set_add_all(&summary->locks, &inner->locks);
      key_set_add_all(&summary->counters, &inner->counters);
      key_set_add_all(&summary->increments, &inner->increments);
      key_set_add_all(&summary->decrements, &inner->decrements);
      key_set_add_all(&summary->creates, &inner->creates);
      /* A teardown that calls every subsystem's fini would otherwise "write"
       * every field of the program. */
      if (!inner->frees.count && !on_fresh) key_set_add_all(&summary->writes, &inner->writes);
      key_set_add_all(&summary->flag_reads, &inner->flag_reads);
      key_set_add_all(&summary->uses, &inner->uses);
      for (size_t i = 0; i < inner->acquires.keys.count; i++)
        key_set_add(&summary->acquires, inner->acquires.keys.items[i]);
      summary->locks_here |= inner->acquires.keys.count > 0;
      for (size_t i = 0; i < inner->releases.keys.count; i++)
        if (!key_set_remove(&summary->acquires, inner->releases.keys.items[i]))
          key_set_add(&summary->releases, inner->releases.keys.items[i]);
      /* A lock wrapper locks what this call passes it. */
      for (size_t i = 0; i < event->nargs && i < 32; i++) {
        if (inner->param_acquires & (1u << i)) summary_lock(summary, event->args[i], true);
        if (inner->param_releases & (1u << i)) summary_lock(summary, event->args[i], false);
      }
      break;
    }
    default: break;
  }
  (void)stmt;
  return true;
}

/* A pointer field of a parameter (the receiver included), read as a value:
 * what a getter hands out. */
static void add_returned_field(fn_summary *summary, const fl_expr *value) {
  char key[KEY_MAX];
  const fl_expr *path = strip_path(value);
  if (!path || path->kind != FL_EXPR_FIELD) return;
  const fl_var *root = path_root_var(path);
  const fl_type *type = expr_type(path);
  if (root && (root->kind == FL_VAR_PARAM || root->kind == FL_VAR_RECEIVER) && type &&
      type->kind == FL_TYPE_POINTER &&
      path_key(path, key))
    key_set_add(&summary->returns, key);
}

/* `return !h.closed`, `return h.open`: a bool field of the handle handed
 * to the caller as the answer to "still usable?". */
static void add_returned_flag(fn_summary *summary, const fl_expr *value) {
  value = fl_expr_strip_converts(value);
  while (value && value->kind == FL_EXPR_UNARY && value->op == FL_OP_NOT) value = fl_expr_strip_converts(value->base);
  const fl_type *type = expr_type(value);
  char key[KEY_MAX];
  if (value && value->kind == FL_EXPR_FIELD && type && type->kind == FL_TYPE_BOOL && path_key(value, key))
    key_set_add(&summary->flag_tests, key);
}

/* A returned local that a foreign call pointed into a field's object. */
static void add_returned_borrow(fn_summary *summary, const fl_ptrvec *borrowed, const fl_expr *value) {
  value = fl_expr_strip_converts(value);
  if (!value || value->kind != FL_EXPR_NAME || !value->var) return;
  for (size_t i = 0; i + 1 < borrowed->count; i += 2)
    if (borrowed->items[i] == value->var) key_set_add(&summary->returns, borrowed->items[i + 1]);
}

/* Records the fields `fn` returns: `return h->ptr`, and the reads that make
 * up a Go multi-value return (`return h.ptr, nil`, kept as one expression
 * whose reads are the return's own events), and the locals borrowed from
 * one (`return d, C.int(l), nil` after `C.get(j.ptr, &d, &l)`: go-systemd's
 * getData, whose callers copy d after the lock is gone). */
static void summary_returns(fn_summary *summary, const fl_ptrvec *borrowed, const fl_stmt *stmt) {
  if (!stmt || stmt->kind == FL_STMT_CLOSURE || stmt->kind == FL_STMT_GO) return;
  if (stmt->kind == FL_STMT_RETURN && stmt->expr) {
    add_returned_flag(summary, stmt->expr);
    /* A Go tuple: OTHER nodes with a value in base, the rest in other. */
    const fl_expr *value = stmt->expr;
    for (; value && value->kind == FL_EXPR_OTHER && value->base; value = value->other)
      add_returned_borrow(summary, borrowed, value->base);
    add_returned_borrow(summary, borrowed, value);
    if (stmt->expr->kind == FL_EXPR_FIELD) add_returned_field(summary, stmt->expr);
    else if (stmt->expr->kind == FL_EXPR_OTHER)
      for (size_t i = 0; i < stmt->nkids; i++) {
        const fl_stmt *block = stmt->kids[i];
        for (size_t j = 0; block && j < block->nkids; j++) {
          const fl_stmt *kid = block->kids[j];
          if (kid->kind == FL_STMT_EVENT && kid->event && kid->event->kind == FL_EV_READ)
            add_returned_field(summary, kid->event->object);
        }
      }
    return;
  }
  for (size_t i = 0; i < stmt->nkids; i++) summary_returns(summary, borrowed, stmt->kids[i]);
}

/* The func literal `kids[at]` is run before its statement is done: called
 * on the spot (`func() { ... }()`) or by `sync.Once.Do` (a Close that
 * frees in `c.once.Do(func() { C.x_free(c.ptr) })`). Both are calls after
 * it in the same block that name it (its label, `func@L:C`). */
static bool closure_runs_now(const fl_stmt *parent, size_t at) {
  const char *name = parent->kids[at]->label;
  if (!name) return false;
  for (size_t i = at + 1; i < parent->nkids; i++) {
    const fl_stmt *kid = parent->kids[i];
    const fl_event *call = kid->kind == FL_STMT_EVENT ? kid->event : NULL;
    if (!call || call->kind != FL_EV_CALL || !call->callee) continue;
    if (strcmp(call->callee, name) == 0) return true;
    size_t len = strlen(call->callee);
    if (len < 12 || strcmp(call->callee + len - 12, "sync.Once.Do") != 0) continue;
    for (size_t a = 0; a < call->nargs; a++)
      if (call->args[a] && call->args[a]->text && strcmp(call->args[a]->text, name) == 0) return true;
  }
  return false;
}

/* Visits the events of `stmt` that calling the function sets off: a func
 * literal's body only when it is deferred, started as a goroutine (a
 * ctx-cancel watcher that frees the stream is a free path of what starts
 * it), called on the spot or run by sync.Once.Do (closure_runs_now). A
 * literal handed to any other call runs later, if ever: a constructor's
 * finalizer closure is no free path of the constructor (openssl's newConn:
 * every op of Conn "raced" Dial). */
static void summary_walk_stmt(const fl_stmt *stmt, summary_walk *walk, bool run_now) {
  if (!stmt) return;
  if (stmt->kind == FL_STMT_CLOSURE && !run_now) return;
  if (stmt->kind == FL_STMT_EVENT && stmt->event) summary_visit(stmt->event, stmt, walk);
  for (size_t i = 0; i < stmt->nkids; i++)
    summary_walk_stmt(stmt->kids[i], walk,
                      stmt->kind == FL_STMT_DEFER || stmt->kind == FL_STMT_GO ||
                          (stmt->kids[i] && stmt->kids[i]->kind == FL_STMT_CLOSURE &&
                           closure_runs_now(stmt, i)));
}

/* Summarises `fn`, memoised; recursion (mutual or deep) is cut off and the
 * partial summary is used, which only loses facts. */
static fn_summary *summarize(rule_state *state, const fl_function *fn, int depth) {
  const char *key = summary_key_of(fn);
  fn_summary *summary = fl_strmap_get(state->summaries, key);
  if (summary) return summary;
  if (depth > SUMMARY_DEPTH) return NULL;
  summary = calloc(1, sizeof *summary);
  if (!summary) abort();
  summary->function = fn;
  summary->state = 1;
  fl_strmap_put(state->summaries, key, summary);
  fl_ptrvec_push(&state->all_summaries, summary);
  summary_walk walk = {state, summary, depth, NULL, FL_PTRVEC_INIT, FL_PTRVEC_INIT, FL_PTRVEC_INIT,
                       FL_PTRVEC_INIT, FL_PTRVEC_INIT};
  summary_walk_stmt(fn->body, &walk, false);
  /* What callers see after the call returns: the deferred unlocks have run,
   * so `mu.Lock(); defer mu.Unlock()` is no lock helper. */
  for (size_t i = 0; i < walk.deferred_unlocks.count; i++)
    summary_lock(summary, ((const fl_event *)walk.deferred_unlocks.items[i])->object, false);
  fl_ptrvec_free(&walk.deferred_unlocks);
  fl_ptrvec_free(&walk.fresh_locals);
  /* A local the function frees (`defer C.free(d)`) was C's copy for the
   * caller to own, not a pointer into the handle's object. */
  for (size_t i = 0; i + 1 < walk.borrowed.count; i += 2)
    if (ptrvec_contains(&walk.freed_locals, walk.borrowed.items[i])) walk.borrowed.items[i] = NULL;
  summary->freed_locals = walk.freed_locals; /* the ops' check reads them too */
  summary_returns(summary, &walk.borrowed, fn->body);
  free_local_keys(&walk.atomic_taken);
  free_local_keys(&walk.borrowed);
  /* The flags a free path signals ops with: whatever its entry writes, before
   * or after the free (`closed = true; free(inner)` or the other way round). */
  for (size_t i = 0; i < summary->frees.count; i++)
    key_set_add_all(&((free_path *)summary->frees.items[i])->writes, &summary->writes);
  /* A field the entry also creates, itself or in a callee, before the free
   * (an init's error-path cleanup) or after it (`free(h->items); h->items =
   * bigger;`: a push that grows, pillow's QuantHeap), is not torn down: no
   * free path of the handle's lifetime, and what it writes signals no op. */
  for (size_t i = 0; i < summary->frees.count; i++) {
    free_path *path = summary->frees.items[i];
    if (key_set_has(&summary->creates, path->key)) path->after_create = true;
  }
  summary->state = 2;
  return summary;
}

/* C `static` functions and unexported Go functions and methods. */
static bool is_unexported(const fl_function *fn) {
  if (fn->lang == FL_LANG_GO) {
    const char *method = strrchr(fn->name, '.');
    method = method ? method + 1 : fn->name;
    return !(method[0] >= 'A' && method[0] <= 'Z');
  }
  return (fn->flags & FL_FN_STATIC) != 0;
}

/* A free reached only through a static (or unexported Go) helper is
 * represented by its callers, which add the locks they hold. */
static bool is_internal_helper(const fn_summary *summary) {
  const fl_function *fn = summary->function;
  if (!summary->called) return false;
  if (fn->flags & (FL_FN_C_LINKAGE | FL_FN_EXPORTED | FL_FN_PUBLIC_API | FL_FN_FINALIZER)) {
    if (!(fn->flags & FL_FN_STATIC)) return false;
  }
  return is_unexported(fn);
}

/* Drops `x_close(s->f)` free paths of fields that something else frees for
 * real (the close only stops the object; freeing it in close too would make
 * that free a double free), unless the closer clears the field. */
static void drop_soft_closes(rule_state *state) {
  /* Hard frees anywhere count, also in helpers and init error paths. */
  key_set hard = {FL_PTRVEC_INIT, NULL};
  for (size_t i = 0; i < state->all_summaries.count; i++) {
    const fn_summary *summary = state->all_summaries.items[i];
    for (size_t f = 0; f < summary->frees.count; f++) {
      const free_path *path = summary->frees.items[f];
      if (!path->soft) key_set_add(&hard, path->key);
    }
  }
  for (size_t k = 0; k < state->key_lists.count; k++) {
    fl_ptrvec *list = state->key_lists.items[k];
    size_t kept = 0;
    for (size_t i = 0; i < list->count; i++) {
      free_path *path = list->items[i];
      if (!path->soft || !key_set_has(&hard, path->key) || key_set_has(&path->writes, path->key))
        list->items[kept++] = path;
    }
    list->count = kept;
  }
  key_set_clear(&hard);
}

/* CPython's tp_dealloc (`conn_dealloc`, `Foo_dealloc`) runs when the last
 * reference goes, and every method call holds one on its object: it never
 * frees concurrently with an op on the same object. A C++ destructor ends
 * its object's life: an op running beside it already uses a destroyed
 * object, which nothing inside the object (a flag, its lock, a claim) can
 * prevent; the entry that destroys it concurrently (`extern "C" x_free(X
 * *h) { delete h; }`) is the free path, and stays one. (A Go finalizer
 * can: the GC may collect a receiver mid-method, so finalizers stay.) */
static bool is_last_reference_teardown(const fl_function *fn) {
  if (!fn || !fn->name || fn->lang == FL_LANG_GO) return false;
  if (fn->flags & FL_FN_DESTRUCTOR) return true;
  size_t len = strlen(fn->name);
  return len >= 7 && strcmp(fn->name + len - 7, "dealloc") == 0;
}

static void *hctu_prepare(const fl_program *program, const fl_rule_settings *settings) {
  rule_state *state = calloc(1, sizeof *state);
  if (!state) abort();
  state->program = program;
  state->runtime = fl_runtime_context_new(program);
  state->summaries = fl_strmap_new();
  state->frees_by_key = fl_strmap_new();
  size_t n = fl_program_function_count(program);
  for (size_t i = 0; i < n; i++) summarize(state, fl_program_function(program, i), 0);
  for (size_t i = 0; i < state->all_summaries.count; i++) {
    fn_summary *summary = state->all_summaries.items[i];
    if (!summary->frees.count || is_internal_helper(summary)) continue;
    for (size_t f = 0; f < summary->frees.count; f++) {
      free_path *path = summary->frees.items[f];
      if (path->after_create || is_last_reference_teardown(path->entry)) continue;
      /* CPython called it holding the GIL: it frees under that lock. */
      if (fl_runtime_holds_gil(state->runtime, path->entry)) key_set_add(&path->locks, GIL_KEY);
      key_set_add_all(&state->flag_writes, &path->writes);
      fl_ptrvec *list = fl_strmap_get(state->frees_by_key, path->key);
      if (!list) {
        list = calloc(1, sizeof *list);
        if (!list) abort();
        fl_ptrvec_push(&state->key_lists, list);
        /* keys live in the free_path, which outlives the map */
        fl_strmap_put(state->frees_by_key, path->key, list);
      }
      fl_ptrvec_push(list, path);
      key_set_add_all(&state->drained_counters, &path->counters);
    }
  }
  drop_soft_closes(state);
  (void)settings;
  return state;
}

static void hctu_release(void *opaque) {
  rule_state *state = opaque;
  if (!state) return;
  for (size_t i = 0; i < state->all_summaries.count; i++) {
    fn_summary *summary = state->all_summaries.items[i];
    for (size_t f = 0; f < summary->frees.count; f++) {
      free_path *path = summary->frees.items[f];
      key_set_clear(&path->locks);
      key_set_clear(&path->counters);
      key_set_clear(&path->writes);
      free(path);
    }
    fl_ptrvec_free(&summary->frees);
    key_set_clear(&summary->locks);
    key_set_clear(&summary->counters);
    key_set_clear(&summary->increments);
    key_set_clear(&summary->decrements);
    key_set_clear(&summary->writes);
    key_set_clear(&summary->creates);
    key_set_clear(&summary->flag_reads);
    key_set_clear(&summary->flag_tests);
    key_set_clear(&summary->acquires);
    key_set_clear(&summary->releases);
    key_set_clear(&summary->returns);
    key_set_clear(&summary->uses);
    fl_ptrvec_free(&summary->freed_locals);
    free(summary);
  }
  fl_ptrvec_free(&state->all_summaries);
  for (size_t i = 0; i < state->key_lists.count; i++) {
    fl_ptrvec_free(state->key_lists.items[i]);
    free(state->key_lists.items[i]);
  }
  fl_ptrvec_free(&state->key_lists);
  fl_strmap_free(state->frees_by_key);
  fl_runtime_context_free(state->runtime);
  fl_strmap_free(state->summaries);
  key_set_clear(&state->flag_writes);
  key_set_clear(&state->drained_counters);
  free(state);
}

/* --- Walking one op ----------------------------------------------------- */

#define OP_MAX_ITEMS 32

typedef struct op_check {
  const fl_var *root;      /* the handle variable checked */
  char key[KEY_MAX];       /* the field checked */
  fl_loc loc;
  bool under_lock;         /* read while a lock was held (valid until released) */
  bool is_flag;            /* a bool, or an atomic/volatile integer: a state, not data */
  char lock_key[KEY_MAX];
} op_check;

typedef struct op_alias {
  const fl_var *local;     /* p in `p := h.ptr` */
  const fl_var *root;      /* h */
  char key[KEY_MAX];       /* Stream.ptr */
  bool from_getter;        /* `p, err := h.get()` (which result is the pointer is not
                              known) or `C.get(h.ptr, &p)` (p borrowed from h.ptr):
                              only what p is passed to C counts as a use */
} op_alias;

/* Branch-local state; copied at branches and merged where paths join.
 * Locks and claims merge by union (assume held if held on some path: a
 * missed report is cheaper than a false one); checks merge by union. */
typedef struct op_state {
  char locks[OP_MAX_ITEMS][KEY_MAX];
  int nlocks;
  char claims[OP_MAX_ITEMS][KEY_MAX];
  int nclaims;
  op_check checks[OP_MAX_ITEMS];
  int nchecks;
  op_alias aliases[OP_MAX_ITEMS];
  int naliases;
  /* `err := h.verify()`: locals holding what a check helper returned; a
   * condition on one (`if err != nil`) is that helper's check. */
  const fl_var *check_results[OP_MAX_ITEMS];
  const fl_event *check_calls[OP_MAX_ITEMS];
  int nresults;
  bool terminated; /* this path returned / jumped away */
} op_state;

typedef struct op_walk {
  fl_rule_ctx *ctx;
  rule_state *rules;
  const fl_function *fn;
  const fn_summary *self; /* this op's own summary: what it frees itself */
  int reported;
  fl_ptrvec reported_keys; /* char* "line:key", owned: one finding per use site */
  const fl_expr *if_cond;  /* the `if`/`switch` condition being evaluated, else NULL */
  const fl_ptrvec *freed_locals; /* const fl_var*: locals the op frees (`defer C.free(d)`): what C
                              returned through them is the caller's copy, not borrowed */
} op_walk;

/* The summary of the function a call of the op runs, or NULL. */
static const fn_summary *helper_summary(const op_walk *walk, const fl_event *call) {
  const fl_function *callee = call ? fl_program_callee(walk->rules->program, call) : NULL;
  return callee ? fl_strmap_get(walk->rules->summaries, summary_key_of(callee)) : NULL;
}

/* A helper whose call in a condition checks the handle's state. */
static bool is_check_helper(const fn_summary *summary) {
  return summary && (summary->flag_reads.keys.count || summary->flag_tests.keys.count);
}

/* `if (s->closed)`, `if (!s->closed)`, `switch (s->state)`: the field is
 * used as a state; `if (s->len > 0)` compares a quantity. */
static bool is_truth_test(const fl_expr *cond, const fl_expr *path) {
  cond = fl_expr_strip_converts(cond);
  while (cond && cond->kind == FL_EXPR_UNARY && cond->op == FL_OP_NOT)
    cond = fl_expr_strip_converts(cond->base);
  return cond && fl_expr_same_path(cond, path);
}

static int find_str(char (*items)[KEY_MAX], int n, const char *key) {
  for (int i = 0; i < n; i++)
    if (strcmp(items[i], key) == 0) return i;
  return -1;
}

static void add_str(char (*items)[KEY_MAX], int *n, const char *key) {
  if (find_str(items, *n, key) >= 0 || *n >= OP_MAX_ITEMS) return;
  snprintf(items[(*n)++], KEY_MAX, "%s", key);
}

static void remove_str(char (*items)[KEY_MAX], int *n, const char *key) {
  int i = find_str(items, *n, key);
  if (i < 0) return;
  memmove(items[i], items[i + 1], (size_t)(*n - i - 1) * KEY_MAX);
  (*n)--;
}

static void state_merge(op_state *into, const op_state *from) {
  if (from->terminated) return;
  if (into->terminated) {
    *into = *from;
    return;
  }
  for (int i = 0; i < from->nlocks; i++) add_str(into->locks, &into->nlocks, from->locks[i]);
  for (int i = 0; i < from->nclaims; i++) add_str(into->claims, &into->nclaims, from->claims[i]);
  for (int i = 0; i < from->nchecks && into->nchecks < OP_MAX_ITEMS; i++) {
    bool known = false;
    for (int j = 0; j < into->nchecks; j++)
      known |= into->checks[j].root == from->checks[i].root &&
               strcmp(into->checks[j].key, from->checks[i].key) == 0;
    if (!known) into->checks[into->nchecks++] = from->checks[i];
  }
  for (int i = 0; i < from->naliases && into->naliases < OP_MAX_ITEMS; i++) {
    bool known = false;
    for (int j = 0; j < into->naliases; j++) known |= into->aliases[j].local == from->aliases[i].local;
    if (!known) into->aliases[into->naliases++] = from->aliases[i];
  }
}

static void add_check(op_state *state, const fl_var *root, const char *key, fl_loc loc,
                      const char *lock_key, bool is_flag) {
  if (!root) return;
  for (int i = 0; i < state->nchecks; i++)
    if (state->checks[i].root == root && strcmp(state->checks[i].key, key) == 0) return;
  if (state->nchecks >= OP_MAX_ITEMS) return;
  op_check *check = &state->checks[state->nchecks++];
  memset(check, 0, sizeof *check);
  check->root = root;
  snprintf(check->key, sizeof check->key, "%s", key);
  check->loc = loc;
  check->is_flag = is_flag;
  if (lock_key) {
    check->under_lock = true;
    snprintf(check->lock_key, sizeof check->lock_key, "%s", lock_key);
  }
}

static bool is_freed_key(const op_walk *walk, const char *key) {
  return fl_strmap_get(walk->rules->frees_by_key, key) != NULL;
}

/* A state check: the op reads a field of a handle to decide whether it may
 * go on. Only reads that show an attempt at concurrency safety count
 * (design.md §3): atomic/volatile flags, flags a free path writes, and any
 * read of the handle made while holding a lock. A plain null check of the
 * freed pointer is not one: that is the caller's contract, not this bug. */
static void note_read(op_walk *walk, op_state *state, const fl_event *event, bool atomic,
                      bool in_cond) {
  char key[KEY_MAX];
  const fl_expr *path = strip_path(event->object);
  if (!path || !path_key(path, key)) return;
  const fl_var *root = path_root_var(path);
  if (!root || root->kind == FL_VAR_GLOBAL) return;
  const fl_type *type = expr_type(path);
  bool flag_like = atomic || (type && (type->is_atomic || type->is_volatile));
  /* A flag is a bool or an integer (std::atomic<T>, atomic.Bool): a pointer field the free path also
   * writes (a payload, a callback) is not a state check. */
  bool flag_type = type && (type->kind == FL_TYPE_BOOL ||
                            (type->kind == FL_TYPE_INT && (flag_like || is_truth_test(walk->if_cond, path))) ||
                            (flag_like && type->kind == FL_TYPE_RECORD && type->is_atomic));
  bool written_by_free =
      flag_type && key_set_has(&walk->rules->flag_writes, key) && !is_freed_key(walk, key);
  if (state->nlocks > 0 && !is_freed_key(walk, key)) {
    add_check(state, root, key, event->loc, state->locks[state->nlocks - 1], flag_type);
    return;
  }
  if (state->nlocks > 0 && is_freed_key(walk, key)) {
    /* reading the freed pointer itself under a lock: the copy-out shape */
    add_check(state, root, key, event->loc, state->locks[state->nlocks - 1], false);
    return;
  }
  /* A static helper that never locks and tests a plain flag runs under its
   * callers' lock (nng's `tcp_dowrite`, "called with the lock held"): the
   * lock is their contract, the read is no attempt at safety of its own. */
  if (!flag_like && walk->self && !walk->self->locks_here && is_unexported(walk->fn) &&
      !fl_runtime_library_callback(walk->rules->runtime, walk->fn)) /* a library calls it */
    return;
  /* `e := h.ptr.Load(); if e == nil { return }`: an atomic read of the
   * pointer a free path swaps out and frees is the op's check. */
  if (atomic && type && type->kind == FL_TYPE_POINTER && is_freed_key(walk, key)) {
    add_check(state, root, key, event->loc, NULL, true);
    return;
  }
  /* A plain flag counts only as a bool a free path writes: integers read
   * without a lock are lengths and counters far more often than states. */
  if (flag_type && (in_cond || written_by_free) && (flag_like || written_by_free))
    add_check(state, root, key, event->loc, NULL, true);
}

/* The claim keys a call opens or closes: direct guard events, atomic
 * increments of a counter some free path drains, or calls whose summary
 * does either (`h.guard.enter()`). */
static void note_claims(op_walk *walk, op_state *state, const fl_event *event) {
  char key[KEY_MAX];
  switch (event->kind) {
    case FL_EV_GUARD_ENTER:
      if (path_key(event->object, key)) add_str(state->claims, &state->nclaims, key);
      return;
    case FL_EV_GUARD_LEAVE:
      if (path_key(event->object, key)) remove_str(state->claims, &state->nclaims, key);
      return;
    case FL_EV_ATOMIC_RMW:
      if (!path_key(event->object, key)) return;
      if (is_increment(event)) add_str(state->claims, &state->nclaims, key);
      else if (is_decrement(event)) remove_str(state->claims, &state->nclaims, key);
      return;
    case FL_EV_CALL: {
      const fn_summary *summary = helper_summary(walk, event);
      if (!summary) return;
      /* A try-enter increments and, on its bail-out path, decrements again:
       * on the path that goes on, the claim is open. A pure leave only
       * decrements. */
      for (size_t i = 0; i < summary->increments.keys.count; i++)
        add_str(state->claims, &state->nclaims, summary->increments.keys.items[i]);
      for (size_t i = 0; i < summary->decrements.keys.count; i++)
        if (!key_set_has(&summary->increments, summary->decrements.keys.items[i]))
          remove_str(state->claims, &state->nclaims, summary->decrements.keys.items[i]);
      return;
    }
    default: return;
  }
}

/* True when, for this free path, the op is synchronised at the use. */
static bool use_is_protected(const op_state *state, const free_path *path) {
  for (int i = 0; i < state->nlocks; i++)
    if (key_set_has(&path->locks, state->locks[i])) return true;
  for (int i = 0; i < state->nclaims; i++)
    if (key_set_has(&path->counters, state->claims[i])) return true;
  return false;
}

static bool some_path_writes(const fl_ptrvec *paths, const char *key) {
  for (size_t i = 0; i < paths->count; i++)
    if (key_set_has(&((const free_path *)paths->items[i])->writes, key)) return true;
  return false;
}

/* Does `check` show an attempt to synchronise with free path `path`?
 * - a read under a lock the op still holds: only when the free signals ops
 *   through that very field yet skips their lock (a free that takes no lock
 *   at all and signals nothing runs after ops by contract: stop, join, fini);
 * - a read under a lock since released (the copy-out shape): when the free
 *   takes that lock or writes that field;
 * - a flag read without a lock: when a free path of the object writes it. */
static bool check_fits_path(const op_state *state, const op_check *check, const free_path *path,
                            const fl_ptrvec *paths) {
  if (check->under_lock) {
    bool still_held = find_str((char (*)[KEY_MAX])state->locks, state->nlocks, check->lock_key) >= 0;
    /* a close that may only stop the object races a locked op by design */
    if (still_held) return check->is_flag && !path->soft && key_set_has(&path->writes, check->key);
    /* a length or a cursor read under the lock is data, not a state check */
    if (!check->is_flag && strcmp(check->key, path->key) != 0) return false;
    return key_set_has(&path->locks, check->lock_key) || key_set_has(&path->writes, check->key);
  }
  return some_path_writes(paths, check->key);
}

/* The first check on `root` that fits `path`, stale checks first. */
static const op_check *find_check(const op_state *state, const fl_var *root, const free_path *path,
                                  const fl_ptrvec *paths) {
  for (int pass = 0; pass < 2; pass++)
    for (int i = 0; i < state->nchecks; i++) {
      const op_check *check = &state->checks[i];
      if (check->root != root) continue;
      bool still_held = check->under_lock &&
                        find_str((char (*)[KEY_MAX])state->locks, state->nlocks, check->lock_key) >= 0;
      if (still_held != (pass == 1)) continue;
      if (check_fits_path(state, check, path, paths)) return check;
    }
  return NULL;
}

static const char *short_name(const fl_function *fn) { return fn ? fn->name : "?"; }

static const char *key_field(const char *key) {
  const char *dot = strrchr(key, '.');
  return dot ? dot + 1 : key;
}

static void report_use(op_walk *walk, const op_state *state, const fl_var *root, const char *key,
                       const fl_event *use, const char *via_local, const fl_function *via_helper) {
  fl_ptrvec *paths = fl_strmap_get(walk->rules->frees_by_key, key);
  if (!paths) return;
  /* A function that frees this field itself (Close racing Free) is a free
   * path, not an op: judged by its own locking, not reported as a use. */
  if (walk->self)
    for (size_t i = 0; i < walk->self->frees.count; i++)
      if (strcmp(((const free_path *)walk->self->frees.items[i])->key, key) == 0) return;
  const op_check *check = NULL;
  const free_path *unsafe = NULL;
  for (size_t i = 0; i < paths->count && !unsafe; i++) {
    const free_path *path = paths->items[i];
    if (path->entry == walk->fn || path->function == walk->fn) continue; /* the free itself */
    /* Node runs both on the JavaScript thread, one after the other. */
    if (fl_runtime_js_thread_only(walk->rules->runtime, walk->fn) &&
        fl_runtime_js_thread_only(walk->rules->runtime, path->entry))
      continue;
    if (use_is_protected(state, path)) continue;
    check = find_check(state, root, path, paths);
    if (check) unsafe = path;
  }
  if (!unsafe) return;
  char dedup[KEY_MAX + 32];
  snprintf(dedup, sizeof dedup, "%u:%s", use->loc.line, key);
  for (size_t i = 0; i < walk->reported_keys.count; i++)
    if (strcmp(walk->reported_keys.items[i], dedup) == 0) return;
  fl_ptrvec_push(&walk->reported_keys, strdup(dedup));

  const char *record = key;
  char record_name[KEY_MAX];
  snprintf(record_name, sizeof record_name, "%.*s", (int)(key_field(key) - key - 1), record);
  const char *how = check->under_lock ? "read under a lock that is released before the use"
                                      : "a state check does not stop a concurrent free";
  /* The advice names the free path's lock only when it frees under one:
   * "hold the lock X takes" read as if a lock existed when the free takes
   * none, and "X takes no lock" was wrong of a Close that sets its flag
   * under the lock and frees after dropping it. */
  char fix[2 * KEY_MAX + 160];
  if (unsafe->locks.keys.count)
    snprintf(fix, sizeof fix, "hold '%s' (the lock '%s' frees under) across the use, or open a claim it drains",
             key_field(unsafe->locks.keys.items[0]), short_name(unsafe->entry));
  else
    snprintf(fix, sizeof fix, "'%s' frees holding no lock: hold one lock in both across the use and the "
             "free, or open a claim that '%s' drains before it frees",
             short_name(unsafe->entry), short_name(unsafe->entry));
  fl_finding *finding = fl_finding_new(
      RULE_ID, fl_rule_ctx_rule(walk->ctx)->default_severity, use->loc, walk->fn->name,
      walk->fn->lang,
      "'%s' uses '%s' of handle type '%s'%s%s%s after checking '%s', but '%s' frees it concurrently: %s; %s",
      short_name(walk->fn), key_field(key), record_name,
      via_local ? " (through local '" : via_helper ? " (in '" : "",
      via_local ? via_local : via_helper ? short_name(via_helper) : "",
      via_local || via_helper ? "')" : "", key_field(check->key), short_name(unsafe->entry), how, fix);
  fl_finding_add_step(finding, check->loc, "%s '%s' checked here", check->under_lock ? "field" : "state",
                      key_field(check->key));
  fl_finding_add_step(finding, use->loc, "'%s' used here with no claim held", key_field(key));
  if (unsafe->function != unsafe->entry)
    fl_finding_add_step(finding, unsafe->loc, "freed here in '%s' (reached from '%s')",
                        short_name(unsafe->function), short_name(unsafe->entry));
  else
    fl_finding_add_step(finding, unsafe->loc, "freed here by '%s'", short_name(unsafe->function));
  fl_rule_report(walk->ctx, finding);
  walk->reported++;
}

/* Is `expr` (an argument, a dereferenced base) a use of a freed field?
 * Returns the key and root through the out-parameters. */
static bool expr_uses_freed(op_walk *walk, const op_state *state, const fl_expr *expr, bool foreign,
                            char key_out[KEY_MAX], const fl_var **root_out, const char **local_out) {
  for (const fl_expr *p = expr; p; p = p->base) {
    const fl_expr *path = strip_path(p);
    if (!path) return false;
    if (path->kind == FL_EXPR_NAME && path->var) {
      for (int i = 0; i < state->naliases; i++)
        if (state->aliases[i].local == path->var && (foreign || !state->aliases[i].from_getter)) {
          snprintf(key_out, KEY_MAX, "%s", state->aliases[i].key);
          *root_out = state->aliases[i].root;
          *local_out = path->var->name;
          return true;
        }
      return false;
    }
    if (path->kind == FL_EXPR_FIELD && path_key(path, key_out) && is_freed_key(walk, key_out)) {
      *root_out = path_root_var(path);
      *local_out = NULL;
      return *root_out != NULL;
    }
    if (path->kind != FL_EXPR_FIELD && path->kind != FL_EXPR_INDEX && path->kind != FL_EXPR_DEREF)
      return false;
    p = path;
  }
  return false;
}

static void note_use(op_walk *walk, op_state *state, const fl_event *event) {
  char key[KEY_MAX];
  const fl_var *root = NULL;
  const char *local = NULL;
  if (event->kind == FL_EV_CALL) {
    /* Freeing or releasing the object is the free path, not a use. */
    if (event->api && (event->api->role == FL_API_FREE || event->api->role == FL_API_RELEASE)) return;
    bool foreign = (event->flags & FL_EV_FOREIGN) != 0;
    for (size_t i = 0; i < event->nargs; i++)
      if (expr_uses_freed(walk, state, event->args[i], foreign, key, &root, &local))
        report_use(walk, state, root, key, event, local, NULL);
    if (event->object && expr_uses_freed(walk, state, event->object, foreign, key, &root, &local))
      report_use(walk, state, root, key, event, local, NULL);
    return;
  }
  if (event->kind == FL_EV_READ && event->object) {
    /* A dereference through the freed object: s->inner->len, *p. */
    const fl_expr *path = strip_path(event->object);
    if (path && (path->kind == FL_EXPR_FIELD || path->kind == FL_EXPR_DEREF || path->kind == FL_EXPR_INDEX) &&
        path->base && expr_uses_freed(walk, state, path->base, true, key, &root, &local))
      report_use(walk, state, root, key, event, local, NULL);
  }
}

/* The variable a getter call reads `key` from: the receiver or the argument
 * of the key's record type (`h` of h.get(), `s` of get_inner(s)). */
static const fl_var *getter_root(const fl_event *call, const char *key) {
  size_t record_len = (size_t)(key_field(key) - key - 1);
  for (size_t a = 0; a <= call->nargs; a++) {
    const fl_expr *arg = strip_path(a == 0 ? call->object : call->args[a - 1]);
    const char *record = arg ? type_record(expr_type(arg)) : NULL;
    if (record && strlen(record) == record_len && strncmp(record, key, record_len) == 0)
      return path_root_var(arg);
  }
  return NULL;
}

/* Records that `local` holds what `root`'s field `key` holds. */
static void add_alias(op_state *state, const fl_var *local, const fl_var *root, const char *key,
                      bool from_getter) {
  if (state->naliases >= OP_MAX_ITEMS) return;
  op_alias *alias = &state->aliases[state->naliases++];
  alias->local = local;
  alias->root = root;
  snprintf(alias->key, sizeof alias->key, "%s", key);
  alias->from_getter = from_getter;
}

/* `p, err := h.get()` where get() takes the lock, checks, returns h.ptr
 * and drops the lock: the copy-out shape with the copy made in a helper.
 * The local aliases the field, checked under a lock no longer held. */
static void note_getter_alias(op_walk *walk, op_state *state, const fl_var *local,
                              const fl_event *call) {
  const fn_summary *getter = helper_summary(walk, call);
  if (!getter || !getter->returns.keys.count || !getter->locks.keys.count ||
      getter->acquires.keys.count) /* a lock helper hands its lock to the caller */
    return;
  if (local->type && local->type->kind != FL_TYPE_POINTER && local->type->kind != FL_TYPE_OTHER) return;
  /* `c, err := j.getCursor(); defer C.free(c)`: the caller owns what it frees. */
  if (ptrvec_contains(walk->freed_locals, local)) return;
  for (size_t i = 0; i < getter->returns.keys.count && state->naliases < OP_MAX_ITEMS; i++) {
    const char *key = getter->returns.keys.items[i];
    const fl_var *root = is_freed_key(walk, key) ? getter_root(call, key) : NULL;
    if (!root) continue;
    add_alias(state, local, root, key, true);
    add_check(state, root, key, call->loc, getter->locks.keys.items[0], false);
    return;
  }
}

/* `C.get_data(j.ptr, &d, &l)` under the lock: d points into the object
 * j.ptr holds, so after the unlock it is as stale as a copy of j.ptr
 * (go-systemd's GetData read the journal's data after dropping the lock). */
static void note_borrowed_outparams(op_walk *walk, op_state *state, const fl_event *call) {
  if (!(call->flags & FL_EV_FOREIGN) || state->nlocks == 0) return;
  char key[KEY_MAX];
  const fl_var *root = NULL;
  for (size_t i = 0; i < call->nargs && !root; i++) {
    const fl_expr *arg = strip_path(call->args[i]);
    if (arg && arg->kind == FL_EXPR_FIELD && path_key(arg, key) && is_freed_key(walk, key))
      root = path_root_var(arg);
  }
  if (!root) return;
  for (size_t i = 0; i < call->nargs && state->naliases < OP_MAX_ITEMS; i++) {
    const fl_expr *arg = fl_expr_strip_converts(call->args[i]);
    const fl_expr *out = arg && arg->kind == FL_EXPR_ADDR ? arg->base : NULL;
    const fl_var *local = out && out->kind == FL_EXPR_NAME ? out->var : NULL;
    if (!local || local->kind != FL_VAR_LOCAL || !local->type ||
        local->type->kind != FL_TYPE_POINTER || ptrvec_contains(walk->freed_locals, local))
      continue;
    add_alias(state, local, root, key, true);
  }
}

static void note_alias(op_walk *walk, op_state *state, const fl_event *event) {
  const fl_expr *target = event->object;
  char key[KEY_MAX];
  if (target && target->kind == FL_EXPR_FIELD && path_key(target, key)) {
    /* `msg = s->msg; s->msg = NULL;`: the op took the object out of the
     * handle, so no free path can reach what the local now holds. */
    const fl_var *root = path_root_var(target);
    for (int i = 0; i < state->naliases; i++)
      if (state->aliases[i].root == root && strcmp(state->aliases[i].key, key) == 0)
        state->aliases[i--] = state->aliases[--state->naliases];
    return;
  }
  if (!target || target->kind != FL_EXPR_NAME || !target->var) return;
  const fl_var *local = target->var;
  /* Any assignment ends an earlier alias of this local. */
  for (int i = 0; i < state->naliases; i++)
    if (state->aliases[i].local == local) {
      state->aliases[i] = state->aliases[--state->naliases];
      break;
    }
  if (local->kind != FL_VAR_LOCAL || !event->value) return;
  /* `e := h.ptr.Load()`: e is the object h.ptr holds, still h's to free
   * (a Swap takes it out: no alias). */
  const fl_event *atomic = atomic_pointer_read(event->value, key);
  if (atomic && atomic->kind == FL_EV_ATOMIC_LOAD) {
    const fl_var *root = path_root_var(strip_path(atomic->object));
    if (root && is_freed_key(walk, key)) add_alias(state, local, root, key, false);
    return;
  }
  const fl_expr *value = strip_path(event->value);
  if (value && value->kind == FL_EXPR_CALL && value->event) {
    note_getter_alias(walk, state, local, value->event);
    return;
  }
  if (!value || value->kind != FL_EXPR_FIELD || !path_key(value, key) || !is_freed_key(walk, key)) return;
  const fl_var *root = path_root_var(value);
  if (root) add_alias(state, local, root, key, false);
}

static void add_helper_checks(op_state *state, op_walk *walk, const fl_event *event, const fn_summary *summary);

/* A check helper's result kept in a local (`err := p.verifyClient()`, the
 * error-returning form of `p.IsClosed()`): remembered, so a later
 * condition on the local makes the helper's check (note_result_check);
 * any other value written to the local forgets it. */
static void note_check_result(op_walk *walk, op_state *state, const fl_event *write) {
  const fl_expr *target = write->object;
  if (!target || target->kind != FL_EXPR_NAME || !target->var || target->var->kind != FL_VAR_LOCAL) return;
  for (int i = 0; i < state->nresults; i++)
    if (state->check_results[i] == target->var) {
      state->check_results[i] = state->check_results[--state->nresults];
      state->check_calls[i] = state->check_calls[state->nresults];
      break;
    }
  const fl_expr *value = fl_expr_strip_converts(write->value);
  const fl_event *call = value && value->kind == FL_EXPR_CALL ? value->event : NULL;
  const fn_summary *summary = helper_summary(walk, call);
  if (!is_check_helper(summary) || state->nresults == OP_MAX_ITEMS) return;
  state->check_results[state->nresults] = target->var;
  state->check_calls[state->nresults++] = call;
}

static void note_result_check(op_walk *walk, op_state *state, const fl_event *compare) {
  const fl_expr *sides[2] = {fl_expr_strip_converts(compare->object), fl_expr_strip_converts(compare->value)};
  for (int s = 0; s < 2; s++) {
    if (!sides[s] || sides[s]->kind != FL_EXPR_NAME || !sides[s]->var) continue;
    for (int i = 0; i < state->nresults; i++)
      if (state->check_results[i] == sides[s]->var) {
        const fn_summary *summary = helper_summary(walk, state->check_calls[i]);
        if (summary) add_helper_checks(state, walk, state->check_calls[i], summary);
      }
  }
}

/* Calls into helpers act like what they contain: `stream_lock(s)` takes a
 * lock, `stream_unlock(s)` releases it, `if (!is_open(s))` checks a flag of
 * the handle passed in. */
static void note_helper_call(op_walk *walk, op_state *state, const fl_event *event, bool in_cond) {
  const fn_summary *summary = helper_summary(walk, event);
  if (!summary) return;
  for (size_t i = 0; i < summary->acquires.keys.count; i++)
    add_str(state->locks, &state->nlocks, summary->acquires.keys.items[i]);
  for (size_t i = 0; i < summary->releases.keys.count; i++)
    remove_str(state->locks, &state->nlocks, summary->releases.keys.items[i]);
  char key[KEY_MAX];
  for (size_t i = 0; i < event->nargs && i < 32; i++) {
    if ((summary->param_acquires & (1u << i)) && path_key(event->args[i], key))
      add_str(state->locks, &state->nlocks, key);
    if ((summary->param_releases & (1u << i)) && path_key(event->args[i], key))
      remove_str(state->locks, &state->nlocks, key);
  }
  if (in_cond && is_check_helper(summary)) add_helper_checks(state, walk, event, summary);
}

/* The checks a call of a check helper makes: `is_open(s)`, `h.IsClosed()`
 * test the flags it reads on the handle it is given. */
static void add_record_checks(op_state *state, op_walk *walk, const fl_var *root, const char *record,
                              const key_set *keys, bool only_free_written, fl_loc loc) {
  size_t record_len = strlen(record);
  for (size_t i = 0; i < keys->keys.count; i++) {
    const char *key = keys->keys.items[i];
    if (strncmp(key, record, record_len) == 0 && key[record_len] == '.' && !is_freed_key(walk, key) &&
        (!only_free_written || key_set_has(&walk->rules->flag_writes, key)))
      add_check(state, root, key, loc, NULL, true);
  }
}

static void add_helper_checks(op_state *state, op_walk *walk, const fl_event *event, const fn_summary *summary) {
  for (size_t a = 0; a < event->nargs + 1; a++) {
    /* The handle passed in (`is_open(s)`) or the receiver (`h.guard.enter()`):
     * the check is on its root variable, for the fields of its type. */
    const fl_expr *arg = strip_path(a < event->nargs ? event->args[a] : event->object);
    if (!arg || !fl_expr_is_path(arg)) continue;
    const fl_var *root = path_root_var(arg);
    const char *record = type_record(expr_type(arg));
    if (!root || !record) continue;
    add_record_checks(state, walk, root, record, &summary->flag_reads, false, event->loc);
    /* A plain bool is a state only where a free path writes it (as for the
     * op's own reads, note_read). */
    add_record_checks(state, walk, root, record, &summary->flag_tests, true, event->loc);
  }
}

/* `h.send(p)` after the check, where send hands h.e to C: the use is in
 * the helper, and it is the op's. Only a helper with no lock or claim of
 * its own, that frees nothing: one that locks or claims is judged where it
 * uses the field. */
static void note_helper_uses(op_walk *walk, op_state *state, const fl_event *call) {
  /* Only an op callers outside reach: an internal function (gopacket's
   * getNextBufPtrLocked) is often called with the lock the free takes
   * already held, which its own walk cannot see. */
  if (is_unexported(walk->fn) && !(walk->fn->flags & (FL_FN_EXPORTED | FL_FN_CALLBACK))) return;
  const fl_function *callee = fl_program_callee(walk->rules->program, call);
  const fn_summary *helper =
      callee ? fl_strmap_get(walk->rules->summaries, summary_key_of(callee)) : NULL;
  if (!helper || !helper->uses.keys.count || helper->locks.keys.count || helper->counters.keys.count ||
      helper->increments.keys.count || helper->frees.count)
    return;
  for (size_t i = 0; i < helper->uses.keys.count; i++) {
    const char *key = helper->uses.keys.items[i];
    const fl_var *root = is_freed_key(walk, key) ? getter_root(call, key) : NULL;
    if (root) report_use(walk, state, root, key, call, NULL, callee);
  }
}

/* CPython's GIL as a lock: released by Py_BEGIN_ALLOW_THREADS
 * (PyEval_SaveThread), taken back by Py_END_ALLOW_THREADS; the PyGILState
 * pair takes and releases it in a thread Python did not start. */
static void note_gil(op_state *state, const fl_event *call) {
  const char *callee = call->callee ? call->callee : "";
  if (strncmp(callee, "Py", 2) != 0) return; /* every call of an op passes here */
  if (strcmp(callee, "PyEval_SaveThread") == 0 || strcmp(callee, "PyGILState_Release") == 0)
    remove_str(state->locks, &state->nlocks, GIL_KEY);
  else if (strcmp(callee, "PyEval_RestoreThread") == 0 || strcmp(callee, "PyGILState_Ensure") == 0)
    add_str(state->locks, &state->nlocks, GIL_KEY);
}

static void walk_event(op_walk *walk, op_state *state, const fl_event *event, bool in_cond,
                       bool deferred) {
  char key[KEY_MAX];
  if (event->kind == FL_EV_CALL) note_gil(state, event);
  switch (event->kind) {
    case FL_EV_LOCK:
      if (path_key(event->object, key)) add_str(state->locks, &state->nlocks, key);
      break;
    case FL_EV_UNLOCK:
      /* Go `defer mu.Unlock()` releases at function exit, not here. */
      if (!deferred && path_key(event->object, key)) remove_str(state->locks, &state->nlocks, key);
      break;
    case FL_EV_ATOMIC_LOAD:
      note_read(walk, state, event, true, in_cond || (event->flags & FL_EV_IN_COND));
      break;
    case FL_EV_READ:
      note_read(walk, state, event, false, in_cond || (event->flags & FL_EV_IN_COND));
      note_use(walk, state, event);
      break;
    case FL_EV_COMPARE:
      if (in_cond || (event->flags & FL_EV_IN_COND)) note_result_check(walk, state, event);
      break;
    case FL_EV_WRITE:
      note_alias(walk, state, event);
      if (!deferred) note_check_result(walk, state, event);
      if (!deferred && (event->op == FL_OP_ADD || event->op == FL_OP_SUB) && path_key(event->object, key)) {
        if (event->op == FL_OP_ADD) add_str(state->claims, &state->nclaims, key);
        else remove_str(state->claims, &state->nclaims, key);
      }
      break;
    case FL_EV_GUARD_ENTER:
    case FL_EV_GUARD_LEAVE:
    case FL_EV_ATOMIC_RMW:
      if (!deferred) note_claims(walk, state, event);
      break;
    case FL_EV_CALL:
      note_use(walk, state, event);
      note_helper_uses(walk, state, event);
      if (!deferred) {
        note_borrowed_outparams(walk, state, event);
        note_claims(walk, state, event);
        note_helper_call(walk, state, event, in_cond || (event->flags & FL_EV_IN_COND));
      }
      break;
    default: break;
  }
}

static void walk_stmt(op_walk *walk, op_state *state, const fl_stmt *stmt, bool in_cond);

/* Deferred statements run at exit: their unlocks and leaves release nothing
 * at this point (the claim stays open across the rest of the body), but
 * their uses are uses. A deferred closure's body is skipped as a whole. */
static void walk_deferred(op_walk *walk, op_state *state, const fl_stmt *stmt) {
  if (stmt->kind == FL_STMT_CLOSURE || stmt->kind == FL_STMT_GO) return;
  if (stmt->kind == FL_STMT_EVENT && stmt->event) walk_event(walk, state, stmt->event, false, true);
  for (size_t i = 0; i < stmt->nkids; i++) walk_deferred(walk, state, stmt->kids[i]);
}

static void walk_kids(op_walk *walk, op_state *state, const fl_stmt *stmt, size_t from, bool in_cond) {
  for (size_t i = from; i < stmt->nkids && !state->terminated; i++)
    walk_stmt(walk, state, stmt->kids[i], in_cond);
}

/* Walks the branches kids[first..] of an if/switch/try from a common state;
 * the state after is the union of the branches that fall through (plus the
 * entry state when no branch is mandatory). */
static void walk_branches(op_walk *walk, op_state *state, const fl_stmt *stmt, size_t first,
                          bool entry_falls_through) {
  op_state *entry = malloc(sizeof *entry);
  op_state *merged = malloc(sizeof *merged);
  op_state *branch = malloc(sizeof *branch);
  if (!entry || !merged || !branch) abort();
  *entry = *state;
  merged->terminated = true;
  if (entry_falls_through) *merged = *entry;
  for (size_t i = first; i < stmt->nkids; i++) {
    *branch = *entry;
    walk_stmt(walk, branch, stmt->kids[i], false);
    state_merge(merged, branch);
  }
  *state = *merged;
  free(entry);
  free(merged);
  free(branch);
}

/* A Go select polls every case's channel before it picks one: a receive
 * `case <-h.done:` from a channel a free path closes is a state check of
 * the whole statement, seen by the branch that falls through (`default:`)
 * too. Its events lead the case. (`len(h.ch)` or a receive of data is
 * no such check.) */
static void walk_select_receives(op_walk *walk, op_state *state, const fl_stmt *select) {
  if (walk->fn->lang != FL_LANG_GO) return;
  char key[KEY_MAX];
  for (size_t i = 1; i < select->nkids; i++) {
    const fl_stmt *arm = select->kids[i];
    for (size_t k = 0; arm && k < arm->nkids; k++) {
      const fl_stmt *kid = arm->kids[k];
      const fl_event *event = kid && kid->kind == FL_STMT_EVENT ? kid->event : NULL;
      const fl_expr *channel = event ? strip_path(event->object) : NULL;
      if (!event || event->kind != FL_EV_READ || !is_channel_type(expr_type(channel))) break;
      const fl_var *root = path_root_var(channel);
      if (root && root->kind != FL_VAR_GLOBAL && path_key(channel, key) &&
          key_set_has(&walk->rules->flag_writes, key))
        add_check(state, root, key, event->loc, NULL, true);
    }
  }
}

static void walk_stmt(op_walk *walk, op_state *state, const fl_stmt *stmt, bool in_cond) {
  if (!stmt || state->terminated) return;
  switch (stmt->kind) {
    case FL_STMT_EVENT:
      /* A RAII unlock at scope end (FL_EV_DEFERRED outside a DEFER) does release here. */
      walk_event(walk, state, stmt->event, in_cond, false);
      return;
    case FL_STMT_IF:
      walk->if_cond = stmt->expr;
      if (stmt->nkids > 0) walk_stmt(walk, state, stmt->kids[0], true);
      walk->if_cond = NULL;
      walk_branches(walk, state, stmt, 1, stmt->nkids < 3);
      return;
    case FL_STMT_SWITCH:
      walk->if_cond = stmt->expr;
      if (stmt->nkids > 0) walk_stmt(walk, state, stmt->kids[0], true);
      walk->if_cond = NULL;
      walk_select_receives(walk, state, stmt);
      walk_branches(walk, state, stmt, 1, true);
      return;
    case FL_STMT_LOOP: {
      if (stmt->nkids > 0) walk_stmt(walk, state, stmt->kids[0], true);
      op_state *body = malloc(sizeof *body);
      if (!body) abort();
      *body = *state;
      walk_kids(walk, body, stmt, 1, false);
      body->terminated = false; /* break/continue/return inside end the body, not the loop */
      state_merge(state, body);
      free(body);
      return;
    }
    case FL_STMT_TRY:
      if (stmt->nkids > 0) walk_stmt(walk, state, stmt->kids[0], false);
      walk_branches(walk, state, stmt, 1, true);
      return;
    case FL_STMT_DEFER:
      walk_deferred(walk, state, stmt);
      return;
    case FL_STMT_GO:
    case FL_STMT_CLOSURE: return; /* another goroutine / a body run later */
    case FL_STMT_RETURN:
      walk_kids(walk, state, stmt, 0, false);
      state->terminated = true;
      return;
    case FL_STMT_BREAK:
    case FL_STMT_CONTINUE:
    case FL_STMT_GOTO: state->terminated = true; return;
    default: walk_kids(walk, state, stmt, 0, in_cond); return;
  }
}

/* Does any event name a field some free path frees? Every use (and every
 * alias of one) starts with such a read or argument; most functions have
 * none, and skipping them keeps the rule's cost off the parse floor. */
static bool touches_freed_field(const fl_event *event, const fl_stmt *stmt, void *user) {
  const rule_state *rules = user;
  char key[KEY_MAX];
  (void)stmt;
  if ((event->kind == FL_EV_READ || event->kind == FL_EV_ATOMIC_LOAD) && path_key(event->object, key) &&
      fl_strmap_get(rules->frees_by_key, key))
    return false;
  if (event->kind != FL_EV_CALL) return true;
  for (size_t i = 0; i < event->nargs; i++) {
    const fl_expr *arg = strip_path(event->args[i]);
    if (arg && arg->kind == FL_EXPR_FIELD && path_key(arg, key) &&
        fl_strmap_get(rules->frees_by_key, key))
      return false;
  }
  /* A getter that hands out a freed field (note_getter_alias). */
  const fl_function *callee = fl_program_callee(rules->program, event);
  const fn_summary *summary =
      callee ? fl_strmap_get(rules->summaries, summary_key_of(callee)) : NULL;
  for (size_t i = 0; summary && i < summary->returns.keys.count; i++)
    if (fl_strmap_get(rules->frees_by_key, summary->returns.keys.items[i])) return false;
  /* A helper that uses a freed field (note_helper_uses). */
  for (size_t i = 0; summary && i < summary->uses.keys.count; i++)
    if (fl_strmap_get(rules->frees_by_key, summary->uses.keys.items[i])) return false;
  return true;
}

static void hctu_check_function(fl_rule_ctx *ctx, const fl_function *fn) {
  rule_state *rules = fl_rule_ctx_state(ctx);
  if (!rules || !fn->body || fl_strmap_count(rules->frees_by_key) == 0) return;
  if (fl_stmt_walk_events(fn->body, touches_freed_field, rules)) return;
  const fn_summary *self = fl_strmap_get(rules->summaries, summary_key_of(fn));
  /* The summary found the locals it frees; a function without one (not a
   * definition the prepare pass saw) is walked for them here. */
  fl_ptrvec own_freed = FL_PTRVEC_INIT;
  if (!self) fl_stmt_walk_events(fn->body, collect_freed_local, &own_freed);
  op_walk walk = {ctx, rules, fn, self, 0, FL_PTRVEC_INIT, NULL,
                  self ? &self->freed_locals : &own_freed};
  op_state *state = calloc(1, sizeof *state);
  if (!state) abort();
  if (fl_runtime_holds_gil(rules->runtime, fn)) add_str(state->locks, &state->nlocks, GIL_KEY);
  walk_stmt(&walk, state, fn->body, false);
  free(state);
  for (size_t i = 0; i < walk.reported_keys.count; i++) free(walk.reported_keys.items[i]);
  fl_ptrvec_free(&walk.reported_keys);
  fl_ptrvec_free(&own_freed);
}

const fl_rule fl_rule_handle_check_then_use = {
    .id = RULE_ID,
    .default_severity = FL_SEV_HIGH,
    .languages = FL_LANG_ALL,
    .prepare = hctu_prepare,
    .check_function = hctu_check_function,
    .release = hctu_release,
};
