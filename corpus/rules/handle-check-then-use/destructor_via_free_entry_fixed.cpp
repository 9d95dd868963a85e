// Fixed twin of destructor_via_free_entry.cpp: ops claim the handle (an
// in-flight count taken under the lock while it is still open) and the
// free entry marks it closing and waits for the count to drain before it
// deletes the object, whose destructor closes the native handle. Silent.
#include <condition_variable>
#include <mutex>

struct native_db;
extern "C" int native_interrupt(native_db *db);
extern "C" void native_close(native_db *db);

class Database {
 public:
  ~Database() {
    native_close(handle_);
    handle_ = nullptr;
  }
  int interrupt() {
    {
      std::lock_guard<std::mutex> hold(mu_);
      if (closing_) return -1;
      active_++;
    }
    int rc = native_interrupt(handle_); // no-finding
    std::lock_guard<std::mutex> hold(mu_);
    if (--active_ == 0) drained_.notify_all();
    return rc;
  }
  void drain() {
    std::unique_lock<std::mutex> hold(mu_);
    closing_ = true;
    while (active_ > 0) drained_.wait(hold);
  }

 private:
  std::mutex mu_;
  std::condition_variable drained_;
  bool closing_ = false;
  int active_ = 0;
  native_db *handle_ = nullptr;
};

extern "C" int db_interrupt(Database *db) { return db->interrupt(); }

extern "C" void db_free(Database *db) {
  db->drain();
  delete db;
}
