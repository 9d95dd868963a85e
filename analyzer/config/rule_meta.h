/* Rule metadata from rules/<id>.yml (design.md §4): the single source of
 * --list-rules, --explain, SARIF tool.driver.rules[] and the report's
 * glossary. Loaded from the copies embedded at build time (embedded.h). */
#ifndef FL_RULE_META_H
#define FL_RULE_META_H

#include <stddef.h>

typedef struct fl_rule_meta {
  char *id;                /* "unwind-across-ffi" */
  char *title;             /* one line: SARIF shortDescription */
  char *severity;          /* default: "high" | "medium" | "low" */
  char **languages;        /* "c", "c++", "go" */
  size_t nlanguages;
  char *cwe;               /* "CWE-755" or NULL */
  char *description;       /* paragraph(s): SARIF fullDescription */
  char *why;               /* why it matters */
  char *fix;               /* how to fix */
  char **references;       /* URLs or citations */
  size_t nreferences;
  char *help_uri;          /* docs page, may be NULL */
} fl_rule_meta;

typedef struct fl_rule_meta_set {
  fl_rule_meta *rules;
  size_t count;
} fl_rule_meta_set;

/* Parses every embedded rules/<id>.yml. On a malformed file returns
 * FL_ECONFIG with "rules/<id>.yml:LINE: problem" in fl_error_last(). */
int fl_rule_meta_load_builtin(fl_rule_meta_set **out);
/* Parses one YAML document (for tests and the fuzz harness); `name` is used
 * in error messages. */
int fl_rule_meta_parse(fl_rule_meta *out, const char *name, const char *text, size_t len);
const fl_rule_meta *fl_rule_meta_find(const fl_rule_meta_set *set, const char *id);
void fl_rule_meta_set_free(fl_rule_meta_set *set);
void fl_rule_meta_clear(fl_rule_meta *meta);

#endif
