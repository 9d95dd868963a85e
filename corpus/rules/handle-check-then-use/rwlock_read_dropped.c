/* A read lock taken for the check, released before the use; destroy takes
 * the write lock. */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

struct index;
long index_lookup(struct index *ix, const char *key);
void index_destroy(struct index *ix);

typedef struct table {
  pthread_rwlock_t rw;
  bool dead;
  struct index *ix;
} table;

long table_get(table *t, const char *key) {
  pthread_rwlock_rdlock(&t->rw);
  bool dead = t->dead;
  pthread_rwlock_unlock(&t->rw);
  if (dead) return -1;
  return index_lookup(t->ix, key); // expect: handle-check-then-use
}

void table_destroy(table *t) {
  pthread_rwlock_wrlock(&t->rw);
  t->dead = true;
  index_destroy(t->ix);
  t->ix = NULL;
  pthread_rwlock_unlock(&t->rw);
}
