/* roundtrip: the binary model encoding (model/serialize.h) against what the
 * real frontends lower.
 *
 *   roundtrip INPUT...   C/C++ files and Go package directories
 *
 * Each input is lowered (a directory: its *.go files but tests, sorted, as
 * one package), encoded, decoded and checked: fl_model_dump of every unit is
 * byte-identical, every field of every reachable object is equal, pointer
 * sharing is the same (an object referenced twice comes back as one object
 * referenced from the same places, across units too), event->api points at
 * the same entry, and encoding the decoded units gives the same bytes. Then
 * one encoding is decoded at every truncation and after a few hundred
 * random byte changes (an error or a sound model, never a crash: the test
 * build runs under ASan+UBSan), and synthetic models cover deep nesting,
 * cycles and sharing across units. Prints encoded vs source sizes and a
 * decode speed (meaningful only in an optimised build). Exit 1 on failure. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "config/models.h"
#include "core/error.h"
#include "frontend/go_frontend.h"
#include "model/dump.h"
#include "model/serialize.h"

static int failures;
static const char *current = ""; /* input being checked, for messages */

#define CHECK(cond)                                                                     \
  do {                                                                                  \
    if (!(cond)) {                                                                      \
      if (failures++ < 50)                                                              \
        fprintf(stderr, "%s:%d: %s: CHECK failed: %s\n", __FILE__, __LINE__, current, #cond); \
    }                                                                                   \
  } while (0)

/* --- A pointer map, for identity checks ---------------------------------- */

typedef struct ptr_map {
  const void **keys, **values;
  size_t cap, count;
} ptr_map;

static size_t slot_of(const ptr_map *map, const void *key) {
  size_t mask = map->cap - 1, i = ((uintptr_t)key >> 4) * 0x9E3779B97F4A7C15ull >> 20 & mask;
  while (map->keys[i] && map->keys[i] != key) i = (i + 1) & mask;
  return i;
}

static const void *map_get(const ptr_map *map, const void *key) {
  return map->cap ? map->values[slot_of(map, key)] : NULL;
}

static void map_put(ptr_map *map, const void *key, const void *value) {
  if ((map->count + 1) * 2 > map->cap) {
    ptr_map grown = {calloc(map->cap ? map->cap * 2 : 256, sizeof(void *)),
                     calloc(map->cap ? map->cap * 2 : 256, sizeof(void *)),
                     map->cap ? map->cap * 2 : 256, 0};
    for (size_t i = 0; i < map->cap; i++)
      if (map->keys[i]) map_put(&grown, map->keys[i], map->values[i]);
    free(map->keys);
    free(map->values);
    *map = grown;
  }
  size_t i = slot_of(map, key);
  if (!map->keys[i]) map->count++;
  map->keys[i] = key;
  map->values[i] = value;
}

static void map_free(ptr_map *map) {
  free(map->keys);
  free(map->values);
  *map = (ptr_map){0};
}

/* --- Comparing two models, field by field -------------------------------
 * A worklist of (original, decoded) pairs: each original object is paired
 * with exactly one decoded object and the other way round, which is what
 * "the same sharing" means. Comparing a model with itself walks every
 * reachable object once and touches every field (the corruption test). */

typedef enum obj {
  O_UNIT, O_TYPE, O_VAR, O_EXPR, O_EVENT, O_STMT, O_FUNCTION, O_RECORD, O_FIELD, O_FACT, O_DIAG
} obj;

typedef struct pair {
  obj kind;
  const void *a, *b;
} pair;

typedef struct compare {
  ptr_map forward, backward;
  pair *stack;
  size_t depth, cap;
  fl_unit *const *units_a, *const *units_b;
  size_t nunits;
  size_t objects, shared_refs, api_links;
  /* events of EVENT statements, and the CALL expressions' events met */
  ptr_map stmt_events_a, stmt_events_b, vars_a, vars_b;
  pair *calls, *names; /* (a event, b event), (a var, b var) */
  size_t ncalls, nnames, calls_cap, names_cap;
} compare;

static void pair_up(compare *c, obj kind, const void *a, const void *b) {
  CHECK((a == NULL) == (b == NULL));
  if (!a || !b) return;
  const void *paired = map_get(&c->forward, a);
  if (paired) {
    CHECK(paired == b);
    c->shared_refs++;
    return;
  }
  CHECK(map_get(&c->backward, b) == NULL || a == b);
  map_put(&c->forward, a, b);
  map_put(&c->backward, b, a);
  c->objects++;
  if (c->depth == c->cap) {
    c->cap = c->cap ? c->cap * 2 : 256;
    c->stack = realloc(c->stack, c->cap * sizeof *c->stack);
  }
  c->stack[c->depth++] = (pair){kind, a, b};
}

static void note_pair(pair **list, size_t *n, size_t *cap, const void *a, const void *b) {
  if (*n == *cap) {
    *cap = *cap ? *cap * 2 : 64;
    *list = realloc(*list, *cap * sizeof **list);
  }
  (*list)[(*n)++] = (pair){O_EVENT, a, b};
}

static void same_str(const char *a, const char *b) {
  CHECK((a == NULL) == (b == NULL));
  if (a && b) CHECK(strcmp(a, b) == 0);
}

static void same_loc(fl_loc a, fl_loc b) {
  same_str(a.file, b.file);
  CHECK(a.line == b.line && a.col == b.col && a.end_line == b.end_line && a.end_col == b.end_col);
}

static long unit_index(fl_unit *const *units, size_t n, const fl_unit *unit) {
  for (size_t i = 0; i < n; i++)
    if (units[i] == unit) return (long)i;
  return -1;
}

static void compare_one(compare *c, pair p) {
  switch (p.kind) {
    case O_UNIT: {
      const fl_unit *a = p.a, *b = p.b;
      same_str(a->path, b->path);
      same_str(a->package, b->package);
      CHECK(a->lang == b->lang && a->status == b->status);
      CHECK(a->nfunctions == b->nfunctions && a->nrecords == b->nrecords &&
            a->nfacts == b->nfacts && a->ndiags == b->ndiags);
      if (a->nfunctions != b->nfunctions || a->nrecords != b->nrecords || a->nfacts != b->nfacts ||
          a->ndiags != b->ndiags)
        return;
      for (size_t i = 0; i < a->nfunctions; i++)
        pair_up(c, O_FUNCTION, a->functions[i], b->functions[i]);
      for (size_t i = 0; i < a->nrecords; i++) pair_up(c, O_RECORD, a->records[i], b->records[i]);
      for (size_t i = 0; i < a->nfacts; i++) pair_up(c, O_FACT, a->facts[i], b->facts[i]);
      for (size_t i = 0; i < a->ndiags; i++) pair_up(c, O_DIAG, a->diags[i], b->diags[i]);
      return;
    }
    case O_TYPE: {
      const fl_type *a = p.a, *b = p.b;
      CHECK(a->kind == b->kind && a->bits == b->bits && a->is_signed == b->is_signed &&
            a->is_atomic == b->is_atomic && a->is_volatile == b->is_volatile &&
            a->is_const == b->is_const && a->is_sync == b->is_sync &&
            a->array_len == b->array_len && a->size_bytes == b->size_bytes);
      same_str(a->name, b->name);
      same_str(a->record_name, b->record_name);
      pair_up(c, O_TYPE, a->pointee, b->pointee);
      return;
    }
    case O_VAR: {
      const fl_var *a = p.a, *b = p.b;
      same_str(a->name, b->name);
      CHECK(a->kind == b->kind && a->param_index == b->param_index);
      same_loc(a->loc, b->loc);
      pair_up(c, O_TYPE, a->type, b->type);
      return;
    }
    case O_EXPR: {
      const fl_expr *a = p.a, *b = p.b;
      CHECK(a->kind == b->kind && a->flags == b->flags && a->op == b->op &&
            a->int_value == b->int_value && a->int_known == b->int_known);
      same_str(a->text, b->text);
      same_str(a->name, b->name);
      same_loc(a->loc, b->loc);
      pair_up(c, O_TYPE, a->type, b->type);
      pair_up(c, O_VAR, a->var, b->var);
      pair_up(c, O_EXPR, a->base, b->base);
      pair_up(c, O_EXPR, a->index, b->index);
      pair_up(c, O_EXPR, a->other, b->other);
      pair_up(c, O_EVENT, a->event, b->event);
      if (a->kind == FL_EXPR_CALL && a->event)
        note_pair(&c->calls, &c->ncalls, &c->calls_cap, a->event, b->event);
      if (a->kind == FL_EXPR_NAME && a->var)
        note_pair(&c->names, &c->nnames, &c->names_cap, a->var, b->var);
      return;
    }
    case O_EVENT: {
      const fl_event *a = p.a, *b = p.b;
      CHECK(a->kind == b->kind && a->flags == b->flags && a->op == b->op && a->nargs == b->nargs);
      CHECK(a->api == b->api); /* one table on both sides: the same entry */
      if (a->api && b->api) {
        same_str(a->api->name, b->api->name);
        c->api_links++;
      }
      same_str(a->callee, b->callee);
      same_str(a->callee_id, b->callee_id);
      same_loc(a->loc, b->loc);
      if (a->nargs == b->nargs)
        for (size_t i = 0; i < a->nargs; i++) pair_up(c, O_EXPR, a->args[i], b->args[i]);
      pair_up(c, O_EXPR, a->object, b->object);
      pair_up(c, O_EXPR, a->value, b->value);
      pair_up(c, O_TYPE, a->to_type, b->to_type);
      return;
    }
    case O_STMT: {
      const fl_stmt *a = p.a, *b = p.b;
      CHECK(a->kind == b->kind && a->flags == b->flags && a->nkids == b->nkids);
      same_loc(a->loc, b->loc);
      same_str(a->label, b->label);
      if (a->nkids == b->nkids)
        for (size_t i = 0; i < a->nkids; i++) pair_up(c, O_STMT, a->kids[i], b->kids[i]);
      pair_up(c, O_EVENT, a->event, b->event);
      pair_up(c, O_EXPR, a->expr, b->expr);
      if (a->kind == FL_STMT_EVENT && a->event) map_put(&c->stmt_events_a, a->event, a);
      if (b->kind == FL_STMT_EVENT && b->event) map_put(&c->stmt_events_b, b->event, b);
      return;
    }
    case O_FUNCTION: {
      const fl_function *a = p.a, *b = p.b;
      same_str(a->name, b->name);
      same_str(a->id, b->id);
      same_str(a->receiver_type, b->receiver_type);
      CHECK(a->lang == b->lang && a->flags == b->flags &&
            a->receiver_is_pointer == b->receiver_is_pointer && a->nparams == b->nparams &&
            a->nlocals == b->nlocals);
      same_loc(a->loc, b->loc);
      same_loc(a->name_loc, b->name_loc);
      CHECK(unit_index(c->units_a, c->nunits, a->unit) == unit_index(c->units_b, c->nunits, b->unit));
      pair_up(c, O_TYPE, a->return_type, b->return_type);
      if (a->nparams == b->nparams)
        for (size_t i = 0; i < a->nparams; i++) {
          pair_up(c, O_VAR, a->params[i], b->params[i]);
          map_put(&c->vars_a, a->params[i], a);
          map_put(&c->vars_b, b->params[i], b);
        }
      if (a->nlocals == b->nlocals)
        for (size_t i = 0; i < a->nlocals; i++) {
          pair_up(c, O_VAR, a->locals[i], b->locals[i]);
          map_put(&c->vars_a, a->locals[i], a);
          map_put(&c->vars_b, b->locals[i], b);
        }
      pair_up(c, O_STMT, a->body, b->body);
      return;
    }
    case O_RECORD: {
      const fl_record *a = p.a, *b = p.b;
      same_str(a->name, b->name);
      same_loc(a->loc, b->loc);
      CHECK(a->nfields == b->nfields);
      if (a->nfields == b->nfields)
        for (size_t i = 0; i < a->nfields; i++) pair_up(c, O_FIELD, a->fields[i], b->fields[i]);
      return;
    }
    case O_FIELD: {
      const fl_field *a = p.a, *b = p.b;
      same_str(a->name, b->name);
      same_loc(a->loc, b->loc);
      pair_up(c, O_TYPE, a->type, b->type);
      return;
    }
    case O_FACT: {
      const fl_fact *a = p.a, *b = p.b;
      CHECK(a->kind == b->kind);
      same_str(a->subject, b->subject);
      same_str(a->object, b->object);
      same_loc(a->loc, b->loc);
      return;
    }
    case O_DIAG: {
      const fl_diag *a = p.a, *b = p.b;
      CHECK(a->level == b->level);
      same_loc(a->loc, b->loc);
      same_str(a->message, b->message);
      return;
    }
  }
}

typedef struct compare_stats {
  size_t objects, shared_refs, api_links, calls_sharing_event, names_of_fn_vars;
} compare_stats;

/* Compares units_a[0..n) with units_b[0..n) (see above); failures are
 * counted by CHECK. */
static compare_stats compare_models(fl_unit *const *units_a, fl_unit *const *units_b, size_t n) {
  compare c = {.units_a = units_a, .units_b = units_b, .nunits = n};
  for (size_t i = 0; i < n; i++) {
    pair_up(&c, O_UNIT, units_a[i], units_b[i]);
    while (c.depth) compare_one(&c, c.stack[--c.depth]);
  }
  /* The sharing rules rely on, checked by name besides the general pairing:
   * a CALL expression's event is an EVENT statement's, a NAME's var is a
   * function's parameter or local. */
  compare_stats stats = {c.objects, c.shared_refs, c.api_links, 0, 0};
  for (size_t i = 0; i < c.ncalls; i++) {
    bool in_a = map_get(&c.stmt_events_a, c.calls[i].a) != NULL;
    CHECK(in_a == (map_get(&c.stmt_events_b, c.calls[i].b) != NULL));
    stats.calls_sharing_event += in_a;
  }
  for (size_t i = 0; i < c.nnames; i++) {
    bool in_a = map_get(&c.vars_a, c.names[i].a) != NULL;
    CHECK(in_a == (map_get(&c.vars_b, c.names[i].b) != NULL));
    stats.names_of_fn_vars += in_a;
  }
  map_free(&c.forward);
  map_free(&c.backward);
  map_free(&c.stmt_events_a);
  map_free(&c.stmt_events_b);
  map_free(&c.vars_a);
  map_free(&c.vars_b);
  free(c.stack);
  free(c.calls);
  free(c.names);
  return stats;
}

/* --- Round trips ---------------------------------------------------------- */

static char *dump_unit(const fl_unit *unit) {
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  fl_model_dump(out, unit);
  fclose(out);
  return text;
}

static void free_units(fl_unit **units, size_t n) {
  for (size_t i = 0; i < n; i++) fl_unit_free(units[i]);
  free(units);
}

/* Decodes a private copy of exactly `size` bytes, so ASan sees any read
 * past the end. */
static int decode_copy(fl_unit ***units, size_t *n, const char *data, size_t size, const fl_api *api,
                       const char *what) {
  char *copy = malloc(size ? size : 1);
  memcpy(copy, data, size);
  int rc = fl_units_deserialize(units, n, copy, size, api, what);
  free(copy);
  return rc;
}

typedef struct encoding {
  char *data;
  size_t size, source_bytes;
  bool go;
  char *name;
} encoding;

static encoding *encodings;
static size_t nencodings;

/* Round-trips units[0..n) of input `name` and keeps the encoding. */
static void round_trip(const char *name, fl_unit **units, size_t n, const fl_api *api,
                       size_t source_bytes, bool go) {
  fl_strbuf first = FL_STRBUF_INIT;
  fl_units_serialize(&first, units, n, api);
  fl_unit **decoded = NULL;
  size_t ndecoded = 0;
  int rc = decode_copy(&decoded, &ndecoded, first.data, first.len, api, name);
  if (rc != 0) fprintf(stderr, "%s: %s\n", name, fl_error_last());
  CHECK(rc == 0 && ndecoded == n);
  if (rc == 0 && ndecoded == n) {
    for (size_t i = 0; i < n; i++) {
      char *before = dump_unit(units[i]), *after = dump_unit(decoded[i]);
      CHECK(strcmp(before, after) == 0);
      free(before);
      free(after);
      for (size_t f = 0; f < decoded[i]->nfunctions && f < units[i]->nfunctions; f++)
        if (units[i]->functions[f]->unit == units[i])
          CHECK(decoded[i]->functions[f]->unit == decoded[i]);
    }
    compare_stats stats = compare_models(units, decoded, n);
    fl_strbuf second = FL_STRBUF_INIT;
    fl_units_serialize(&second, decoded, ndecoded, api);
    CHECK(second.len == first.len && memcmp(second.data, first.data, first.len) == 0);
    fl_strbuf_free(&second);
    printf("%s: units %zu objects %zu shared refs %zu api links %zu calls sharing an event %zu "
           "names of fn vars %zu: %zu source -> %zu encoded bytes\n",
           name, n, stats.objects, stats.shared_refs, stats.api_links, stats.calls_sharing_event,
           stats.names_of_fn_vars, source_bytes, first.len);
  }
  free_units(decoded, ndecoded);
  encodings = realloc(encodings, (nencodings + 1) * sizeof *encodings);
  encodings[nencodings++] = (encoding){first.data, first.len, source_bytes, go, strdup(name)};
}

static int compare_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t file_size(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 ? (size_t)st.st_size : 0;
}

/* A Go package directory: its *.go files but tests, sorted (as the driver
 * and go-model-dump take them). */
static void round_trip_go(const char *dir, const fl_api *api) {
  DIR *d = opendir(dir);
  CHECK(d != NULL);
  if (!d) return;
  char **names = NULL;
  size_t n = 0, source_bytes = 0;
  struct dirent *entry;
  while ((entry = readdir(d))) {
    size_t len = strlen(entry->d_name);
    if (len < 4 || strcmp(entry->d_name + len - 3, ".go") != 0) continue;
    if (len > 8 && strcmp(entry->d_name + len - 8, "_test.go") == 0) continue;
    names = realloc(names, (n + 1) * sizeof *names);
    names[n++] = strdup(entry->d_name);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, entry->d_name);
    source_bytes += file_size(path);
  }
  closedir(d);
  qsort(names, n, sizeof *names, compare_names);
  fl_frontend_opts opts = {.api = api, .keep_going = true};
  fl_unit **units = NULL;
  size_t nunits = 0;
  int rc = n ? fl_go_parse_package(&units, &nunits, dir, (const char *const *)names, n, &opts) : 0;
  if (rc < 0) fprintf(stderr, "%s: %s\n", dir, fl_error_last());
  CHECK(rc == 0);
  if (rc == 0) round_trip(dir, units, nunits, api, source_bytes, true);
  fl_go_units_free(units, nunits);
  for (size_t i = 0; i < n; i++) free(names[i]);
  free(names);
}

