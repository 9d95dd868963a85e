/* ffi-lint's command line, parsed into a plain struct. Strings point into
 * argv (never copied); the two arrays are heap. */
#ifndef FL_CLI_OPTIONS_H
#define FL_CLI_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "engine/finding.h"

typedef enum fl_cli_format { FL_FORMAT_TEXT, FL_FORMAT_SARIF, FL_FORMAT_JSON } fl_cli_format;

typedef struct fl_cli_options {
  const char **inputs;
  size_t ninputs;
  const char **extra_args;      /* after `--` */
  size_t nextra_args;
  const char *compile_db_dir;   /* -p */
  fl_cli_format format;
  const char *output_path;      /* -o, NULL = stdout */
  const char *rules_spec;       /* --rules */
  bool has_fail_on;
  fl_severity fail_on;
  const char *config_path;      /* --config */
  int jobs;                     /* -j, 0 = all cores */
  bool list_rules;
  const char *explain_rule;
  const char *dump_model_path;
  const char *db_path;
  const char *cache_dir;        /* --cache-dir, NULL = the default */
  bool no_cache;                /* --no-cache */
  bool no_import_context;       /* --no-import-context */
  bool all_diagnostics;         /* --all-diagnostics */
  bool quiet;
  bool no_color;
  bool help;
  bool version;
} fl_cli_options;

/* Parses argv[1..argc). FL_EUSAGE with a message naming the bad option. */
int fl_cli_options_parse(fl_cli_options *out, int argc, char **argv);
void fl_cli_options_clear(fl_cli_options *options);

/* The --help text. */
void fl_cli_usage(FILE *out);

#endif
