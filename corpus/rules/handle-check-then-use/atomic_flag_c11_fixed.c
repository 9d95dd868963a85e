/* Fixed twin of atomic_flag_c11.c: a quiesce guard. Ops claim the handle
 * (in-flight counter up, re-check the flag), free waits for the claims to
 * drain before freeing. */
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>

struct engine;
int engine_send(struct engine *e, const void *buf, size_t len);
void engine_destroy(struct engine *e);

typedef struct stream {
  atomic_bool closed;
  atomic_int active_ops;
  struct engine *inner;
} stream;

int stream_send(stream *s, const void *buf, size_t len) {
  atomic_fetch_add(&s->active_ops, 1);
  if (atomic_load(&s->closed)) {
    atomic_fetch_sub(&s->active_ops, 1);
    return -1;
  }
  int rc = engine_send(s->inner, buf, len); // no-finding
  atomic_fetch_sub(&s->active_ops, 1);
  return rc;
}

void stream_free(stream *s) {
  atomic_store(&s->closed, true);
  while (atomic_load(&s->active_ops) != 0) sched_yield();
  engine_destroy(s->inner);
  s->inner = NULL;
  free(s);
}
