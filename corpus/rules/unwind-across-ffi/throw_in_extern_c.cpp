// A throw directly in the body of an extern "C" function, its fixed twin,
// and look-alikes that C never calls.
#include <stdexcept>

enum { API_OK = 0, API_ERR = -1 };

extern "C" int api_open(const char *path) {
  if (!path)
    throw std::invalid_argument("path is null");  // expect: unwind-across-ffi severity=high
  return API_OK;
}

// Fixed twin: every exception is translated into the C error code.
extern "C" int api_open_fixed(const char *path) {
  try {
    if (!path)
      throw std::invalid_argument("path is null");  // no-finding
    return API_OK;
  } catch (...) {
    return API_ERR;
  }
}

// Look-alike: a C++ function with C++ linkage may throw; C does not call it.
int open_checked(const char *path) {
  if (!path)
    throw std::invalid_argument("path is null");  // no-finding
  return API_OK;
}

// Look-alike: a typed handler that catches exactly the thrown type.
extern "C" int api_open_typed(const char *path) {
  try {
    if (!path)
      throw std::invalid_argument("path is null");  // no-finding
  } catch (const std::invalid_argument &) {
    return API_ERR;
  }
  return API_OK;
}
