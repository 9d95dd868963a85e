/* The driver: discover -> parse (parallel) -> link -> rules (parallel) ->
 * suppressions, fingerprints, sort. The CLI fills fl_driver_opts and prints;
 * the driver returns errors instead of printing them (except the progress
 * line, which the caller enables). */
#ifndef FL_DRIVER_H
#define FL_DRIVER_H

#include <stdbool.h>
#include <stddef.h>

#include "../model/api.h"
#include "../output/output.h"
#include "finding.h"

typedef struct fl_config fl_config; /* config/config.h */

typedef struct fl_driver_opts {
  const char *const *inputs;      /* files and directories */
  size_t ninputs;
  const char *compile_db_dir;     /* -p DIR, or NULL */
  const char *const *extra_args;  /* after `--` */
  size_t nextra_args;
  int jobs;                       /* 0 = all cores */
  const char *rules_spec;         /* "a,b,-c" or NULL */
  const fl_config *config;        /* may be NULL */
  const fl_api *api;              /* built-in + user models */
  bool progress;                  /* progress line on stderr (TTY) */
  const char *dump_model_path;    /* --dump-model FILE, or NULL */
  const char *cache_dir;          /* the unit cache (unit_cache.h), or NULL for none */
  bool import_context;            /* parse imported Go packages for facts (go_context.h) */
  bool all_diagnostics;           /* every parse diagnostic of a unit, not the first few */
} fl_driver_opts;

typedef struct fl_driver_result {
  fl_findings findings;           /* sorted, fingerprinted, suppressions marked */
  fl_run_summary summary;
  char **diagnostics;             /* parse errors and warnings to show, owned */
  size_t ndiagnostics;
  char **rules_run;               /* ids, owned */
  size_t nrules_run;
} fl_driver_result;

int fl_driver_run(const fl_driver_opts *opts, fl_driver_result *result);
void fl_driver_result_clear(fl_driver_result *result);

#endif
