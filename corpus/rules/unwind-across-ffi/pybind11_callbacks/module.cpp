// fixture-args: -- -isystem sys
// A pybind11 module wrapping a C library that calls back: a Python call in
// a C callback raises pybind11::error_already_set when the Python function
// raises, and it must not unwind into the C library. The module's init
// body is guarded by the macro's handlers; the macro's own library calls
// are pybind11's code.
#include <pybind11_stub.h>

namespace py = pybind11;

extern "C" int lib_register(void (*cb)(void *ctx, int value), void *ctx);

static void on_value(void *ctx, int value) {
  py::gil_scoped_acquire gil;
  const py::function *fn = static_cast<const py::function *>(ctx);
  (*fn)(value); // expect: unwind-across-ffi severity=high
}

static void on_value_safe(void *ctx, int value) {
  py::gil_scoped_acquire gil;
  try {
    const py::function *fn = static_cast<const py::function *>(ctx);
    (*fn)(value); // no-finding
  } catch (py::error_already_set &e) {
    e.discard_as_unraisable("on_value_safe");
  }
}

static int watch(int safe) {
  static py::function callback;
  if (safe) return lib_register(on_value_safe, &callback);
  return lib_register(on_value, &callback);
}

STUB_MODULE(demo, m) { // no-finding
  m.def("watch", watch);
}
