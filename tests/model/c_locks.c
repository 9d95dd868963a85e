/* Lock families of C: pthread mutex/rwlock/spin, C11 mtx. */
#include <pthread.h>
#include <threads.h>

struct handle {
  pthread_mutex_t mu;
  pthread_rwlock_t rw;
  mtx_t mtx;
  int closed;
  void *inner;
};

void use(void *inner);

int handle_op(struct handle *h) {
  pthread_mutex_lock(&h->mu);
  if (h->closed) {
    pthread_mutex_unlock(&h->mu);
    return -1;
  }
  void *inner = h->inner;
  pthread_mutex_unlock(&h->mu);
  use(inner);
  return 0;
}

int handle_try(struct handle *h) {
  if (pthread_mutex_trylock(&h->mu) != 0)
    return -1;
  use(h->inner);
  pthread_mutex_unlock(&h->mu);
  return 0;
}

void handle_read(struct handle *h) {
  pthread_rwlock_rdlock(&h->rw);
  use(h->inner);
  pthread_rwlock_unlock(&h->rw);
  pthread_rwlock_wrlock(&h->rw);
  h->inner = 0;
  pthread_rwlock_unlock(&h->rw);
}

void handle_c11(struct handle *h) {
  mtx_lock(&h->mtx);
  h->closed = 1;
  mtx_unlock(&h->mtx);
}
