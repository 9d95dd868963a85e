/* Lengths a Python, Lua or Java caller passes, read through the binding
 * API's out-parameters, copied into fixed buffers with no bound. (The
 * declarations are the APIs' own, reduced; with PY_SSIZE_T_CLEAN Python.h
 * names PyArg_ParseTuple _PyArg_ParseTuple_SizeT.) */
#include <stddef.h>
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

PyObject *set_key_bytes(PyObject *self, PyObject *arg) {
  char *data;
  Py_ssize_t n;
  if (PyBytes_AsStringAndSize(arg, &data, &n) < 0) return NULL;
  memcpy(key, data, (size_t)n); // expect: unguarded-length
  return self;
}

PyObject *set_key_str(PyObject *self, PyObject *arg) {
  Py_ssize_t n;
  const char *s = PyUnicode_AsUTF8AndSize(arg, &n);
  if (!s) return NULL;
  memcpy(key, s, (size_t)n); // expect: unguarded-length
  return self;
}

PyObject *set_key_args(PyObject *self, PyObject *args) {
  const char *s;
  Py_ssize_t n;
  if (!_PyArg_ParseTuple_SizeT(args, "y#", &s, &n)) return NULL;
  memcpy(key, s, (size_t)n); // expect: unguarded-length
  return self;
}

PyObject *set_key_slot(PyObject *self, PyObject *args) {
  int slot;
  char value;
  if (!PyArg_ParseTuple(args, "ic", &slot, &value)) return NULL;
  key[slot] = value; // expect: unguarded-length
  return self;
}

PyObject *set_key_buffer(PyObject *self, PyObject *arg) {
  Py_buffer view;
  if (PyObject_GetBuffer(arg, &view, 0) < 0) return NULL;
  memcpy(key, view.buf, (size_t)view.len); // expect: unguarded-length
  PyBuffer_Release(&view);
  return self;
}

int l_set_key(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  memcpy(key, s, len); // expect: unguarded-length
  return 0;
}

void Java_demo_Keys_set(JNIEnv *env, jobject self, jbyteArray array) {
  (void)self;
  jint n = (*env)->GetArrayLength(env, array);
  (*env)->GetByteArrayRegion(env, array, 0, n, (jbyte *)key); // expect: unguarded-length
}
