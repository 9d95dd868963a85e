/* CPython: pointers and items borrowed from an object used after the
 * object's Py_DECREF, and a buffer view not released on an error path.
 * The API is declared here as the fixture needs it (in real headers
 * Py_DECREF is a macro over an inline function). */
#include <stddef.h>

typedef struct _object PyObject;
typedef long Py_ssize_t;
typedef struct bufferinfo { void *buf; Py_ssize_t len; PyObject *obj; } Py_buffer;
char *PyBytes_AsString(PyObject *o);
const char *PyUnicode_AsUTF8(PyObject *o);
char *PyByteArray_AsString(PyObject *o);
PyObject *PyObject_Str(PyObject *o);
PyObject *PyList_GetItem(PyObject *list, Py_ssize_t i);
PyObject *PyTuple_GetItem(PyObject *tuple, Py_ssize_t i);
PyObject *PyDict_GetItemString(PyObject *dict, const char *key);
PyObject *PyObject_GetAttrString(PyObject *o, const char *name);
int PyObject_GetBuffer(PyObject *o, Py_buffer *view, int flags);
void PyBuffer_Release(Py_buffer *view);
void Py_INCREF(PyObject *o);
void Py_DECREF(PyObject *o);
long PyLong_AsLong(PyObject *o);
size_t strlen(const char *s);
int consume(const char *data, size_t len);
struct reader { PyObject *bytes; Py_ssize_t pos; };
char *strchr(const char *s, int c);

int send_bytes(PyObject *arg) {
  char *data = PyBytes_AsString(arg);
  Py_DECREF(arg);
  return consume(data, strlen(data)); // expect: missing-keepalive
}

int send_name(PyObject *obj) {
  PyObject *str = PyObject_Str(obj);
  if (!str) return -1;
  const char *utf8 = PyUnicode_AsUTF8(str);
  Py_DECREF(str);
  return consume(utf8, 0); // expect: missing-keepalive
}

int send_bytearray(PyObject *owner) {
  char *raw = PyByteArray_AsString(owner);
  int rc = 0;
  if (raw) {
    Py_DECREF(owner);
    rc = consume(raw, 1); // expect: missing-keepalive
  }
  return rc;
}

long first_item(PyObject *obj) {
  PyObject *list = PyObject_GetAttrString(obj, "items");
  PyObject *item = PyList_GetItem(list, 0);
  Py_DECREF(list);
  return PyLong_AsLong(item); // expect: missing-keepalive
}

long tuple_item(PyObject *obj) {
  PyObject *tuple = PyObject_GetAttrString(obj, "pair");
  PyObject *second = PyTuple_GetItem(tuple, 1);
  Py_DECREF(tuple);
  return PyLong_AsLong(second); // expect: missing-keepalive
}

long dict_item(PyObject *obj) {
  PyObject *dict = PyObject_GetAttrString(obj, "__dict__");
  PyObject *value = PyDict_GetItemString(dict, "size");
  Py_DECREF(dict);
  if (!value) return -1; // no-finding (testing a pointer for NULL reads no memory)
  return PyLong_AsLong(value); // expect: missing-keepalive
}

int hash_buffer(PyObject *obj) {
  Py_buffer view;
  if (PyObject_GetBuffer(obj, &view, 0) < 0) return -1;
  if (view.len > 4096) return -2; // expect: missing-keepalive
  int rc = consume(view.buf, (size_t)view.len);
  PyBuffer_Release(&view);
  return rc;
}

/* A copy of a field's reference (Cython's temporaries) is no keepalive once
 * the field is overwritten: the copy's release may be the last one. */
int replaced_source(struct reader *self, PyObject *next) {
  PyObject *t = self->bytes;
  Py_INCREF(t);
  char *start = PyBytes_AsString(t);
  self->bytes = next;
  Py_DECREF(t);
  return consume(start, 1); // expect: missing-keepalive
}

/* A copy of a local's reference: the local owns nothing that outlives it. */
int copied_local(PyObject *obj) {
  PyObject *str = PyObject_Str(obj);
  PyObject *t = str;
  char *data = PyBytes_AsString(t);
  Py_DECREF(t);
  return consume(data, 1); // expect: missing-keepalive
}

/* A copy on one path only: the other path's release frees the object. */
int copy_on_one_path(struct reader *self, PyObject *obj, int fresh) {
  PyObject *t;
  if (fresh) t = PyObject_Str(obj);
  else { t = self->bytes; Py_INCREF(t); }
  char *data = PyBytes_AsString(t);
  Py_DECREF(t);
  return consume(data, 1); // expect: missing-keepalive
}

/* A pointer into the borrowed bytes that strchr found is still borrowed. */
int after_colon(PyObject *obj) {
  PyObject *str = PyObject_Str(obj);
  char *colon = strchr(PyBytes_AsString(str), ':');
  Py_DECREF(str);
  return consume(colon, 1); // expect: missing-keepalive
}
