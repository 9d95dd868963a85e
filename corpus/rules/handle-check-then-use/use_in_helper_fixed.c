/* Fixed twin of use_in_helper.c: the op holds the lock the free takes
 * across the helper call. Look-alike: a helper that takes the lock itself
 * is judged where it uses the field. */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef struct inner { char buf[64]; } inner;
typedef struct conn {
  pthread_mutex_t mu;
  bool closed;
  inner *in;
} conn;

static void do_send(conn *c, const char *p) { strncpy(c->in->buf, p, sizeof c->in->buf - 1); }

int conn_send(conn *c, const char *p) {
  pthread_mutex_lock(&c->mu);
  if (c->closed) {
    pthread_mutex_unlock(&c->mu);
    return -1;
  }
  do_send(c, p); // no-finding
  pthread_mutex_unlock(&c->mu);
  return 0;
}

static void send_locked_inside(conn *c, const char *p) {
  pthread_mutex_lock(&c->mu);
  if (!c->closed) strncpy(c->in->buf, p, sizeof c->in->buf - 1);
  pthread_mutex_unlock(&c->mu);
}

int conn_send2(conn *c, const char *p) {
  if (c->closed) return -1;
  send_locked_inside(c, p); // no-finding
  return 0;
}

void conn_free(conn *c) {
  pthread_mutex_lock(&c->mu);
  c->closed = true;
  free(c->in);
  c->in = NULL;
  pthread_mutex_unlock(&c->mu);
}
