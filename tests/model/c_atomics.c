/* Atomics of C: <stdatomic.h> (clang's __c11 builtins underneath), _Atomic
 * objects read and written directly, GCC __atomic_* and __sync_*. */
#include <stdatomic.h>
#include <stdbool.h>

struct handle {
  atomic_int refs;
  _Atomic bool closed;
  int plain;
  void *inner;
};

int check(struct handle *h) {
  if (atomic_load(&h->closed))
    return -1;
  atomic_fetch_add(&h->refs, 1);
  atomic_store_explicit(&h->closed, true, memory_order_release);
  int expected = 1;
  atomic_compare_exchange_strong(&h->refs, &expected, 0);
  atomic_exchange(&h->refs, 5);
  if (h->closed)
    return -2;
  h->closed = false;
  h->refs += 2;
  __atomic_store_n(&h->plain, 1, __ATOMIC_SEQ_CST);
  int seen = __atomic_load_n(&h->plain, __ATOMIC_ACQUIRE);
  __sync_fetch_and_sub(&h->plain, 1);
  __sync_bool_compare_and_swap(&h->plain, 0, 1);
  return seen;
}
