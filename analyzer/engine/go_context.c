/* Import context for Go packages: see go_context.h. */
#include "go_context.h"

#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../config/path_util.h"
#include "../core/arena.h"
#include "../core/strmap.h"
#include "../core/vec.h"
#include "../output/paths.h"

/* --- Reading import declarations -------------------------------------- */

/* Import declarations sit right after the package clause: a first read
 * of this much holds them (a long licence comment included); a file whose
 * imports run past it is read again, four times as much each time. */
#define IMPORT_SCAN_FIRST (16 * 1024)
#define IMPORT_SCAN_MAX (4 * 1024 * 1024)

typedef struct scanner {
  const char *at, *end;
} scanner;

static void skip_blanks(scanner *s) {
  while (s->at < s->end) {
    if (isspace((unsigned char)*s->at) || *s->at == ';') {
      s->at++;
    } else if (s->end - s->at >= 2 && s->at[0] == '/' && s->at[1] == '/') {
      while (s->at < s->end && *s->at != '\n') s->at++;
    } else if (s->end - s->at >= 2 && s->at[0] == '/' && s->at[1] == '*') {
      const char *close = NULL;
      for (const char *p = s->at + 2; p + 1 < s->end && !close; p++)
        if (p[0] == '*' && p[1] == '/') close = p;
      s->at = close ? close + 2 : s->end;
    } else {
      return;
    }
  }
}

/* An identifier (or the `.`/`_` of a dot or blank import) into `word`. */
static bool read_word(scanner *s, char *word, size_t size) {
  skip_blanks(s);
  size_t n = 0;
  if (s->at < s->end && (*s->at == '.' || *s->at == '_') &&
      (s->at + 1 == s->end || !(isalnum((unsigned char)s->at[1]) || s->at[1] == '_'))) {
    word[n++] = *s->at++;
  } else {
    while (s->at < s->end && (isalnum((unsigned char)*s->at) || *s->at == '_' || (unsigned char)*s->at >= 0x80)) {
      if (n + 1 < size) word[n++] = *s->at;
      s->at++;
    }
  }
  word[n] = '\0';
  return n > 0;
}

/* A "..." or `...` import path, pushed onto `paths`. */
static bool read_path(scanner *s, fl_ptrvec *paths) {
  skip_blanks(s);
  if (s->at >= s->end || (*s->at != '"' && *s->at != '`')) return false;
  char quote = *s->at++;
  const char *start = s->at;
  while (s->at < s->end && *s->at != quote && *s->at != '\n') s->at++;
  if (s->at >= s->end || *s->at != quote) return false;
  size_t len = (size_t)(s->at - start);
  s->at++;
  char *path = malloc(len + 1);
  if (!path) abort();
  memcpy(path, start, len);
  path[len] = '\0';
  fl_ptrvec_push(paths, path);
  return true;
}

/* One import spec: [name] "path". */
static bool read_spec(scanner *s, fl_ptrvec *paths) {
  skip_blanks(s);
  if (s->at < s->end && *s->at != '"' && *s->at != '`') {
    char alias[256];
    if (!read_word(s, alias, sizeof alias)) return false;
  }
  return read_path(s, paths);
}

/* Reads the import paths out of `text`; false when the text ended inside
 * them (a longer read may find more). */
static bool scan_imports(const char *text, size_t length, fl_ptrvec *paths) {
  scanner s = {text, text + length};
  char word[256];
  if (!read_word(&s, word, sizeof word) || strcmp(word, "package") != 0 || !read_word(&s, word, sizeof word))
    return s.at < s.end;
  for (;;) {
    const char *before = s.at;
    if (!read_word(&s, word, sizeof word) || strcmp(word, "import") != 0) {
      s.at = before;
      skip_blanks(&s);
      return s.at < s.end;
    }
    skip_blanks(&s);
    if (s.at < s.end && *s.at == '(') {
      s.at++;
      for (;;) {
        skip_blanks(&s);
        if (s.at >= s.end) return false;
        if (*s.at == ')') break;
        if (!read_spec(&s, paths)) return s.at < s.end;
      }
      s.at++;
    } else if (!read_spec(&s, paths)) {
      return s.at < s.end;
    }
  }
}

