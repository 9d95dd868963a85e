/* Fixed twin of check_in_helper.c: lock and unlock helpers hold the lock that
 * close also takes across the use. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>

struct session;
int session_write(struct session *s, const char *msg);
void session_close(struct session *s);

typedef struct client {
  _Atomic int state;
  pthread_mutex_t mu;
  struct session *sess;
} client;

static bool client_is_open(client *c) { return atomic_load(&c->state) == 1; }
static void client_lock(client *c) { pthread_mutex_lock(&c->mu); }
static void client_unlock(client *c) { pthread_mutex_unlock(&c->mu); }

int client_write(client *c, const char *msg) {
  int rc = -1;
  client_lock(c);
  if (client_is_open(c)) rc = session_write(c->sess, msg); // no-finding
  client_unlock(c);
  return rc;
}

void client_close(client *c) {
  client_lock(c);
  atomic_store(&c->state, 0);
  session_close(c->sess);
  c->sess = NULL;
  client_unlock(c);
}
