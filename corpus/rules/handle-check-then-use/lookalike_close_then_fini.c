/* Look-alikes from a real event library (nng): all silent.
 * - `x_close` only stops the stream (pending ops fail); the memory goes in
 *   `conn_fini` by `stream_free`, after ops are done by contract. A locked
 *   op racing the close is fine.
 * - An init that frees on its error path frees what nobody else has seen.
 * - A length read under the lock is data, not a state check.
 * - A static helper that tests a plain flag runs under its callers' lock.
 * - An op that takes the message out of the handle (copy, then clear the
 *   field, under the lock) owns it afterwards. */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

struct stream;
struct msg;
int stream_send(struct stream *s, const void *buf, size_t len);
void stream_close(struct stream *s);
void stream_free(struct stream *s);
struct stream *stream_open(const char *url);
size_t msg_len(struct msg *m);
void msg_free(struct msg *m);

typedef struct conn {
  pthread_mutex_t mu;
  bool closed;
  size_t queued;
  struct stream *stream;
  struct msg *pending;
} conn;

int conn_send(conn *c, const void *buf, size_t len) {
  pthread_mutex_lock(&c->mu);
  if (c->closed) {
    pthread_mutex_unlock(&c->mu);
    return -1;
  }
  int rc = stream_send(c->stream, buf, len); // no-finding
  pthread_mutex_unlock(&c->mu);
  return rc;
}

static int conn_send_locked(conn *c, const void *buf, size_t len) {
  if (c->closed) return -1;
  return stream_send(c->stream, buf, len); // no-finding
}

int conn_send_many(conn *c, const void *buf, size_t len, int n) {
  int rc = 0;
  pthread_mutex_lock(&c->mu);
  for (int i = 0; i < n && rc == 0; i++) rc = conn_send_locked(c, buf, len);
  pthread_mutex_unlock(&c->mu);
  return rc;
}

size_t conn_take_len(conn *c) {
  pthread_mutex_lock(&c->mu);
  if (c->queued == 0) {
    pthread_mutex_unlock(&c->mu);
    return 0;
  }
  struct msg *m = c->pending;
  c->pending = NULL;
  pthread_mutex_unlock(&c->mu);
  size_t n = msg_len(m); // no-finding
  msg_free(m);
  return n;
}

int conn_init(conn *c, const char *url) {
  c->stream = stream_open(url);
  if (pthread_mutex_init(&c->mu, NULL) != 0) {
    stream_free(c->stream);
    return -1;
  }
  return 0;
}

void conn_close(conn *c) {
  pthread_mutex_lock(&c->mu);
  c->closed = true;
  stream_close(c->stream);
  pthread_mutex_unlock(&c->mu);
}

void conn_fini(conn *c) {
  stream_free(c->stream);
  msg_free(c->pending);
  c->queued = 0;
}
