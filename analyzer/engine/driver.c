/* fl_driver_run: discover -> parse (parallel) -> link -> rules (parallel)
 * -> sort, suppressions, fingerprints. See driver.h. */
#include "driver.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../config/config.h"
#include "../config/path_util.h"
#include "../core/error.h"
#include "../core/strmap.h"
#include "../core/vec.h"
#include "../model/dump.h"
#include "../output/fingerprint.h"
#include "../output/paths.h"
#include "../output/suppress.h"
#include "discover.h"
#include "frontends.h"
#include "go_context.h"
#include "program.h"
#include "rules_run.h"
#include "unit_cache.h"
#include "workers.h"

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* What parsing job i produced; written only by the worker that ran job i. */
typedef struct parse_slot {
  fl_unit **units;
  size_t nunits;
  int rc;
  char *error;   /* fl_error_last() of a failed parse, heap */
  bool skipped;  /* no frontend for this language in this build */
} parse_slot;

typedef struct parse_pass {
  const fl_job_list *jobs;
  parse_slot *slots;
  fl_frontend_opts frontend_opts;
  fl_unit_cache *cache; /* parse results from and to the cache, or NULL */
} parse_pass;

/* Per worker thread: one state per frontend (a CXIndex is not thread-safe,
 * so every thread owns its own). Created by the coordinating thread. */
typedef struct parse_thread {
  void *frontend_state[FL_FRONTEND_COUNT];
} parse_thread;

static void *parse_thread_init(void *shared) {
  parse_thread *thread = calloc(1, sizeof *thread);
  for (int kind = 0; kind < FL_FRONTEND_COUNT; kind++) {
    const fl_frontend_desc *frontend = fl_frontend_get(kind);
    if (frontend->parse && frontend->worker_new)
      thread->frontend_state[kind] = frontend->worker_new();
  }
  return thread;
}

static void parse_thread_fini(void *thread_state, void *shared) {
  parse_thread *thread = thread_state;
  for (int kind = 0; kind < FL_FRONTEND_COUNT; kind++)
    if (thread->frontend_state[kind]) fl_frontend_get(kind)->worker_free(thread->frontend_state[kind]);
  free(thread);
}

static void parse_run(void *thread_state, size_t index, void *shared) {
  parse_thread *thread = thread_state;
  parse_pass *pass = shared;
  const fl_source_job *job = &pass->jobs->jobs[index];
  parse_slot *slot = &pass->slots[index];
  const fl_frontend_desc *frontend = fl_frontend_get(job->frontend);
  if (!frontend->parse) {
    slot->skipped = true;
    return;
  }
  void *state = thread->frontend_state[job->frontend];
  if (!state && frontend->worker_new) {
    slot->rc = FL_ERROR;
    slot->error = strdup("could not create a parser instance");
    return;
  }
  fl_frontend_opts frontend_opts = pass->frontend_opts;
  frontend_opts.facts_only = job->context_only;
  if (pass->cache)
    slot->rc = fl_unit_cache_parse(pass->cache, &slot->units, &slot->nunits, state, job, &frontend_opts);
  else
    slot->rc = frontend->parse(&slot->units, &slot->nunits, state, job, &frontend_opts, NULL);
  if (slot->rc) slot->error = strdup(fl_error_last());
}

static const char *parse_item_name(size_t index, void *shared) {
  parse_pass *pass = shared;
  return pass->jobs->jobs[index].path;
}

static const char *diag_level_name(fl_diag_level level) {
  return level == FL_DIAG_ERROR ? "error" : level == FL_DIAG_WARNING ? "warning" : "note";
}

/* Errors and warnings shown per unit that does not parse, unless
 * --all-diagnostics: a missing header or macro makes clang report every
 * use of what it would have declared, and the first error says what to fix. */
#define DIAGS_SHOWN_PER_UNIT 5

/* The errors of a header that several units include (a header that needs
 * a flag the run lacks fails in every TU that includes it): shown for the
 * first unit that reports them, then the units counted. */
typedef struct header_diags {
  char *path;                    /* normalised (`src/memory/../sass.hpp` is `src/sass.hpp`) */
  const fl_unit *first_unit;     /* the unit whose lines show them */
  size_t line_index;             /* its first line shown, SIZE_MAX if none */
  size_t more_units;             /* later units that reported them too */
  const fl_unit *last_counted;
} header_diags;

