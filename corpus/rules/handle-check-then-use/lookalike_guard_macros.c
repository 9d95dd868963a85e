/* Look-alike: a quiesce guard written with macros around the atomics, and a
 * free that drains. Must stay silent. */
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>

struct pipe_impl;
int pipe_impl_read(struct pipe_impl *p, void *buf, size_t n);
void pipe_impl_free(struct pipe_impl *p);

typedef struct pipe_handle {
  atomic_bool freeing;
  atomic_uint in_flight;
  struct pipe_impl *impl;
} pipe_handle;

#define HANDLE_ENTER(h) (atomic_fetch_add(&(h)->in_flight, 1), !atomic_load(&(h)->freeing))
#define HANDLE_LEAVE(h) atomic_fetch_sub(&(h)->in_flight, 1)

int pipe_read(pipe_handle *h, void *buf, size_t n) {
  if (!HANDLE_ENTER(h)) {
    HANDLE_LEAVE(h);
    return -1;
  }
  int rc = pipe_impl_read(h->impl, buf, n); // no-finding
  HANDLE_LEAVE(h);
  return rc;
}

void pipe_free(pipe_handle *h) {
  atomic_store(&h->freeing, true);
  while (atomic_load(&h->in_flight) > 0) sched_yield();
  pipe_impl_free(h->impl);
  h->impl = NULL;
}
