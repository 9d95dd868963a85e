#include "program.h"

#include <stdio.h>
#include <stdlib.h>

#include "../core/strmap.h"
#include "../core/vec.h"

struct fl_program {
  const fl_api *api;
  fl_ptrvec units;        /* fl_unit*, owned */
  fl_ptrvec definitions;  /* fl_function* with a body */
  fl_strmap *by_id;       /* id -> fl_function* (definition preferred) */
  fl_strmap *by_name;     /* qualified name -> fl_function* (definition preferred) */
  fl_strmap *records;     /* name -> fl_record* (the one with most fields) */
};

fl_program *fl_program_new(const fl_api *api) {
  fl_program *program = calloc(1, sizeof *program);
  if (!program) abort();
  program->api = api;
  program->by_id = fl_strmap_new();
  program->by_name = fl_strmap_new();
  program->records = fl_strmap_new();
  return program;
}

void fl_program_free(fl_program *program) {
  if (!program) return;
  for (size_t i = 0; i < program->units.count; i++) fl_unit_free(program->units.items[i]);
  fl_ptrvec_free(&program->units);
  fl_ptrvec_free(&program->definitions);
  fl_strmap_free(program->by_id);
  fl_strmap_free(program->by_name);
  fl_strmap_free(program->records);
  free(program);
}

void fl_program_add_unit(fl_program *program, fl_unit *unit) {
  fl_ptrvec_push(&program->units, unit);
}

/* A definition replaces a declaration; the first definition wins (the same
 * inline function or header body is seen by several TUs). */
static void index_function(fl_strmap *map, const char *key, fl_function *fn) {
  if (!key) return;
  const fl_function *known = fl_strmap_get(map, key);
  if (!known || (!known->body && fn->body)) fl_strmap_put(map, key, fn);
}

void fl_program_link(fl_program *program) {
  for (size_t u = 0; u < program->units.count; u++) {
    fl_unit *unit = program->units.items[u];
    for (size_t i = 0; i < unit->nfunctions; i++) {
      fl_function *fn = unit->functions[i];
      index_function(program->by_id, fn->id, fn);
      index_function(program->by_name, fn->name, fn);
      if (fn->body) fl_ptrvec_push(&program->definitions, fn);
    }
    for (size_t i = 0; i < unit->nrecords; i++) {
      fl_record *record = unit->records[i];
      const fl_record *known = fl_strmap_get(program->records, record->name);
      if (!known || known->nfields < record->nfields)
        fl_strmap_put(program->records, record->name, record);
      /* Go names another package's type by its package: glib.Object. */
      if (unit->lang == FL_LANG_GO && unit->package) {
        const char *qualified = fl_arena_printf(unit->arena, "%s.%s", unit->package, record->name);
        if (!fl_strmap_get(program->records, qualified)) fl_strmap_put(program->records, qualified, record);
      }
    }
  }
}

const fl_api *fl_program_api(const fl_program *program) { return program->api; }
size_t fl_program_unit_count(const fl_program *program) { return program->units.count; }
const fl_unit *fl_program_unit(const fl_program *program, size_t i) {
  return i < program->units.count ? program->units.items[i] : NULL;
}

const fl_function *fl_program_find_function(const fl_program *program, const char *id,
                                            const char *name) {
  const fl_function *fn = id ? fl_strmap_get(program->by_id, id) : NULL;
  if (fn && fn->body) return fn;
  const fl_function *named = name ? fl_strmap_get(program->by_name, name) : NULL;
  if (named && (named->body || !fn)) return named;
  return fn;
}

/* The record a receiver expression belongs to: its type's record, or the
 * record its pointer type points at. */
static const char *receiver_record(const fl_expr *object) {
  const fl_type *type = object ? object->type : NULL;
  if (!type && object && object->kind == FL_EXPR_NAME && object->var) type = object->var->type;
  if (!type) return NULL;
  if (type->record_name) return type->record_name;
  if (type->pointee && type->pointee->record_name) return type->pointee->record_name;
  return NULL;
}

const fl_function *fl_program_callee(const fl_program *program, const fl_event *call) {
  if (!call || call->kind != FL_EV_CALL) return NULL;
  const fl_function *fn = fl_program_find_function(program, call->callee_id, call->callee);
  if (fn || !call->object || !call->callee) return fn;
  /* A method call spelled through its receiver ("h.guard.enter") resolves
   * by the receiver's type: "guardType.enter" (Go) or "Cls::enter" (C++). */
  const char *record = receiver_record(call->object);
  if (!record) return NULL;
  const char *method = call->callee;
  for (const char *p = call->callee; *p; p++)
    if (*p == '.' || (*p == ':' && p[1] == ':')) method = p + (*p == '.' ? 1 : 2);
  char qualified[512];
  snprintf(qualified, sizeof qualified, "%s.%s", record, method);
  if ((fn = fl_strmap_get(program->by_name, qualified))) return fn;
  snprintf(qualified, sizeof qualified, "%s::%s", record, method);
  return fl_strmap_get(program->by_name, qualified);
}

const fl_record *fl_program_find_record(const fl_program *program, const char *name) {
  return name ? fl_strmap_get(program->records, name) : NULL;
}

size_t fl_program_function_count(const fl_program *program) { return program->definitions.count; }
const fl_function *fl_program_function(const fl_program *program, size_t i) {
  return i < program->definitions.count ? program->definitions.items[i] : NULL;
}

size_t fl_program_facts(const fl_program *program, fl_fact_kind kind, const fl_fact **out, size_t max) {
  size_t found = 0;
  for (size_t u = 0; u < program->units.count; u++) {
    const fl_unit *unit = program->units.items[u];
    for (size_t i = 0; i < unit->nfacts; i++)
      if (unit->facts[i]->kind == kind) {
        if (found < max) out[found] = unit->facts[i];
        found++;
      }
  }
  return found;
}
