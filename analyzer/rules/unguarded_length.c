/* unguarded-length (design.md §3, issues 3 and 5).
 *
 * A length that crosses the boundary reaches a sink with no bound on the
 * way. Taint, per function, in execution order:
 *   - parameters of functions callers outside the file can reach (C/C++
 *     external linkage, Go //export): "a caller's length";
 *   - values read from outside (API role taint_source: read/fread/recv fill
 *     their buffer, ntohl/le32toh return parsed input), fields of tainted
 *     structs, and values derived from any of these;
 *   - in Go, values returned by C calls.
 * A relational comparison of the value (or an expression containing it) in
 * a branch condition bounds it — `if (n > sizeof buf) return`, a clamp, a
 * validator call whose body compares that parameter — except a comparison
 * with zero, and except loop conditions, where `i < n` instead makes the
 * loop counter carry n's taint.
 *
 * Sinks: writes of a tainted length into fixed-size memory (length_sink
 * calls such as memcpy/read/snprintf, array stores indexed by a tainted
 * value, decoder loops whose write position is never compared); allocation
 * sizes from input; narrowing of a 64-bit length into a 32-bit sink
 * parameter (C.GoBytes(p, C.int(n)), (int)len into a sink or out-param);
 * Go unsafe.Slice over C memory with a C-supplied length. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "../core/strmap.h"
#include "../core/vec.h"
#include "rule.h"

#define RULE_ID "unguarded-length"
#define TAINT_MAX 64
#define TEXT_MAX 200

typedef enum taint_kind { TAINT_PARAM, TAINT_INPUT, TAINT_FOREIGN } taint_kind;

typedef struct taint {
  taint_kind kind;
  char source[TEXT_MAX]; /* "parameter 'len' of exported function 'set_name'" */
  fl_loc loc;
} taint;

typedef struct var_taint {
  const fl_var *var;
  taint taint;
} var_taint;

typedef struct call_taint {
  const fl_event *call;
  taint taint;
} call_taint;

/* Memory a copy or read filled through a pointer (`memcpy(s->name, p, n)`):
 * that field and what lies below it, not the whole object. */
typedef struct path_taint {
  char text[TEXT_MAX]; /* "s->name" */
  taint taint;
} path_taint;

/* --- Program-wide: which parameters each function compares (validators) --- */

/* A function that returns a 64-bit length narrowed to 32 bits with no
 * bound (go-systemd's getData: `return d, C.int(l), nil`): its callers hand
 * the truncated value to C.GoBytes as if it were whole. */
typedef struct narrowed_return {
  fl_loc loc;                /* the narrowing conversion in the return */
  char what[TEXT_MAX];       /* "'l' (C.size_t) to C.int in 'Journal.getData'" */
  const fl_type *to_type;    /* the narrow type returned */
  bool local;                /* a local of this function narrowed where it was assigned */
} narrowed_return;

typedef struct rule_state {
  fl_strmap *compared_params;  /* function key -> (uintptr_t) bitmask + 1 */
  fl_strmap *bounded_returns;  /* function key -> (void *)1: every return is masked or constant */
  fl_strmap *narrowed_returns; /* function key -> narrowed_return* (owned by `summaries`) */
  fl_ptrvec summaries;
} rule_state;

static const char *fn_key(const fl_function *fn) { return fn->id ? fn->id : fn->name; }

static bool is_relational(fl_op op) {
  return op == FL_OP_LT || op == FL_OP_LE || op == FL_OP_GT || op == FL_OP_GE;
}

static bool is_zero_const(const fl_expr *expr) {
  expr = fl_expr_strip_converts(expr);
  return expr && expr->kind == FL_EXPR_INT && expr->int_known && expr->int_value == 0;
}

/* Calls `visit` on every NAME node of an expression tree. */
typedef void (*name_visitor)(const fl_expr *name, void *user);
static void each_name(const fl_expr *expr, name_visitor visit, void *user) {
  if (!expr) return;
  if (expr->kind == FL_EXPR_NAME) visit(expr, user);
  if (expr->kind == FL_EXPR_CALL) return; /* a call's value is not its arguments */
  each_name(expr->base, visit, user);
  each_name(expr->index, visit, user);
  each_name(expr->other, visit, user);
}

/* Variables a function compares relationally with something other than
 * zero, anywhere: a validator's parameters (`if (!len_ok(n)) return` in a
 * caller bounds n), and what a narrowing in a return has been bounded by. */
static void push_var(const fl_expr *name, void *user) {
  fl_ptrvec *vars = user;
  if (!name->var) return;
  for (size_t i = 0; i < vars->count; i++)
    if (vars->items[i] == name->var) return;
  fl_ptrvec_push(vars, (void *)name->var);
}

static bool collect_compared_vars(const fl_event *event, const fl_stmt *stmt, void *user) {
  if (event->kind == FL_EV_COMPARE && is_relational(event->op) && !is_zero_const(event->value) &&
      !is_zero_const(event->object)) {
    each_name(event->object, push_var, user);
    each_name(event->value, push_var, user);
  }
  (void)stmt;
  return true;
}

/* An expression's type, or its variable's when the frontend left the
 * expression untyped. */
static const fl_type *value_type(const fl_expr *expr) {
  if (!expr) return NULL;
  if (expr->type) return expr->type;
  return expr->kind == FL_EXPR_NAME && expr->var ? expr->var->type : NULL;
}

/* The first unbounded 64->32-bit narrowing of a variable inside a return
 * statement of `stmt`, or NULL. The frontend keeps a return's conversions
 * as CONVERT events under it (a Go multi-value return has no other
 * structure). */
static const fl_event *find_narrowed_return(const fl_stmt *stmt, bool in_return, const fl_ptrvec *bounded) {
  if (!stmt) return NULL;
  if (stmt->kind == FL_STMT_CLOSURE || stmt->kind == FL_STMT_GO) return NULL; /* another function's returns */
  if (stmt->kind == FL_STMT_EVENT) {
    const fl_event *event = stmt->event;
    if (!in_return || event->kind != FL_EV_CONVERT || !event->object || !event->to_type) return NULL;
    const fl_expr *base = event->object;
    const fl_type *from = value_type(base);
    if (event->to_type->kind != FL_TYPE_INT || event->to_type->bits < 32 || event->to_type->bits > 32 || !from ||
        from->kind != FL_TYPE_INT || from->bits <= 32)
      return NULL;
    if (base->kind != FL_EXPR_NAME && base->kind != FL_EXPR_FIELD) return NULL; /* a length, not arithmetic */
    const fl_expr *root = fl_expr_path_root(base);
    if (root && root->var)
      for (size_t i = 0; i < bounded->count; i++)
        if (bounded->items[i] == root->var) return NULL;
    return event;
  }
  bool inside = in_return || stmt->kind == FL_STMT_RETURN;
  for (size_t i = 0; i < stmt->nkids; i++) {
    const fl_event *found = find_narrowed_return(stmt->kids[i], inside, bounded);
    if (found) return found;
  }
  return NULL;
}

static void summarise_narrowed_return(rule_state *state, const fl_function *fn,
                                      const fl_ptrvec *compared) {
  if (fn->lang != FL_LANG_GO || !fn->body) return;
  const fl_event *narrowing = find_narrowed_return(fn->body, false, compared);
  if (!narrowing) return;
  narrowed_return *summary = calloc(1, sizeof *summary);
  if (!summary) abort();
  summary->loc = narrowing->loc;
  summary->to_type = narrowing->to_type;
  const fl_type *from = value_type(narrowing->object);
  snprintf(summary->what, sizeof summary->what, "'%s' (%s) to %s in '%s'",
           narrowing->object->text ? narrowing->object->text : "?", from && from->name ? from->name : "64 bits",
           narrowing->to_type->name ? narrowing->to_type->name : "32 bits", fn->name);
  fl_ptrvec_push(&state->summaries, summary);
  fl_strmap_put(state->narrowed_returns, fn_key(fn), summary);
}

static bool is_capacity_mask(const fl_expr *expr);

/* A return value bounded by its own expression: a constant, `x & 0xff`,
 * `x % 64`, a clamp (`n < cap ? n : cap`). */
static bool is_bounded_value(const fl_expr *value) {
  value = fl_expr_strip_converts(value);
  if (!value) return false;
  if (value->kind == FL_EXPR_INT || value->kind == FL_EXPR_SIZEOF || value->kind == FL_EXPR_COND)
    return true;
  return value->kind == FL_EXPR_BINARY && (value->op == FL_OP_AND || value->op == FL_OP_MOD) &&
         (is_capacity_mask(value->index) || is_capacity_mask(value->base));
}

/* -1: some return is not bounded; else the number of returns seen. */
static int count_bounded_returns(const fl_stmt *stmt) {
  if (!stmt || stmt->kind == FL_STMT_CLOSURE || stmt->kind == FL_STMT_GO) return 0;
  if (stmt->kind == FL_STMT_RETURN) return stmt->expr && is_bounded_value(stmt->expr) ? 1 : -1;
  int total = 0;
  for (size_t i = 0; i < stmt->nkids; i++) {
    int n = count_bounded_returns(stmt->kids[i]);
    if (n < 0) return -1;
    total += n;
  }
  return total;
}

