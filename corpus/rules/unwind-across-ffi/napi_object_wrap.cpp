// node-addon-api registers a class's methods with Node through its own
// wrapper (details::WrapCallback), which catches Napi::Error around each
// call (with NAPI_CPP_EXCEPTIONS; nothing without). Any other exception a
// method lets out unwinds into Node. (The declarations are napi.h's,
// reduced: InstanceMethod lives in InstanceWrap, ObjectWrap's base.)
#include <stdexcept>
#include <string>

namespace Napi {
class Value {};
class CallbackInfo {};
class Error : public std::exception {
 public:
  explicit Error(const char *message) : message_(message) {}
  const char *what() const noexcept override { return message_; }
  void ThrowAsJavaScriptException() const;

 private:
  const char *message_;
};
template <typename T>
class InstanceWrap {
 public:
  typedef Value (T::*InstanceMethodCallback)(const CallbackInfo &info);
  static int InstanceMethod(const char *name, InstanceMethodCallback method);
};
template <typename T>
class ObjectWrap : public InstanceWrap<T> {};
}  // namespace Napi

class Counter : public Napi::ObjectWrap<Counter> {
 public:
  static void Init() {
    InstanceMethod("increment", &Counter::Increment);
    InstanceMethod("check", &Counter::Check);
    InstanceMethod("name", &Counter::Name);
  }

  Napi::Value Increment(const Napi::CallbackInfo &info) {
    (void)info;
    if (count_ == 1000) throw std::overflow_error("counter full"); // expect: unwind-across-ffi severity=high
    count_++;
    return Napi::Value();
  }

  // The wrapper turns a Napi::Error into a JavaScript exception.
  Napi::Value Check(const Napi::CallbackInfo &info) {
    (void)info;
    if (count_ < 0) throw Napi::Error("negative count"); // no-finding
    return Napi::Value();
  }

  // Look-alike: its own handler turns the error into a value.
  Napi::Value Name(const Napi::CallbackInfo &info) {
    (void)info;
    try {
      if (count_ > 10) throw std::length_error("too many");
    } catch (const std::exception &) {
      return Napi::Value(); // no-finding
    }
    return Napi::Value();
  }

 private:
  int count_ = 0;
};

// A raw Node-API callback handing a caught error to JavaScript: the call
// throws only if the environment is gone (rules/models/napi.yml).
typedef void (*complete_cb)(void *data);
extern "C" int queue_complete(complete_cb cb, void *data);

static void on_complete(void *data) {
  try {
    if (!data) throw Napi::Error("no data");
  } catch (const Napi::Error &e) {
    e.ThrowAsJavaScriptException(); // no-finding
  }
}

int start_complete(void *data) { return queue_complete(on_complete, data); }
