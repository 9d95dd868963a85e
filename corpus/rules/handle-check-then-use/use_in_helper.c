/* The op checks the flag, then a static helper dereferences the object the
 * free path frees: the use is in the helper, the race is the op's. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

typedef struct inner { char buf[64]; } inner;
typedef struct conn {
  atomic_bool closed;
  inner *in;
} conn;

static void do_send(conn *c, const char *p) { strncpy(c->in->buf, p, sizeof c->in->buf - 1); }

int conn_send(conn *c, const char *p) {
  if (atomic_load(&c->closed)) return -1;
  do_send(c, p); // expect: handle-check-then-use
  return 0;
}

void conn_free(conn *c) {
  atomic_store(&c->closed, 1);
  free(c->in);
  free(c);
}