bool fl_go_file_imports(const char *path, fl_ptrvec *paths) {
  FILE *file = fopen(path, "rb");
  if (!file) return false;
  for (size_t size = IMPORT_SCAN_FIRST;; size *= 4) {
    char *text = malloc(size);
    if (!text) abort();
    rewind(file);
    size_t length = fread(text, 1, size, file);
    size_t found = paths->count;
    bool complete = scan_imports(text, length, paths) || length < size || size >= IMPORT_SCAN_MAX;
    free(text);
    if (complete) break;
    while (paths->count > found) free(fl_ptrvec_pop(paths)); /* read again, longer */
  }
  fclose(file);
  return true;
}

/* --- Resolving import paths to directories ---------------------------- */

/* The module a directory belongs to: its nearest go.mod. */
typedef struct go_module {
  char *root;        /* absolute directory holding go.mod, or NULL: none */
  char *module_path; /* the `module` line */
} go_module;

typedef struct context_state {
  fl_job_list *jobs;
  fl_arena *arena;       /* map keys */
  fl_strmap *known_dirs; /* absolute package directory -> (void *)1: a job already */
  fl_strmap *modules;    /* absolute directory -> go_module* */
  size_t added;
} context_state;

static char *read_module_path(const char *go_mod) {
  FILE *file = fopen(go_mod, "r");
  if (!file) return NULL;
  char line[1024];
  char *found = NULL;
  while (!found && fgets(line, sizeof line, file)) {
    char *p = line;
    while (isspace((unsigned char)*p)) p++;
    if (strncmp(p, "module", 6) != 0 || !isspace((unsigned char)p[6])) continue;
    p += 6;
    while (isspace((unsigned char)*p)) p++;
    if (*p == '"' || *p == '`') p++;
    size_t len = strcspn(p, "\"` \t\r\n");
    if (len) {
      found = malloc(len + 1);
      if (!found) abort();
      memcpy(found, p, len);
      found[len] = '\0';
    }
  }
  fclose(file);
  return found;
}

static const go_module *module_of(context_state *state, const char *dir) {
  go_module *module = fl_strmap_get(state->modules, dir);
  if (module) return module;
  module = FL_ARENA_NEW(state->arena, go_module);
  char *go_mod = fl_path_join(dir, "go.mod");
  char *module_path = read_module_path(go_mod);
  free(go_mod);
  if (module_path) {
    module->root = fl_arena_strdup(state->arena, dir);
    module->module_path = fl_arena_strdup(state->arena, module_path);
    free(module_path);
  } else if (strcmp(dir, "/") != 0) {
    char *parent = fl_path_dirname(dir);
    *module = *module_of(state, parent);
    free(parent);
  }
  fl_strmap_put(state->modules, fl_arena_strdup(state->arena, dir), module);
  return module;
}

static bool is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The directory `import_path` names as seen from package directory `dir`,
 * or NULL (heap). */
static char *resolve_import(context_state *state, const char *dir, const char *import_path) {
  if (!strchr(import_path, '.') && !strchr(import_path, '/')) return NULL; /* "fmt", "C" */
  /* What the go tool never builds as a package of its own. */
  if (strstr(import_path, "/testdata/") || strstr(import_path, "/vendor/")) return NULL;
  const go_module *module = module_of(state, dir);
  char *candidate = NULL;
  if (module->root) {
    size_t len = strlen(module->module_path);
    if (strncmp(import_path, module->module_path, len) == 0 && (import_path[len] == '/' || !import_path[len])) {
      candidate = import_path[len] ? fl_path_join(module->root, import_path + len + 1) : strdup(module->root);
    }
  }
  if (!candidate) {
    /* GOPATH layout: .../src/<import path>. */
    const char *src = strstr(dir, "/src/");
    for (const char *next = src; next; next = strstr(next + 1, "/src/")) src = next;
    if (!src) return NULL;
    char *src_dir = strndup(dir, (size_t)(src - dir) + 4);
    candidate = fl_path_join(src_dir, import_path);
    free(src_dir);
  }
  if (!is_dir(candidate)) {
    free(candidate);
    return NULL;
  }
  return candidate;
}

