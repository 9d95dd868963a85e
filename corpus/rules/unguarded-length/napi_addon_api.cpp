// node-addon-api (napi.h): the C++ wrappers hand over the same caller
// values as Node-API's out-parameters: a Buffer's Length(), a Number's
// Uint32Value(), the CallbackInfo's argument count. Copies into fixed
// buffers need a bound; a vector sized by the length does not. (The
// declarations are napi.h's, reduced.)
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <vector>

namespace Napi {
class Value {
 public:
  template <typename T>
  T As() const;
};
class Number : public Value {
 public:
  uint32_t Uint32Value() const;
};
template <typename T>
class Buffer : public Value {
 public:
  size_t Length() const;
  T *Data() const;
};
class CallbackInfo {
 public:
  size_t Length() const;
  Value operator[](size_t index) const;
};
}  // namespace Napi

struct Frame {
  uint8_t payload[128];
  uint32_t lanes[8];
};

static Frame frame;

void SetPayload(const Napi::CallbackInfo &info) {
  Napi::Buffer<uint8_t> buf = info[0].As<Napi::Buffer<uint8_t>>();
  memcpy(frame.payload, buf.Data(), buf.Length()); // expect: unguarded-length
}

void SetPayloadChecked(const Napi::CallbackInfo &info) {
  Napi::Buffer<uint8_t> buf = info[0].As<Napi::Buffer<uint8_t>>();
  size_t n = buf.Length();
  if (n > sizeof frame.payload) return;
  memcpy(frame.payload, buf.Data(), n); // no-finding
}

std::vector<uint8_t> CopyPayload(const Napi::CallbackInfo &info) {
  Napi::Buffer<uint8_t> buf = info[0].As<Napi::Buffer<uint8_t>>();
  std::vector<uint8_t> out(buf.Length()); // no-finding
  memcpy(out.data(), buf.Data(), out.size()); // no-finding
  return out;
}

void SetLane(const Napi::CallbackInfo &info) {
  uint32_t lane = info[0].As<Napi::Number>().Uint32Value();
  frame.lanes[lane] = info[1].As<Napi::Number>().Uint32Value(); // expect: unguarded-length
}

void SetLaneChecked(const Napi::CallbackInfo &info) {
  uint32_t lane = info[0].As<Napi::Number>().Uint32Value();
  if (lane >= 8) return;
  frame.lanes[lane] = info[1].As<Napi::Number>().Uint32Value(); // no-finding
}

void SetLanes(const Napi::CallbackInfo &info) {
  for (size_t i = 0; i < info.Length(); i++)
    frame.lanes[i] = info[i].As<Napi::Number>().Uint32Value(); // expect: unguarded-length
}

void SetLanesChecked(const Napi::CallbackInfo &info) {
  for (size_t i = 0; i < info.Length() && i < 8; i++)
    frame.lanes[i] = info[i].As<Napi::Number>().Uint32Value(); // no-finding
}
