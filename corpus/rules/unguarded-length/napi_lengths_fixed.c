/* Fixed twin of napi_lengths.c, and the look-alikes that are right as they
 * are: every copy into a fixed buffer is bounded by its size, buffers sized
 * by the caller's length are allocated to fit, and napi_get_value_string_utf8
 * given the buffer's own size truncates. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
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
napi_status napi_create_uint32(napi_env env, uint32_t value, napi_value *result);
napi_status napi_throw_range_error(napi_env env, const char *code, const char *msg);

struct session {
  char name[64];
  uint8_t key[32];
  uint32_t slots[16];
  char *note;
};

static struct session current;

static napi_value SetName(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  size_t len;
  napi_get_value_string_utf8(env, argv[0], NULL, 0, &len);
  if (len >= sizeof current.name) {
    napi_throw_range_error(env, NULL, "name too long");
    return NULL;
  }
  napi_get_value_string_utf8(env, argv[0], current.name, len + 1, &len); // no-finding
  return NULL;
}

/* Look-alike: the buffer's own size; the string is truncated to fit. */
static napi_value SetNameTruncated(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  size_t copied;
  napi_get_value_string_utf8(env, argv[0], current.name, sizeof current.name, &copied); // no-finding
  return NULL;
}

/* Look-alike: a heap buffer sized by the string's length. */
static napi_value SetNote(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  size_t len;
  napi_get_value_string_utf8(env, argv[0], NULL, 0, &len);
  char *note = malloc(len + 1); // no-finding
  if (!note) return NULL;
  napi_get_value_string_utf8(env, argv[0], note, len + 1, &len); // no-finding
  free(current.note);
  current.note = note;
  return NULL;
}

static napi_value SetKey(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  void *data;
  size_t length;
  napi_get_buffer_info(env, argv[0], &data, &length);
  if (length != sizeof current.key) {
    napi_throw_range_error(env, NULL, "key must be 32 bytes");
    return NULL;
  }
  memcpy(current.key, data, length); // no-finding
  return NULL;
}

static napi_value SetSlot(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  uint32_t slot, value;
  napi_get_value_uint32(env, argv[0], &slot);
  napi_get_value_uint32(env, argv[1], &value);
  if (slot >= 16) {
    napi_throw_range_error(env, NULL, "no such slot");
    return NULL;
  }
  current.slots[slot] = value; // no-finding
  return NULL;
}

static napi_value Sum(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  napi_value copies[4];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc > 4) argc = 4;
  uint32_t total = 0;
  for (size_t i = 0; i < argc; i++) {
    copies[i] = argv[i]; // no-finding
    uint32_t v;
    napi_get_value_uint32(env, copies[i], &v);
    total += v;
  }
  napi_value result;
  napi_create_uint32(env, total, &result);
  return result;
}

/* Look-alike (node-tree-sitter's input callback): with a buffer given, the
 * count handed back is what was copied, at most the buffer's size: no
 * caller's length, narrowing it is safe. */
static void NameBytes(napi_env env, napi_value value, uint32_t *bytes_read) {
  size_t copied = 0;
  napi_get_value_string_utf8(env, value, current.name, sizeof current.name, &copied);
  *bytes_read = 2 * copied; // no-finding
}
