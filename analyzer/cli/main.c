/* ffi-lint: the command-line front of libffilint. Everything that can fail
 * returns an FL_E* code up to here; this file prints each error once, as
 * `ffi-lint: error: <message>`, and maps outcomes to the exit status. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config/config.h"
#include "config/models.h"
#include "config/rule_meta.h"
#include "core/batch_memory.h"
#include "core/error.h"
#include "core/vec.h"
#include "db/db.h"
#include "engine/driver.h"
#include "engine/unit_cache.h"
#include "frontend/libclang_guard.h"
#include "output/output.h"
#include "output/paths.h"
#include "git_info.h"
#include "options.h"
#include "rule_info.h"

#ifndef FL_VERSION
#define FL_VERSION "0.0.0"
#endif

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2 };

static int fail(void) {
  fprintf(stderr, "ffi-lint: error: %s\n", fl_error_last());
  return EXIT_USAGE;
}

/* The command line as one string, for SARIF invocations and the audit DB;
 * arguments with spaces are single-quoted. Heap. */
static char *command_line(int argc, char **argv) {
  fl_strbuf buf = FL_STRBUF_INIT;
  fl_strbuf_append(&buf, "");
  for (int i = 0; i < argc; i++) {
    bool quote = strpbrk(argv[i], " \t\"'") != NULL || !argv[i][0];
    fl_strbuf_printf(&buf, i ? (quote ? " '%s'" : " %s") : (quote ? "'%s'" : "%s"), argv[i]);
  }
  return fl_strbuf_take(&buf);
}

/* `path` as messages should show it: relative to the cwd when below it. */
static char *display_path(const char *path) {
  char cwd[PATH_MAX];
  return fl_path_relative_to(path, getcwd(cwd, sizeof cwd) ? cwd : NULL);
}

/* --config FILE, else the nearest .ffi-lint.yml upward, else defaults. */
static int load_config(fl_config **out, const char *explicit_path) {
  if (explicit_path) return fl_config_load(out, explicit_path);
  char *found = NULL;
  int rc = fl_config_find(&found, ".");
  if (rc) return rc;
  if (!found) {
    *out = fl_config_new_default(".");
    return 0;
  }
  char *shown = display_path(found);
  rc = fl_config_load(out, shown);
  free(shown);
  free(found);
  return rc;
}

static int load_models(fl_api **out, const fl_config *config) {
  fl_api *api = fl_api_new();
  int rc = fl_models_load_builtin(api);
  for (size_t i = 0; !rc && i < config->nmodels; i++) {
    char *shown = display_path(config->models[i]);
    rc = fl_models_load_file(api, shown); /* origins and errors use the shown path */
    free(shown);
  }
  if (rc) {
    fl_api_free(api);
    return rc;
  }
  *out = api;
  return 0;
}

