/* A C handle API with its own attempt at thread safety: ops check `closed`
 * and then use `inner`, while stream_free() frees `inner`. The check does not
 * stop a concurrent stream_free() between the check and the use. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

struct engine {
  char name[32];
};

int engine_recv(struct engine *e, char *out, size_t cap);

typedef struct stream {
  atomic_bool closed;
  pthread_mutex_t mu;
  struct engine *inner;
} stream;

/* BUG: check-then-use. The flag can flip, and inner be freed, right after the load. */
int stream_recv(stream *s, char *out, size_t cap) {
  if (atomic_load(&s->closed)) return -1;
  return engine_recv(s->inner, out, cap);
}

/* Fixed: the lock that stream_free also takes is held across the use. */
int stream_recv_locked(stream *s, char *out, size_t cap) {
  pthread_mutex_lock(&s->mu);
  int rc = -1;
  if (!atomic_load(&s->closed)) rc = engine_recv(s->inner, out, cap);
  pthread_mutex_unlock(&s->mu);
  return rc;
}

void stream_free(stream *s) {
  pthread_mutex_lock(&s->mu);
  atomic_store(&s->closed, 1);
  free(s->inner);
  s->inner = NULL;
  pthread_mutex_unlock(&s->mu);
}
