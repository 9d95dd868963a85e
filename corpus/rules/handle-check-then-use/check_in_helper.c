/* The state check lives in a helper; the use follows in the op. */
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>

struct session;
int session_write(struct session *s, const char *msg);
void session_close(struct session *s);

typedef struct client {
  _Atomic int state; /* 1 open, 0 closed */
  struct session *sess;
} client;

static bool client_is_open(client *c) { return atomic_load(&c->state) == 1; }

int client_write(client *c, const char *msg) {
  if (!client_is_open(c)) return -1;
  return session_write(c->sess, msg); // expect: handle-check-then-use
}

void client_close(client *c) {
  atomic_store(&c->state, 0);
  session_close(c->sess);
  c->sess = NULL;
}