static void round_trip_c(const char *path, fl_clang_index *index, const fl_api *api) {
  fl_frontend_opts opts = {.api = api, .keep_going = true};
  fl_unit *unit = NULL;
  int rc = fl_clang_parse(&unit, index, path, NULL, 0, NULL, &opts);
  if (rc < 0) fprintf(stderr, "%s: %s\n", path, fl_error_last());
  CHECK(rc == 0 && unit);
  if (unit) round_trip(path, &unit, 1, api, file_size(path), false);
  fl_unit_free(unit);
}

/* --- Damaged input --------------------------------------------------------- */

/* Decoding must fail cleanly, or give units whose every object can be
 * walked (compared with themselves). */
static size_t decode_damaged(const char *data, size_t size, const fl_api *api) {
  fl_unit **units = NULL;
  size_t n = 0;
  int rc = decode_copy(&units, &n, data, size, api, "damaged.cache");
  if (rc != 0) {
    CHECK(rc == FL_EPARSE && units == NULL && n == 0);
    CHECK(strstr(fl_error_last(), "damaged.cache") != NULL);
    return 0;
  }
  compare_models(units, units, n);
  free_units(units, n);
  return 1;
}

static void damage(const encoding *enc, const fl_api *api) {
  current = enc->name;
  for (size_t len = 0; len < enc->size; len++) {
    fl_unit **units = NULL;
    size_t n = 0;
    CHECK(decode_copy(&units, &n, enc->data, len, api, "damaged.cache") == FL_EPARSE);
    CHECK(strstr(fl_error_last(), "damaged.cache") != NULL);
  }
  char *copy = malloc(enc->size);
  uint64_t seed = 0x243F6A8885A308D3ull;
  size_t decoded = 0, tries = 600;
  for (size_t i = 0; i < tries; i++) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    size_t at = (size_t)(seed >> 33) % enc->size;
    uint8_t value = (uint8_t)(seed >> 20);
    memcpy(copy, enc->data, enc->size);
    if ((uint8_t)copy[at] == value) value ^= 1;
    copy[at] = (char)value;
    decoded += decode_damaged(copy, enc->size, api);
  }
  free(copy);
  printf("damage %s (%zu bytes): every truncation rejected; %zu of %zu byte changes still "
         "decode\n", enc->name, enc->size, decoded, tries);
}

