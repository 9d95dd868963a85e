#include "discover.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../config/path_util.h"
#include "../output/paths.h"
#include "../core/error.h"
#include "../core/strmap.h"
#include "../core/vec.h"
#include "../frontend/go_frontend.h"
#include "compile_db.h"

typedef struct discover_state {
  fl_job_list *out;
  const fl_discover_opts *opts;
  bool walk_c;          /* false with a DB: C/C++ come from its entries */
  fl_strmap *seen_tus;  /* absolute path -> (void*)1: each TU once */
  fl_strmap *go_dirs;   /* directory -> job index + 1 */
  fl_strmap *cgo_dirs;  /* directory -> fl_cgo_dir* (is_cgo false: not a cgo package) */
} discover_state;

fl_source_job *fl_job_list_push(fl_job_list *list) {
  if (list->count == list->capacity) {
    list->capacity = list->capacity ? list->capacity * 2 : 16;
    list->jobs = realloc(list->jobs, list->capacity * sizeof *list->jobs);
  }
  fl_source_job *job = &list->jobs[list->count++];
  memset(job, 0, sizeof *job);
  return job;
}

static char **args_concat(const char *const *a, size_t na, const char *const *b, size_t nb,
                          size_t *count_out) {
  *count_out = na + nb;
  if (na + nb == 0) return NULL;
  char **args = malloc((na + nb) * sizeof *args);
  for (size_t i = 0; i < na; i++) args[i] = strdup(a[i]);
  for (size_t i = 0; i < nb; i++) args[na + i] = strdup(b[i]);
  return args;
}

/* Adds a clang job unless that TU was already added. The seen-set key is
 * the absolute path, owned by the map's key list in `state`. */
static void add_tu(discover_state *state, const char *path, const char *working_dir,
                   const char *const *argv, size_t argc) {
  char *absolute = fl_path_join(working_dir, path);
  if (fl_strmap_get(state->seen_tus, absolute)) {
    free(absolute);
    return;
  }
  fl_strmap_put(state->seen_tus, absolute, absolute); /* value keeps the key alive */
  fl_source_job *job = fl_job_list_push(state->out);
  job->frontend = FL_FRONTEND_CLANG;
  job->path = strdup(path);
  job->working_dir = working_dir ? strdup(working_dir) : NULL;
  job->argv = args_concat(argv, argc, state->opts->extra_args, state->opts->nextra_args,
                          &job->argc);
}

static char *path_join(const char *dir, const char *name);

static bool is_cxx_source(const char *path) {
  const char *dot = strrchr(path, '.');
  return dot && (strcmp(dot, ".cc") == 0 || strcmp(dot, ".cpp") == 0 || strcmp(dot, ".cxx") == 0);
}

/* A C or C++ file no compile database describes, found in the directory of
 * a cgo package: go build compiles it with the package's #cgo flags and its
 * generated _cgo_export.h (go_frontend.h), so the job gets the same. Found
 * by a walk (not `named`) in a Go package's directory, a file go build
 * leaves out on this platform (`sasl_windows.c`, x/sys's `+build gccgo`
 * gccgo_c.c) is left out too: its headers and dialect are another build's. */
static void add_tu_in_cgo_dir(discover_state *state, const char *path, bool named) {
  char *dir = fl_path_dirname(path);
  fl_cgo_dir *cgo = fl_strmap_get(state->cgo_dirs, dir);
  if (!cgo) {
    cgo = calloc(1, sizeof *cgo);
    if (!cgo) abort(); /* same policy as the arena */
    fl_go_cgo_dir_load(cgo, dir);
    fl_strmap_put(state->cgo_dirs, strdup(dir), cgo);
  }
  if (!named && cgo->is_go_package && !fl_go_cgo_builds_file(path)) {
    free(dir);
    return;
  }
  if (!cgo->is_cgo) {
    free(dir);
    add_tu(state, path, NULL, NULL, 0);
    return;
  }
  /* The stand-in _cgo_export.h is a virtual file in the package directory,
   * found through -iquote: its path must be spelled exactly as clang builds
   * it, which an absolute directory makes certain. */
  bool cxx = is_cxx_source(path);
  char *const *flags = cxx ? cgo->cxx_args : cgo->c_args;
  size_t nflags = cxx ? cgo->cxx_nargs : cgo->c_nargs;
  char *absolute_dir = fl_path_join(NULL, dir);
  const char **argv = malloc((nflags + 2) * sizeof *argv);
  if (!argv) abort();
  for (size_t i = 0; i < nflags; i++) argv[i] = flags[i];
  argv[nflags] = "-iquote";
  argv[nflags + 1] = absolute_dir;
  size_t before = state->out->count;
  add_tu(state, path, NULL, argv, nflags + 2);
  if (state->out->count > before) {
    fl_source_job *job = &state->out->jobs[state->out->count - 1];
    job->virtual_path = path_join(absolute_dir, "_cgo_export.h");
    job->virtual_text = strdup(cgo->export_header);
  }
  free(argv);
  free(absolute_dir);
  free(dir);
}

