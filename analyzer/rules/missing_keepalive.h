/* missing-keepalive, shared between its Go half (missing_keepalive.c) and
 * its C half (missing_keepalive_c.c). Internal to the rule. */
#ifndef FL_RULES_MISSING_KEEPALIVE_H
#define FL_RULES_MISSING_KEEPALIVE_H

#include <stdbool.h>

#include "rule.h"

#define FL_MK_RULE_ID "missing-keepalive"

/* True when `expr` reads `var` (through fields, indexes, converts); the
 * value of a call is not a use of the call's arguments. */
bool fl_mk_mentions_var(const fl_expr *expr, const fl_var *var);
/* True when the event's object, value or an argument mentions `var`. */
bool fl_mk_event_mentions(const fl_event *event, const fl_var *var);
/* True when `expr` contains the value of `call` (directly or as an argument
 * of a call nested in it). */
bool fl_mk_expr_mentions_event(const fl_expr *expr, const fl_event *call);

/* The C/C++ half: borrowed pointers used after their owner's release,
 * paired borrows not released on a path, JNI calls in critical regions. */
void fl_mk_check_c(fl_rule_ctx *ctx, const fl_function *fn);

#endif
