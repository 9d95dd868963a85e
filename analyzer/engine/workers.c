#include "workers.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include "../core/batch_memory.h"

typedef struct work_queue {
  pthread_mutex_t lock; /* guards next and the progress line */
  size_t next;
  size_t count;
  const fl_worker_ops *ops;
  void *shared;
  fl_progress *progress;
} work_queue;

/* Takes up to ops->batch items; returns how many (0 = queue empty). */
static size_t queue_take(work_queue *queue, size_t *first_out) {
  pthread_mutex_lock(&queue->lock);
  size_t first = queue->next;
  size_t take = queue->count - first < queue->ops->batch ? queue->count - first : queue->ops->batch;
  queue->next += take;
  if (take && queue->progress && queue->ops->item_name) {
    const char *name = queue->ops->item_name(first, queue->shared);
    if (name)
      fl_progress_update(queue->progress, first + 1, queue->count, queue->ops->verb, name);
  }
  pthread_mutex_unlock(&queue->lock);
  *first_out = first;
  return take;
}

typedef struct worker {
  work_queue *queue;
  void *state; /* from ops->thread_init */
  pthread_t thread;
} worker;

static void *worker_main(void *arg) {
  worker *self = arg;
  work_queue *queue = self->queue;
  size_t first, taken;
  while ((taken = queue_take(queue, &first)) > 0)
    for (size_t i = first; i < first + taken; i++) queue->ops->run(self->state, i, queue->shared);
  return NULL;
}

/* A worker on a thread of its own: its malloc arena is its own too. */
static void *worker_thread(void *arg) {
  fl_batch_memory_thread_init();
  return worker_main(arg);
}

/* Work items run clang's recursive-descent parser on the worker's own stack
 * (frontend/libclang_guard.h: libclang parses on the calling thread), so a
 * worker gets the stack limit a main thread has, at least 8 MiB; glibc's
 * default is 2 MiB when the limit is unlimited. */
#define WORKER_STACK_MIN ((size_t)8 << 20)

static size_t worker_stack_size(void) {
  struct rlimit limit;
  if (getrlimit(RLIMIT_STACK, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY &&
      limit.rlim_cur > WORKER_STACK_MIN && limit.rlim_cur <= ((rlim_t)1 << 30))
    return (size_t)limit.rlim_cur;
  return WORKER_STACK_MIN;
}

void fl_workers_run(size_t count, int jobs, const fl_worker_ops *ops, void *shared,
                    fl_progress *progress) {
  fl_worker_ops batched = *ops;
  if (batched.batch == 0) batched.batch = 1;
  work_queue queue = {.count = count, .ops = &batched, .shared = shared, .progress = progress};
  if (jobs < 1) jobs = 1;
  if ((size_t)jobs > count) jobs = count > 1 ? (int)count : 1;
  worker *workers = calloc((size_t)jobs, sizeof *workers);
  for (int i = 0; i < jobs; i++) {
    workers[i].queue = &queue;
    workers[i].state = ops->thread_init ? ops->thread_init(shared) : NULL;
  }
  pthread_mutex_init(&queue.lock, NULL);
  if (jobs == 1) {
    worker_main(&workers[0]); /* no thread for -j1: simpler to debug and profile */
  } else {
    pthread_attr_t attr;
    bool have_attr = pthread_attr_init(&attr) == 0;
    if (have_attr && pthread_attr_setstacksize(&attr, worker_stack_size()) != 0) {
      pthread_attr_destroy(&attr);
      have_attr = false;
    }
    int started = 0;
    for (; started < jobs; started++)
      if (pthread_create(&workers[started].thread, have_attr ? &attr : NULL, worker_thread,
                         &workers[started]) != 0)
        break;
    if (have_attr) pthread_attr_destroy(&attr);
    /* Threads that did start drain the whole queue; with none, run inline. */
    if (started == 0) worker_main(&workers[0]);
    for (int i = 0; i < started; i++) pthread_join(workers[i].thread, NULL);
  }
  pthread_mutex_destroy(&queue.lock);
  for (int i = 0; i < jobs; i++)
    if (ops->thread_fini) ops->thread_fini(workers[i].state, shared);
  free(workers);
}

int fl_workers_default_jobs(void) {
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  return cpus > 0 ? (int)cpus : 1;
}