static bool has_suffix(const char *name, const char *suffix) {
  size_t n = strlen(name), m = strlen(suffix);
  return n >= m && strcmp(name + n - m, suffix) == 0;
}

/* Go files are grouped per directory: one job per package. `_test.go`
 * files are left out (cgo is not allowed in them, and external test
 * packages would mix two packages in one job). */
static void add_go_file(discover_state *state, const char *path) {
  if (has_suffix(path, "_test.go")) return;
  char *dir = fl_path_dirname(path);
  size_t slot = (size_t)(uintptr_t)fl_strmap_get(state->go_dirs, dir);
  fl_source_job *job;
  if (slot) {
    job = &state->out->jobs[slot - 1];
    free(dir);
  } else {
    job = fl_job_list_push(state->out);
    job->frontend = FL_FRONTEND_GO;
    job->path = dir;
    fl_strmap_put(state->go_dirs, job->path, (void *)(uintptr_t)state->out->count);
  }
  job->files = realloc(job->files, (job->nfiles + 1) * sizeof *job->files);
  const char *slash = strrchr(path, '/');
  job->files[job->nfiles++] = strdup(slash ? slash + 1 : path); /* relative to job->path */
}

static int name_compare(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *path_join(const char *dir, const char *name) {
  if (strcmp(dir, ".") == 0) return strdup(name);
  size_t len = strlen(dir);
  char *joined = malloc(len + strlen(name) + 2);
  sprintf(joined, "%s%s%s", dir, len && dir[len - 1] == '/' ? "" : "/", name);
  return joined;
}

/* What the go tool leaves out of `./...`: directories named testdata (test
 * inputs, often broken on purpose) and names starting with `_` (`_example`,
 * `_obsolete`). Hidden names are skipped for every language already. */
static bool go_tool_ignores(const char *name) {
  return name[0] == '_' || strcmp(name, "testdata") == 0;
}

bool fl_go_package_file(const char *name) {
  return name[0] != '.' && !go_tool_ignores(name) && has_suffix(name, ".go") && !has_suffix(name, "_test.go");
}

/* Recursive walk in name order. Unreadable subdirectories are skipped (a
 * permission problem deep in a tree should not stop the run); symlinked
 * directories are not followed, which rules out cycles. Below a directory
 * the go tool ignores (`go_ignored`), C and C++ files are still found, Go
 * files are not. */
static int walk_dir(discover_state *state, const char *dir, bool go_ignored) {
  DIR *handle = opendir(dir);
  if (!handle) return fl_error_set(FL_EIO, "%s: %s", dir, strerror(errno));
  fl_ptrvec names = FL_PTRVEC_INIT;
  struct dirent *entry;
  while ((entry = readdir(handle)) != NULL)
    if (entry->d_name[0] != '.') fl_ptrvec_push(&names, strdup(entry->d_name));
  closedir(handle);
  if (names.count) qsort(names.items, names.count, sizeof *names.items, name_compare);
  int rc = 0;
  for (size_t i = 0; i < names.count; i++) {
    char *path = path_join(dir, names.items[i]);
    struct stat st;
    fl_frontend_kind kind;
    if (rc || lstat(path, &st) != 0 || fl_config_excluded(state->opts->config, path)) {
      /* skip */
    } else if (S_ISDIR(st.st_mode)) {
      DIR *probe = opendir(path);
      if (probe) {
        closedir(probe);
        rc = walk_dir(state, path, go_ignored || go_tool_ignores(names.items[i]));
      }
    } else if ((S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) &&
               fl_frontend_for_source(path, &kind)) {
      if (kind == FL_FRONTEND_GO) {
        if (!go_ignored && fl_go_package_file(names.items[i])) add_go_file(state, path);
      } else if (state->walk_c) {
        add_tu_in_cgo_dir(state, path, false);
      }
    }
    free(path);
    free(names.items[i]);
  }
  fl_ptrvec_free(&names);
  return rc;
}

/* A named input without a DB (or one the DB lacks): a file of known kind
 * or a directory to walk. */
static int add_input(discover_state *state, const char *input, const struct stat *st,
                     bool in_db) {
  if (S_ISDIR(st->st_mode)) return walk_dir(state, input, false); /* named: analysed */
  fl_frontend_kind kind;
  if (!fl_frontend_for_named_file(input, &kind))
    return fl_error_set(FL_EUSAGE, "%s: not a C, C++ or Go source file", input);
  if (kind == FL_FRONTEND_GO) add_go_file(state, input);
  else if (!in_db) add_tu_in_cgo_dir(state, input, true);
  return 0;
}

/* True when absolute `path` is `filter` or lies below it. */
static bool path_under(const char *path, const char *filter) {
  size_t len = strlen(filter);
  if (strcmp(filter, "/") == 0) return true;
  return strncmp(path, filter, len) == 0 && (path[len] == '\0' || path[len] == '/');
}

static int discover_with_db(discover_state *state, char **filters) {
  const fl_discover_opts *opts = state->opts;
  fl_compile_db *db;
  int rc = fl_compile_db_load(&db, opts->compile_db_dir);
  if (rc) return rc;
  bool *matched = calloc(opts->ninputs ? opts->ninputs : 1, sizeof *matched);
  for (size_t i = 0; i < db->count; i++) {
    const fl_compile_command *command = &db->commands[i];
    fl_frontend_kind kind;
    bool wanted = opts->ninputs == 0;
    for (size_t f = 0; f < opts->ninputs; f++)
      if (path_under(command->file, filters[f])) wanted = matched[f] = true;
    /* Assembly and other non-C entries are part of real build DBs. */
    if (!wanted || !fl_frontend_for_named_file(command->file, &kind) ||
        kind != FL_FRONTEND_CLANG || fl_config_excluded(opts->config, command->file))
      continue;
    add_tu(state, command->file, command->directory, (const char *const *)command->argv,
           command->argc);
  }
  for (size_t f = 0; f < opts->ninputs && !rc; f++) {
    struct stat st;
    if (stat(opts->inputs[f], &st) == 0) rc = add_input(state, opts->inputs[f], &st, matched[f]);
  }
  free(matched);
  fl_compile_db_free(db);
  return rc;
}

int fl_discover(fl_job_list *out, const fl_discover_opts *opts) {
  discover_state state = {out, opts, opts->compile_db_dir == NULL, fl_strmap_new(),
                          fl_strmap_new(), fl_strmap_new()};
  char **filters = calloc(opts->ninputs ? opts->ninputs : 1, sizeof *filters);
  int rc = 0;
  /* Check every input first, so a typo fails before any parsing starts. */
  for (size_t i = 0; i < opts->ninputs && !rc; i++) {
    struct stat st;
    if (stat(opts->inputs[i], &st) != 0)
      rc = fl_error_set(errno == ENOENT ? FL_ENOTFOUND : FL_EIO, "%s: %s", opts->inputs[i],
                        strerror(errno));
    filters[i] = fl_path_join(NULL, opts->inputs[i]);
  }
  if (!rc && opts->compile_db_dir) {
    rc = discover_with_db(&state, filters);
  } else {
    for (size_t i = 0; i < opts->ninputs && !rc; i++) {
      struct stat st;
      if (stat(opts->inputs[i], &st) == 0) rc = add_input(&state, opts->inputs[i], &st, false);
    }
  }
  for (size_t i = 0; i < opts->ninputs; i++) free(filters[i]);
  free(filters);
  size_t cursor = 0;
  const char *key;
  void *value;
  while (fl_strmap_next(state.seen_tus, &cursor, &key, &value)) free(value);
  fl_strmap_free(state.seen_tus);
  fl_strmap_free(state.go_dirs);
  fl_ptrvec cgo_keys = FL_PTRVEC_INIT;
  cursor = 0;
  while (fl_strmap_next(state.cgo_dirs, &cursor, &key, &value)) {
    fl_cgo_dir_clear(value);
    free(value);
    fl_ptrvec_push(&cgo_keys, (void *)key);
  }
  fl_strmap_free(state.cgo_dirs); /* before its keys */
  for (size_t i = 0; i < cgo_keys.count; i++) free(cgo_keys.items[i]);
  fl_ptrvec_free(&cgo_keys);
  if (rc) fl_job_list_clear(out);
  return rc;
}

static void free_strings(char **items, size_t count) {
  for (size_t i = 0; i < count; i++) free(items[i]);
  free(items);
}

void fl_job_list_clear(fl_job_list *list) {
  for (size_t i = 0; i < list->count; i++) {
    fl_source_job *job = &list->jobs[i];
    free(job->path);
    free_strings(job->files, job->nfiles);
    free(job->working_dir);
    free_strings(job->argv, job->argc);
    free(job->virtual_path);
    free(job->virtual_text);
  }
  free(list->jobs);
  memset(list, 0, sizeof *list);
}
