#ifndef ENGINE_H
#define ENGINE_H
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct engine engine;
engine *engine_new(void);
int engine_push(engine *e, const void *data, size_t len);
void engine_retire(engine *e);

typedef struct conn {
  atomic_bool dead;
  struct claims *claims; /* the guard: ops claim it, shutdown drains it */
  engine *eng;
} conn;
conn *conn_open(void);
int conn_send(conn *c, const void *data, size_t len);
void conn_shutdown(conn *c);
struct claims;
bool claims_enter(struct claims *g); /* guard enter: fails once draining */
void claims_leave(struct claims *g);
void claims_drain(struct claims *g); /* waits until every claim is left */
#endif
