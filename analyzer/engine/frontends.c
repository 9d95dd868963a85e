#include "frontends.h"

#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../frontend/go_frontend.h"

static void *clang_worker_new(void) { return fl_clang_index_new(); }
static void clang_worker_free(void *worker) { fl_clang_index_free(worker); }

static int clang_parse_job(fl_unit ***units, size_t *nunits, void *worker,
                           const fl_source_job *job, const fl_frontend_opts *opts, fl_deps *deps) {
  fl_unit *unit = NULL;
  fl_virtual_file virtual_file = {job->virtual_path, job->virtual_text};
  int rc = fl_clang_parse_deps(&unit, worker, job->path, (const char *const *)job->argv,
                               (int)job->argc, job->working_dir, opts, deps,
                               job->virtual_path ? &virtual_file : NULL);
  if (unit) {
    *units = malloc(sizeof **units);
    if (!*units) {
      fl_unit_free(unit);
      return fl_error_set(FL_ENOMEM, "%s: out of memory", job->path);
    }
    (*units)[0] = unit;
    *nunits = 1;
  }
  return rc;
}

/* One job per Go package directory; the frontend keeps no per-thread state
 * (tree-sitter parsers are created per package). */
static int go_parse_job(fl_unit ***units, size_t *nunits, void *worker, const fl_source_job *job,
                        const fl_frontend_opts *opts, fl_deps *deps) {
  (void)worker;
  return fl_go_parse_package_deps(units, nunits, job->path, (const char *const *)job->files,
                                  job->nfiles, opts, deps);
}

static const fl_frontend_desc frontend_table[FL_FRONTEND_COUNT] = {
    [FL_FRONTEND_CLANG] = {"clang", clang_worker_new, clang_worker_free, clang_parse_job},
    [FL_FRONTEND_GO] = {"go", NULL, NULL, go_parse_job},
};

const fl_frontend_desc *fl_frontend_get(fl_frontend_kind kind) {
  return kind < FL_FRONTEND_COUNT ? &frontend_table[kind] : NULL;
}

static bool has_extension(const char *path, const char *const *extensions) {
  const char *dot = strrchr(path, '.');
  const char *slash = strrchr(path, '/');
  if (!dot || (slash && dot < slash)) return false;
  for (; *extensions; extensions++)
    if (strcmp(dot + 1, *extensions) == 0) return true;
  return false;
}

static const char *const tu_extensions[] = {"c", "cc", "cpp", "cxx", NULL};
static const char *const header_extensions[] = {"h", "hh", "hpp", "hxx", NULL};
static const char *const go_extensions[] = {"go", NULL};

bool fl_frontend_for_source(const char *path, fl_frontend_kind *out) {
  if (has_extension(path, tu_extensions)) return *out = FL_FRONTEND_CLANG, true;
  if (has_extension(path, go_extensions)) return *out = FL_FRONTEND_GO, true;
  return false;
}

bool fl_frontend_for_named_file(const char *path, fl_frontend_kind *out) {
  if (fl_frontend_for_source(path, out)) return true;
  if (has_extension(path, header_extensions)) return *out = FL_FRONTEND_CLANG, true;
  return false;
}
