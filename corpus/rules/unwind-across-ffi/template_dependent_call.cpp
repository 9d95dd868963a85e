// In a template (or a class template's member defined outside the class),
// a call with a type-dependent argument names an overload set, not a
// function: `lib::check(env_)` through a member of the template's base.
// The one function of the set taking that many arguments is the callee;
// before, the call had no callee at all and its exception was not seen.
#include <stdexcept>

namespace lib {
struct Env {
  int open;
};
inline int check(Env env) {
  if (!env.open) throw std::runtime_error("closed");
  return env.open;
}
inline int check(Env env, int fallback) noexcept { return env.open ? env.open : fallback; }
inline int verify(Env env) {
  if (env.open < 0) throw std::invalid_argument("bad handle");
  return env.open;
}
inline int verify(Env env, int fallback) noexcept { return env.open < 0 ? fallback : env.open; }
}  // namespace lib

struct Base {
 protected:
  lib::Env env_{0};
};

template <typename T>
struct Box : Base {
  T value() const { return static_cast<T>(lib::check(env_)); }
  T value_or(T fallback) const { return static_cast<T>(lib::check(env_, static_cast<int>(fallback))); }
  T outside() const;
};

template <typename T>
T Box<T>::outside() const {
  return static_cast<T>(lib::verify(env_));
}

extern "C" int box_value(Box<int> *box) {
  return box->value(); // expect: unwind-across-ffi severity=high
}

extern "C" int box_value_or(Box<int> *box) {
  return box->value_or(-1); // no-finding
}

extern "C" int box_outside(Box<int> *box) {
  return box->outside(); // expect: unwind-across-ffi severity=high
}
