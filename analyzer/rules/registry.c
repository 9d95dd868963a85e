#include <string.h>

#include "rule.h"

static const fl_rule *const rule_table[] = {
#define FL_RULE(name) &fl_rule_##name,
#include "rules.def"
#undef FL_RULE
};

size_t fl_rule_count(void) { return sizeof rule_table / sizeof rule_table[0]; }

const fl_rule *fl_rule_at(size_t i) { return i < fl_rule_count() ? rule_table[i] : NULL; }

const fl_rule *fl_rule_find(const char *id) {
  for (size_t i = 0; i < fl_rule_count(); i++)
    if (strcmp(rule_table[i]->id, id) == 0) return rule_table[i];
  return NULL;
}

const fl_program *fl_rule_ctx_program(const fl_rule_ctx *ctx) { return ctx->program; }
const fl_api *fl_rule_ctx_api(const fl_rule_ctx *ctx) { return fl_program_api(ctx->program); }
void *fl_rule_ctx_state(const fl_rule_ctx *ctx) { return ctx->state; }
const fl_rule_settings *fl_rule_ctx_settings(const fl_rule_ctx *ctx) { return ctx->settings; }
const fl_rule *fl_rule_ctx_rule(const fl_rule_ctx *ctx) { return ctx->rule; }
void fl_rule_report(fl_rule_ctx *ctx, fl_finding *finding) { fl_findings_push(ctx->out, finding); }

const char *fl_rule_settings_get(const fl_rule_settings *settings, const char *key,
                                 const char *fallback) {
  if (settings)
    for (size_t i = 0; i < settings->noptions; i++)
      if (strcmp(settings->options[i].key, key) == 0) return settings->options[i].value;
  return fallback;
}

bool fl_rule_settings_get_bool(const fl_rule_settings *settings, const char *key, bool fallback) {
  const char *value = fl_rule_settings_get(settings, key, NULL);
  if (!value) return fallback;
  return strcmp(value, "true") == 0 || strcmp(value, "yes") == 0 || strcmp(value, "on") == 0 ||
         strcmp(value, "1") == 0;
}
