/* Fixed twin of binding_lengths.c: each length is compared with the
 * buffer's size before the copy, and the copies sized by the caller's
 * length go to memory allocated to fit (look-alikes). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct _object PyObject;
typedef long Py_ssize_t;
typedef struct bufferinfo { void *buf; Py_ssize_t len; PyObject *obj; } Py_buffer;
int PyBytes_AsStringAndSize(PyObject *obj, char **buffer, Py_ssize_t *length);
const char *PyUnicode_AsUTF8AndSize(PyObject *unicode, Py_ssize_t *size);
int PyArg_ParseTuple(PyObject *args, const char *format, ...);
int _PyArg_ParseTuple_SizeT(PyObject *args, const char *format, ...);
int PyObject_GetBuffer(PyObject *o, Py_buffer *view, int flags);
void PyBuffer_Release(Py_buffer *view);

typedef struct lua_State lua_State;
const char *luaL_checklstring(lua_State *L, int arg, size_t *l);

typedef int jint;
typedef signed char jbyte;
typedef struct _jobject *jobject;
typedef jobject jbyteArray;
struct JNINativeInterface_;
typedef const struct JNINativeInterface_ *JNIEnv;
struct JNINativeInterface_ {
  jint (*GetArrayLength)(JNIEnv *env, jobject array);
  void (*GetByteArrayRegion)(JNIEnv *env, jbyteArray array, jint start, jint len, jbyte *buf);
};

static char key[32];
static char *note;

PyObject *set_key_bytes(PyObject *self, PyObject *arg) {
  char *data;
  Py_ssize_t n;
  if (PyBytes_AsStringAndSize(arg, &data, &n) < 0) return NULL;
  if (n != sizeof key) return NULL;
  memcpy(key, data, (size_t)n); // no-finding
  return self;
}

PyObject *set_key_str(PyObject *self, PyObject *arg) {
  Py_ssize_t n;
  const char *s = PyUnicode_AsUTF8AndSize(arg, &n);
  if (!s || n > (Py_ssize_t)sizeof key) return NULL;
  memcpy(key, s, (size_t)n); // no-finding
  return self;
}

PyObject *set_note_args(PyObject *self, PyObject *args) {
  const char *s;
  Py_ssize_t n;
  if (!_PyArg_ParseTuple_SizeT(args, "y#", &s, &n)) return NULL;
  char *copy = malloc((size_t)n + 1); // no-finding
  if (!copy) return NULL;
  memcpy(copy, s, (size_t)n); // no-finding
  copy[n] = 0;
  free(note);
  note = copy;
  return self;
}

PyObject *set_key_slot(PyObject *self, PyObject *args) {
  int slot;
  char value;
  if (!PyArg_ParseTuple(args, "ic", &slot, &value)) return NULL;
  if (slot < 0 || slot >= (int)sizeof key) return NULL;
  key[slot] = value; // no-finding
  return self;
}

PyObject *set_key_buffer(PyObject *self, PyObject *arg) {
  Py_buffer view;
  if (PyObject_GetBuffer(arg, &view, 0) < 0) return NULL;
  size_t n = (size_t)view.len < sizeof key ? (size_t)view.len : sizeof key;
  memcpy(key, view.buf, n); // no-finding
  PyBuffer_Release(&view);
  return self;
}

int l_set_key(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  if (len > sizeof key) return 0;
  memcpy(key, s, len); // no-finding
  return 0;
}

void Java_demo_Keys_set(JNIEnv *env, jobject self, jbyteArray array) {
  (void)self;
  jint n = (*env)->GetArrayLength(env, array);
  if (n > (jint)sizeof key) return;
  (*env)->GetByteArrayRegion(env, array, 0, n, (jbyte *)key); // no-finding
}