static void *ul_prepare(const fl_program *program, const fl_rule_settings *settings) {
  rule_state *state = calloc(1, sizeof *state);
  if (!state) abort();
  state->compared_params = fl_strmap_new();
  state->bounded_returns = fl_strmap_new();
  state->narrowed_returns = fl_strmap_new();
  size_t n = fl_program_function_count(program);
  for (size_t i = 0; i < n; i++) {
    const fl_function *fn = fl_program_function(program, i);
    fl_ptrvec compared = FL_PTRVEC_INIT;
    fl_stmt_walk_events(fn->body, collect_compared_vars, &compared);
    unsigned long mask = 0;
    for (size_t v = 0; v < compared.count; v++) {
      const fl_var *var = compared.items[v];
      if (var->kind == FL_VAR_PARAM && var->param_index >= 0 && var->param_index < 63)
        mask |= 1ul << var->param_index;
    }
    if (mask) fl_strmap_put(state->compared_params, fn_key(fn), (void *)(uintptr_t)(mask + 1));
    summarise_narrowed_return(state, fn, &compared);
    fl_ptrvec_free(&compared);
    /* libwebp's PixOrCopyLiteral(v, c): `return (v->argb >> (c * 8)) & 0xff;` */
    if (fn->body && count_bounded_returns(fn->body) > 0)
      fl_strmap_put(state->bounded_returns, fn_key(fn), (void *)1);
  }
  (void)settings;
  return state;
}

static void ul_release(void *opaque) {
  rule_state *state = opaque;
  if (!state) return;
  fl_strmap_free(state->compared_params);
  fl_strmap_free(state->bounded_returns);
  fl_strmap_free(state->narrowed_returns);
  for (size_t i = 0; i < state->summaries.count; i++) free(state->summaries.items[i]);
  fl_ptrvec_free(&state->summaries);
  free(state);
}

/* --- Per-function walk ---------------------------------------------------- */

typedef struct ul_walk {
  fl_rule_ctx *ctx;
  rule_state *rules;
  const fl_function *fn;
  int nvars, ncalls, nbounded, nbounded_paths, ntainted_paths; /* of the arrays below */
  fl_ptrvec compared_vars;    /* const fl_var*: compared anywhere (decoders) */
  fl_ptrvec incremented_vars; /* const fl_var*: x = x + k, x++ (write positions) */
  fl_ptrvec reported;         /* const fl_event*: one finding per sink */
  fl_ptrvec narrowed_vars;    /* pairs: const fl_var*, const narrowed_return* (from a callee,
                               * or one of local_narrowings) */
  fl_ptrvec local_narrowings; /* narrowed_return*, owned: `n32 := C.int(n64)` in this function */
  fl_ptrvec var_bounds;       /* pairs: const fl_var*, (uintptr_t) largest magnitude its one
                               * assignment can have (value_bound) */
  fl_ptrvec written_vars;     /* const fl_var*: assigned somewhere in the function */
  fl_ptrvec rewritten_vars;   /* const fl_var*: assigned more than once (a loop's counter)
                               * or its address taken: no bound from one assignment */
  bool input_loop; /* inside a loop whose condition compares a tainted value */
  bool any_taint;
  /* Fixed arrays last, read only below their counts: ul_check_function
   * zeroes what comes before them, not their ~70 KB (a calloc of the whole
   * walk per function was a fifth of a plain-Go run's instructions). */
  var_taint vars[TAINT_MAX];
  call_taint calls[TAINT_MAX];
  const fl_var *bounded[TAINT_MAX];
  char bounded_paths[TAINT_MAX][TEXT_MAX];
  path_taint tainted_paths[TAINT_MAX];
} ul_walk;
/* A field added after the arrays would go unzeroed. */
_Static_assert(offsetof(ul_walk, tainted_paths) + sizeof(((ul_walk *)0)->tainted_paths) == sizeof(ul_walk),
               "ul_walk's fixed arrays must come last");

static bool ptrvec_has(const fl_ptrvec *vec, const void *item) {
  for (size_t i = 0; i < vec->count; i++)
    if (vec->items[i] == item) return true;
  return false;
}

static bool is_bounded_var(const ul_walk *walk, const fl_var *var) {
  for (int i = 0; i < walk->nbounded; i++)
    if (walk->bounded[i] == var) return true;
  return false;
}

static bool is_bounded_path(const ul_walk *walk, const char *text) {
  for (int i = 0; i < walk->nbounded_paths; i++)
    if (strcmp(walk->bounded_paths[i], text) == 0) return true;
  return false;
}

static const taint *var_taint_of(const ul_walk *walk, const fl_var *var) {
  if (!var || is_bounded_var(walk, var)) return NULL;
  for (int i = 0; i < walk->nvars; i++)
    if (walk->vars[i].var == var) return &walk->vars[i].taint;
  return NULL;
}

static void set_var_taint(ul_walk *walk, const fl_var *var, const taint *value) {
  for (int i = 0; i < walk->nbounded; i++)
    if (walk->bounded[i] == var) walk->bounded[i] = walk->bounded[--walk->nbounded];
  for (int i = 0; i < walk->nvars; i++)
    if (walk->vars[i].var == var) {
      if (value) walk->vars[i].taint = *value;
      else walk->vars[i] = walk->vars[--walk->nvars];
      return;
    }
  if (value && walk->nvars < TAINT_MAX) {
    walk->vars[walk->nvars].var = var;
    walk->vars[walk->nvars].taint = *value;
    walk->nvars++;
    walk->any_taint = true;
  }
}

static const taint *call_taint_of(const ul_walk *walk, const fl_event *call) {
  for (int i = 0; i < walk->ncalls; i++)
    if (walk->calls[i].call == call) return &walk->calls[i].taint;
  return NULL;
}

static void set_call_taint(ul_walk *walk, const fl_event *call, const taint *value) {
  if (!value || walk->ncalls >= TAINT_MAX) return;
  walk->calls[walk->ncalls].call = call;
  walk->calls[walk->ncalls].taint = *value;
  walk->ncalls++;
  walk->any_taint = true;
}

static bool is_capacity_mask(const fl_expr *expr) {
  expr = fl_expr_strip_converts(expr);
  return expr && (expr->kind == FL_EXPR_INT || expr->kind == FL_EXPR_SIZEOF);
}

/* min(n, cap), MIN(), umin(), size_min(): a clamp helper bounds its result
 * by whichever argument is smaller. Recognised by name — the helper's body
 * is often a macro or in another unit. */
static bool is_clamp_call(const fl_event *call) {
  if (!call || !call->callee || call->nargs < 2) return false;
  const char *name = strrchr(call->callee, ':');
  name = name ? name + 1 : call->callee;
  const char *dot = strrchr(name, '.');
  if (dot) name = dot + 1;
  size_t len = strlen(name);
  if (len < 3) return false;
  const char *tail = name + len - 3;
  return (strncmp(name, "min", 3) == 0 || strncmp(name, "MIN", 3) == 0 ||
          strcmp(tail, "min") == 0 || strcmp(tail, "MIN") == 0) &&
         len <= 12;
}

/* The taint of a filled field path that `text` is or lies below
 * ("s->name[i]" under "s->name"), or NULL. */
static const taint *path_taint_of(const ul_walk *walk, const char *text) {
  for (int i = 0; text && i < walk->ntainted_paths; i++) {
    size_t len = strlen(walk->tainted_paths[i].text);
    if (strncmp(text, walk->tainted_paths[i].text, len) == 0 &&
        (!text[len] || text[len] == '[' || text[len] == '.' || text[len] == '-'))
      return &walk->tainted_paths[i].taint;
  }
  return NULL;
}

/* The taint an expression's value carries, or NULL. */
static const taint *expr_taint(const ul_walk *walk, const fl_expr *expr) {
  if (!expr) return NULL;
  if ((expr->kind == FL_EXPR_FIELD || expr->kind == FL_EXPR_INDEX) && expr->text &&
      !is_bounded_path(walk, expr->text)) {
    const taint *filled = path_taint_of(walk, expr->text);
    if (filled) return filled;
  }
  switch (expr->kind) {
    case FL_EXPR_NAME: return var_taint_of(walk, expr->var);
    case FL_EXPR_FIELD: {
      if (expr->text && is_bounded_path(walk, expr->text)) return NULL;
      /* png_ptr->width, row_info->pixel_depth: a struct a caller passes by
       * pointer is the API's own state object, validated where it was
       * filled, not a length the caller chose. Bytes of a caller's buffer
       * (p[0], *p) and fields of input-filled structs stay tainted. */
      const fl_expr *base = fl_expr_strip_converts(expr->base);
      if ((expr->flags & FL_EXPR_ARROW) && base && base->kind == FL_EXPR_NAME && base->var &&
          base->var->kind == FL_VAR_PARAM) {
        const taint *param = var_taint_of(walk, base->var);
        if (param && param->kind == TAINT_PARAM) return NULL;
      }
      return expr_taint(walk, expr->base);
    }
    case FL_EXPR_INDEX:
    case FL_EXPR_DEREF:
      if (expr->text && is_bounded_path(walk, expr->text)) return NULL;
      return expr_taint(walk, expr->base);
    case FL_EXPR_ADDR: return NULL; /* an address is not a length */
    case FL_EXPR_CALL: {
      if (is_clamp_call(expr->event)) return NULL;
      /* a helper whose every return is masked or constant */
      const fl_function *callee =
          expr->event ? fl_program_callee(fl_rule_ctx_program(walk->ctx), expr->event) : NULL;
      if (callee && fl_strmap_get(walk->rules->bounded_returns, fn_key(callee))) return NULL;
      return expr->event ? call_taint_of(walk, expr->event) : NULL;
    }
    case FL_EXPR_BINARY: {
      /* n & 0xff, n % 64 are bounded by the constant. */
      if ((expr->op == FL_OP_AND || expr->op == FL_OP_MOD) &&
          (is_capacity_mask(expr->index) || is_capacity_mask(expr->base)))
        return NULL;
      if (expr->op == FL_OP_SHR && is_capacity_mask(expr->index)) return expr_taint(walk, expr->base);
      const taint *lhs = expr_taint(walk, expr->base);
      return lhs ? lhs : expr_taint(walk, expr->index);
    }
    case FL_EXPR_UNARY:
    case FL_EXPR_CONVERT: return expr_taint(walk, expr->base);
    case FL_EXPR_COND: return NULL; /* n > cap ? cap : n — the clamp idiom */
    default: return NULL;
  }
}

