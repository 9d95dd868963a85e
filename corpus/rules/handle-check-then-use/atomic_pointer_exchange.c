/* C11 atomic pointer: close exchanges it for NULL and frees it; send loads
 * it, checks for NULL and uses it. Between the load and the use, close can
 * free the object. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

typedef struct inner { char buf[64]; } inner;
typedef struct conn { _Atomic(inner *) in; } conn;

int conn_send(conn *c, const char *p) {
  inner *i = atomic_load(&c->in);
  if (!i) return -1;
  strncpy(i->buf, p, sizeof i->buf - 1); // expect: handle-check-then-use
  return 0;
}

void conn_close(conn *c) {
  inner *i = atomic_exchange(&c->in, NULL);
  free(i);
}
