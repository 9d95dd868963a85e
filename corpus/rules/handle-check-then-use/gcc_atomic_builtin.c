/* GCC __atomic_load_n on a plain int flag. */
#include <stdlib.h>

struct db;
int db_query(struct db *d, const char *sql);
void db_close(struct db *d);

typedef struct conn {
  int closing;
  struct db *handle;
} conn;

int conn_query(conn *c, const char *sql) {
  if (__atomic_load_n(&c->closing, __ATOMIC_ACQUIRE)) return -1;
  return db_query(c->handle, sql); // expect: handle-check-then-use
}

void conn_close(conn *c) {
  __atomic_store_n(&c->closing, 1, __ATOMIC_RELEASE);
  db_close(c->handle);
  c->handle = NULL;
}
