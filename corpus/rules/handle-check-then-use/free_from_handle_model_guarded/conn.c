/* Twin of free_from_handle_model: the guard named in conn's description is
 * open across the use, and the free path drains it first: silent. */
#include "engine.h"

int conn_send(conn *c, const void *data, size_t len) {
  if (!claims_enter(c->claims)) return -1;
  if (atomic_load(&c->dead)) {
    claims_leave(c->claims);
    return -1;
  }
  int sent = engine_push(c->eng, data, len); // no-finding
  claims_leave(c->claims);
  return sent;
}

void conn_shutdown(conn *c) {
  atomic_store(&c->dead, true);
  claims_drain(c->claims);
  engine_retire(c->eng);
}