/* Appends " (and in N more files)" to each header's first line shown. */
static void note_repeats(fl_ptrvec *diagnostics, fl_ptrvec *headers) {
  for (size_t i = 0; i < headers->count; i++) {
    header_diags *header = headers->items[i];
    if (header->more_units && header->line_index != SIZE_MAX) {
      fl_strbuf line = FL_STRBUF_INIT;
      fl_strbuf_printf(&line, "%s (and in %zu more file%s including it)",
                       (char *)diagnostics->items[header->line_index], header->more_units,
                       header->more_units == 1 ? "" : "s");
      free(diagnostics->items[header->line_index]);
      diagnostics->items[header->line_index] = fl_strbuf_take(&line);
    }
    free(header->path);
    free(header);
  }
  fl_ptrvec_free(headers);
}

/* Adds `unit`'s errors and warnings as compiler-style lines: those of a
 * header an earlier unit already reported on are counted, not repeated; of
 * the rest, the first DIAGS_SHOWN_PER_UNIT and a count of the others.
 * clang's "too many errors emitted" says no more than that count does. */
static void add_unit_diags(fl_ptrvec *diagnostics, const fl_unit *unit, fl_strmap *by_header,
                           fl_ptrvec *headers, bool all_diagnostics) {
  size_t shown = 0, hidden = 0;
  for (size_t d = 0; d < unit->ndiags; d++) {
    const fl_diag *diag = unit->diags[d];
    if (diag->level == FL_DIAG_NOTE || strcmp(diag->message, "too many errors emitted, stopping now") == 0)
      continue;
    const char *file = diag->loc.file ? diag->loc.file : unit->path;
    header_diags *header = NULL;
    if (strcmp(file, unit->path) != 0) {
      char *path = fl_path_normalize(file);
      header = fl_strmap_get(by_header, path);
      if (!header) {
        header = calloc(1, sizeof *header);
        if (!header) abort();
        header->path = path;
        header->first_unit = unit;
        header->line_index = SIZE_MAX;
        fl_ptrvec_push(headers, header);
        fl_strmap_put(by_header, header->path, header);
      } else {
        free(path);
      }
      file = header->path;
      if (header->first_unit != unit) {
        if (header->last_counted != unit) header->more_units++, header->last_counted = unit;
        continue;
      }
    }
    if (!all_diagnostics && shown == DIAGS_SHOWN_PER_UNIT) {
      hidden++;
      continue;
    }
    shown++;
    if (header && header->line_index == SIZE_MAX) header->line_index = diagnostics->count;
    fl_strbuf line = FL_STRBUF_INIT;
    fl_strbuf_printf(&line, "%s:%u:%u: %s: %s", file, diag->loc.line, diag->loc.col,
                     diag_level_name(diag->level), diag->message);
    fl_ptrvec_push(diagnostics, fl_strbuf_take(&line));
  }
  if (hidden) {
    fl_strbuf line = FL_STRBUF_INIT;
    fl_strbuf_printf(&line, "%s: note: %zu more error%s and warning%s in this file not shown (--all-diagnostics)",
                     unit->path, hidden, hidden == 1 ? "" : "s", hidden == 1 ? "" : "s");
    fl_ptrvec_push(diagnostics, fl_strbuf_take(&line));
  }
}

/* Moves the units of every slot into `program` in job order and records
 * counts and compiler-style diagnostics. Returns how many jobs were skipped. */
static size_t collect_units(fl_program *program, parse_slot *slots, const fl_job_list *jobs,
                            fl_run_summary *summary, fl_ptrvec *diagnostics, fl_strmap *context_files,
                            bool all_diagnostics) {
  size_t skipped = 0;
  fl_strmap *by_header = fl_strmap_new(); /* header path -> header_diags* */
  fl_ptrvec headers = FL_PTRVEC_INIT;     /* the header_diags*, owned */
  for (size_t i = 0; i < jobs->count; i++) {
    parse_slot *slot = &slots[i];
    if (slot->skipped) {
      skipped++;
      continue;
    }
    if (jobs->jobs[i].context_only) {
      /* Only its facts count: no diagnostics, no counts, no findings. */
      for (size_t u = 0; u < slot->nunits; u++) {
        fl_strmap_put(context_files, slot->units[u]->path, (void *)1);
        fl_program_add_unit(program, slot->units[u]);
      }
      free(slot->units);
      free(slot->error);
      continue;
    }
    if (slot->rc && slot->nunits == 0) summary->units_total++, summary->units_failed++;
    if (slot->error) {
      fl_strbuf line = FL_STRBUF_INIT;
      const char *path = jobs->jobs[i].path;
      const char *message = slot->error;
      /* Messages usually start with the path already: do not repeat it. */
      size_t path_len = strlen(path);
      if (strncmp(message, path, path_len) == 0 && strncmp(message + path_len, ": ", 2) == 0)
        message += path_len + 2;
      fl_strbuf_printf(&line, "%s: error: %s", path, message);
      fl_ptrvec_push(diagnostics, fl_strbuf_take(&line));
    }
    for (size_t u = 0; u < slot->nunits; u++) {
      fl_unit *unit = slot->units[u];
      summary->units_total++;
      if (unit->status == FL_UNIT_FAILED) summary->units_failed++;
      if (unit->status == FL_UNIT_PARTIAL) summary->units_partial++;
      add_unit_diags(diagnostics, unit, by_header, &headers, all_diagnostics);
      fl_program_add_unit(program, unit);
    }
    free(slot->units);
    free(slot->error);
  }
  fl_strmap_free(by_header);
  note_repeats(diagnostics, &headers);
  return skipped;
}

