// A template's member throws what an overloaded factory returns, through a
// member of the template's base (node-addon-api's External<T>::Data: `throw
// Napi::Error::New(_env)`). In the template the call's type is dependent;
// the functions it can call (those taking one argument) all return
// lib::Error, so that is what it throws, and a handler for lib::Error
// catches it. Before, it counted as an exception of unknown type, which no
// typed handler covers.
#include <exception>

namespace lib {
class Error : public std::exception {
 public:
  static Error New(int env) {
    (void)env;
    return Error();
  }
  static Error New(int env, const char *message) {
    (void)message;
    return New(env);
  }

 protected:
  template <typename E, typename F>
  static E New(int env, const char *message, unsigned long length, F make);
};
class Base {
 protected:
  int env_ = 0;
};
template <typename T>
class Box : public Base {
 public:
  T *Data() const;
};
template <typename T>
T *Box<T>::Data() const {
  if (!env_) throw Error::New(env_);
  return nullptr;
}
}  // namespace lib

extern "C" int lib_register(void (*cb)(void *ctx), void *ctx);

static void on_data(void *ctx) {
  try {
    static_cast<lib::Box<int> *>(ctx)->Data(); // no-finding
  } catch (const lib::Error &) {
  }
}

static void on_data_unguarded(void *ctx) {
  static_cast<lib::Box<int> *>(ctx)->Data(); // expect: unwind-across-ffi severity=high
}

extern "C" void start(void *ctx) noexcept {
  lib_register(on_data, ctx);
  lib_register(on_data_unguarded, ctx);
}
