/* .ffi-lint.yml: the project's configuration (issue 2).
 *
 *   exclude: [third_party, "build*"]  # globs, relative to the config's directory
 *   rules:
 *     unwind-across-ffi:
 *       enabled: true
 *       severity: medium                # overrides every finding of the rule
 *       options: {implicit-alloc: true} # handed to the rule (fl_rule_settings)
 *   models: [ffi-models.yml]            # API-model files, relative to the config
 *   fail-on: high                       # default for --fail-on
 *
 * Found as the nearest .ffi-lint.yml upward from the current directory
 * unless --config names one. */
#ifndef FL_CONFIG_H
#define FL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "../engine/finding.h"
#include "../rules/rule.h"

#define FL_CONFIG_FILE_NAME ".ffi-lint.yml"

typedef struct fl_rule_config {
  char *id;
  int enabled;             /* -1 unset, 0 disabled, 1 enabled */
  bool has_severity;
  fl_severity severity;
  fl_rule_option *options; /* heap, strings heap-owned */
  size_t noptions;
  fl_rule_settings settings; /* view over `options` for the rule */
} fl_rule_config;

struct fl_config {
  char *path;               /* the file, NULL for the empty default config */
  char *dir;                /* absolute: base of excludes and model paths */
  char **excludes;
  size_t nexcludes;
  fl_rule_config *rules;
  size_t nrules;
  char **models;            /* paths as resolved against `dir` */
  size_t nmodels;
  bool has_fail_on;
  fl_severity fail_on;
  char hash[17];            /* FNV-1a 64 of the file's bytes, hex; "" without a file */
};
typedef struct fl_config fl_config;

/* Loads `path`. FL_ENOTFOUND / FL_EIO / FL_ECONFIG "path:LINE[:COL]: problem".
 * *out is owned by the caller (fl_config_free). */
int fl_config_load(fl_config **out, const char *path);
/* Parses config text named `name`; relative paths resolve against `dir`. */
int fl_config_parse(fl_config **out, const char *name, const char *text, size_t len,
                    const char *dir);
/* The empty configuration rooted at `dir` (the cwd when there is no file). */
fl_config *fl_config_new_default(const char *dir);
/* Searches `start_dir` and its parents for .ffi-lint.yml. *path_out is a
 * heap path or NULL when none exists. Returns 0 or FL_EIO. */
int fl_config_find(char **path_out, const char *start_dir);
void fl_config_free(fl_config *config);

/* The settings of rule `id`, or NULL when the config does not mention it. */
const fl_rule_config *fl_config_rule(const fl_config *config, const char *id);
/* True when `path` (absolute or relative to the cwd) matches an exclude
 * glob, tested against its path relative to config->dir and each leading
 * directory of it (so `build` excludes `build/x.c`). `*` also matches `/`. */
bool fl_config_excluded(const fl_config *config, const char *path);

#endif