static double unix_time(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int store_run(const char *db_path, const fl_driver_result *result, const fl_config *config,
                     const char *arguments, double started_at) {
  char cwd[PATH_MAX];
  fl_strbuf rule_set = FL_STRBUF_INIT;
  fl_strbuf_append(&rule_set, "");
  for (size_t i = 0; i < result->nrules_run; i++)
    fl_strbuf_printf(&rule_set, "%s%s", i ? "," : "", result->rules_run[i]);
  char *git_commit = fl_git_head_commit();
  fl_run_info run = {
      .tool_version = FL_VERSION,
      .rule_set = rule_set.data,
      .config_hash = config->hash[0] ? config->hash : NULL,
      .arguments = arguments,
      .source_root = getcwd(cwd, sizeof cwd) ? cwd : ".",
      .git_commit = git_commit,
      .started_at = started_at,
      .finished_at = unix_time(),
  };
  fl_db *db = NULL;
  long long run_id = 0;
  int rc = fl_db_open(&db, db_path);
  if (!rc) rc = fl_db_store_run(db, &run, &result->findings, &run_id);
  fl_db_close(db);
  fl_strbuf_free(&rule_set);
  free(git_commit);
  return rc;
}

static int write_report(const fl_cli_options *options, const fl_driver_result *result,
                        const fl_rule_meta_set *meta, const char *arguments) {
  FILE *out = stdout;
  if (options->output_path) {
    out = fopen(options->output_path, "w");
    if (!out) return fl_error_set(FL_EIO, "%s: %s", options->output_path, strerror(errno));
  }
  char cwd[PATH_MAX];
  const char *base = getcwd(cwd, sizeof cwd) ? cwd : NULL;
  fl_output_opts output = {
      .base_dir = base,
      .source_root = base,
      .color = !options->no_color && !options->output_path && isatty(fileno(stdout)) &&
               !getenv("NO_COLOR"),
      .tool_version = FL_VERSION,
      .command_line = arguments,
      .rules_meta = meta,
      .enabled_rules = (const char *const *)result->rules_run,
      .nenabled_rules = result->nrules_run,
      .summary = &result->summary,
  };
  fl_source_cache *sources = fl_source_cache_new();
  int rc;
  switch (options->format) {
  case FL_FORMAT_SARIF: rc = fl_output_sarif(out, &result->findings, sources, &output); break;
  case FL_FORMAT_JSON: rc = fl_output_json(out, &result->findings, sources, &output); break;
  default: rc = fl_output_text(out, &result->findings, sources, &output); break;
  }
  fl_source_cache_free(sources);
  if (fflush(out) != 0 && !rc)
    rc = fl_error_set(FL_EIO, "%s: %s", options->output_path ? options->output_path : "stdout",
                      strerror(errno));
  if (out != stdout && fclose(out) != 0 && !rc)
    rc = fl_error_set(FL_EIO, "%s: %s", options->output_path, strerror(errno));
  return rc;
}

/* The one closing line, on stderr for every format (stdout stays the
 * findings document): "ffi-lint: 4 findings (3 high, 0 medium, 1 low; 1
 * suppressed) in 2 files, 0.67 s". */
static void print_summary(const fl_driver_result *result) {
  size_t suppressed = 0, shown = 0, by_severity[FL_SEV_HIGH + 1] = {0};
  for (size_t i = 0; i < result->findings.count; i++) {
    const fl_finding *finding = result->findings.items[i];
    if (finding->suppressed) {
      suppressed++;
      continue;
    }
    shown++;
    if (finding->severity <= FL_SEV_HIGH) by_severity[finding->severity]++;
  }
  const fl_run_summary *s = &result->summary;
  fprintf(stderr, "ffi-lint: %zu finding%s (%zu high, %zu medium, %zu low", shown, shown == 1 ? "" : "s",
          by_severity[FL_SEV_HIGH], by_severity[FL_SEV_MEDIUM], by_severity[FL_SEV_LOW]);
  if (suppressed) fprintf(stderr, "; %zu suppressed", suppressed);
  fprintf(stderr, ")");
  fprintf(stderr, " in %zu file%s", s->units_total, s->units_total == 1 ? "" : "s");
  if (s->units_failed) fprintf(stderr, ", %zu failed to parse", s->units_failed);
  if (s->units_partial) fprintf(stderr, ", %zu parsed with errors", s->units_partial);
  if (s->cache_hits)
    fprintf(stderr, ", %zu of %zu TUs/packages from the cache", s->cache_hits,
            s->cache_hits + s->cache_misses);
  fprintf(stderr, ", %.2f s\n", s->seconds);
}

/* 1 when an unsuppressed finding reaches `fail_on`. */
static int findings_status(const fl_findings *findings, fl_severity fail_on) {
  if (fail_on == FL_SEV_NONE) return EXIT_CLEAN;
  for (size_t i = 0; i < findings->count; i++)
    if (!findings->items[i]->suppressed && findings->items[i]->severity >= fail_on)
      return EXIT_FINDINGS;
  return EXIT_CLEAN;
}

static int run(const fl_cli_options *options, const fl_rule_meta_set *meta, int argc, char **argv) {
  fl_config *config = NULL;
  fl_api *api = NULL;
  fl_driver_result result;
  char *cache_dir = NULL;
  char *arguments = command_line(argc, argv);
  double started_at = unix_time();
  int status = EXIT_USAGE;
  memset(&result, 0, sizeof result);
  if (options->ninputs == 0 && !options->compile_db_dir) {
    fl_error_set(FL_EUSAGE, "no inputs: name files or directories, or -p BUILD-DIR "
                            "(see ffi-lint --help)");
    status = fail();
    goto done;
  }
  if (load_config(&config, options->config_path) || load_models(&api, config)) {
    status = fail();
    goto done;
  }
  if (!options->no_cache)
    cache_dir = options->cache_dir ? strdup(options->cache_dir) : fl_unit_cache_default_dir();
  fl_driver_opts driver = {
      .inputs = options->inputs,
      .ninputs = options->ninputs,
      .compile_db_dir = options->compile_db_dir,
      .extra_args = options->extra_args,
      .nextra_args = options->nextra_args,
      .jobs = options->jobs,
      .rules_spec = options->rules_spec,
      .config = config,
      .api = api,
      .progress = !options->quiet,
      .dump_model_path = options->dump_model_path,
      .import_context = !options->no_import_context,
      .all_diagnostics = options->all_diagnostics,
      .cache_dir = cache_dir,
  };
  if (fl_driver_run(&driver, &result) != 0) {
    status = fail();
    goto done;
  }
  for (size_t i = 0; i < result.ndiagnostics; i++) fprintf(stderr, "%s\n", result.diagnostics[i]);
  if (write_report(options, &result, meta, arguments) != 0 ||
      (options->db_path && store_run(options->db_path, &result, config, arguments, started_at))) {
    status = fail();
    goto done;
  }
  if (!options->quiet) print_summary(&result);
  fl_severity fail_on = options->has_fail_on ? options->fail_on
                        : config->has_fail_on ? config->fail_on
                                              : FL_SEV_LOW;
  status = findings_status(&result.findings, fail_on);
  if (result.summary.units_failed == result.summary.units_total) {
    if (result.summary.units_total == 1)
      fl_error_set(FL_EPARSE, "the translation unit could not be parsed");
    else
      fl_error_set(FL_EPARSE, "none of the %zu translation units could be parsed",
                   result.summary.units_total);
    status = fail();
  }
done:
  fl_driver_result_clear(&result);
  free(cache_dir);
  fl_api_free(api);
  fl_config_free(config);
  free(arguments);
  return status;
}

int main(int argc, char **argv) {
  fl_batch_memory_init();
  fl_libclang_process_init();
  fl_cli_options options;
  fl_rule_meta_set *meta = NULL;
  int status;
  if (fl_cli_options_parse(&options, argc, argv) != 0) {
    fprintf(stderr, "ffi-lint: error: %s\nTry 'ffi-lint --help'.\n", fl_error_last());
    fl_cli_options_clear(&options);
    return EXIT_USAGE;
  }
  if (options.help) {
    fl_cli_usage(stdout);
    status = EXIT_CLEAN;
  } else if (options.version) {
    printf("ffi-lint %s\n", FL_VERSION);
    status = EXIT_CLEAN;
  } else if (fl_rule_meta_load_builtin(&meta) != 0) {
    status = fail();
  } else if (options.list_rules) {
    fl_cli_list_rules(stdout, meta);
    status = EXIT_CLEAN;
  } else if (options.explain_rule) {
    status = fl_cli_explain_rule(stdout, meta, options.explain_rule) ? fail() : EXIT_CLEAN;
  } else {
    status = run(&options, meta, argc, argv);
  }
  fl_rule_meta_set_free(meta);
  fl_cli_options_clear(&options);
  return status;
}
