/* C11 atomic_bool checked, then inner used; stream_free frees inner. */
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>

struct engine;
int engine_send(struct engine *e, const void *buf, size_t len);
void engine_destroy(struct engine *e);

typedef struct stream {
  atomic_bool closed;
  struct engine *inner;
} stream;

int stream_send(stream *s, const void *buf, size_t len) {
  if (atomic_load(&s->closed)) return -1;
  return engine_send(s->inner, buf, len); // expect: handle-check-then-use
}

void stream_free(stream *s) {
  atomic_store(&s->closed, true);
  engine_destroy(s->inner);
  s->inner = NULL;
  free(s);
}
