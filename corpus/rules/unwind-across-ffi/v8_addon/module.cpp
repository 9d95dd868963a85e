// fixture-args: -- -isystem sys
// A V8 addon (the shape NAN addons compile to): V8's API reports a
// JavaScript exception through its return values and aborts on fatal
// errors; it throws no C++ exception (rules/models/cxx_libraries.yml), so
// calling it from the module's init or a libuv callback is no finding. A
// C++ exception the addon throws itself in a libuv callback is, and so is a
// call into another library whose body is not visible.
#include <stdexcept>
#include <v8_stub.h>

namespace kafka {
const char *version();
}

static uv_work_t job;

static void work(uv_work_t *req) { (void)req; }

static void after_work(uv_work_t *req, int status) {
  (void)req;
  v8::Isolate *isolate = v8::Isolate::GetCurrent(); // no-finding
  if (status != 0) throw std::runtime_error("work failed"); // expect: unwind-across-ffi severity=high
  (void)isolate;
}

static void Init(v8::Local<v8::Object> exports) {
  v8::Isolate *isolate = v8::Isolate::GetCurrent(); // no-finding
  v8::Local<v8::String> name = v8::String::NewFromUtf8(isolate, "name").ToLocalChecked(); // no-finding
  v8::Local<v8::String> value = v8::String::NewFromUtf8(isolate, kafka::version()).ToLocalChecked(); // expect: unwind-across-ffi severity=medium
  exports->Set(exports->GetCreationContext(), (v8::Local<v8::Value> &)name, (v8::Local<v8::Value> &)value).FromJust(); // no-finding
  uv_queue_work(uv_default_loop(), &job, work, after_work);
}

NODE_MODULE(addon, Init)
