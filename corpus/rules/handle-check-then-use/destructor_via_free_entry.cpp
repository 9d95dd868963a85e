// A handle API whose free entry point deletes the object (the destructor
// closes the native handle), while an op checks an atomic flag and then
// uses the native handle: C may call db_free while db_interrupt runs on
// another thread (the seed's Go handles racing their _free). The flag is
// read, then the handle used, with nothing stopping the delete.
#include <atomic>

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
    if (closed_.load()) return -1;
    return native_interrupt(handle_); // expect: handle-check-then-use
  }
  std::atomic<bool> closed_{false};

 private:
  native_db *handle_ = nullptr;
};

extern "C" int db_interrupt(Database *db) { return db->interrupt(); }

extern "C" void db_free(Database *db) {
  db->closed_.store(true);
  delete db;
}
