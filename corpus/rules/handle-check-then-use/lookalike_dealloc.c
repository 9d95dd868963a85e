/* Look-alike (CPython extension types): the deallocator frees the native
 * handle and clears the flag ops test, but it runs only when the last
 * reference goes, and every method call holds one on its object: no op can
 * run concurrently with it. Silent. (A close() method freeing the same
 * handle would race: see volatile_flag.c and its fixed twin.) */
#include <stdlib.h>

typedef struct engine engine;
int engine_step(engine *e);
void engine_free(engine *e);

typedef struct runner_object {
  long ob_refcnt;
  int running;
  engine *eng;
} runner_object;

int runner_step(runner_object *self) {
  if (!self->running) return -1;
  return engine_step(self->eng); // no-finding
}

void runner_dealloc(runner_object *self) {
  if (self->running) {
    engine_free(self->eng);
    self->running = 0;
  }
  free(self);
}
