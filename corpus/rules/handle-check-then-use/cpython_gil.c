/* A CPython extension: its methods run holding the GIL, so `execute`'s
 * check of `closed` and its call are not interleaved with `close` (which
 * holds the GIL too): silent. `execute_nogil` releases the GIL around the
 * call (Py_BEGIN_ALLOW_THREADS), so `close` may run in another thread
 * between the check and the use: reported. A callback the library calls
 * from its own thread holds no GIL: reported. (The declarations are
 * Python.h's, reduced.) */
#include <stddef.h>

typedef struct _object {
  long ob_refcnt;
  void *ob_type;
} PyObject;
#define PyObject_HEAD PyObject ob_base;
typedef struct _ts PyThreadState;
PyThreadState *PyEval_SaveThread(void);
void PyEval_RestoreThread(PyThreadState *state);
#define Py_BEGIN_ALLOW_THREADS \
  {                            \
    PyThreadState *_save;      \
    _save = PyEval_SaveThread();
#define Py_END_ALLOW_THREADS \
  PyEval_RestoreThread(_save); \
  }
PyObject *PyLong_FromLong(long value);
int PyArg_ParseTuple(PyObject *args, const char *format, ...);
extern PyObject _Py_NoneStruct;

struct db;
int db_exec(struct db *d, const char *sql);
void db_close(struct db *d);
void db_on_change(struct db *d, void (*cb)(void *ctx), void *ctx);

typedef struct {
  PyObject_HEAD
  int closed;
  struct db *db;
} Conn;

static PyObject *conn_execute(Conn *self, PyObject *args) {
  const char *sql;
  if (!PyArg_ParseTuple(args, "s", &sql)) return NULL;
  if (self->closed) return NULL;
  return PyLong_FromLong(db_exec(self->db, sql)); // no-finding
}

static PyObject *conn_execute_nogil(Conn *self, PyObject *args) {
  const char *sql;
  int rc;
  if (!PyArg_ParseTuple(args, "s", &sql)) return NULL;
  if (self->closed) return NULL;
  Py_BEGIN_ALLOW_THREADS
  rc = db_exec(self->db, sql); // expect: handle-check-then-use
  Py_END_ALLOW_THREADS
  return PyLong_FromLong(rc);
}

static void on_change(void *ctx) {
  Conn *self = ctx;
  if (self->closed) return;
  db_exec(self->db, "select changes()"); // expect: handle-check-then-use
}

static PyObject *conn_watch(Conn *self, PyObject *unused) {
  (void)unused;
  db_on_change(self->db, on_change, self);
  return &_Py_NoneStruct;
}

static PyObject *conn_close(Conn *self, PyObject *unused) {
  (void)unused;
  if (!self->closed) {
    self->closed = 1;
    db_close(self->db);
  }
  return &_Py_NoneStruct;
}

typedef struct {
  const char *ml_name;
  void *ml_meth;
  int ml_flags;
  const char *ml_doc;
} PyMethodDef;

PyMethodDef conn_methods[] = {
    {"execute", (void *)conn_execute, 1, NULL},
    {"execute_nogil", (void *)conn_execute_nogil, 1, NULL},
    {"watch", (void *)conn_watch, 4, NULL},
    {"close", (void *)conn_close, 4, NULL},
    {NULL, NULL, 0, NULL},
};