/* --- Synthetic models ------------------------------------------------------ */

static fl_loc here(fl_unit *unit, uint32_t line) { return (fl_loc){unit->path, line, 1, line, 9}; }

static fl_stmt *stmt_new(fl_unit *unit, fl_stmt_kind kind, fl_stmt *kid) {
  fl_stmt *stmt = FL_ARENA_NEW(unit->arena, fl_stmt);
  stmt->kind = kind;
  stmt->loc = here(unit, 3);
  if (kid) {
    stmt->kids = FL_ARENA_ARRAY(unit->arena, fl_stmt *, 1);
    stmt->kids[0] = kid;
    stmt->nkids = 1;
  }
  return stmt;
}

static fl_function *function_new(fl_unit *unit, const char *name, fl_stmt *body) {
  fl_function *fn = FL_ARENA_NEW(unit->arena, fl_function);
  fn->name = name;
  fn->lang = unit->lang;
  fn->loc = here(unit, 1);
  fn->body = body;
  fn->unit = unit;
  unit->functions = FL_ARENA_ARRAY(unit->arena, fl_function *, 1);
  unit->functions[0] = fn;
  unit->nfunctions = 1;
  return fn;
}

static fl_unit **decode_synthetic(fl_unit **units, size_t n, const fl_api *api, size_t *n_out,
                                  int *rc_out) {
  fl_strbuf buf = FL_STRBUF_INIT;
  fl_units_serialize(&buf, units, n, api);
  fl_unit **decoded = NULL;
  *rc_out = decode_copy(&decoded, n_out, buf.data, buf.len, api, "synthetic");
  fl_strbuf_free(&buf);
  return decoded;
}

