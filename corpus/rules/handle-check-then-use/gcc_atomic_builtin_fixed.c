/* Fixed twin of gcc_atomic_builtin.c: the op and close serialise on a mutex
 * held across the use. */
#include <pthread.h>
#include <stdlib.h>

struct db;
int db_query(struct db *d, const char *sql);
void db_close(struct db *d);

typedef struct conn {
  int closing;
  pthread_mutex_t mu;
  struct db *handle;
} conn;

int conn_query(conn *c, const char *sql) {
  pthread_mutex_lock(&c->mu);
  if (__atomic_load_n(&c->closing, __ATOMIC_ACQUIRE)) {
    pthread_mutex_unlock(&c->mu);
    return -1;
  }
  int rc = db_query(c->handle, sql); // no-finding
  pthread_mutex_unlock(&c->mu);
  return rc;
}

void conn_close(conn *c) {
  pthread_mutex_lock(&c->mu);
  __atomic_store_n(&c->closing, 1, __ATOMIC_RELEASE);
  db_close(c->handle);
  c->handle = NULL;
  pthread_mutex_unlock(&c->mu);
}
