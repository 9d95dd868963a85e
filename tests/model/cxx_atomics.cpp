// std::atomic: named operations and the implicit ones (operator T,
// operator=, ++, +=).
#include <atomic>

struct Handle {
  std::atomic<bool> closed{false};
  std::atomic<int> refs{0};
  std::atomic<int *> inner{nullptr};
};

int ops(Handle *h) {
  if (h->closed.load(std::memory_order_acquire)) return -1;
  h->refs.fetch_add(1);
  int *p = h->inner.exchange(nullptr);
  int expected = 1;
  h->refs.compare_exchange_strong(expected, 2);
  h->closed.store(true);
  if (h->closed) return -2;
  h->closed = false;
  h->refs++;
  h->refs += 3;
  int now = h->refs;
  return now + (p ? *p : 0);
}
