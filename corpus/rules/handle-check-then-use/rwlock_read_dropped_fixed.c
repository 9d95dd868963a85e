/* Fixed twin of rwlock_read_dropped.c: the read lock is held across the use. */
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
  long value = -1;
  pthread_rwlock_rdlock(&t->rw);
  if (!t->dead) value = index_lookup(t->ix, key); // no-finding
  pthread_rwlock_unlock(&t->rw);
  return value;
}

void table_destroy(table *t) {
  pthread_rwlock_wrlock(&t->rw);
  t->dead = true;
  index_destroy(t->ix);
  t->ix = NULL;
  pthread_rwlock_unlock(&t->rw);
}
