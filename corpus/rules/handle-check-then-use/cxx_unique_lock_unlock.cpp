// A C++ class whose op takes a unique_lock for the check and unlocks it
// before the call into the native object.
#include <mutex>

struct native_conn;
extern "C" int native_send(native_conn *c, const char *msg);
extern "C" void native_close(native_conn *c);

class Connection {
 public:
  int send(const char *msg) {
    std::unique_lock<std::mutex> lock(mu_);
    if (closed_) return -1;
    lock.unlock();
    return native_send(conn_, msg); // expect: handle-check-then-use
  }
  void close() {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    native_close(conn_);
    conn_ = nullptr;
  }

 private:
  std::mutex mu_;
  bool closed_ = false;
  native_conn *conn_ = nullptr;
};
