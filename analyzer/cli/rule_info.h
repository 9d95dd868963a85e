/* --list-rules and --explain: the rule YAML rendered for a terminal. */
#ifndef FL_CLI_RULE_INFO_H
#define FL_CLI_RULE_INFO_H

#include <stdio.h>

#include "config/rule_meta.h"

/* One row per registered rule, in registry order: id, severity,
 * languages, title. */
void fl_cli_list_rules(FILE *out, const fl_rule_meta_set *meta);
/* The rule's description, why, fix and references, wrapped to 78 columns.
 * FL_EUSAGE naming the valid ids when `id` is unknown. */
int fl_cli_explain_rule(FILE *out, const fl_rule_meta_set *meta, const char *id);

#endif
