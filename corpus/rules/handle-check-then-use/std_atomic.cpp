// std::atomic<bool> checked, then the inner object used; close() deletes it.
#include <atomic>

namespace rpc {

class Channel {
 public:
  int call(int method);
};

class Client {
 public:
  int invoke(int method) {
    if (closed_.load()) return -1;
    return channel_->call(method); // expect: handle-check-then-use
  }
  void close() {
    closed_.store(true);
    delete channel_;
    channel_ = nullptr;
  }

 private:
  std::atomic<bool> closed_{false};
  Channel *channel_ = nullptr;
};

}  // namespace rpc
