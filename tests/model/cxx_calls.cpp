// Call texts and types the rules read: operators as written (`args[0]`,
// a conversion operator's value is its object), a call with a
// type-dependent argument in a template resolved to the overload taking
// that many arguments, `new (std::nothrow)` and placement `new`.
#include <new>

struct Value {
  int raw;
};
struct Args {
  Value operator[](unsigned index) const;
};
struct Handle {
  operator int() const;
};
int take(int value);

int use(const Args &args, const Handle &handle) { return args[0].raw + take(handle); }

struct Env {
  int id;
};
struct Error {
  static Error New(Env env);
  static Error New(Env env, const char *message);
};
struct Base {
 protected:
  Env env_{0};
};
template <typename T>
struct Box : Base {
  T *Data() const;
};
template <typename T>
T *Box<T>::Data() const {
  if (!env_.id) throw Error::New(env_);
  return nullptr;
}

struct S {
  int x;
};
S *make_nothrow() { return new (std::nothrow) S(); }
S *make_in(void *storage) { return new (storage) S(); }
