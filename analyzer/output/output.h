/* Output formats (design.md §5): compiler-style text, SARIF 2.1.0, JSON.
 * All three read the same sorted, fingerprinted, suppression-marked list. */
#ifndef FL_OUTPUT_H
#define FL_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "../config/rule_meta.h"
#include "../engine/finding.h"
#include "source.h"

typedef struct fl_run_summary {
  size_t units_total;      /* TUs / Go files analysed */
  size_t units_failed;     /* did not parse at all */
  size_t units_partial;    /* parsed with errors */
  size_t functions;        /* functions checked */
  double seconds;
  size_t cache_hits;       /* parse jobs (TUs, Go packages) read from the cache */
  size_t cache_misses;     /* parse jobs parsed (and stored) */
} fl_run_summary;

typedef struct fl_output_opts {
  const char *base_dir;         /* paths are printed relative to this (cwd); NULL = as stored */
  const char *source_root;      /* SARIF artifact URIs relative to this (repo root) */
  bool color;                   /* ANSI colours (text only; callers pass isatty) */
  const char *tool_version;
  const char *information_uri;  /* SARIF tool.driver.informationUri; NULL = omitted */
  const char *command_line;     /* SARIF invocations[0].commandLine */
  const fl_rule_meta_set *rules_meta; /* rules[] for SARIF/JSON */
  const char *const *enabled_rules;   /* ids of rules that ran */
  size_t nenabled_rules;
  const fl_run_summary *summary;
} fl_output_opts;

/* Each writes the whole document for `findings` to `out`.
 * Returns 0 or FL_EIO. Sources are read through `sources` for excerpts. */
int fl_output_text(FILE *out, const fl_findings *findings, fl_source_cache *sources,
                   const fl_output_opts *opts);
int fl_output_sarif(FILE *out, const fl_findings *findings, fl_source_cache *sources,
                    const fl_output_opts *opts);
int fl_output_json(FILE *out, const fl_findings *findings, fl_source_cache *sources,
                   const fl_output_opts *opts);

#endif
