/* The fixed twins of cpython_borrow.c, and look-alikes that must stay
 * silent: the borrowed pointer used before the release, a reference taken
 * on a borrowed item, a reassigned pointer, a failed GetBuffer, the
 * release of a temporary copy of a global's or a field's reference. */
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
PyObject *PyDict_GetItem(PyObject *dict, PyObject *key);
PyObject *PyUnicode_DecodeLatin1(const char *s, Py_ssize_t size, const char *errors);
int PyBuffer_IsContiguous(const Py_buffer *view, char order);
struct reader { PyObject *bytes; Py_ssize_t pos; };
static PyObject *prefix_table; /* a module global: owns its dict */

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

/* Cython's temporaries (lxml): a global's or a field's reference copied,
 * taken and dropped around the borrow. The global and the field still hold
 * the object after the Py_DECREF. */
const char *global_prefix(PyObject *key) {
  PyObject *t = prefix_table;
  Py_INCREF(t);
  PyObject *found = PyDict_GetItem(t, key);
  Py_DECREF(t);
  if (!found) return NULL;
  return PyUnicode_AsUTF8(found); // no-finding
}

int copy_from_field(struct reader *self) {
  PyObject *t = self->bytes;
  Py_INCREF(t);
  char *start = PyBytes_AsString(t) + self->pos;
  Py_DECREF(t);
  return consume(start, 1); // no-finding
}

int copy_of_param(PyObject *arg) {
  PyObject *t = arg;
  Py_INCREF(t);
  char *data = PyBytes_AsString(t);
  Py_DECREF(t);
  return consume(data, 1); // no-finding
}

/* Through a local that copies a parameter (Cython's casts of `self`). */
int copy_through_cast(PyObject *state) {
  PyObject *t1 = state;
  Py_INCREF(t1);
  struct reader *reader = (struct reader *)t1;
  t1 = NULL;
  PyObject *t = reader->bytes;
  Py_INCREF(t);
  char *data = PyBytes_AsString(t);
  Py_DECREF(t);
  return consume(data, 1); // no-finding
}

/* The copy's source written with the same object: still held. */
int copy_on_both_paths(struct reader *self, PyObject *other, int first) {
  PyObject *t;
  if (first) t = self->bytes;
  else t = self->bytes;
  Py_INCREF(t);
  char *data = PyBytes_AsString(t);
  Py_DECREF(t);
  (void)other;
  return consume(data, 1); // no-finding
}

/* A new object made from the borrowed bytes lives on its own (cffi). */
long decoded(PyObject *obj) {
  PyObject *raw = PyObject_Str(obj);
  PyObject *text = PyUnicode_DecodeLatin1(PyBytes_AsString(raw), 4, NULL);
  Py_DECREF(raw);
  long n = PyLong_AsLong(text); // no-finding
  Py_DECREF(text);
  return n;
}

/* The view is the caller's: filling it hands it on (cffi). */
int get_contiguous(PyObject *obj, Py_buffer *view) {
  if (PyObject_GetBuffer(obj, view, 0) < 0) return -1;
  if (!PyBuffer_IsContiguous(view, 'A')) {
    PyBuffer_Release(view);
    return -1;
  }
  return 0; // no-finding
}

/* The same through a local that casts the caller's pointer (pygame). */
typedef struct wrapped_buffer { Py_buffer view; void (*release)(Py_buffer *); } wrapped_buffer;
int get_wrapped(PyObject *obj, wrapped_buffer *wrapped) {
  Py_buffer *view = (Py_buffer *)wrapped;
  if (PyObject_GetBuffer(obj, view, 0) < 0) return -1;
  wrapped->release = PyBuffer_Release;
  return 0; // no-finding
}
