/* Rule selection (--rules, config) and the parallel rule pass. */
#ifndef FL_RULES_RUN_H
#define FL_RULES_RUN_H

#include <stddef.h>

#include "../config/config.h"
#include "../rules/rule.h"
#include "progress.h"

typedef struct fl_rule_selection {
  const fl_rule **rules;  /* heap array of registry pointers, registry order */
  size_t count;
} fl_rule_selection;

/* Every registered rule, minus those the config disables; then `spec`
 * ("a,b,-c"): when it names any rule without '-', exactly those run
 * (overriding the config); '-id' removes one. An unknown id → FL_EUSAGE
 * naming it and listing the valid ids. */
int fl_rules_select(fl_rule_selection *out, const char *spec, const fl_config *config);
void fl_rule_selection_clear(fl_rule_selection *selection);

/* prepare() each rule once, then check every function of `program` with
 * every selected rule of its language on `jobs` threads, then release().
 * Findings are appended to `out` in function order (so the same input gives
 * the same list at any -j), with the config's severity overrides applied. */
void fl_rules_run(fl_findings *out, const fl_rule_selection *selection, const fl_program *program,
                  const fl_config *config, int jobs, fl_progress *progress);

#endif
