// Calls into templates (node-addon-api's Napi::Reference<T>::Env, a
// wrapper base class's helpers): the instantiation the call names has no
// source of its own, the template it comes from does, and its body decides.
// A member that cannot throw is silent; one that throws is found through
// the instantiation, and so is an explicit specialization that throws.
#include <stdexcept>

namespace wrap {
template <typename T>
class Ref {
 public:
  int Env() const { return env_; }
  int Value() const;
  int Checked() const;
  int Special() const;

 private:
  int env_ = 0;
};
template <typename T>
inline int Ref<T>::Value() const { return env_ + 1; }
template <typename T>
inline int Ref<T>::Checked() const {
  if (env_ < 0) throw std::runtime_error("negative");
  return env_;
}
template <typename T>
inline int Ref<T>::Special() const { return env_; }
template <>
inline int Ref<char>::Special() const { throw std::logic_error("char"); }

template <typename T>
T twice(T x) { return x + x; }
}  // namespace wrap

struct Backup : wrap::Ref<Backup> {
  int n = 0;
};

typedef void (*complete_cb)(void *data, int status);
extern "C" int create_async_work(complete_cb cb, void *data);

static void after_backup(void *data, int status) {
  Backup *b = static_cast<Backup *>(data);
  b->n = b->Env() + b->Value() + b->Special() + wrap::twice(status); // no-finding
}

static void after_checked(void *data, int status) {
  Backup *b = static_cast<Backup *>(data);
  b->n = b->Checked() + status; // expect: unwind-across-ffi severity=high
}

static void after_special(void *data, int status) {
  wrap::Ref<char> *r = static_cast<wrap::Ref<char> *>(data);
  (void)status;
  r->Special(); // expect: unwind-across-ffi severity=high
}

int start(Backup *b, wrap::Ref<char> *r) {
  return create_async_work(after_backup, b) + create_async_work(after_checked, b) +
         create_async_work(after_special, r);
}
