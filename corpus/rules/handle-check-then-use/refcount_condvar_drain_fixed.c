/* Fixed twin of refcount_condvar_no_drain.c: ops count themselves in under
 * the lock (a plain counter), and the free waits on a condition variable
 * until the count drains before it destroys the engine. Silent. */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

struct engine;
int engine_send(struct engine *e, const void *buf, size_t len);
void engine_destroy(struct engine *e);

typedef struct chan {
  pthread_mutex_t mu;
  pthread_cond_t drained;
  bool closing;
  int active;
  struct engine *inner;
} chan;

int chan_send(chan *c, const void *buf, size_t len) {
  pthread_mutex_lock(&c->mu);
  if (c->closing) {
    pthread_mutex_unlock(&c->mu);
    return -1;
  }
  c->active++;
  pthread_mutex_unlock(&c->mu);
  int rc = engine_send(c->inner, buf, len); // no-finding
  pthread_mutex_lock(&c->mu);
  if (--c->active == 0) pthread_cond_broadcast(&c->drained);
  pthread_mutex_unlock(&c->mu);
  return rc;
}

void chan_free(chan *c) {
  pthread_mutex_lock(&c->mu);
  c->closing = true;
  while (c->active > 0) pthread_cond_wait(&c->drained, &c->mu);
  pthread_mutex_unlock(&c->mu);
  engine_destroy(c->inner);
  free(c);
}