static void mark_bounded_name(const fl_expr *name, void *user) {
  ul_walk *walk = user;
  if (name->var && !is_bounded_var(walk, name->var) && walk->nbounded < TAINT_MAX)
    walk->bounded[walk->nbounded++] = name->var;
}

/* Everything a bounding comparison side mentions is bounded: `n`, `hdr->len`,
 * and both of `off + len` in `if (off + len > cap)`. */
static void mark_bounded(ul_walk *walk, const fl_expr *side) {
  if (!side) return;
  for (const fl_expr *p = fl_expr_strip_converts(side); p; p = fl_expr_strip_converts(p->base)) {
    if ((p->kind == FL_EXPR_FIELD || p->kind == FL_EXPR_INDEX || p->kind == FL_EXPR_DEREF) && p->text &&
        !is_bounded_path(walk, p->text) && walk->nbounded_paths < TAINT_MAX)
      snprintf(walk->bounded_paths[walk->nbounded_paths++], TEXT_MAX, "%s", p->text);
    if (p->kind != FL_EXPR_FIELD && p->kind != FL_EXPR_INDEX && p->kind != FL_EXPR_DEREF) break;
  }
  each_name(side, mark_bounded_name, walk);
}

/* Vectors of (key, value) pairs, keyed by pointer: narrowed locals, value
 * bounds. The index of `key`'s value, or -1. */
static long pairs_find(const fl_ptrvec *pairs, const void *key) {
  for (size_t i = 0; i + 1 < pairs->count; i += 2)
    if (pairs->items[i] == key) return (long)(i + 1);
  return -1;
}

static void pairs_remove(fl_ptrvec *pairs, const void *key) {
  long at = pairs_find(pairs, key);
  if (at < 0) return;
  pairs->items[at - 1] = pairs->items[pairs->count - 2];
  pairs->items[at] = pairs->items[pairs->count - 1];
  pairs->count -= 2;
}

static bool is_narrowed_var(const ul_walk *walk, const fl_expr *expr) {
  const fl_expr *root = fl_expr_path_root(fl_expr_strip_converts(expr));
  return root && root->var && pairs_find(&walk->narrowed_vars, root->var) >= 0;
}

/* A size a length or a counter can be checked against: a sizeof, or a
 * positive constant of a buffer's magnitude (16 MiB at most; not a
 * sentinel such as UINT_MAX or -1). */
static bool is_size_constant(const fl_expr *expr) {
  expr = fl_expr_strip_converts(expr);
  if (!expr) return false;
  if (expr->kind == FL_EXPR_SIZEOF) return true;
  return expr->kind == FL_EXPR_INT && expr->int_known && expr->int_value > 0 && expr->int_value <= (1 << 24);
}

static void note_compare(ul_walk *walk, const fl_event *event, bool in_loop_cond) {
  /* if C.uint64_t(n32) != n64 { return ERANGE }: the round trip proves the
   * narrowing lost nothing (go-lxc). */
  if ((event->op == FL_OP_EQ || event->op == FL_OP_NE) && !is_zero_const(event->object) &&
      !is_zero_const(event->value)) {
    if (is_narrowed_var(walk, event->object)) mark_bounded(walk, event->object);
    if (is_narrowed_var(walk, event->value)) mark_bounded(walk, event->value);
    /* if (len != sizeof key) return: a length checked against an exact
     * size is bounded by it. Not a sentinel (`bucket != UINT_MAX`, -1): on
     * the path that uses it, the value is anything but that. */
    if (!in_loop_cond && is_size_constant(event->value)) mark_bounded(walk, event->object);
    if (!in_loop_cond && is_size_constant(event->object)) mark_bounded(walk, event->value);
  }
  if (!is_relational(event->op)) return;
  if (is_zero_const(event->object) || is_zero_const(event->value)) return;
  if (in_loop_cond) {
    /* for (i = 0; i < n; i++): the counter carries n's taint. */
    const fl_expr *lhs = fl_expr_strip_converts(event->object);
    const fl_expr *rhs = fl_expr_strip_converts(event->value);
    /* for (i = 0; i < n && i < 8; i++): the counter itself compared with a
     * size constant is bounded by it, whatever else the loop tests. */
    const fl_expr *counter = lhs && lhs->kind == FL_EXPR_NAME && is_size_constant(rhs)   ? lhs
                             : rhs && rhs->kind == FL_EXPR_NAME && is_size_constant(lhs) ? rhs
                                                                                         : NULL;
    if (counter) {
      mark_bounded(walk, counter);
      return;
    }
    const taint *lt = expr_taint(walk, lhs), *rt = expr_taint(walk, rhs);
    if (lt || rt) walk->input_loop = true;
    /* (A counter bounded earlier in the same condition stays bounded.) */
    if (rt && !lt && lhs && lhs->kind == FL_EXPR_NAME && lhs->var && lhs->var->kind == FL_VAR_LOCAL &&
        !is_bounded_var(walk, lhs->var))
      set_var_taint(walk, lhs->var, rt);
    else if (lt && !rt && rhs && rhs->kind == FL_EXPR_NAME && rhs->var && rhs->var->kind == FL_VAR_LOCAL &&
             !is_bounded_var(walk, rhs->var))
      set_var_taint(walk, rhs->var, lt);
    return;
  }
  mark_bounded(walk, event->object);
  mark_bounded(walk, event->value);
}

/* --- Destinations --------------------------------------------------------- */

/* Capacity in bytes of a fixed-size destination (a local or member array,
 * &arr[k], arr + k), or 0 when unknown. `name_out` gets its spelling. */
static uint64_t fixed_capacity(const fl_expr *dst, const char **name_out) {
  const fl_expr *p = dst;
  for (int depth = 0; p && depth < 6; depth++) {
    if (p->kind == FL_EXPR_CONVERT || p->kind == FL_EXPR_ADDR) {
      p = p->base;
      continue;
    }
    if (p->kind == FL_EXPR_BINARY && (p->op == FL_OP_ADD || p->op == FL_OP_SUB)) {
      p = p->base;
      continue;
    }
    if (p->kind == FL_EXPR_INDEX && p->base && p->base->type && p->base->type->kind == FL_TYPE_ARRAY) {
      p = p->base;
      continue;
    }
    break;
  }
  if (!p || !p->type || p->type->kind != FL_TYPE_ARRAY || p->type->array_len == 0) return 0;
  *name_out = p->text ? p->text : "?";
  if (p->type->size_bytes) return p->type->size_bytes;
  uint64_t element = p->type->pointee && p->type->pointee->size_bytes ? p->type->pointee->size_bytes : 1;
  return p->type->array_len * element;
}

static const char *expr_spelling(const fl_expr *expr) {
  return expr && expr->text ? expr->text : "the length";
}

static bool already_reported(ul_walk *walk, const fl_event *event) {
  if (ptrvec_has(&walk->reported, event)) return true;
  fl_ptrvec_push(&walk->reported, (void *)event);
  return false;
}

