/* Look-alike in C with Node-API: methods (they take napi_callback_info)
 * check `closed` and use the handle, `Close` and the wrap's finalizer free
 * it, a libuv async handle's callback (the loop's: the JavaScript thread)
 * checks and uses it too; Node calls all of them one at a time on the
 * JavaScript thread: no race. The async work's execute callback runs on the thread pool and
 * races Close: reported. (The declarations are node_api.h's, reduced.) */
#include <stdbool.h>
#include <stddef.h>

typedef struct napi_env__ *napi_env;
typedef struct napi_value__ *napi_value;
typedef struct napi_callback_info__ *napi_callback_info;
typedef struct napi_async_work__ *napi_async_work;
typedef struct napi_ref__ *napi_ref;
typedef int napi_status;
typedef void (*napi_finalize)(napi_env env, void *data, void *hint);
typedef napi_value (*napi_callback)(napi_env env, napi_callback_info info);
typedef struct {
  const char *utf8name;
  napi_value name;
  napi_callback method;
  napi_callback getter;
  napi_callback setter;
  napi_value value;
  int attributes;
  void *data;
} napi_property_descriptor;
napi_status napi_define_properties(napi_env env, napi_value object, size_t property_count,
                                   const napi_property_descriptor *properties);
typedef void (*napi_async_execute_callback)(napi_env env, void *data);
typedef void (*napi_async_complete_callback)(napi_env env, napi_status status, void *data);
napi_status napi_get_cb_info(napi_env env, napi_callback_info cbinfo, size_t *argc, napi_value *argv,
                             napi_value *this_arg, void **data);
napi_status napi_wrap(napi_env env, napi_value js_object, void *native_object, napi_finalize finalize_cb,
                      void *finalize_hint, napi_ref *result);
napi_status napi_create_async_work(napi_env env, napi_value async_resource, napi_value async_resource_name,
                                   napi_async_execute_callback execute, napi_async_complete_callback complete,
                                   void *data, napi_async_work *result);

typedef struct uv_loop_s uv_loop_t;
typedef struct uv_async_s {
  void *data;
} uv_async_t;
int uv_async_init(uv_loop_t *loop, uv_async_t *async, void (*cb)(uv_async_t *handle));
uv_loop_t *uv_default_loop(void);

struct engine;
int engine_run(struct engine *e);
void engine_free(struct engine *e);

typedef struct session {
  bool closed;
  struct engine *engine;
} session;

static session *unwrap(napi_env env, napi_callback_info info) {
  session *s = NULL;
  napi_get_cb_info(env, info, NULL, NULL, NULL, (void **)&s);
  return s;
}

static void session_close(session *s) {
  if (s->closed) return;
  s->closed = true;
  engine_free(s->engine);
}

static napi_value Run(napi_env env, napi_callback_info info) {
  session *s = unwrap(env, info);
  if (s->closed) return NULL;
  engine_run(s->engine); // no-finding
  return NULL;
}

static napi_value Close(napi_env env, napi_callback_info info) {
  session_close(unwrap(env, info));
  return NULL;
}

static void Finalize(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  session_close(data);
}

static void Execute(napi_env env, void *data) {
  (void)env;
  session *s = data;
  if (s->closed) return;
  engine_run(s->engine); // expect: handle-check-then-use
}

static void Notify(uv_async_t *handle) {
  session *s = handle->data;
  if (s->closed) return;
  engine_run(s->engine); // no-finding
}

static void Complete(napi_env env, napi_status status, void *data) {
  (void)env;
  (void)status;
  (void)data;
}

napi_value Init(napi_env env, napi_value self, session *s) {
  napi_async_work work;
  napi_property_descriptor methods[] = {
      {"run", NULL, Run, NULL, NULL, NULL, 0, s},
      {"close", NULL, Close, NULL, NULL, NULL, 0, s},
  };
  napi_define_properties(env, self, 2, methods);
  napi_wrap(env, self, s, Finalize, NULL, NULL);
  napi_create_async_work(env, NULL, NULL, Execute, Complete, s, &work);
  static uv_async_t notify;
  notify.data = s;
  uv_async_init(uv_default_loop(), &notify, Notify);
  return NULL;
}
