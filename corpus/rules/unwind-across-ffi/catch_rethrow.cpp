// A handler that rethrows lets the exception out; handlers that translate
// it, and typed handlers that cover the thrown type, do not.
#include <stdexcept>
#include <vector>

enum { API_OK = 0, API_ERR = -1 };

void log_failure(const char *what) noexcept;

static std::vector<int> g_items;

extern "C" int api_get(unsigned i, int *out) {
  try {
    *out = g_items.at(i);  // no-finding (caught; the rethrow below is the escape)
  } catch (...) {
    log_failure("api_get");
    throw;  // expect: unwind-across-ffi severity=high
  }
  return API_OK;
}

extern "C" int api_get_rethrow_named(unsigned i, int *out) {
  try {
    *out = g_items.at(i);
  } catch (const std::out_of_range &e) {
    throw e;  // expect: unwind-across-ffi severity=high
  }
  return API_OK;
}

// Fixed twin.
extern "C" int api_get_fixed(unsigned i, int *out) {
  try {
    *out = g_items.at(i);  // no-finding
  } catch (...) {
    log_failure("api_get");
    return API_ERR;
  }
  return API_OK;
}

// Look-alike: the typed handler names a base of the thrown type.
extern "C" int api_check(int x) {
  try {
    if (x < 0) throw std::out_of_range("negative");  // no-finding
  } catch (const std::logic_error &) {
    return API_ERR;
  }
  return API_OK;
}

// A typed handler for another type does not cover the throw.
extern "C" int api_check_wrong_handler(int x) {
  try {
    if (x < 0) throw std::out_of_range("negative");  // expect: unwind-across-ffi
  } catch (const std::invalid_argument &) {
    return API_ERR;
  }
  return API_OK;
}
