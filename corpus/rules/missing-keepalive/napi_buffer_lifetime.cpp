// node-addon-api: the data of a Napi::Buffer kept in a worker that runs
// after the call returns, with nothing holding the buffer (bad), and with
// a reference (Napi::Persistent) held alongside (fixed). A wrapper storing
// the data next to the handle it came from keeps both. (The declarations
// are napi.h's, reduced.)
#include <cstddef>
#include <cstdint>

namespace Napi {
class Value {};
class CallbackInfo {
 public:
  Value operator[](std::size_t index) const;
};
template <typename T>
class Buffer : public Value {
 public:
  T *Data() const;
  std::size_t Length() const;
};
template <typename T>
class Reference {
 public:
  static Reference New(const T &value, std::uint32_t count);
  void Reset(const T &value, std::uint32_t count);
};
template <typename T>
Reference<T> Persistent(T value);
template <typename T>
T As(Value value);
}  // namespace Napi

class HashWorker {
 public:
  void Start(const Napi::CallbackInfo &info) {
    Napi::Buffer<char> input = Napi::As<Napi::Buffer<char>>(info[0]);
    data_ = input.Data(); // expect: missing-keepalive severity=medium
    length_ = input.Length();
  }

  void StartHeld(const Napi::CallbackInfo &info) {
    Napi::Buffer<char> input = Napi::As<Napi::Buffer<char>>(info[0]);
    data_ = input.Data(); // no-finding
    length_ = input.Length();
    ref_ = Napi::Persistent(input);
  }

  void StartReset(const Napi::CallbackInfo &info) {
    Napi::Buffer<char> input = Napi::As<Napi::Buffer<char>>(info[0]);
    ref_.Reset(input, 1);
    data_ = input.Data(); // no-finding
  }

 private:
  char *data_ = nullptr;
  std::size_t length_ = 0;
  Napi::Reference<Napi::Buffer<char>> ref_;
};

// Look-alike: used during the call only.
std::size_t count_zeros(const Napi::CallbackInfo &info) {
  Napi::Buffer<char> input = Napi::As<Napi::Buffer<char>>(info[0]);
  const char *p = input.Data(); // no-finding
  std::size_t zeros = 0;
  for (std::size_t i = 0; i < input.Length(); i++) zeros += p[i] == 0;
  return zeros;
}