static fl_finding *new_finding(ul_walk *walk, fl_severity severity, fl_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static fl_finding *new_finding(ul_walk *walk, fl_severity severity, fl_loc loc, const char *fmt, ...) {
  char message[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(message, sizeof message, fmt, ap);
  va_end(ap);
  return fl_finding_new(RULE_ID, severity, loc, walk->fn->name, walk->fn->lang, "%s", message);
}

static void report(ul_walk *walk, fl_finding *finding, const taint *source, fl_loc sink_loc,
                   const char *sink_step) {
  if (source && source->loc.line)
    fl_finding_add_step(finding, source->loc, "length comes from %s", source->source);
  fl_finding_add_step(finding, sink_loc, "%s", sink_step);
  fl_rule_report(walk->ctx, finding);
}

/* The first integer conversion inside a length expression (through
 * conversions and unary operators) for which `matches` holds, or NULL. */
static const fl_expr *find_int_conversion(const fl_expr *expr, int bits,
                                          bool (*matches)(const fl_expr *convert, int bits)) {
  for (const fl_expr *p = expr; p; p = p->base) {
    if (p->kind == FL_EXPR_CONVERT && p->type && p->type->kind == FL_TYPE_INT && p->base && matches(p, bits))
      return p;
    if (p->kind != FL_EXPR_CONVERT && p->kind != FL_EXPR_UNARY) break;
  }
  return NULL;
}

/* From a wider integer to at most `bits` bits. Casts to 8 or 16 bits pack
 * bytes and pixels, not lengths. */
static bool narrows(const fl_expr *convert, int bits) {
  if (convert->type->bits < 32 || convert->type->bits > bits) return false;
  const fl_type *from = value_type(convert->base);
  if (from && from->kind == FL_TYPE_INT && from->bits > convert->type->bits) return true;
  /* len(x) in Go is a 64-bit int even when the frontend leaves it untyped. */
  const fl_event *call = convert->base->kind == FL_EXPR_CALL ? convert->base->event : NULL;
  return call && call->callee && strcmp(call->callee, "len") == 0 && convert->type->bits <= 32;
}

/* The narrowing conversion inside a length expression. */
static const fl_expr *find_narrowing(const fl_expr *expr, int bits) {
  return find_int_conversion(expr, bits, narrows);
}

typedef struct bounded_scan {
  ul_walk *walk;
  int names;
  bool all_bounded;
} bounded_scan;

static void bounded_name(const fl_expr *name, void *user) {
  bounded_scan *scan = user;
  scan->names++;
  if (!name->var || !is_bounded_var(scan->walk, name->var)) scan->all_bounded = false;
}

/* True when `expr` mentions at least one variable and every one of them has
 * been bounded by a comparison (or the whole path has). */
static bool expr_is_bounded(ul_walk *walk, const fl_expr *expr) {
  if (!expr) return true;
  if (expr->text && is_bounded_path(walk, expr->text)) return true;
  bounded_scan scan = {walk, 0, true};
  each_name(expr, bounded_name, &scan);
  return scan.names > 0 && scan.all_bounded;
}

/* The summary of the callee that narrowed `len` before this function got
 * it: `l` assigned from such a call, or the call itself; NULL if none. */
static const narrowed_return *narrowed_by_callee(ul_walk *walk, const fl_expr *len) {
  const fl_expr *value = fl_expr_strip_converts(len);
  if (!value) return NULL;
  if (value->kind == FL_EXPR_NAME && value->var) {
    long at = pairs_find(&walk->narrowed_vars, value->var);
    return at < 0 ? NULL : walk->narrowed_vars.items[at];
  }
  if (value->kind != FL_EXPR_CALL || !value->event) return NULL;
  const fl_function *callee = fl_program_callee(fl_rule_ctx_program(walk->ctx), value->event);
  return callee ? fl_strmap_get(walk->rules->narrowed_returns, fn_key(callee)) : NULL;
}


/* A 32-bit local that holds a narrowed length: `l, err := getLen()` where
 * getLen narrows what it returns (the 32-bit result of the narrow type), or
 * `size := C.int(C.git_blob_rawsize(b))` with no bound on the wide value. */
static void note_narrowed_result(ul_walk *walk, const fl_event *write) {
  const fl_expr *target = write->object, *value = write->value;
  if (!target || target->kind != FL_EXPR_NAME || !target->var) return;
  pairs_remove(&walk->narrowed_vars, target->var);
  const fl_type *type = target->var->type;
  if (!value || !type || type->kind != FL_TYPE_INT || type->bits != 32) return;
  const narrowed_return *summary = NULL;
  const fl_expr *narrowing = find_narrowing(value, 32);
  const fl_expr *call = fl_expr_strip_converts(value);
  if (narrowing && narrowing->base && !expr_is_bounded(walk, narrowing->base)) {
    narrowed_return *local = calloc(1, sizeof *local);
    if (!local) abort();
    const fl_type *from = value_type(narrowing->base);
    local->loc = narrowing->loc.line ? narrowing->loc : write->loc;
    local->to_type = narrowing->type;
    local->local = true;
    snprintf(local->what, sizeof local->what, "'%s' (%s) narrowed to %s",
             expr_spelling(narrowing->base), from && from->name ? from->name : "a 64-bit integer",
             narrowing->type && narrowing->type->name ? narrowing->type->name : "32 bits");
    fl_ptrvec_push(&walk->local_narrowings, local);
    summary = local;
  } else if (!narrowing && call && call->kind == FL_EXPR_CALL && call->event) {
    summary = narrowed_by_callee(walk, call);
    if (summary && summary->to_type->name && type->name && strcmp(summary->to_type->name, type->name) != 0)
      summary = NULL;
  }
  if (!summary) return;
  fl_ptrvec_push(&walk->narrowed_vars, (void *)target->var);
  fl_ptrvec_push(&walk->narrowed_vars, (void *)summary);
}

static bool bounded_by_construction(ul_walk *walk, const fl_expr *expr, int bits);

/* From an unsigned `bits`-bit integer to a signed one of the same width
 * (C.int(hdr.caplen), caplen a uint32): no bits are lost, but past 2 GiB
 * the length turns negative. */
static bool flips_sign(const fl_expr *convert, int bits) {
  const fl_type *from = value_type(convert->base);
  return convert->type->is_signed && convert->type->bits == bits && from && from->kind == FL_TYPE_INT &&
         !from->is_signed && from->bits == bits;
}

/* A length converted on its way into a 32-bit sink with no bound: narrowed
 * from a wider integer (past 2 GiB it is truncated or turns negative), or
 * an unsigned length of the sink's own width handed over as its signed int
 * (`flips`: past 2 GiB it turns negative, and C.GoBytes / C.GoStringN
 * panic on it). */
static void check_conversion(ul_walk *walk, const fl_event *call, const fl_expr *conversion, int bits,
                             bool flips) {
  const fl_expr *length = conversion->base;
  if (expr_is_bounded(walk, length) || bounded_by_construction(walk, length, bits) ||
      already_reported(walk, call))
    return;
  const fl_type *from = value_type(length);
  fl_finding *finding = new_finding(
      walk, FL_SEV_MEDIUM, call->loc,
      "'%s' takes its length as %s, but '%s' (%s) is converted without a bound: %s",
      call->callee,
      conversion->type->name ? conversion->type->name : flips ? "a signed 32-bit int" : "a 32-bit int",
      expr_spelling(length),
      from && from->name ? from->name : flips ? "an unsigned 32-bit integer" : "a 64-bit integer",
      flips ? "past 2 GiB the length turns negative and the copy panics; check it against math.MaxInt32 first"
            : "lengths past 2 GiB are truncated or turn negative; check it against math.MaxInt32 (or the "
              "32-bit limit) first");
  report(walk, finding, expr_taint(walk, length), conversion->loc.line ? conversion->loc : call->loc,
         flips ? "sign changes here" : "narrowed here");
}

static void check_narrow_sink(ul_walk *walk, const fl_event *call, const fl_api_entry *api) {
  if (api->len_arg < 0 || (size_t)api->len_arg >= call->nargs) return;
  const fl_expr *len = call->args[api->len_arg];
  int bits = api->len_bits ? api->len_bits : 32;
  const fl_expr *narrowing = find_narrowing(len, bits);
  const fl_expr *flip = narrowing ? NULL : find_int_conversion(len, bits, flips_sign);
  if (flip) {
    check_conversion(walk, call, flip, bits, true);
    return;
  }
  if (!narrowing) {
    const narrowed_return *summary = narrowed_by_callee(walk, len);
    if (!summary || expr_is_bounded(walk, len) || already_reported(walk, call)) return;
    fl_finding *finding = new_finding(
        walk, FL_SEV_MEDIUM, call->loc,
        "'%s' takes its length '%s' %s %s with no bound: lengths past 2 GiB are truncated or turn "
        "negative; check the length against math.MaxInt32 (or the 32-bit limit) before narrowing it",
        call->callee, expr_spelling(len), summary->local ? "from" : "from a call that narrows",
        summary->what);
    fl_finding_add_step(finding, summary->loc, summary->local ? "narrowed here" : "narrowed here, and returned");
    report(walk, finding, NULL, call->loc, "the truncated length used here");
    return;
  }
  check_conversion(walk, call, narrowing, bits, false);
}

/* The length is the NUL-terminated length of the viewed memory itself
 * (`unsafe.String(p, int(C.strlen(p)))`): within it by construction. */
static bool measures_own_memory(const fl_expr *len, const fl_expr *memory) {
  const fl_expr *measure = fl_expr_strip_converts(len);
  if (!measure || measure->kind != FL_EXPR_CALL || !measure->event || !measure->event->callee ||
      measure->event->nargs == 0 || !memory)
    return false;
  const char *name = measure->event->callee;
  if (strncmp(name, "C.", 2) == 0) name += 2;
  if (strcmp(name, "strlen") != 0 && strcmp(name, "strnlen") != 0) return false;
  const fl_expr *measured = fl_expr_path_root(fl_expr_strip_converts(measure->event->args[0]));
  const fl_expr *viewed = fl_expr_path_root(fl_expr_strip_converts(memory));
  return measured && viewed && measured->var && measured->var == viewed->var;
}

static void check_length_sink(ul_walk *walk, const fl_event *call, const fl_api_entry *api) {
  if (api->len_arg < 0 || (size_t)api->len_arg >= call->nargs) return;
  const fl_expr *len = call->args[api->len_arg];
  const taint *source = expr_taint(walk, len);
  if (!source && api->size_arg >= 0 && (size_t)api->size_arg < call->nargs) {
    len = call->args[api->size_arg]; /* fread(buf, n, 1, f) */
    source = expr_taint(walk, len);
    if (!source) len = call->args[api->len_arg];
  }
  const fl_expr *dst = api->dst_arg >= 0 && (size_t)api->dst_arg < call->nargs ? call->args[api->dst_arg] : NULL;

  if (walk->fn->lang == FL_LANG_GO) {
    /* unsafe.Slice(p, n) over C memory with a length from C. */
    if (!source || already_reported(walk, call) || measures_own_memory(len, call->nargs ? call->args[0] : NULL))
      return;
    fl_finding *finding = new_finding(
        walk, FL_SEV_MEDIUM, call->loc,
        "'%s' builds a Go view of C memory with length '%s' from %s, and no comparison bounds it",
        call->callee, expr_spelling(len), source->source);
    report(walk, finding, source, call->loc, "unbounded length used here");
    return;
  }

  const char *dst_name = NULL;
  uint64_t capacity = dst ? fixed_capacity(dst, &dst_name) : 0;
  if (capacity && source) {
    if (already_reported(walk, call)) return;
    fl_finding *finding = new_finding(
        walk, FL_SEV_HIGH, call->loc,
        "'%s' writes '%s' bytes into '%s' (%llu bytes), but '%s' comes from %s and no comparison "
        "bounds it by the size of '%s'",
        call->callee, expr_spelling(len), dst_name, (unsigned long long)capacity, expr_spelling(len),
        source->source, dst_name);
    report(walk, finding, source, call->loc, "unbounded length reaches the copy here");
    return;
  }
  /* A 64-bit length narrowed to 32 bits on its way into a sink. */
  const fl_expr *narrowing = find_narrowing(len, 32);
  if (narrowing && (expr_taint(walk, narrowing->base) || (narrowing->base->kind == FL_EXPR_NAME &&
                                                          narrowing->base->var &&
                                                          narrowing->base->var->kind == FL_VAR_PARAM)) &&
      !expr_is_bounded(walk, narrowing->base) && !already_reported(walk, call)) {
    fl_finding *finding = new_finding(
        walk, FL_SEV_MEDIUM, call->loc,
        "'%s' receives length '%s' narrowed to %s from a wider type with no bound: large lengths are "
        "truncated",
        call->callee, expr_spelling(narrowing->base),
        narrowing->type->name ? narrowing->type->name : "32 bits");
    report(walk, finding, expr_taint(walk, narrowing->base), call->loc, "narrowed length used here");
  }
}

/* A Go slice or string made over memory by hand -- an array pointer
 * sliced ((*[1 << 30]T)(unsafe.Pointer(p))[:n:n]), a reflect.SliceHeader's
 * Len set -- is unsafe.Slice spelled another way: with a length from C and
 * no bound, it reads past what C allocated. */
static void note_view(ul_walk *walk, const fl_event *event) {
  const fl_type *view = event->to_type;
  if (!event->value || !view || (view->kind != FL_TYPE_SLICE && view->kind != FL_TYPE_STRING)) return;
  const taint *source = expr_taint(walk, event->value);
  if (!source || already_reported(walk, event) || measures_own_memory(event->value, event->object)) return;
  /* The frontend names a header's view after the header type. */
  const fl_type *memory = event->object ? event->object->type : NULL;
  char how[TEXT_MAX];
  if (view->name && strncmp(view->name, "reflect.", 8) == 0)
    snprintf(how, sizeof how, "a %s", view->name);
  else
    snprintf(how, sizeof how, "slicing '%s'", memory && memory->name ? memory->name : "an array pointer");
  fl_finding *finding = new_finding(
      walk, FL_SEV_MEDIUM, event->loc,
      "%s builds a Go view of C memory with length '%s' from %s, and no comparison bounds it",
      how, expr_spelling(event->value), source->source);
  report(walk, finding, source, event->loc, "unbounded length used here");
}

/* `w * h` where both factors carry taint: the product of two lengths a
 * caller (or the input) chose wraps around before it reaches the allocator,
 * which then returns a buffer smaller than the code will index. One factor
 * constant (`n * sizeof *p`) is the ordinary array allocation. */
static const taint *overflowing_product(ul_walk *walk, const fl_expr *len) {
  const fl_expr *product = fl_expr_strip_converts(len);
  if (!product || product->kind != FL_EXPR_BINARY || product->op != FL_OP_MUL) return NULL;
  const taint *lhs = expr_taint(walk, product->base);
  const taint *rhs = expr_taint(walk, product->index);
  return lhs && rhs ? lhs : NULL;
}

static void check_alloc(ul_walk *walk, const fl_event *call, const fl_api_entry *api) {
  if (api->len_arg < 0 || (size_t)api->len_arg >= call->nargs) return;
  const fl_expr *len = call->args[api->len_arg];
  const taint *source = expr_taint(walk, len);
  const fl_expr *size = api->size_arg >= 0 && (size_t)api->size_arg < call->nargs ? call->args[api->size_arg] : NULL;
  if (!source && size) source = expr_taint(walk, size);
  /* A caller choosing how much to allocate is the API's job; a size read
   * out of a file or packet is not, and neither is a product of two
   * caller lengths that can wrap (calloc checks its own product). */
  const taint *product = size ? NULL : overflowing_product(walk, len);
  if (product && !(source && source->kind == TAINT_INPUT) && !already_reported(walk, call)) {
    fl_finding *finding = new_finding(
        walk, FL_SEV_MEDIUM, call->loc,
        "'%s' allocates '%s' bytes: both factors come from outside (%s) and nothing bounds them, so "
        "the product can wrap and allocate less than the code then writes; check the factors or use "
        "calloc/reallocarray",
        call->callee, expr_spelling(len), product->source);
    report(walk, finding, product, call->loc, "product that can overflow");
    return;
  }
  if (!source || source->kind != TAINT_INPUT || already_reported(walk, call)) return;
  fl_finding *finding = new_finding(
      walk, FL_SEV_MEDIUM, call->loc,
      "'%s' allocates '%s' bytes where the size comes from %s with no upper bound: a forged size "
      "exhausts memory or overflows",
      call->callee, expr_spelling(len), source->source);
  report(walk, finding, source, call->loc, "unbounded allocation size");
}

/* --- Taint sources -------------------------------------------------------- */

static bool fn_is_boundary(const fl_function *fn) {
  if (fn->lang == FL_LANG_GO) return (fn->flags & (FL_FN_EXPORTED | FL_FN_CALLBACK)) != 0;
  if (fn->flags & (FL_FN_STATIC | FL_FN_LAMBDA)) return (fn->flags & FL_FN_CALLBACK) != 0;
  return true;
}

static bool is_void_pointer(const fl_type *type) {
  return type && type->kind == FL_TYPE_POINTER && type->pointee && type->pointee->kind == FL_TYPE_VOID;
}

static void seed_params(ul_walk *walk) {
  if (!fn_is_boundary(walk->fn)) return;
  for (size_t i = 0; i < walk->fn->nparams; i++) {
    const fl_var *param = walk->fn->params[i];
    /* The JNI environment is the VM's, not the caller's data: a length read
     * through it (GetArrayLength(env, array)) comes from the array. */
    if (param->type && param->type->name && strstr(param->type->name, "JNIEnv")) continue;
    /* A static callback's `void *` is the context its own module registered
     * with it (librdkafka's `opaque`), not data a caller chose. */
    if ((walk->fn->flags & FL_FN_STATIC) && walk->fn->lang != FL_LANG_GO && is_void_pointer(param->type)) continue;
    taint t = {.kind = TAINT_PARAM, .loc = param->loc};
    snprintf(t.source, sizeof t.source, "parameter '%s' of %s function '%s'", param->name ? param->name : "?",
             walk->fn->lang == FL_LANG_GO ? "exported" : "externally visible", walk->fn->name);
    set_var_taint(walk, param, &t);
  }
}

static const fl_var *root_var(const fl_expr *expr) {
  const fl_expr *root = fl_expr_path_root(expr);
  return root ? root->var : NULL;
}

/* `dst` is a field of an object reached through a pointer (s->name,
 * s->hdr.len): what a copy writes there fills that path, not the variable. */
static bool fills_through_pointer(const fl_expr *dst) {
  for (const fl_expr *p = dst; p && (p->kind == FL_EXPR_FIELD || p->kind == FL_EXPR_INDEX); p = p->base)
    if (p->kind == FL_EXPR_FIELD && (p->flags & FL_EXPR_ARROW)) return true;
  return false;
}

/* A copy or read into `dst` filled it from `source`: the field path when
 * dst is reached through a pointer, else the destination variable (with
 * `only_locals`, a local not tainted already). */
static void taint_filled(ul_walk *walk, const fl_expr *dst, const taint *source, bool only_locals) {
  const fl_expr *path = dst;
  while (path && (path->kind == FL_EXPR_CONVERT || path->kind == FL_EXPR_ADDR) && path->base) path = path->base;
  if (path && fills_through_pointer(path) && path->text && strlen(path->text) < TEXT_MAX) {
    if (path_taint_of(walk, path->text) || walk->ntainted_paths >= TAINT_MAX) return;
    path_taint *slot = &walk->tainted_paths[walk->ntainted_paths++];
    snprintf(slot->text, sizeof slot->text, "%s", path->text);
    slot->taint = *source;
    walk->any_taint = true;
    return;
  }
  const fl_var *filled = root_var(dst);
  if (!filled || (only_locals && (filled->kind != FL_VAR_LOCAL || var_taint_of(walk, filled)))) return;
  set_var_taint(walk, filled, source);
}

/* `source` fills a count next to a buffer the same call copies into (a
 * length sink of the call: napi_get_value_string_utf8(env, v, buf, size,
 * &count)). Given a buffer, the count is what was copied, at most the
 * sink's length, whose own taint the sink checks; only the query form, with
 * no buffer, hands back the caller's length. */
static bool is_count_of_copy(const fl_event *call, const fl_api_entry *source, const fl_api_entry *const *entries,
                             size_t n) {
  if (source->flags & FL_API_REST) return false;
  for (size_t k = 0; k < n; k++) {
    const fl_api_entry *sink = entries[k];
    if (sink->role == FL_API_LENGTH_SINK && sink->dst_arg >= 0 && sink->dst_arg != source->dst_arg &&
        (size_t)sink->dst_arg < call->nargs && !fl_expr_is_null(call->args[sink->dst_arg]))
      return true;
  }
  return false;
}

static void note_call(ul_walk *walk, const fl_event *call, bool in_cond) {
  const fl_api *api = fl_rule_ctx_api(walk->ctx);
  const fl_api_entry *entries[16];
  size_t n = call->callee ? fl_api_lookup_all(api, call->callee, entries, 16) : 0;
  bool modelled = false;
  for (size_t i = 0; i < n; i++) {
    const fl_api_entry *entry = entries[i];
    if (entry->lang && strcmp(entry->lang, fl_lang_name(walk->fn->lang)) != 0 &&
        !(walk->fn->lang == FL_LANG_CXX && strcmp(entry->lang, "c") == 0))
      continue;
    modelled = true;
    switch (entry->role) {
      case FL_API_LENGTH_SINK: check_length_sink(walk, call, entry); break;
      case FL_API_LENGTH_NARROW: check_narrow_sink(walk, call, entry); break;
      case FL_API_ALLOC: check_alloc(walk, call, entry); break;
      case FL_API_TAINT_SOURCE: {
        /* A script's argument read through the binding API (N-API, Lua) is
         * the caller's, like a parameter: copies into fixed buffers are
         * checked, allocations it sizes are its caller's choice. */
        bool from_caller = (entry->flags & FL_API_CALLER) != 0;
        taint t = {.kind = from_caller ? TAINT_PARAM : TAINT_INPUT, .loc = call->loc};
        /* read/recv/fread return at most the length they were given: their
         * count is bounded by that length, only the bytes are input. */
        bool count_is_bounded = false;
        for (size_t k = 0; k < n; k++) count_is_bounded |= entries[k]->role == FL_API_LENGTH_SINK;
        if ((entry->arg == -2 || entry->dst_arg < 0) && !count_is_bounded) {
          snprintf(t.source, sizeof t.source,
                   from_caller ? "the caller's value returned by '%s'" : "the value returned by '%s'", call->callee);
          set_call_taint(walk, call, &t);
        }
        if (entry->dst_arg >= 0 && (size_t)entry->dst_arg < call->nargs &&
            !is_count_of_copy(call, entry, entries, n)) {
          snprintf(t.source, sizeof t.source, from_caller ? "the caller's value read by '%s'" : "data read by '%s'",
                   call->callee);
          size_t last = (entry->flags & FL_API_REST) ? call->nargs - 1 : (size_t)entry->dst_arg;
          for (size_t a = (size_t)entry->dst_arg; a <= last; a++) taint_filled(walk, call->args[a], &t, false);
        }
        break;
      }
      default: break;
    }
  }
  /* A copy out of tainted memory taints what it fills: memcpy(&n, p, 4). */
  for (size_t i = 0; i < n; i++) {
    const fl_api_entry *entry = entries[i];
    if (entry->role != FL_API_LENGTH_SINK || entry->dst_arg < 0 || (size_t)entry->dst_arg >= call->nargs)
      continue;
    for (size_t a = 0; a < call->nargs; a++) {
      if ((int)a == entry->dst_arg || (int)a == entry->len_arg) continue;
      const fl_expr *src = call->args[a];
      const taint *source = expr_taint(walk, src);
      if (!source) {
        const fl_var *src_root = root_var(src);
        source = src_root ? var_taint_of(walk, src_root) : NULL;
      }
      if (source) {
        taint t = *source;
        if (t.kind == TAINT_PARAM) t.kind = TAINT_INPUT; /* bytes parsed out of a caller's buffer */
        taint_filled(walk, call->args[entry->dst_arg], &t, true);
      }
    }
  }
  if (in_cond && call->callee) {
    /* if (!valid_len(n)) return: a validator that compares its parameter. */
    const fl_function *callee = fl_program_callee(fl_rule_ctx_program(walk->ctx), call);
    void *mask_ptr = callee ? fl_strmap_get(walk->rules->compared_params, fn_key(callee)) : NULL;
    if (mask_ptr) {
      unsigned long mask = (unsigned long)(uintptr_t)mask_ptr - 1;
      for (size_t a = 0; a < call->nargs && a < 63; a++)
        if (mask & (1ul << a)) mark_bounded(walk, call->args[a]);
    }
  }
  if (call_taint_of(walk, call)) return;
  taint t = {.kind = TAINT_FOREIGN, .loc = call->loc};
  if (walk->fn->lang == FL_LANG_GO && (call->flags & FL_EV_FOREIGN) && !modelled) {
    snprintf(t.source, sizeof t.source, "the C function '%s'", call->callee ? call->callee : "?");
    set_call_taint(walk, call, &t);
    /* C.get(p, &n): what C writes through an out-parameter is as much
     * C's length as what it returns. */
    for (size_t a = 0; a < call->nargs; a++) {
      const fl_expr *arg = fl_expr_strip_converts(call->args[a]);
      if (!arg || arg->kind != FL_EXPR_ADDR || !arg->base || arg->base->kind != FL_EXPR_NAME) continue;
      const fl_var *filled = arg->base->var;
      if (!filled || filled->kind != FL_VAR_LOCAL || !filled->type || filled->type->kind != FL_TYPE_INT) continue;
      taint out = {.kind = TAINT_FOREIGN, .loc = call->loc};
      snprintf(out.source, sizeof out.source, "the C function '%s' (through '&%s')",
               call->callee ? call->callee : "?", filled->name ? filled->name : "?");
      set_var_taint(walk, filled, &out);
    }
    return;
  }
  /* Values computed from tainted arguments stay tainted (strlen(s), get_u32(p)),
   * except Go's len() and cap(): the exact size of a Go value, which the
   * runtime keeps (C.GoString copied the bytes; its len is what was copied). */
  bool go_builtin_size = walk->fn->lang == FL_LANG_GO && call->callee &&
                         (strcmp(call->callee, "len") == 0 || strcmp(call->callee, "cap") == 0);
  if (!modelled && !go_builtin_size)
    for (size_t a = 0; a < call->nargs; a++) {
      const taint *source = expr_taint(walk, call->args[a]);
      if (source) {
        set_call_taint(walk, call, source);
        return;
      }
    }
}

/* --- Array stores and decoders ------------------------------------------- */

/* --- Value bounds ----------------------------------------------------------
 * The largest magnitude an integer expression can have from its types and
 * operators alone (UINT64_MAX: unknown): a byte is at most 255, `x & 0xff`
 * at most 255, `abs(a - b) >> 4` of two bytes at most 15. An index below
 * the array's element count is safe whatever its taint (libwebp's
 * WebPEstimateBestFilter: bins[][SDIFF(p[i], mean)]). */
#define BOUND_UNKNOWN UINT64_MAX

static uint64_t type_bound(const fl_type *type) {
  if (type && type->kind == FL_TYPE_BOOL) return 1;
  if (!type || type->kind != FL_TYPE_INT || !type->bits || type->bits > 32) return BOUND_UNKNOWN;
  return type->is_signed ? (uint64_t)1 << (type->bits - 1) : ((uint64_t)1 << type->bits) - 1;
}

static uint64_t bound_add(uint64_t a, uint64_t b) {
  return a == BOUND_UNKNOWN || b == BOUND_UNKNOWN || a > BOUND_UNKNOWN - b ? BOUND_UNKNOWN : a + b;
}

/* True when `expr` cannot be negative: an unsigned value (also after C's
 * promotion to int), a non-negative constant, a mask. */
static bool is_nonnegative(const fl_expr *expr, int depth) {
  if (!expr || depth > 8) return false;
  if (expr->kind == FL_EXPR_INT) return expr->int_value >= 0;
  if (expr->kind == FL_EXPR_CONVERT && expr->base && expr->type && expr->base->type &&
      expr->type->kind == FL_TYPE_INT && expr->base->type->kind == FL_TYPE_INT &&
      expr->type->bits > expr->base->type->bits)
    return !expr->base->type->is_signed || is_nonnegative(expr->base, depth + 1);
  if (expr->kind == FL_EXPR_BINARY && expr->op == FL_OP_AND)
    return is_nonnegative(expr->base, depth + 1) || is_nonnegative(expr->index, depth + 1);
  return expr->type && expr->type->kind == FL_TYPE_INT && !expr->type->is_signed;
}

/* strnlen(s, limit), wcsnlen: never more than `limit` (C, or `C.strnlen`
 * from Go). */
static bool is_length_limited_call(const fl_event *call) {
  if (!call || !call->callee || call->nargs != 2) return false;
  const char *name = strncmp(call->callee, "C.", 2) == 0 ? call->callee + 2 : call->callee;
  return strcmp(name, "strnlen") == 0 || strcmp(name, "wcsnlen") == 0;
}

static uint64_t value_bound(const ul_walk *walk, const fl_expr *expr, int depth) {
  if (!expr || depth > 12) return BOUND_UNKNOWN;
  switch (expr->kind) {
    case FL_EXPR_INT: return expr->int_value < 0 ? (uint64_t)(-(expr->int_value + 1)) + 1 : (uint64_t)expr->int_value;
    case FL_EXPR_CONVERT: {
      /* (uint8_t)x wraps into the byte; a widening keeps x's bound */
      uint64_t inner = value_bound(walk, expr->base, depth + 1), own = type_bound(expr->type);
      return inner < own ? inner : own;
    }
    case FL_EXPR_NAME: {
      long at = expr->var ? pairs_find(&walk->var_bounds, expr->var) : -1;
      if (at >= 0) {
        uint64_t known = (uint64_t)(uintptr_t)walk->var_bounds.items[at];
        uint64_t own = type_bound(expr->var->type);
        return known < own ? known : own;
      }
      return type_bound(value_type(expr));
    }
    case FL_EXPR_FIELD:
    case FL_EXPR_INDEX:
    case FL_EXPR_DEREF: return type_bound(expr->type);
    case FL_EXPR_UNARY:
      return expr->op == FL_OP_NEG || expr->op == FL_OP_NONE ? value_bound(walk, expr->base, depth + 1)
                                                              : BOUND_UNKNOWN;
    case FL_EXPR_COND: {
      uint64_t a = value_bound(walk, expr->index, depth + 1), b = value_bound(walk, expr->other, depth + 1);
      return a > b ? a : b;
    }
    case FL_EXPR_CALL: {
      const fl_event *call = expr->event;
      if (call && call->callee && call->nargs == 1 &&
          (strcmp(call->callee, "abs") == 0 || strcmp(call->callee, "labs") == 0))
        return value_bound(walk, call->args[0], depth + 1);
      if (is_length_limited_call(call)) {
        uint64_t limit = value_bound(walk, call->args[1], depth + 1), own = type_bound(expr->type);
        return limit < own ? limit : own;
      }
      return type_bound(expr->type);
    }
    case FL_EXPR_BINARY: {
      uint64_t a = value_bound(walk, expr->base, depth + 1), b = value_bound(walk, expr->index, depth + 1);
      switch (expr->op) {
        case FL_OP_AND: return a < b ? a : b;
        case FL_OP_MOD: return b == BOUND_UNKNOWN || b == 0 ? a : b - 1;
        case FL_OP_SHR: {
          const fl_expr *shift = fl_expr_strip_converts(expr->index);
          if (a == BOUND_UNKNOWN || !shift || shift->kind != FL_EXPR_INT || shift->int_value < 0 ||
              shift->int_value > 63)
            return a;
          return a >> shift->int_value;
        }
        case FL_OP_SUB: /* of two non-negative values: the larger bounds |a - b| */
          if (is_nonnegative(expr->base, 0) && is_nonnegative(expr->index, 0)) return a > b ? a : b;
          return bound_add(a, b);
        case FL_OP_ADD: return bound_add(a, b);
        default: return BOUND_UNKNOWN;
      }
    }
    default: return BOUND_UNKNOWN;
  }
}

/* Does `expr`'s known bound (value_bound) fit a signed `bits`-bit int? */
static bool fits_signed(const ul_walk *walk, const fl_expr *expr, int bits) {
  return bits > 0 && value_bound(walk, expr, 0) < ((uint64_t)1 << (bits - 1));
}

/* A limit a length was computed against: a literal or sizeof, a named
 * constant whose value is not known here (a C macro `C.NAME_MAX`, a
 * package-level Go name: a deliberate limit), or a variable a comparison
 * bounded. With `bits` > 0 the limit must also fit a signed `bits`-bit int
 * (a literal by its value; any value by its known bound or type). */
static bool is_limit(ul_walk *walk, const fl_expr *expr, int bits) {
  expr = fl_expr_strip_converts(expr);
  if (!expr) return false;
  if (fits_signed(walk, expr, bits)) return true;
  if (expr->kind == FL_EXPR_INT) return bits == 0;
  if (expr->kind == FL_EXPR_SIZEOF) return true;
  if (expr->kind == FL_EXPR_NAME && (!expr->var || expr->var->kind == FL_VAR_GLOBAL)) return true;
  return expr_is_bounded(walk, expr);
}

/* A value no larger than a limit it was computed against: strnlen(p,
 * LIMIT) (gobpf's elf.go), a min()-style clamp with a limit argument,
 * `n & MASK` / `n % MOD` with a named mask (literal masks carry no taint
 * already). With `bits` > 0 (a narrowing to that width), the limit must fit
 * it, and so may the value by its known bound alone. */
static bool bounded_by_construction(ul_walk *walk, const fl_expr *expr, int bits) {
  expr = fl_expr_strip_converts(expr);
  if (!expr || bits < 0 || bits > 64) return false;
  if (fits_signed(walk, expr, bits)) return true;
  if (expr->kind == FL_EXPR_CALL && expr->event) {
    const fl_event *call = expr->event;
    if (is_length_limited_call(call)) return is_limit(walk, call->args[1], bits);
    if (is_clamp_call(call))
      for (size_t i = 0; i < call->nargs; i++)
        if (is_limit(walk, call->args[i], bits)) return true;
    return false;
  }
  if (expr->kind == FL_EXPR_BINARY && (expr->op == FL_OP_AND || expr->op == FL_OP_MOD)) {
    const fl_expr *mask = fl_expr_strip_converts(expr->index);
    return mask && mask->kind != FL_EXPR_INT && is_limit(walk, mask, bits);
  }
  return false;
}

/* `target` (an INDEX) stays inside its array by the index's types and
 * operators alone (a byte into 256 entries), whatever its taint. */
static bool index_within_array(const ul_walk *walk, const fl_expr *target) {
  const fl_type *type = target->base->type;
  uint64_t count = type && type->kind == FL_TYPE_ARRAY ? type->array_len : 0;
  return count && value_bound(walk, target->index, 0) < count;
}

static void note_var_bound(ul_walk *walk, const fl_var *var, const fl_expr *value) {
  pairs_remove(&walk->var_bounds, var);
  if (ptrvec_has(&walk->rewritten_vars, var)) return;
  uint64_t bound = value ? value_bound(walk, value, 0) : BOUND_UNKNOWN;
  if (bound >= (uint64_t)UINTPTR_MAX) return;
  fl_ptrvec_push(&walk->var_bounds, (void *)var);
  fl_ptrvec_push(&walk->var_bounds, (void *)(uintptr_t)bound);
}

static void note_index_write(ul_walk *walk, const fl_event *event) {
  const fl_expr *target = event->object;
  if (!target || target->kind != FL_EXPR_INDEX || !target->base) return;
  const char *dst_name = NULL;
  uint64_t capacity = fixed_capacity(target->base, &dst_name);
  if (!capacity) return;
  const fl_expr *index = target->index;
  if (index_within_array(walk, target)) return;
  const taint *source = expr_taint(walk, index);
  if (source) {
    if (already_reported(walk, event)) return;
    fl_finding *finding = new_finding(
        walk, FL_SEV_HIGH, event->loc,
        "store into '%s' (%llu bytes) at index '%s', which comes from %s with no comparison against "
        "the size of '%s'",
        dst_name, (unsigned long long)capacity, expr_spelling(index), source->source, dst_name);
    report(walk, finding, source, event->loc, "unbounded index used here");
    return;
  }
  /* Decoder shape: out[pos] (or out[pos++]) in a loop driven by input, where
   * pos only ever grows and is never compared with anything. */
  const fl_expr *position = fl_expr_strip_converts(index);
  if (!walk->input_loop || !position || position->kind != FL_EXPR_NAME ||
      !position->var || position->var->kind != FL_VAR_LOCAL)
    return;
  if (ptrvec_has(&walk->compared_vars, position->var) || !ptrvec_has(&walk->incremented_vars, position->var))
    return;
  if (already_reported(walk, event)) return;
  fl_finding *finding = new_finding(
      walk, FL_SEV_HIGH, event->loc,
      "decoder loop writes '%s[%s]' (%llu bytes) but never compares '%s' with the size of '%s': "
      "input longer than the buffer overflows it",
      dst_name, position->var->name, (unsigned long long)capacity, position->var->name, dst_name);
  report(walk, finding, NULL, event->loc, "unbounded write position");
}

/* table[idx] read with idx parsed from input: an out-of-bounds read
 * (information leak, crash). A caller's index into a lookup table is the
 * API's contract, so only input taint counts here. */
static void note_index_read(ul_walk *walk, const fl_event *event) {
  const fl_expr *target = event->object;
  if (!target || target->kind != FL_EXPR_INDEX || !target->base) return;
  const char *dst_name = NULL;
  uint64_t capacity = fixed_capacity(target->base, &dst_name);
  if (index_within_array(walk, target)) return;
  const taint *source = capacity ? expr_taint(walk, target->index) : NULL;
  if (!source || source->kind != TAINT_INPUT || already_reported(walk, event)) return;
  fl_finding *finding = new_finding(
      walk, FL_SEV_MEDIUM, event->loc,
      "read of '%s' (%llu bytes) at index '%s', which comes from %s with no comparison against the "
      "size of '%s'",
      dst_name, (unsigned long long)capacity, expr_spelling(target->index), source->source, dst_name);
  report(walk, finding, source, event->loc, "unbounded index used here");
}

/* True when `name` reads as a count of bytes or items ("len", "nbytes",
 * "item_count", "strlen", "n"), compared without case. */
static bool has_length_word(const char *name) {
  static const char *const words[] = {"len", "size", "count", "cnt", "num", "bytes", "cap", "total"};
  if (!name) return false;
  if (strcmp(name, "n") == 0) return true;
  for (size_t w = 0; w < sizeof words / sizeof words[0]; w++)
    if (strcasestr(name, words[w])) return true;
  return false;
}

/* A value that is a length by its type (size_t, ssize_t, Py_ssize_t, off_t)
 * or by its name. An out-parameter can hand back any integer: a colour
 * from PyLong_AsLong narrowed to Uint32 (pygame) is no length. */
static bool is_length_like(const fl_expr *value) {
  value = fl_expr_strip_converts(value);
  if (!value) return false;
  const fl_type *type = value_type(value);
  if (type && type->name && (strstr(type->name, "size") || strstr(type->name, "off_t") ||
                             strstr(type->name, "ptrdiff")))
    return true;
  switch (value->kind) {
    case FL_EXPR_NAME: return has_length_word(value->var ? value->var->name : value->name);
    case FL_EXPR_FIELD: return has_length_word(value->name);
    case FL_EXPR_CALL: return value->event && has_length_word(value->event->callee);
    case FL_EXPR_BINARY: {
      /* end - start: a distance in memory is a byte or item count */
      const fl_expr *left = fl_expr_strip_converts(value->base);
      bool pointer_distance = value->op == FL_OP_SUB && left && left->type &&
                              left->type->kind == FL_TYPE_POINTER;
      return pointer_distance || is_length_like(value->base) || is_length_like(value->index);
    }
    default: return false;
  }
}

static void note_write(ul_walk *walk, const fl_event *event) {
  const fl_expr *target = event->object;
  if (!target) return;
  note_narrowed_result(walk, event);
  if (target->kind == FL_EXPR_NAME && target->var) {
    if (target->var->kind == FL_VAR_GLOBAL) return;
    bool plain = event->op == FL_OP_NONE || event->op == FL_OP_ASSIGN;
    note_var_bound(walk, target->var, plain ? event->value : NULL);
    const taint *source = expr_taint(walk, event->value);
    taint copy;
    if (source) copy = *source;
    set_var_taint(walk, target->var, source ? &copy : NULL); /* also drops an earlier bound */
    /* n := C.strnlen(p, C.NAME_MAX): n is as bounded as a compared n (by
     * its limit, not by its width: an int is no bound for an index) */
    if (plain && bounded_by_construction(walk, event->value, 0)) mark_bounded_name(target, walk);
    return;
  }
  note_index_write(walk, event);
  /* *out_len = (int)n: a narrowed length handed back through an out-param. */
  if (target->kind == FL_EXPR_DEREF && root_var(target) && root_var(target)->kind == FL_VAR_PARAM) {
    const fl_expr *narrowing = find_narrowing(event->value, 32);
    if (narrowing && expr_taint(walk, narrowing->base) && !expr_is_bounded(walk, narrowing->base) &&
        (is_length_like(narrowing->base) || is_length_like(target->base)) && /* *len_out = ... */
        !already_reported(walk, event)) {
      fl_finding *finding = new_finding(
          walk, FL_SEV_MEDIUM, event->loc,
          "length '%s' is narrowed to %s and returned through '%s' with no bound: large lengths are "
          "truncated",
          expr_spelling(narrowing->base), narrowing->type->name ? narrowing->type->name : "32 bits",
          expr_spelling(target));
      report(walk, finding, expr_taint(walk, narrowing->base), event->loc, "narrowed here");
    }
  }
}

/* --- Pre-pass: compared and incremented variables ------------------------- */

static void push_compared(const fl_expr *name, void *user) {
  ul_walk *walk = user;
  if (name->var && !ptrvec_has(&walk->compared_vars, name->var))
    fl_ptrvec_push(&walk->compared_vars, (void *)name->var);
}

static bool mentions_var(const fl_expr *expr, const fl_var *var) {
  if (!expr) return false;
  if (expr->kind == FL_EXPR_NAME) return expr->var == var;
  return mentions_var(expr->base, var) || mentions_var(expr->index, var) || mentions_var(expr->other, var);
}

/* `&n` handed to a call or stored: the callee (C's `get(&n)`, an in/out
 * capacity) or the alias may write n, so its initial value is no bound. */
static void note_address_taken(ul_walk *walk, const fl_expr *expr) {
  const fl_expr *addr = fl_expr_strip_converts(expr);
  if (!addr || addr->kind != FL_EXPR_ADDR || !addr->base || addr->base->kind != FL_EXPR_NAME ||
      !addr->base->var)
    return;
  const fl_var *var = addr->base->var;
  if (!ptrvec_has(&walk->rewritten_vars, var)) fl_ptrvec_push(&walk->rewritten_vars, (void *)var);
}

static bool prepass_visit(const fl_event *event, const fl_stmt *stmt, void *user) {
  ul_walk *walk = user;
  if (event->kind == FL_EV_CALL)
    for (size_t i = 0; i < event->nargs; i++) note_address_taken(walk, event->args[i]);
  if (event->kind == FL_EV_WRITE) note_address_taken(walk, event->value);
  if (event->kind == FL_EV_WRITE && event->object && event->object->kind == FL_EXPR_NAME &&
      event->object->var) {
    const fl_var *var = event->object->var;
    if (!ptrvec_has(&walk->written_vars, var)) fl_ptrvec_push(&walk->written_vars, (void *)var);
    else if (!ptrvec_has(&walk->rewritten_vars, var)) fl_ptrvec_push(&walk->rewritten_vars, (void *)var);
  }
  if (event->kind == FL_EV_COMPARE) {
    each_name(event->object, push_compared, walk);
    each_name(event->value, push_compared, walk);
  } else if (event->kind == FL_EV_WRITE && event->object && event->object->kind == FL_EXPR_NAME &&
             event->object->var && mentions_var(event->value, event->object->var)) {
    if (!ptrvec_has(&walk->incremented_vars, event->object->var))
      fl_ptrvec_push(&walk->incremented_vars, (void *)event->object->var);
  }
  (void)stmt;
  return true;
}

/* --- The walk ------------------------------------------------------------- */

static void walk_stmt(ul_walk *walk, const fl_stmt *stmt, bool in_if_cond, bool in_loop_cond) {
  if (!stmt) return;
  switch (stmt->kind) {
    case FL_STMT_EVENT: {
      const fl_event *event = stmt->event;
      bool in_cond = in_if_cond || (event->flags & FL_EV_IN_COND);
      switch (event->kind) {
        case FL_EV_COMPARE: note_compare(walk, event, in_loop_cond); break;
        case FL_EV_CALL: note_call(walk, event, in_cond); break;
        case FL_EV_WRITE: note_write(walk, event); break;
        case FL_EV_READ: note_index_read(walk, event); break;
        case FL_EV_CONVERT: note_view(walk, event); break;
        default: break;
      }
      return;
    }
    case FL_STMT_IF:
    case FL_STMT_SWITCH:
      for (size_t i = 0; i < stmt->nkids; i++) walk_stmt(walk, stmt->kids[i], i == 0, false);
      return;
    case FL_STMT_LOOP: {
      bool outer_input_loop = walk->input_loop;
      for (size_t i = 0; i < stmt->nkids; i++) walk_stmt(walk, stmt->kids[i], false, i == 0);
      walk->input_loop = outer_input_loop;
      return;
    }
    case FL_STMT_CLOSURE:
    case FL_STMT_GO: return; /* analysed as their own bodies or not at all */
    default:
      for (size_t i = 0; i < stmt->nkids; i++) walk_stmt(walk, stmt->kids[i], in_if_cond, in_loop_cond);
      return;
  }
}

static void ul_check_function(fl_rule_ctx *ctx, const fl_function *fn) {
  if (!fn->body) return;
  ul_walk *walk = malloc(sizeof *walk);
  if (!walk) abort();
  memset(walk, 0, offsetof(ul_walk, vars));
  walk->ctx = ctx;
  walk->rules = fl_rule_ctx_state(ctx);
  walk->fn = fn;
  fl_stmt_walk_events(fn->body, prepass_visit, walk);
  seed_params(walk);
  walk_stmt(walk, fn->body, false, false);
  fl_ptrvec_free(&walk->compared_vars);
  fl_ptrvec_free(&walk->incremented_vars);
  fl_ptrvec_free(&walk->reported);
  fl_ptrvec_free(&walk->narrowed_vars);
  fl_ptrvec_free(&walk->var_bounds);
  fl_ptrvec_free(&walk->written_vars);
  fl_ptrvec_free(&walk->rewritten_vars);
  for (size_t i = 0; i < walk->local_narrowings.count; i++) free(walk->local_narrowings.items[i]);
  fl_ptrvec_free(&walk->local_narrowings);
  free(walk);
}

const fl_rule fl_rule_unguarded_length = {
    .id = RULE_ID,
    .default_severity = FL_SEV_HIGH,
    .languages = FL_LANG_ALL,
    .prepare = ul_prepare,
    .check_function = ul_check_function,
    .release = ul_release,
};
