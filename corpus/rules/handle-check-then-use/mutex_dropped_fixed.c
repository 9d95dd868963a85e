/* Fixed twin of mutex_dropped.c: the lock is held across the call. */
#include <pthread.h>
#include <stdlib.h>

struct blob_store;
int blob_put(struct blob_store *b, const char *key, const void *v, size_t n);
void blob_store_free(struct blob_store *b);

typedef struct adapter {
  pthread_mutex_t mu;
  int closed;
  struct blob_store *store;
} adapter;

int adapter_put(adapter *a, const char *key, const void *v, size_t n) {
  pthread_mutex_lock(&a->mu);
  if (a->closed) {
    pthread_mutex_unlock(&a->mu);
    return -1;
  }
  int rc = blob_put(a->store, key, v, n); // no-finding
  pthread_mutex_unlock(&a->mu);
  return rc;
}

void adapter_free(adapter *a) {
  pthread_mutex_lock(&a->mu);
  a->closed = 1;
  blob_store_free(a->store);
  a->store = NULL;
  pthread_mutex_unlock(&a->mu);
}
