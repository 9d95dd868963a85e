// SWIG-style wrappers: every extern "C" function catches everything and asks
// one shared handler what went wrong, and the handler itself can throw from
// inside its catch handler (nothing around it catches that). That is one
// bug, in the handler: reported once, at the wrapper with the smallest id,
// with the count of the others. A wrapper's own throwing code is its own.
#include <stdexcept>
#include <string>

struct engine_error {
  std::string describe() const;  // not noexcept, body not visible
};

static int exception_code(std::string &message) {
  try {
    throw;
  } catch (const engine_error &e) {
    message = e.describe();
    return 1;
  } catch (...) {
    return 2;
  }
}

void engine_open(const char *path);
void engine_close(int id);

extern "C" int api_open(const char *path) {
  try {
    engine_open(path);
  } catch (...) {
    std::string message;
    return exception_code(message);  // no-finding (the same origin, reported at api_close: its id is the smallest)
  }
  return 0;
}

extern "C" int api_close(int id) {
  try {
    engine_close(id);
  } catch (...) {
    std::string message;
    return exception_code(message);  // expect: unwind-across-ffi severity=medium
  }
  return 0;
}

extern "C" int api_parse(const char *text) {
  if (!text) throw std::invalid_argument("null text");  // expect: unwind-across-ffi severity=high
  try {
    engine_open(text);
  } catch (...) {
    std::string message;
    return exception_code(message);  // no-finding (the same origin)
  }
  return 0;
}
