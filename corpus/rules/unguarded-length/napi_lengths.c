/* A Node-API addon: the lengths of the strings and buffers a JavaScript
 * caller passes, and the numbers it passes, reach C through the
 * out-parameters of napi_get_* calls. Copied into fixed buffers without a
 * bound, a long string or a big buffer overflows them. (The declarations
 * are node_api.h's.) */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct napi_env__ *napi_env;
typedef struct napi_value__ *napi_value;
typedef struct napi_callback_info__ *napi_callback_info;
typedef int napi_status;
napi_status napi_get_cb_info(napi_env env, napi_callback_info cbinfo, size_t *argc, napi_value *argv,
                             napi_value *this_arg, void **data);
napi_status napi_get_value_string_utf8(napi_env env, napi_value value, char *buf, size_t bufsize,
                                       size_t *result);
napi_status napi_get_buffer_info(napi_env env, napi_value value, void **data, size_t *length);
napi_status napi_get_value_uint32(napi_env env, napi_value value, uint32_t *result);
napi_status napi_get_array_length(napi_env env, napi_value value, uint32_t *result);
napi_status napi_create_uint32(napi_env env, uint32_t value, napi_value *result);

struct session {
  char name[64];
  uint8_t key[32];
  uint32_t slots[16];
};

static struct session current;

/* The classic two-call read: ask for the length, then copy that much. */
static napi_value SetName(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  size_t len;
  napi_get_value_string_utf8(env, argv[0], NULL, 0, &len);
  napi_get_value_string_utf8(env, argv[0], current.name, len + 1, &len); // expect: unguarded-length
  return NULL;
}

static napi_value SetKey(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  void *data;
  size_t length;
  napi_get_buffer_info(env, argv[0], &data, &length);
  memcpy(current.key, data, length); // expect: unguarded-length
  return NULL;
}

static napi_value SetSlot(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  uint32_t slot, value;
  napi_get_value_uint32(env, argv[0], &slot);
  napi_get_value_uint32(env, argv[1], &value);
  current.slots[slot] = value; // expect: unguarded-length
  return NULL;
}

/* napi_get_cb_info copies at most argc values but hands back how many the
 * caller passed: a loop to the new argc reads and writes past argv. */
static napi_value Sum(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  napi_value copies[4];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  uint32_t total = 0;
  for (size_t i = 0; i < argc; i++) {
    copies[i] = argv[i]; // expect: unguarded-length
    uint32_t v;
    napi_get_value_uint32(env, copies[i], &v);
    total += v;
  }
  napi_value result;
  napi_create_uint32(env, total, &result);
  return result;
}

/* node-tree-sitter's input callback shape: the string's length (the
 * query form, no buffer given) narrowed into C's uint32_t count. */
static void NameBytes(napi_env env, napi_value value, uint32_t *bytes_read) {
  size_t len = 0;
  napi_get_value_string_utf8(env, value, NULL, 0, &len);
  *bytes_read = 2 * len; // expect: unguarded-length
}
