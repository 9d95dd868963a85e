/* A free path known only from the handle description (.ffi-lint.yml names
 * engine.ffi-models.yml): engine_retire is that API's free. */
#include "engine.h"

int conn_send(conn *c, const void *data, size_t len) {
  if (atomic_load(&c->dead)) return -1;
  return engine_push(c->eng, data, len); // expect: handle-check-then-use
}

void conn_shutdown(conn *c) {
  atomic_store(&c->dead, true);
  engine_retire(c->eng);
}
