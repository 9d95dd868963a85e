/* One input per forked child (race_child.h). The parent is single-threaded
 * when it forks (no plan is running in it), so the child starts clean. */
#include "race_child.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "race_plan.h"
#include "race_run.h"

fl_race_trace *fl_race_child_trace_new(void) {
  void *map = mmap(NULL, sizeof(fl_race_trace), PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  return map == MAP_FAILED ? NULL : map;
}

void fl_race_child_trace_free(fl_race_trace *trace) {
  if (trace)
    munmap(trace, sizeof(fl_race_trace));
}

static void __attribute__((noreturn))
child_main(const fl_race_adapter *adapter, const uint8_t *data, size_t size,
           const fl_race_child_opts *opts, fl_race_trace *trace, int err_fd) {
  dup2(err_fd, STDERR_FILENO);
  close(err_fd);
  if (opts->timeout_s)
    alarm(opts->timeout_s);
  fl_race_plan plan;
  fl_race_plan_decode(&plan, data, size, adapter);
  fl_race_run_opts run = {.scheduled = true, .budget = opts->budget, .trace = trace};
  if (fl_race_run(adapter, &plan, &run) != 0)
    fprintf(stderr, "==race== note: adapter create() failed; input skipped\n");
  exit(0); /* exit, not _exit: LeakSanitizer runs at exit */
}

/* Reads all of `fd` into a malloc'd NUL-terminated string. */
static char *read_all(int fd) {
  size_t cap = 8192, len = 0;
  char *buf = malloc(cap);
  if (!buf)
    return NULL;
  for (;;) {
    if (len + 4096 + 1 > cap) {
      char *grown = realloc(buf, cap * 2);
      if (!grown)
        break;
      buf = grown;
      cap *= 2;
    }
    ssize_t n = read(fd, buf + len, cap - len - 1);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    len += (size_t)n;
  }
  buf[len] = '\0';
  return buf;
}

int fl_race_child_run(const fl_race_adapter *adapter, const uint8_t *data, size_t size,
                      const fl_race_child_opts *opts, fl_race_trace *trace,
                      fl_race_child_result *result) {
  int pipe_fds[2];
  memset(result, 0, sizeof *result);
  result->trace = trace;
  memset(trace, 0, offsetof(fl_race_trace, events));
  if (pipe(pipe_fds) != 0)
    return -1;
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) {
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    return -1;
  }
  if (pid == 0) {
    close(pipe_fds[0]);
    child_main(adapter, data, size, opts, trace, pipe_fds[1]);
  }
  close(pipe_fds[1]);
  result->report = read_all(pipe_fds[0]);
  close(pipe_fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
    ;
  bool clean_exit = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  const char *report = result->report ? result->report : "";
  result->crashed = fl_race_report_parse(report, opts->adapter_file, &result->crash);
  if (!result->crashed && !clean_exit) {
    result->crashed = true;
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
      snprintf(result->crash.type, sizeof result->crash.type, "timeout");
    else if (WIFSIGNALED(status))
      snprintf(result->crash.type, sizeof result->crash.type, "signal %d", WTERMSIG(status));
    else
      snprintf(result->crash.type, sizeof result->crash.type, "exit %d", WEXITSTATUS(status));
  }
  return 0;
}
