/* The lock is taken for the check and dropped before the native call; the
 * inner pointer is copied out under the lock and used after unlocking. */
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
  pthread_mutex_unlock(&a->mu);
  return blob_put(a->store, key, v, n); // expect: handle-check-then-use
}

int adapter_put_copy(adapter *a, const char *key, const void *v, size_t n) {
  pthread_mutex_lock(&a->mu);
  struct blob_store *store = a->store;
  pthread_mutex_unlock(&a->mu);
  if (!store) return -1;
  return blob_put(store, key, v, n); // expect: handle-check-then-use
}

void adapter_free(adapter *a) {
  pthread_mutex_lock(&a->mu);
  a->closed = 1;
  blob_store_free(a->store);
  a->store = NULL;
  pthread_mutex_unlock(&a->mu);
}
