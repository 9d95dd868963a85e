/* Per-run watchdog: a thread that reports a hang when the loader has not
 * returned within the run's deadline and then ends the process. It exists so
 * that a FIFO blocking open() or a read loop on /dev/zero is a finding with
 * its scenario, within a second or two, instead of the fuzzer's
 * whole-process timeout that knows nothing about scenarios. The loader runs
 * on the thread that armed the watchdog; on a hang that thread is sent
 * a real-time signal to print its stack (a loader that uses SIGRTMIN+2
 * itself loses only that stack). */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>

#include "runtime.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed;
static int started;
static int armed;
static unsigned armed_ms;
static struct timespec deadline;
/* A real-time signal: libFuzzer claims SIGUSR1/2 (graceful exit), and a
 * fork-mode job that exits through that handler stops the whole session. */
#define STACK_SIGNAL (SIGRTMIN + 2)
static pthread_t loader_thread;
static sem_t stack_printed;

void __sanitizer_print_stack_trace(void) __attribute__((weak));

/* STACK_SIGNAL on the loader's thread: print where it is stuck. Not
 * async-signal-safe, but the process aborts right after either way. */
static void print_stack_here(int sig) {
  (void)sig;
  if (__sanitizer_print_stack_trace)
    __sanitizer_print_stack_trace();
  sem_post(&stack_printed);
}

/* Shows the stuck loader's stack (the crash state of a hang): signals its
 * thread and waits briefly for the handler. */
static void dump_loader_stack(void) {
  struct timespec limit;
  clock_gettime(CLOCK_REALTIME, &limit);
  limit.tv_sec += 2;
  if (pthread_kill(loader_thread, STACK_SIGNAL) == 0)
    while (sem_timedwait(&stack_printed, &limit) < 0 && errno == EINTR)
      ;
}

static void *watch(void *unused) {
  (void)unused;
  pthread_mutex_lock(&lock);
  for (;;) {
    if (!armed) {
      pthread_cond_wait(&changed, &lock);
      continue;
    }
    int rc = pthread_cond_timedwait(&changed, &lock, &deadline);
    if (rc == ETIMEDOUT && armed && fl_report_started()) {
      armed = 0; /* the run is ending in someone else's report */
      continue;
    }
    if (rc == ETIMEDOUT && armed) {
      unsigned ms = armed_ms;
      pthread_mutex_unlock(&lock);
      fl_report_finding("hang", "loader did not return within %u ms", ms);
      dump_loader_stack();
      fl_report_die();
    }
  }
  return NULL;
}

static int start_thread(void) {
  struct sigaction action = {0};
  action.sa_handler = print_stack_here;
  action.sa_flags = SA_RESTART;
  sigemptyset(&action.sa_mask);
  sem_init(&stack_printed, 0, 0);
  sigaction(STACK_SIGNAL, &action, NULL);
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  pthread_cond_init(&changed, &attr);
  pthread_condattr_destroy(&attr);
  pthread_t thread;
  if (pthread_create(&thread, NULL, watch, NULL) != 0)
    return -1;
  pthread_detach(thread);
  return 0;
}

void fl_watchdog_arm(unsigned timeout_ms) {
  pthread_mutex_lock(&lock);
  if (!started) {
    if (start_thread() < 0) {
      pthread_mutex_unlock(&lock);
      fprintf(stderr, FL_FILES_TAG "note: no watchdog thread; hangs fall to the fuzzer timeout\n");
      return;
    }
    started = 1;
  }
  clock_gettime(CLOCK_MONOTONIC, &deadline);
  deadline.tv_sec += timeout_ms / 1000;
  deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
  if (deadline.tv_nsec >= 1000000000L) {
    deadline.tv_sec++;
    deadline.tv_nsec -= 1000000000L;
  }
  armed = 1;
  loader_thread = pthread_self();
  armed_ms = timeout_ms;
  pthread_cond_signal(&changed);
  pthread_mutex_unlock(&lock);
}

void fl_watchdog_disarm(void) {
  pthread_mutex_lock(&lock);
  armed = 0;
  if (started)
    pthread_cond_signal(&changed);
  pthread_mutex_unlock(&lock);
}
