/* go_pkg_config_cflags: runs pkg-config without a shell (posix_spawnp, the
 * names as separate arguments after `--`, so no name is read as an option),
 * with its output capped, and caches the answer per line for the process. */
#include "pkg_config.h"

#include <errno.h>
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../core/strmap.h"
#include "../../core/vec.h"

extern char **environ;

#define OUTPUT_MAX (64 * 1024)
#define NAMES_MAX 32

typedef struct answer {
  char *names; /* heap: the cache's key */
  char *flags; /* heap; NULL when failed */
  char *error; /* heap; NULL when it worked */
} answer;

/* Reachable from here until exit: LeakSanitizer does not count it. */
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static fl_strmap *cache; /* names line -> answer* */

/* cgo's rule for pkg-config arguments: package names, and no option but
 * --static (which confluent-kafka-go's generators use). */
static bool is_package_name(const char *name) {
  if (strcmp(name, "--static") == 0) return true;
  if (!name[0] || name[0] == '-') return false;
  for (const char *c = name; *c; c++)
    if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
          *c == '_' || *c == '-' || *c == '.' || *c == '+'))
      return false;
  return true;
}

static char *printf_heap(const char *format, const char *a, const char *b) {
  size_t n = strlen(format) + strlen(a) + strlen(b) + 1;
  char *text = malloc(n);
  if (text) snprintf(text, n, format, a, b);
  return text;
}

/* Runs pkg-config; fills `result`. stdout and stderr share one pipe: on
 * success the text is the flags, on failure pkg-config's complaint. */
static void run_pkg_config(const char *names, answer *result) {
  const char *program = getenv("PKG_CONFIG");
  if (!program || !program[0]) program = "pkg-config";
  char *words = strdup(names);
  char *argv[2 * NAMES_MAX + 4];
  int argc = 0;
  argv[argc++] = (char *)program;
  argv[argc++] = "--cflags";
  char *packages[NAMES_MAX];
  int npackages = 0;
  for (char *save = NULL, *word = strtok_r(words, " \t", &save); word;
       word = strtok_r(NULL, " \t", &save)) {
    if (!is_package_name(word) || npackages == NAMES_MAX) {
      result->error = printf_heap("'%s' is not a pkg-config package name%s", word,
                                  npackages == NAMES_MAX ? " (too many)" : "");
      free(words);
      return;
    }
    if (word[0] == '-') argv[argc++] = word; /* --static: before the names */
    else packages[npackages++] = word;
  }
  argv[argc++] = "--";
  for (int i = 0; i < npackages; i++) argv[argc++] = packages[i];
  argv[argc] = NULL;
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) {
    result->error = printf_heap("cannot run %s: %s", program, strerror(errno));
    free(words);
    return;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[1]);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", 0, 0);
  pid_t child;
  int spawn_rc = posix_spawnp(&child, program, &actions, NULL, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  free(words);
  if (spawn_rc != 0) {
    close(pipe_fds[0]);
    result->error = printf_heap("cannot run %s: %s", program, strerror(spawn_rc));
    return;
  }
  fl_strbuf output = FL_STRBUF_INIT;
  char chunk[4096];
  ssize_t got;
  while ((got = read(pipe_fds[0], chunk, sizeof chunk)) != 0) {
    if (got < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (output.len < OUTPUT_MAX) fl_strbuf_appendn(&output, chunk, (size_t)got); /* drain the rest */
  }
  close(pipe_fds[0]);
  int status = 0;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  char *text = fl_strbuf_take(&output);
  if (!text) text = strdup("");
  for (char *c = text; *c; c++)
    if (*c == '\n' || *c == '\r') *c = ' ';
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    result->flags = text;
    return;
  }
  size_t len = strlen(text);
  while (len && text[len - 1] == ' ') text[--len] = '\0';
  result->error = printf_heap("%s --cflags failed: %s", program, text[0] ? text : "no output");
  free(text);
}

bool go_pkg_config_cflags(const char *names, const char **flags_out, const char **error_out) {
  pthread_mutex_lock(&cache_lock);
  if (!cache) cache = fl_strmap_new();
  answer *found = fl_strmap_get(cache, names);
  if (!found) {
    /* Held while pkg-config runs: a second worker asking for the same line
     * waits for this answer instead of running it again. */
    found = calloc(1, sizeof *found);
    if (found) found->names = strdup(names);
    if (found && found->names) {
      run_pkg_config(names, found);
      if (!found->flags && !found->error) found->error = strdup("out of memory");
      fl_strmap_put(cache, found->names, found);
    } else {
      free(found);
      found = NULL;
    }
  }
  pthread_mutex_unlock(&cache_lock);
  if (!found) {
    *error_out = "out of memory";
    return false;
  }
  *flags_out = found->flags;
  *error_out = found->error;
  return found->flags != NULL;
}
