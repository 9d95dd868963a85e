/* The fixed twin of napi_buffer_lifetime.c, and look-alikes: a reference
 * holds the value for as long as the pointer is kept (classic-level's
 * SetSharedBuffer, the reference made after the borrow); the bytes are
 * copied; the memory is used only during the call; a pointer returned to
 * the caller (which runs in the same call). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct napi_env__ *napi_env;
typedef struct napi_value__ *napi_value;
typedef struct napi_ref__ *napi_ref;
typedef struct napi_callback_info__ *napi_callback_info;
typedef int napi_status;
#define napi_ok 0
napi_status napi_get_cb_info(napi_env env, napi_callback_info cbinfo, size_t *argc, napi_value *argv,
                             napi_value *this_arg, void **data);
napi_status napi_get_buffer_info(napi_env env, napi_value value, void **data, size_t *length);
napi_status napi_create_reference(napi_env env, napi_value value, uint32_t initial_refcount, napi_ref *result);
napi_status napi_create_buffer(napi_env env, size_t size, void **data, napi_value *result);
napi_status napi_set_named_property(napi_env env, napi_value object, const char *utf8name, napi_value value);

struct hash_job {
  const uint8_t *input;
  size_t length;
  napi_ref input_ref;
  uint8_t *copy;
};

static napi_value Hash(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  struct hash_job *job = malloc(sizeof *job);
  if (!job) return NULL;
  void *data;
  size_t length;
  if (napi_get_buffer_info(env, argv[0], &data, &length) != napi_ok) return NULL;
  job->input = data; // no-finding
  job->length = length;
  if (napi_create_reference(env, argv[0], 1, &job->input_ref) != napi_ok) return NULL;
  return NULL;
}

static napi_value HashCopy(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  struct hash_job *job = malloc(sizeof *job);
  if (!job) return NULL;
  void *data;
  size_t length;
  napi_get_buffer_info(env, argv[0], &data, &length);
  job->copy = malloc(length);
  if (job->copy) memcpy(job->copy, data, length); // no-finding
  job->length = length;
  return NULL;
}

static uint32_t checksum(const uint8_t *p, size_t n) {
  uint32_t sum = 0;
  for (size_t i = 0; i < n; i++) sum += p[i];
  return sum;
}

static napi_value Sum(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  void *data;
  size_t length;
  napi_get_buffer_info(env, argv[0], &data, &length);
  (void)checksum(data, length); // no-finding
  return NULL;
}

static const uint8_t *bytes_of(napi_env env, napi_value value, size_t *length) {
  void *data = NULL;
  napi_get_buffer_info(env, value, &data, length);
  return data; // no-finding
}

napi_value Peek(napi_env env, napi_callback_info info) {
  size_t argc = 1, length = 0;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  const uint8_t *p = bytes_of(env, argv[0], &length);
  (void)(length ? p[0] : 0);
  return NULL;
}

/* A struct of this call's frame holding the pointer for a helper. */
struct span {
  const uint8_t *data;
  size_t length;
};

static uint32_t span_sum(const struct span *s) { return checksum(s->data, s->length); }

static napi_value SumSpan(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  struct span s;
  void *data;
  napi_get_buffer_info(env, argv[0], &data, &s.length);
  s.data = data; // no-finding
  (void)span_sum(&s);
  return NULL;
}

/* bufferutil's mask: bytes written through the borrowed pointers, no
 * pointer kept. */
static napi_value Mask(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  uint8_t *source, *destination;
  size_t length;
  napi_get_buffer_info(env, argv[0], (void **)&source, &length);
  napi_get_buffer_info(env, argv[1], (void **)&destination, NULL);
  for (size_t i = 0; i < length; i++) *destination++ = *source++ ^ 0x5a; // no-finding
  return NULL;
}

/* node-tree-sitter's transfer buffer: made here, kept in C and exported on
 * the module's exports, which holds it for the module's life. */
static uint32_t *transfer;

static napi_value Init(napi_env env, napi_value exports) {
  napi_value buffer;
  void *data;
  if (napi_create_buffer(env, 8, &data, &buffer) != napi_ok) return NULL;
  napi_get_buffer_info(env, buffer, (void **)&transfer, NULL); // no-finding
  napi_set_named_property(env, exports, "transfer", buffer);
  return exports;
}
