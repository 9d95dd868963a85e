/* Standalone replayer for a cached-file harness.
 *
 *   <target>-replay [--expect TEXT] [--describe] [--import-db DB] FILE|DIR...
 *
 * Runs every input (a directory means each file in it) in a forked child,
 * so one crashing input does not stop the rest and the parent can say what
 * each one did. Without --expect every input must run clean; with it every
 * input must produce a finding whose line contains TEXT ("hang",
 * "stack-buffer-overflow", ...; "a|b" accepts either). --describe prints each scenario in plain
 * words without running it. --import-db stores every finding in the audit
 * DB as a fuzz crash (deduplicated by crash state; replayed a second time to
 * tell whether it is reliable). Exit: 0 as expected, 1 not, 2 usage/IO error. */
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifdef FL_FILES_HAVE_DB
#include "replay_db.h"
#endif
#include "replay_verdict.h"
#include "runtime.h"

#define CHILD_OUTPUT_MAX (256 * 1024)

typedef struct replay_options {
  const char *expect; /* NULL: inputs must be clean */
  int describe;
  const char *import_db; /* store findings in this audit DB */
} replay_options;

/* Reads a whole input file into a heap buffer (caller frees). NULL with a
 * message on stderr. */
static uint8_t *read_input(const char *path, size_t *size_out) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "%s: cannot open: %s\n", path, strerror(errno));
    return NULL;
  }
  size_t cap = 4096, size = 0;
  uint8_t *data = malloc(cap);
  size_t n;
  while (data && (n = fread(data + size, 1, cap - size, f)) > 0) {
    size += n;
    if (size == cap) {
      uint8_t *bigger = cap < (64u << 20) ? realloc(data, cap * 2) : NULL;
      if (!bigger) {
        fprintf(stderr, "%s: input larger than 64 MiB\n", path);
        free(data);
        data = NULL;
        break;
      }
      data = bigger;
      cap *= 2;
    }
  }
  if (data && ferror(f)) {
    fprintf(stderr, "%s: read error: %s\n", path, strerror(errno));
    free(data);
    data = NULL;
  }
  fclose(f);
  *size_out = size;
  return data;
}

static _Noreturn void run_child(const char *path, int describe) {
  size_t size;
  uint8_t *data = read_input(path, &size);
  if (!data)
    _exit(2);
  if (describe) {
    char text[8192];
    if (fl_files_init() < 0) /* FL_FILES_KINDS changes what inputs mean */
      _exit(2);
    if (fl_files_describe_input(&fl_files_adapter_main, data, size, text, sizeof text) == 0)
      printf("%s: %s\n", path, text);
    free(data);
    exit(0);
  }
  if (fl_files_init() < 0)
    _exit(2);
  fl_files_run_input(&fl_files_adapter_main, data, size);
  free(data);
  exit(0); /* LeakSanitizer runs at exit: a leak is a finding too */
}

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Copies the child's stderr through to ours and into `out` (truncated,
 * NUL-terminated); kills the child if it outlives `limit` seconds, which
 * only happens when its own watchdog could not act. Returns 1 if killed. */
static int pump_output(int fd, pid_t child, char *out, size_t cap, double limit) {
  size_t used = 0;
  double deadline = now_seconds() + limit;
  for (;;) {
    int left_ms = (int)((deadline - now_seconds()) * 1000);
    if (left_ms <= 0) {
      kill(child, SIGKILL);
      out[used] = '\0';
      return 1;
    }
    struct pollfd p = {fd, POLLIN, 0};
    int rc = poll(&p, 1, left_ms);
    if (rc < 0 && errno == EINTR)
      continue;
    if (rc <= 0)
      continue;
    char chunk[4096];
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n <= 0)
      break;
    fwrite(chunk, 1, (size_t)n, stderr);
    size_t take = (size_t)n < cap - 1 - used ? (size_t)n : cap - 1 - used;
    memcpy(out + used, chunk, take);
    used += take;
  }
  out[used] = '\0';
  return 0;
}

/* Whether `text` contains one of the '|'-separated alternatives. */
static int matches_any(const char *text, const char *alternatives) {
  char one[256];
  for (const char *p = alternatives; *p;) {
    size_t len = strcspn(p, "|");
    snprintf(one, sizeof one, "%.*s", (int)len, p);
    if (len > 0 && strstr(text, one))
      return 1;
    p += len + (p[len] == '|');
  }
  return 0;
}

/* Runs `path` in a child and reads what it did into *verdict. Returns 0,
 * or -1 if no child could be started. */
