/* Fixed twin of atomic_pointer_exchange.c: send takes the object out with
 * an exchange (one owner at a time) and puts it back; close finds NULL
 * while it is out. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

typedef struct inner { char buf[64]; } inner;
typedef struct conn { _Atomic(inner *) in; } conn;

int conn_send(conn *c, const char *p) {
  inner *i = atomic_exchange(&c->in, NULL);
  if (!i) return -1;
  strncpy(i->buf, p, sizeof i->buf - 1); // no-finding
  atomic_store(&c->in, i);
  return 0;
}

void conn_close(conn *c) {
  inner *i = atomic_exchange(&c->in, NULL);
  free(i);
}
