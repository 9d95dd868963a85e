// C++ lock families: std::mutex members, lock_guard, unique_lock with an
// early unlock, defer/try tags, scoped_lock over two mutexes, shared locks.
#include <mutex>
#include <shared_mutex>

struct Handle {
  std::mutex mu;
  std::mutex other;
  std::shared_mutex rw;
  bool closed = false;
  int *inner = nullptr;
};

void use(int *inner);

int guarded(Handle *h) {
  std::lock_guard<std::mutex> guard(h->mu);
  if (h->closed) return -1;
  use(h->inner);
  return 0;
}

int early_unlock(Handle *h) {
  std::unique_lock<std::mutex> lock(h->mu);
  int *inner = h->inner;
  lock.unlock();
  use(inner);
  lock.lock();
  return 0;
}

void members(Handle *h) {
  h->mu.lock();
  h->closed = true;
  h->mu.unlock();
  if (h->mu.try_lock()) h->mu.unlock();
}

void tags_and_scopes(Handle &h) {
  {
    std::unique_lock<std::mutex> deferred(h.mu, std::defer_lock);
    deferred.lock();
  }
  std::unique_lock<std::mutex> attempt(h.other, std::try_to_lock);
  std::scoped_lock both(h.mu, h.other);
}

int readers(Handle &h) {
  std::shared_lock<std::shared_mutex> read(h.rw);
  h.rw.lock_shared();
  h.rw.unlock_shared();
  return h.inner ? *h.inner : 0;
}