static int name_compare(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The package's .go files (no _test.go), sorted; NULL when there are none. */
static char **go_files_of(const char *dir, size_t *count) {
  DIR *handle = opendir(dir);
  *count = 0;
  if (!handle) return NULL;
  fl_ptrvec names = FL_PTRVEC_INIT;
  struct dirent *entry;
  while ((entry = readdir(handle)))
    if (fl_go_package_file(entry->d_name)) fl_ptrvec_push(&names, strdup(entry->d_name));
  closedir(handle);
  if (names.count == 0) {
    fl_ptrvec_free(&names);
    return NULL;
  }
  qsort(names.items, names.count, sizeof *names.items, name_compare);
  *count = names.count;
  return (char **)names.items; /* the vector's array becomes the result */
}

static void add_context_job(context_state *state, const char *absolute_dir) {
  size_t nfiles;
  char **files = go_files_of(absolute_dir, &nfiles);
  if (!files) return;
  fl_source_job *job = fl_job_list_push(state->jobs);
  job->frontend = FL_FRONTEND_GO;
  char cwd[PATH_MAX];
  job->path = getcwd(cwd, sizeof cwd) ? fl_path_relative_to(absolute_dir, cwd) : strdup(absolute_dir);
  job->files = files;
  job->nfiles = nfiles;
  job->context_only = true;
  state->added++;
}

void fl_go_context_add(fl_job_list *jobs) {
  context_state state = {jobs, fl_arena_new(), fl_strmap_new(), fl_strmap_new(), 0};
  for (size_t i = 0; i < jobs->count; i++) {
    if (jobs->jobs[i].frontend != FL_FRONTEND_GO) continue;
    char *absolute = fl_path_absolute(jobs->jobs[i].path);
    if (absolute) fl_strmap_put(state.known_dirs, fl_arena_strdup(state.arena, absolute), (void *)1);
    free(absolute);
  }
  /* A queue over the job list itself: added context jobs are scanned too. */
  for (size_t i = 0; i < jobs->count && state.added < FL_GO_CONTEXT_MAX; i++) {
    if (jobs->jobs[i].frontend != FL_FRONTEND_GO) continue;
    char *dir = fl_path_absolute(jobs->jobs[i].path);
    if (!dir) continue;
    size_t nfiles = jobs->jobs[i].nfiles;
    for (size_t f = 0; f < nfiles && state.added < FL_GO_CONTEXT_MAX; f++) {
      fl_ptrvec imports = FL_PTRVEC_INIT;
      char *file = fl_path_join(dir, jobs->jobs[i].files[f]);
      fl_go_file_imports(file, &imports);
      free(file);
      for (size_t k = 0; k < imports.count; k++) {
        char *target = state.added < FL_GO_CONTEXT_MAX ? resolve_import(&state, dir, imports.items[k]) : NULL;
        if (target && !fl_strmap_get(state.known_dirs, target)) {
          fl_strmap_put(state.known_dirs, fl_arena_strdup(state.arena, target), (void *)1);
          add_context_job(&state, target); /* may move jobs->jobs: nothing above holds a pointer into it */
        }
        free(target);
        free(imports.items[k]);
      }
      fl_ptrvec_free(&imports);
    }
    free(dir);
  }
  fl_strmap_free(state.known_dirs);
  fl_strmap_free(state.modules);
  fl_arena_free(state.arena);
}