/* Rewrites a finding path to the form every output expects: relative to
 * the cwd when inside it, else absolute; normalised either way. Text output
 * and SARIF (source root = cwd) then agree, and fingerprints hash the same
 * path whichever way the file was named (argument or compile DB). */
static void location_rebase(fl_location *location, const char *cwd) {
  if (!location->file) return;
  char *absolute = fl_path_join(cwd, location->file);
  char *relative = fl_path_relative_to(absolute, cwd);
  free(location->file);
  location->file = relative;
  free(absolute);
}

/* Drops the findings located in import-context units (keys: unit paths,
 * owned by the units in the program). */
static void drop_context_findings(fl_findings *findings, const fl_strmap *context_files) {
  size_t kept = 0;
  for (size_t i = 0; i < findings->count; i++) {
    fl_finding *finding = findings->items[i];
    if (finding->primary.file && fl_strmap_get(context_files, finding->primary.file))
      fl_finding_free(finding);
    else
      findings->items[kept++] = finding;
  }
  findings->count = kept;
}

static void findings_finish(fl_findings *findings, fl_ptrvec *diagnostics) {
  char cwd[PATH_MAX];
  if (getcwd(cwd, sizeof cwd)) {
    for (size_t i = 0; i < findings->count; i++) {
      fl_finding *finding = findings->items[i];
      location_rebase(&finding->primary, cwd);
      for (size_t s = 0; s < finding->nflow; s++) location_rebase(&finding->flow[s], cwd);
    }
  }
  /* Sorted before fingerprints: the ordinal counts in (line, column) order. */
  fl_findings_sort_unique(findings);
  fl_source_cache *sources = fl_source_cache_new();
  fl_suppress_apply(findings, sources, diagnostics);
  fl_fingerprint_compute(findings, sources);
  fl_source_cache_free(sources);
}

/* --dump-model: every unit in program (input) order. */
static int write_model_dump(const char *path, const fl_program *program) {
  FILE *out = fopen(path, "w");
  if (!out) return fl_error_set(FL_EIO, "%s: %s", path, strerror(errno));
  for (size_t i = 0; i < fl_program_unit_count(program); i++)
    fl_model_dump(out, fl_program_unit(program, i));
  bool failed = ferror(out) != 0;
  if (fclose(out) != 0) failed = true;
  return failed ? fl_error_set(FL_EIO, "%s: write error", path) : 0;
}

static char **strings_from_vec(fl_ptrvec *vec, size_t *count_out) {
  *count_out = vec->count;
  char **items = (char **)vec->items; /* the vector's array becomes the result's */
  vec->items = NULL;
  vec->count = vec->capacity = 0;
  return items;
}