/* 20000-deep statement, expression and call chains: nothing recurses. */
static void test_deep(const fl_api *api) {
  current = "synthetic deep nesting";
  enum { DEPTH = 20000 };
  fl_unit *unit = fl_unit_new("deep.c", FL_LANG_C);
  fl_expr *path = NULL;
  for (int i = 0; i < DEPTH; i++) {
    fl_expr *e = FL_ARENA_NEW(unit->arena, fl_expr);
    e->kind = FL_EXPR_DEREF;
    e->base = path;
    e->text = "*p";
    path = e;
  }
  fl_expr *call = NULL; /* call(call(call(...))): expr -> event -> expr */
  for (int i = 0; i < DEPTH; i++) {
    fl_event *ev = FL_ARENA_NEW(unit->arena, fl_event);
    ev->kind = FL_EV_CALL;
    ev->callee = "f";
    if (call) {
      ev->args = FL_ARENA_ARRAY(unit->arena, fl_expr *, 1);
      ev->args[0] = call;
      ev->nargs = 1;
    }
    call = FL_ARENA_NEW(unit->arena, fl_expr);
    call->kind = FL_EXPR_CALL;
    call->event = ev;
  }
  fl_stmt *stmt = stmt_new(unit, FL_STMT_RETURN, NULL);
  stmt->expr = path;
  fl_stmt *event_stmt = stmt_new(unit, FL_STMT_EVENT, NULL);
  event_stmt->event = call->event;
  for (int i = 0; i < DEPTH; i++) stmt = stmt_new(unit, FL_STMT_BLOCK, stmt);
  fl_stmt *body = stmt_new(unit, FL_STMT_BLOCK, NULL);
  body->kids = FL_ARENA_ARRAY(unit->arena, fl_stmt *, 2);
  body->kids[0] = stmt;
  body->kids[1] = event_stmt;
  body->nkids = 2;
  function_new(unit, "deep", body);

  size_t n = 0;
  int rc;
  fl_unit **decoded = decode_synthetic(&unit, 1, api, &n, &rc);
  CHECK(rc == 0 && n == 1);
  if (rc == 0 && n == 1) {
    compare_models(&unit, decoded, 1);
    size_t depth = 0;
    const fl_stmt *s = decoded[0]->functions[0]->body->kids[0];
    for (; s && s->kind == FL_STMT_BLOCK; s = s->nkids ? s->kids[0] : NULL) depth++;
    CHECK(depth == DEPTH && s && s->kind == FL_STMT_RETURN);
  }
  free_units(decoded, n);
  fl_unit_free(unit);
}

