/* Helpers shared by the output writers, suppressions and fingerprints.
 * Internal to analyzer/output/. */
#ifndef FL_OUTPUT_COMMON_H
#define FL_OUTPUT_COMMON_H

#include <jansson.h>
#include <stddef.h>

#include "../config/rule_meta.h"
#include "../engine/finding.h"

/* Heap copy of `s` (NULL in, NULL out); aborts on allocation failure like
 * the rest of the library. The caller frees. */
char *fl_out_strdup(const char *s);
void *fl_out_calloc(size_t n, size_t size);
void *fl_out_realloc(void *p, size_t size);
char *fl_out_strndup(const char *s, size_t n);

/* SARIF result/rule level for a severity: high "error", medium "warning",
 * low "note". */
const char *fl_out_sarif_level(fl_severity severity);

/* A JSON string for `s` even when `s` is not valid UTF-8 (messages can quote
 * source text in any encoding): invalid bytes become U+FFFD. NULL in gives
 * JSON null. Returns a new reference; never NULL. */
json_t *fl_out_json_text(const char *s);

/* The metadata of rule `id` in `set` (either may be NULL), or NULL. Local so
 * the writers do not depend on the YAML loader being linked. */
const fl_rule_meta *fl_out_rule_meta(const fl_rule_meta_set *set, const char *id);

/* True when the flow step is the finding's primary location (same file,
 * line and column): text prints the others as notes. */
bool fl_out_step_is_primary(const fl_finding *finding, const fl_location *step);

#endif
