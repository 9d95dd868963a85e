/* The fixed twins of cpython_borrow.c, and look-alikes that must stay
 * silent: the borrowed pointer used before the release, a reference taken
 * on a borrowed item, a reassigned pointer, a failed GetBuffer. */
#include <stddef.h>

typedef struct _object PyObject;
typedef long Py_ssize_t;
typedef struct bufferinfo { void *buf; Py_ssize_t len; PyObject *obj; } Py_buffer;
char *PyBytes_AsString(PyObject *o);
const char *PyUnicode_AsUTF8(PyObject *o);
PyObject *PyObject_Str(PyObject *o);
PyObject *PyList_GetItem(PyObject *list, Py_ssize_t i);
PyObject *PyDict_GetItemString(PyObject *dict, const char *key);
PyObject *PyObject_GetAttrString(PyObject *o, const char *name);
int PyObject_GetBuffer(PyObject *o, Py_buffer *view, int flags);
void PyBuffer_Release(Py_buffer *view);
void Py_INCREF(PyObject *o);
void Py_DECREF(PyObject *o);
long PyLong_AsLong(PyObject *o);
size_t strlen(const char *s);
int consume(const char *data, size_t len);
char *strdup(const char *s);

int send_bytes(PyObject *arg) {
  char *data = PyBytes_AsString(arg);
  int rc = consume(data, strlen(data)); // no-finding
  Py_DECREF(arg);
  return rc;
}

char *name_copy(PyObject *obj) {
  PyObject *str = PyObject_Str(obj);
  if (!str) return NULL;
  char *copy = strdup(PyUnicode_AsUTF8(str)); // no-finding
  Py_DECREF(str);
  return copy; // no-finding
}

long first_item(PyObject *obj) {
  PyObject *list = PyObject_GetAttrString(obj, "items");
  PyObject *item = PyList_GetItem(list, 0);
  Py_INCREF(item);
  Py_DECREF(list);
  long value = PyLong_AsLong(item); // no-finding
  Py_DECREF(item);
  return value;
}

long other_owner(PyObject *obj, PyObject *unrelated) {
  PyObject *dict = PyObject_GetAttrString(obj, "__dict__");
  PyObject *value = PyDict_GetItemString(dict, "size");
  Py_DECREF(unrelated);
  long size = PyLong_AsLong(value); // no-finding
  Py_DECREF(dict);
  value = NULL; // no-finding
  return size;
}

long reassigned(PyObject *dict, PyObject *fallback) {
  PyObject *value = PyDict_GetItemString(dict, "size");
  Py_DECREF(dict);
  value = fallback; // no-finding
  return PyLong_AsLong(value); // no-finding
}

int hash_buffer(PyObject *obj) {
  Py_buffer view;
  if (PyObject_GetBuffer(obj, &view, 0) < 0) return -1; // no-finding
  int rc = 0;
  if (view.len > 4096) {
    rc = -2;
    goto done;
  }
  rc = consume(view.buf, (size_t)view.len);
done:
  PyBuffer_Release(&view);
  return rc;
}

int hash_buffer_status(PyObject *obj) {
  Py_buffer view;
  if (PyObject_GetBuffer(obj, &view, 0) != 0) return -1; // no-finding
  int rc = consume(view.buf, (size_t)view.len);
  PyBuffer_Release(&view);
  return rc; // no-finding
}