/* Objects shared across units come back shared; an api pointer that is not
 * in the table is dropped; a type may be its own element (Go `type T []T`);
 * strings and locations may be NULL; no units is no units. */
static void test_sharing(const fl_api *api) {
  current = "synthetic sharing";
  fl_unit *units[2] = {fl_unit_new("a.go", FL_LANG_GO), fl_unit_new(NULL, FL_LANG_GO)};
  fl_type *self_slice = FL_ARENA_NEW(units[0]->arena, fl_type);
  self_slice->kind = FL_TYPE_SLICE;
  self_slice->name = "T";
  self_slice->pointee = self_slice;
  fl_var *var = FL_ARENA_NEW(units[0]->arena, fl_var);
  var->name = "h";
  var->kind = FL_VAR_PARAM;
  var->type = self_slice;
  static const fl_api_entry stranger = {.name = "not_in_the_table"};
  fl_event *ev = FL_ARENA_NEW(units[0]->arena, fl_event);
  ev->kind = FL_EV_CALL;
  ev->callee = "C.free";
  ev->api = api && fl_api_count(api) ? fl_api_entry_at(api, fl_api_count(api) - 1) : NULL;
  fl_event *odd = FL_ARENA_NEW(units[0]->arena, fl_event);
  odd->kind = FL_EV_CALL;
  odd->api = &stranger;

  fl_stmt *body0 = stmt_new(units[0], FL_STMT_EVENT, NULL);
  body0->event = ev;
  fl_function *f0 = function_new(units[0], "f0", body0);
  f0->params = FL_ARENA_ARRAY(units[0]->arena, fl_var *, 1);
  f0->params[0] = var;
  f0->nparams = 1;

  fl_expr *name = FL_ARENA_NEW(units[1]->arena, fl_expr);
  name->kind = FL_EXPR_NAME;
  name->var = var; /* unit 1 uses unit 0's var, type and event */
  fl_expr *value = FL_ARENA_NEW(units[1]->arena, fl_expr);
  value->kind = FL_EXPR_CALL;
  value->event = ev;
  fl_stmt *ret = stmt_new(units[1], FL_STMT_RETURN, NULL);
  ret->expr = value;
  fl_stmt *odd_stmt = stmt_new(units[1], FL_STMT_EVENT, NULL);
  odd_stmt->event = odd;
  fl_stmt *body1 = stmt_new(units[1], FL_STMT_BLOCK, ret);
  body1->kids = FL_ARENA_ARRAY(units[1]->arena, fl_stmt *, 3);
  body1->kids[0] = ret;
  body1->kids[1] = odd_stmt;
  body1->kids[2] = stmt_new(units[1], FL_STMT_IF, NULL);
  body1->kids[2]->expr = name;
  body1->kids[2]->loc = (fl_loc){0};
  body1->nkids = 3;
  fl_function *f1 = function_new(units[1], NULL, body1);
  f1->unit = units[0]; /* not its own unit: kept as it was */
  f1->locals = FL_ARENA_ARRAY(units[1]->arena, fl_var *, 1);
  f1->locals[0] = var;
  f1->nlocals = 1;

  size_t n = 0;
  int rc;
  fl_unit **decoded = decode_synthetic(units, 2, api, &n, &rc);
  CHECK(rc == 0 && n == 2);
  if (rc == 0 && n == 2) {
    const fl_function *d0 = decoded[0]->functions[0], *d1 = decoded[1]->functions[0];
    CHECK(d0->params[0] == d1->locals[0] && d1->body->kids[2]->expr->var == d0->params[0]);
    CHECK(d0->params[0]->type->pointee == d0->params[0]->type);
    CHECK(d1->body->kids[0]->expr->event == d0->body->event);
    CHECK(d0->body->event->api == ev->api);
    CHECK(d1->body->kids[1]->event->api == NULL);
    CHECK(d1->unit == decoded[0] && d1->name == NULL && decoded[1]->path == NULL);
    odd->api = NULL; /* what the encoding kept */
    compare_models(units, decoded, 2);
  }
  free_units(decoded, n);

  fl_expr *loop = FL_ARENA_NEW(units[1]->arena, fl_expr);
  loop->kind = FL_EXPR_BINARY;
  loop->base = loop; /* a cycle no frontend makes: written as a marker the reader rejects */
  ret->expr = loop;
  decoded = decode_synthetic(units, 2, api, &n, &rc);
  CHECK(rc == FL_EPARSE && decoded == NULL && n == 0);

  decoded = decode_synthetic(NULL, 0, api, &n, &rc);
  CHECK(rc == 0 && decoded == NULL && n == 0);
  fl_unit_free(units[0]);
  fl_unit_free(units[1]);
}