int fl_driver_run(const fl_driver_opts *opts, fl_driver_result *result) {
  double started = now_seconds();
  fl_job_list jobs = {0};
  fl_rule_selection selection = {0};
  fl_ptrvec diagnostics = FL_PTRVEC_INIT;
  parse_slot *slots = NULL;
  fl_program *program = NULL;
  fl_unit_cache *cache = NULL;
  fl_strmap *context_files = NULL; /* unit paths of import-context jobs */
  fl_progress progress;
  memset(result, 0, sizeof *result);
  fl_progress_init(&progress, stderr, opts->progress);
  int jobs_wanted = opts->jobs > 0 ? opts->jobs : fl_workers_default_jobs();

  /* Usage errors first: a typo in --rules should not cost a full parse. */
  int rc = fl_rules_select(&selection, opts->rules_spec, opts->config);
  if (rc) goto done;
  fl_discover_opts discover = {opts->inputs, opts->ninputs, opts->compile_db_dir,
                               opts->extra_args, opts->nextra_args, opts->config};
  rc = fl_discover(&jobs, &discover);
  if (rc) goto done;
  if (opts->import_context) fl_go_context_add(&jobs);

  parse_pass pass = {&jobs, calloc(jobs.count ? jobs.count : 1, sizeof *slots),
                     {opts->api, NULL, true, false}, NULL};
  slots = pass.slots;
  if (opts->cache_dir && fl_unit_cache_open(&cache, opts->cache_dir, opts->api) != 0) {
    /* A cache is an optimisation: say why there is none, and go on. */
    fl_strbuf line = FL_STRBUF_INIT;
    fl_strbuf_printf(&line, "ffi-lint: warning: %s; running without the cache", fl_error_last());
    fl_ptrvec_push(&diagnostics, fl_strbuf_take(&line));
    fl_error_clear();
  }
  pass.cache = cache;
  fl_worker_ops parse_ops = {parse_thread_init, parse_thread_fini, parse_run, parse_item_name,
                             "parsing", 1};
  fl_workers_run(jobs.count, jobs_wanted, &parse_ops, &pass, &progress);

  if (cache) {
    fl_unit_cache_stats stats;
    fl_unit_cache_stats_get(cache, &stats);
    result->summary.cache_hits = stats.hits;
    result->summary.cache_misses = stats.misses;
    if (stats.corrupt)
      fl_ptrvec_push(&diagnostics, strdup("ffi-lint: warning: corrupt cache entries were "
                                          "rebuilt (a disk problem, or the cache was edited)"));
    if (stats.write_errors)
      fl_ptrvec_push(&diagnostics, strdup("ffi-lint: warning: the cache could not store some "
                                          "results (disk full or not writable?)"));
  }
  program = fl_program_new(opts->api);
  context_files = fl_strmap_new();
  size_t skipped = collect_units(program, slots, &jobs, &result->summary, &diagnostics, context_files,
                                 opts->all_diagnostics);
  free(slots);
  slots = NULL;
  if (result->summary.units_total == 0) {
    bool go_found = false; /* Go packages whose every file no build compiles give no unit */
    for (size_t i = 0; i < jobs.count; i++) go_found |= jobs.jobs[i].frontend == FL_FRONTEND_GO;
    rc = fl_error_set(FL_ENOTFOUND,
                      skipped    ? "only Go sources found, and this build has no Go frontend"
                      : go_found ? "no source to lint: every Go file found is excluded from all "
                                   "builds by its build constraint (//go:build ignore)"
                                 : "no C, C++ or Go sources found in the inputs");
    goto done;
  }
  if (opts->dump_model_path) {
    rc = write_model_dump(opts->dump_model_path, program);
    if (rc) goto done;
  }
  fl_program_link(program);
  result->summary.functions = fl_program_function_count(program);
  fl_rules_run(&result->findings, &selection, program, opts->config, jobs_wanted, &progress);
  drop_context_findings(&result->findings, context_files);
  findings_finish(&result->findings, &diagnostics);

  fl_ptrvec ids = FL_PTRVEC_INIT;
  for (size_t i = 0; i < selection.count; i++) fl_ptrvec_push(&ids, strdup(selection.rules[i]->id));
  result->rules_run = strings_from_vec(&ids, &result->nrules_run);

done:
  fl_progress_clear(&progress);
  if (slots) {
    for (size_t i = 0; i < jobs.count; i++) {
      for (size_t u = 0; u < slots[i].nunits; u++) fl_unit_free(slots[i].units[u]);
      free(slots[i].units);
      free(slots[i].error);
    }
    free(slots);
  }
  fl_strmap_free(context_files); /* before the program: its keys are unit paths */
  fl_program_free(program);
  fl_unit_cache_close(cache);
  fl_job_list_clear(&jobs);
  fl_rule_selection_clear(&selection);
  result->diagnostics = strings_from_vec(&diagnostics, &result->ndiagnostics);
  result->summary.seconds = now_seconds() - started;
  if (rc) fl_findings_clear(&result->findings);
  return rc;
}

void fl_driver_result_clear(fl_driver_result *result) {
  fl_findings_clear(&result->findings);
  for (size_t i = 0; i < result->ndiagnostics; i++) free(result->diagnostics[i]);
  free(result->diagnostics);
  for (size_t i = 0; i < result->nrules_run; i++) free(result->rules_run[i]);
  free(result->rules_run);
  memset(result, 0, sizeof *result);
}
