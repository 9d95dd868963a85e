#ifndef ENGINE_H
#define ENGINE_H
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct engine engine;
engine *engine_new(void);
int engine_push(engine *e, const void *data, size_t len);
int engine_depth(engine *e);
void engine_retire(engine *e); /* releases e: described in engine.ffi-models.yml */

typedef struct conn {
  atomic_bool dead;
  engine *eng;
} conn;
#endif