/* --- Decode speed ---------------------------------------------------------- */

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void measure_decode(const fl_api *api) {
  size_t bytes = 0;
  double start = now(), elapsed = 0;
  while (elapsed < 0.5) {
    for (size_t i = 0; i < nencodings; i++) {
      fl_unit **units = NULL;
      size_t n = 0;
      if (fl_units_deserialize(&units, &n, encodings[i].data, encodings[i].size, api, "bench") == 0)
        bytes += encodings[i].size;
      free_units(units, n);
    }
    elapsed = now() - start;
  }
  printf("decode: %.1f MB/s of encoded data (%s build)\n", (double)bytes / elapsed / 1e6,
#ifdef __OPTIMIZE__
         "optimised"
#else
         "unoptimised"
#endif
  );
}

int main(int argc, char **argv) {
  fl_api *api = fl_api_new();
  if (fl_models_load_builtin(api) < 0) {
    fprintf(stderr, "roundtrip: %s\n", fl_error_last());
    return 1;
  }
  fl_clang_index *index = fl_clang_index_new();
  for (int i = 1; i < argc; i++) {
    current = argv[i];
    struct stat st;
    if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
      round_trip_go(argv[i], api);
    else
      round_trip_c(argv[i], index, api);
  }
  fl_clang_index_free(index);

  size_t go_source = 0, go_encoded = 0, c_source = 0, c_encoded = 0;
  const encoding *victim = NULL; /* the largest encoding small enough to truncate everywhere */
  for (size_t i = 0; i < nencodings; i++) {
    const encoding *enc = &encodings[i];
    *(enc->go ? &go_source : &c_source) += enc->source_bytes;
    *(enc->go ? &go_encoded : &c_encoded) += enc->size;
    if (enc->size <= 24 * 1024 && (!victim || enc->size > victim->size)) victim = enc;
  }
  printf("go packages: %zu source bytes -> %zu encoded; c/c++ files: %zu source bytes (main "
         "files) -> %zu encoded\n",
         go_source, go_encoded, c_source, c_encoded);
  if (victim) damage(victim, api);
  test_deep(api);
  test_sharing(api);
  if (nencodings) measure_decode(api);

  for (size_t i = 0; i < nencodings; i++) {
    free(encodings[i].data);
    free(encodings[i].name);
  }
  free(encodings);
  fl_api_free(api);
  if (failures) fprintf(stderr, "roundtrip: %d check(s) failed\n", failures);
  return failures ? 1 : 0;
}
