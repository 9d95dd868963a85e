// Fixed twin of std_atomic.cpp: a mutex held across the call, taken by close().
#include <atomic>
#include <mutex>

namespace rpc {

class Channel {
 public:
  int call(int method);
};

class Client {
 public:
  int invoke(int method) {
    std::lock_guard<std::mutex> hold(mu_);
    if (closed_.load()) return -1;
    return channel_->call(method); // no-finding
  }
  void close() {
    std::lock_guard<std::mutex> hold(mu_);
    closed_.store(true);
    delete channel_;
    channel_ = nullptr;
  }

 private:
  std::mutex mu_;
  std::atomic<bool> closed_{false};
  Channel *channel_ = nullptr;
};

}  // namespace rpc
