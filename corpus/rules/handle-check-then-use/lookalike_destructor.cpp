// Look-alike (node-sqlite3's Database): the destructor closes the native
// handle and clears the flag ops test. A destructor ends the object's
// life: an op running concurrently with it is already a use of a
// destroyed object, which no check, lock or claim inside the object can
// prevent (the lock is destroyed too), so ~Database is not a concurrent
// free path. Silent. The free entry C calls (db_free below) is one, and
// stays reported: see destructor_via_free_entry.cpp.
#include <atomic>

struct native_db;
extern "C" int native_interrupt(native_db *db);
extern "C" void native_close(native_db *db);

class Database {
 public:
  ~Database() {
    native_close(handle_);
    handle_ = nullptr;
    open_ = false;
  }
  int interrupt() {
    if (!open_) return -1;
    return native_interrupt(handle_); // no-finding
  }

 private:
  std::atomic<bool> open_{true};
  native_db *handle_ = nullptr;
};
