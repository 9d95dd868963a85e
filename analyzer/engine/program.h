/* The whole program as far as one run sees it: every lowered unit plus the
 * link-step indexes rules use to find facts in other units (design.md §1):
 * a callee's definition by id or name, a record by name, Go finalizer facts.
 * Built once after parsing (single-threaded), then read-only while rules run
 * in parallel. */
#ifndef FL_PROGRAM_H
#define FL_PROGRAM_H

#include <stddef.h>

#include "../model/api.h"
#include "../model/model.h"

typedef struct fl_program fl_program;

/* `api` is borrowed and must outlive the program. */
fl_program *fl_program_new(const fl_api *api);
/* Frees the program and every unit added to it. */
void fl_program_free(fl_program *program);

/* Takes ownership of `unit`. Not thread-safe: the driver adds units from the
 * coordinating thread. */
void fl_program_add_unit(fl_program *program, fl_unit *unit);
/* Builds the indexes; call once after the last add. */
void fl_program_link(fl_program *program);

const fl_api *fl_program_api(const fl_program *program);
size_t fl_program_unit_count(const fl_program *program);
const fl_unit *fl_program_unit(const fl_program *program, size_t i);

/* The definition (body != NULL) with stable id `id`, or else with qualified
 * `name` when `id` is NULL or unknown. Declarations are returned only when
 * no definition exists. NULL if neither. */
const fl_function *fl_program_find_function(const fl_program *program, const char *id,
                                            const char *name);
/* The callee of a CALL event, resolved as above. */
const fl_function *fl_program_callee(const fl_program *program, const fl_event *call);
/* A record by qualified name; a Go type also by "package.Type" (the first
 * linted package of that name wins). */
const fl_record *fl_program_find_record(const fl_program *program, const char *name);

/* Every function with a body, across all units, in unit then source order. */
size_t fl_program_function_count(const fl_program *program);
const fl_function *fl_program_function(const fl_program *program, size_t i);

/* Facts of a kind across all units (Go finalizers, exports...). */
size_t fl_program_facts(const fl_program *program, fl_fact_kind kind, const fl_fact **out, size_t max);

#endif
