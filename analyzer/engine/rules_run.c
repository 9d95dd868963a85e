#include "rules_run.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/vec.h"
#include "workers.h"

static void valid_rule_ids(fl_strbuf *buf) {
  for (size_t i = 0; i < fl_rule_count(); i++)
    fl_strbuf_printf(buf, "%s%s", i ? ", " : "", fl_rule_at(i)->id);
}

int fl_rules_select(fl_rule_selection *out, const char *spec, const fl_config *config) {
  size_t total = fl_rule_count();
  bool *enabled = calloc(total ? total : 1, sizeof *enabled);
  for (size_t i = 0; i < total; i++) {
    const fl_rule_config *settings = fl_config_rule(config, fl_rule_at(i)->id);
    enabled[i] = !settings || settings->enabled != 0;
  }
  char *copy = strdup(spec ? spec : "");
  int rc = 0;
  bool named_any = false;
  for (char *save = NULL, *token = strtok_r(copy, ",", &save); token && !rc;
       token = strtok_r(NULL, ",", &save)) {
    while (*token == ' ') token++;
    size_t len = strlen(token);
    while (len && token[len - 1] == ' ') token[--len] = '\0';
    bool remove = token[0] == '-';
    const char *id = token + (remove || token[0] == '+');
    if (!*id) continue;
    const fl_rule *rule = fl_rule_find(id);
    if (!rule) {
      fl_strbuf valid = FL_STRBUF_INIT;
      valid_rule_ids(&valid);
      rc = fl_error_set(FL_EUSAGE, "unknown rule '%s' in --rules (valid: %s)", id,
                        valid.data ? valid.data : "none");
      fl_strbuf_free(&valid);
      break;
    }
    size_t index = 0;
    while (fl_rule_at(index) != rule) index++;
    if (!remove && !named_any) { /* the first positive id starts an explicit list */
      memset(enabled, 0, total * sizeof *enabled);
      named_any = true;
    }
    enabled[index] = !remove;
  }
  free(copy);
  memset(out, 0, sizeof *out);
  if (!rc) {
    out->rules = calloc(total ? total : 1, sizeof *out->rules);
    for (size_t i = 0; i < total; i++)
      if (enabled[i]) out->rules[out->count++] = fl_rule_at(i);
  }
  free(enabled);
  return rc;
}

void fl_rule_selection_clear(fl_rule_selection *selection) {
  free(selection->rules);
  memset(selection, 0, sizeof *selection);
}

/* Read-only during the parallel pass, except `results[i]`, which only the
 * worker checking function i writes. */
typedef struct rule_pass {
  const fl_rule_selection *selection;
  const fl_program *program;
  const fl_rule_settings **settings; /* per selected rule */
  void **states;                     /* per selected rule, from prepare() */
  fl_findings *results;              /* per function */
} rule_pass;

static void rule_pass_run(void *thread_state, size_t index, void *shared) {
  rule_pass *pass = shared;
  const fl_function *fn = fl_program_function(pass->program, index);
  /* An installed library's body is there for its callers' summaries: the
   * user cannot fix what a rule would say about it. */
  if (fn->flags & FL_FN_LIBRARY) return;
  for (size_t r = 0; r < pass->selection->count; r++) {
    const fl_rule *rule = pass->selection->rules[r];
    if (!(rule->languages & FL_LANG_BIT(fn->lang)) || !rule->check_function) continue;
    fl_rule_ctx ctx = {rule, pass->program, pass->settings[r], pass->states[r],
                       &pass->results[index]};
    rule->check_function(&ctx, fn);
  }
}

static const char *rule_pass_item_name(size_t index, void *shared) {
  rule_pass *pass = shared;
  return fl_program_function(pass->program, index)->name;
}

void fl_rules_run(fl_findings *out, const fl_rule_selection *selection, const fl_program *program,
                 const fl_config *config, int jobs, fl_progress *progress) {
  static const fl_rule_settings no_settings = {NULL, 0};
  size_t nrules = selection->count;
  size_t nfunctions = fl_program_function_count(program);
  rule_pass pass = {selection, program, calloc(nrules ? nrules : 1, sizeof *pass.settings),
                    calloc(nrules ? nrules : 1, sizeof *pass.states),
                    calloc(nfunctions ? nfunctions : 1, sizeof *pass.results)};
  /* prepare() computes program-wide facts: single-threaded by contract. */
  for (size_t r = 0; r < nrules; r++) {
    const fl_rule *rule = selection->rules[r];
    const fl_rule_config *rule_config = fl_config_rule(config, rule->id);
    pass.settings[r] = rule_config ? &rule_config->settings : &no_settings;
    pass.states[r] = rule->prepare ? rule->prepare(program, pass.settings[r]) : NULL;
  }
  fl_worker_ops ops = {.run = rule_pass_run, .item_name = rule_pass_item_name,
                       .verb = "checking", .batch = 16};
  if (nrules) fl_workers_run(nfunctions, jobs, &ops, &pass, progress);
  for (size_t i = 0; i < nfunctions; i++) fl_findings_move(out, &pass.results[i]);
  for (size_t r = 0; r < nrules; r++)
    if (selection->rules[r]->release) selection->rules[r]->release(pass.states[r]);
  for (size_t i = 0; i < out->count; i++) {
    const fl_rule_config *rule_config = fl_config_rule(config, out->items[i]->rule_id);
    if (rule_config && rule_config->has_severity) out->items[i]->severity = rule_config->severity;
  }
  free(pass.results);
  free(pass.states);
  free(pass.settings);
}
