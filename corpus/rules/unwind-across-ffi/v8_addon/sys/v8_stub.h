// Stands in for node's v8.h, node.h and uv.h (read as system headers with
// -isystem, so no body here is analysed): the V8 calls the fixture makes,
// uv_queue_work, and a module macro shaped like NODE_MODULE (a static
// node_module table handed to node_module_register).
#ifndef V8_STUB_H
#define V8_STUB_H

namespace v8 {
class Isolate {
 public:
  static Isolate *GetCurrent();
};
class Context;
class Value;
class Object;
class String;
template <class T>
class Local {
 public:
  T *operator->() const;
};
template <class T>
class MaybeLocal {
 public:
  Local<T> ToLocalChecked();
};
class String {
 public:
  static MaybeLocal<String> NewFromUtf8(Isolate *isolate, const char *data);
};
template <class T>
class Maybe {
 public:
  bool FromJust() const;
};
class Object {
 public:
  Maybe<bool> Set(Local<Context> context, Local<Value> key, Local<Value> value);
  Local<Context> GetCreationContext();
};
}  // namespace v8

namespace node {
typedef void (*addon_register_func)(v8::Local<v8::Object> exports, v8::Local<v8::Value> module, void *priv);
struct node_module {
  int nm_version;
  addon_register_func nm_register_func;
  const char *nm_modname;
};
}  // namespace node

extern "C" void node_module_register(void *mod);

#define NODE_MODULE(modname, regfunc)                                                       \
  static node::node_module _module = {1, (node::addon_register_func)(regfunc), #modname}; \
  static void __attribute__((constructor)) _register_##modname(void) { node_module_register(&_module); }

extern "C" {
typedef struct uv_loop_s uv_loop_t;
typedef struct uv_work_s {
  void *data;
} uv_work_t;
typedef void (*uv_work_cb)(uv_work_t *req);
typedef void (*uv_after_work_cb)(uv_work_t *req, int status);
uv_loop_t *uv_default_loop(void);
int uv_queue_work(uv_loop_t *loop, uv_work_t *req, uv_work_cb work_cb, uv_after_work_cb after_work_cb);
}

#endif
