/* A Node-API addon keeping the memory of a JavaScript buffer past the call
 * that received it: the napi_value is valid only while the native call
 * runs, so once it returns the buffer may be collected and its memory
 * freed while an async worker (or the next call) still reads it. The fix
 * is a reference on the value for as long as the pointer is kept
 * (napi_buffer_lifetime_fixed.c), or a copy of the bytes. (The declarations are
 * node_api.h's.) */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

typedef struct napi_env__ *napi_env;
typedef struct napi_value__ *napi_value;
typedef struct napi_callback_info__ *napi_callback_info;
typedef int napi_status;
napi_status napi_get_cb_info(napi_env env, napi_callback_info cbinfo, size_t *argc, napi_value *argv,
                             napi_value *this_arg, void **data);
napi_status napi_get_buffer_info(napi_env env, napi_value value, void **data, size_t *length);
napi_status napi_get_typedarray_info(napi_env env, napi_value typedarray, int *type, size_t *length,
                                     void **data, napi_value *arraybuffer, size_t *byte_offset);

struct hash_job {
  const uint8_t *input;
  size_t length;
};

static const uint8_t *shared_state;

/* The job runs on the thread pool after Hash returns. */
static napi_value Hash(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  struct hash_job *job = malloc(sizeof *job);
  if (!job) return NULL;
  void *data;
  size_t length;
  napi_get_buffer_info(env, argv[0], &data, &length);
  job->input = data; // expect: missing-keepalive severity=medium
  job->length = length;
  return NULL;
}

/* Straight into a global, through the out-parameter. */
static napi_value SetState(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  size_t length;
  napi_get_typedarray_info(env, argv[0], NULL, &length, (void **)&shared_state, NULL, NULL); // expect: missing-keepalive severity=medium
  return NULL;
}
