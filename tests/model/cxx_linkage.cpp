// C++ linkage, names, callbacks, exceptions, allocation.
#include <stdexcept>
#include <string>
#include <vector>

extern "C" {
typedef void (*event_cb)(int code, void *user);
int lib_register(event_cb cb, void *user);
int api_open(const char *path);
}

extern "C" int api_close(int fd) noexcept;

namespace net {
class Conn {
 public:
  Conn() : fd_(0) {}
  ~Conn() { delete[] buf_; }
  int send(const std::string &data);
  static int count() noexcept { return 0; }
  void reset() throw() { fd_ = -1; }

 private:
  int fd_;
  char *buf_ = nullptr;
};

int Conn::send(const std::string &data) {
  if (fd_ < 0) throw std::runtime_error("closed");
  std::vector<int> v(4);
  return v.at(data.size());
}
}  // namespace net

static void on_event(int code, void *user) {
  if (code < 0) throw std::runtime_error("bad event");
  (void)user;
}

int api_open(const char *path) {
  try {
    net::Conn *conn = new net::Conn();
    int sent = conn->send(path);
    delete conn;
    return sent;
  } catch (const std::runtime_error &e) {
    return -1;
  } catch (...) {
    throw;
  }
}

int api_close(int fd) noexcept {
  lib_register(on_event, nullptr);
  lib_register([](int code, void *) { (void)code; }, nullptr);
  auto local = [fd](int x) { return x + fd; };
  int total = 0;
  int values[3] = {1, 2, 3};
  for (int v : values) total += local(v);
  return total;
}