static int run_and_judge(const char *path, int describe, fl_replay_verdict *verdict) {
  int pipe_fds[2];
  if (pipe(pipe_fds) < 0) {
    perror("pipe");
    return -1;
  }
  fflush(NULL);
  pid_t child = fork();
  if (child < 0) {
    perror("fork");
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    return -1;
  }
  if (child == 0) {
    close(pipe_fds[0]);
    dup2(pipe_fds[1], STDERR_FILENO);
    close(pipe_fds[1]);
    run_child(path, describe);
  }
  close(pipe_fds[1]);
  static char output[CHILD_OUTPUT_MAX];
  const char *limit_text = getenv("FL_FILES_TIMEOUT_MS");
  double limit = (limit_text ? atof(limit_text) / 1000.0 : 2.0) * 5 + 30;
  int killed = pump_output(pipe_fds[0], child, output, sizeof output, limit);
  close(pipe_fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  fl_replay_verdict_read(verdict, output, status, killed, limit);
  return 0;
}

/* Replays one input; returns 1 if it behaved as `options` expects. */
static int replay_one(const char *path, const replay_options *options) {
  fl_replay_verdict verdict;
  if (run_and_judge(path, options->describe, &verdict) < 0)
    return 0;
  if (options->describe)
    return verdict.clean;
  int ok = options->expect ? !verdict.clean && matches_any(verdict.line, options->expect)
                           : verdict.clean;
  printf("%s: %s: %s\n", ok ? "PASS" : "FAIL", path, verdict.line);
#ifdef FL_FILES_HAVE_DB
  if (!verdict.clean && options->import_db) {
    /* Reliable means a second replay lands on the same crash state. */
    fl_replay_verdict again;
    int reliable = run_and_judge(path, 0, &again) == 0 && !again.clean &&
                   strcmp(again.crash_state, verdict.crash_state) == 0;
    int is_new = 0;
    if (fl_replay_db_store(options->import_db, fl_files_adapter_main.name, path, &verdict,
                           reliable, &is_new) < 0)
      return 0;
    printf("  stored in %s: %s crash, type %s, state %s%s\n", options->import_db,
           is_new ? "new" : "known", verdict.crash_type, verdict.crash_state,
           reliable ? "" : " (not reliable)");
  }
#endif
  return ok;
}

static int is_regular(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int compare_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replays every regular, non-hidden file in `dir` in name order. Returns the
 * number that did not behave as expected, or -1 if the dir is unreadable. */
static int replay_dir(const char *dir, const replay_options *options, int *count) {
  DIR *d = opendir(dir);
  if (!d)
    return -1;
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *entry;
  while ((entry = readdir(d))) {
    if (entry->d_name[0] == '.')
      continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 64;
      char **grown = realloc(names, cap * sizeof *names);
      if (!grown)
        break;
      names = grown;
    }
    size_t len = strlen(dir) + strlen(entry->d_name) + 2;
    names[n] = malloc(len);
    if (!names[n])
      break;
    snprintf(names[n], len, "%s/%s", dir, entry->d_name);
    n++;
  }
  closedir(d);
  qsort(names, n, sizeof *names, compare_names);
  int failed = 0;
  for (size_t i = 0; i < n; i++) {
    if (is_regular(names[i])) {
      (*count)++;
      failed += !replay_one(names[i], options);
    }
    free(names[i]);
  }
  free(names);
  return failed;
}

static int usage(const char *argv0) {
  fprintf(stderr, "usage: %s [--expect TEXT] [--describe] [--import-db DB] FILE|DIR...\n", argv0);
  return 2;
}

int main(int argc, char **argv) {
  replay_options options = {NULL, 0, NULL};
  int first = 1;
  for (; first < argc && argv[first][0] == '-'; first++) {
    if (!strcmp(argv[first], "--expect") && first + 1 < argc)
      options.expect = argv[++first];
    else if (!strcmp(argv[first], "--import-db") && first + 1 < argc)
      options.import_db = argv[++first];
    else if (!strcmp(argv[first], "--describe"))
      options.describe = 1;
    else
      return usage(argv[0]);
  }
  if (first == argc)
    return usage(argv[0]);
#ifndef FL_FILES_HAVE_DB
  if (options.import_db) {
    fprintf(stderr, "%s: --import-db: built without the audit DB (FL_FILES_DB=OFF)\n", argv[0]);
    return 2;
  }
#endif
  /* Killed runs of earlier sessions leave directories; sweep them once here. */
  fl_scenario_dir_sweep_stale();
  int failed = 0, count = 0;
  for (int i = first; i < argc; i++) {
    struct stat st;
    if (stat(argv[i], &st) < 0) {
      fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
      return 2;
    }
    if (S_ISDIR(st.st_mode)) {
      int dir_failed = replay_dir(argv[i], &options, &count);
      if (dir_failed < 0) {
        fprintf(stderr, "%s: cannot read directory: %s\n", argv[i], strerror(errno));
        return 2;
      }
      failed += dir_failed;
    } else {
      count++;
      failed += !replay_one(argv[i], &options);
    }
  }
  if (count == 0) {
    fprintf(stderr, "%s: no inputs found\n", argv[0]);
    return 2;
  }
  if (!options.describe)
    printf("%d input(s), %d not as expected\n", count, failed);
  return failed ? 1 : 0;
}
