/* The rule interface (smatch's check_list.h style).
 *
 * A rule is one C file exporting one `const fl_rule fl_rule_<name>` listed in
 * rules.def; everything else in the file is static. A rule reads the shared
 * model (model.h) and program facts (program.h) — never a libclang cursor or
 * a tree-sitter node — and reports findings through fl_rule_report().
 *
 * Lifecycle per run: prepare() once, single-threaded, after the link step
 * (compute program-wide facts: free paths, throwing functions...); then
 * check_function() for every function with a body, concurrently from
 * several threads (the state must be read-only by then); then release(). */
#ifndef FL_RULE_H
#define FL_RULE_H

#include "../engine/finding.h"
#include "../engine/program.h"

typedef struct fl_rule_ctx fl_rule_ctx;

/* Per-rule options from .ffi-lint.yml (`rules: {id: {options: {k: v}}}`). */
typedef struct fl_rule_option {
  const char *key;
  const char *value;
} fl_rule_option;

typedef struct fl_rule_settings {
  const fl_rule_option *options;
  size_t noptions;
} fl_rule_settings;

/* The option's value or `fallback` when unset. */
const char *fl_rule_settings_get(const fl_rule_settings *settings, const char *key,
                                 const char *fallback);
/* true for "true", "yes", "on", "1". */
bool fl_rule_settings_get_bool(const fl_rule_settings *settings, const char *key, bool fallback);

typedef struct fl_rule {
  const char *id;                /* stable: used in SARIF, the DB and suppressions */
  fl_severity default_severity;  /* the usual severity; a rule may report others */
  unsigned languages;            /* FL_LANG_BIT mask */
  /* Optional. Returns rule state (or NULL) built from the whole program. */
  void *(*prepare)(const fl_program *program, const fl_rule_settings *settings);
  void (*check_function)(fl_rule_ctx *ctx, const fl_function *fn);
  void (*release)(void *state); /* optional */
} fl_rule;

/* --- What a rule can ask its context while checking --------------------- */
const fl_program *fl_rule_ctx_program(const fl_rule_ctx *ctx);
const fl_api *fl_rule_ctx_api(const fl_rule_ctx *ctx);
void *fl_rule_ctx_state(const fl_rule_ctx *ctx);
const fl_rule_settings *fl_rule_ctx_settings(const fl_rule_ctx *ctx);
const fl_rule *fl_rule_ctx_rule(const fl_rule_ctx *ctx);
/* Hands a finding to the engine (ownership passes). Thread-safe per ctx:
 * each worker has its own ctx. */
void fl_rule_report(fl_rule_ctx *ctx, fl_finding *finding);

/* The context itself, for the engine and for unit tests of rules. */
struct fl_rule_ctx {
  const fl_rule *rule;
  const fl_program *program;
  const fl_rule_settings *settings;
  void *state;
  fl_findings *out;
};

/* --- The registry ------------------------------------------------------- */
#define FL_RULE(name) extern const fl_rule fl_rule_##name;
#include "rules.def"
#undef FL_RULE

size_t fl_rule_count(void);
const fl_rule *fl_rule_at(size_t i);
const fl_rule *fl_rule_find(const char *id);

#endif
