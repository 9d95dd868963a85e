// An exception thrown two calls below an extern "C" function, the fixed
// twin, and helpers whose exceptions cannot reach C.
#include <stdexcept>
#include <string>

enum { API_OK = 0, API_ERR = -1 };

static int parse_digit(char c) {
  if (c < '0' || c > '9')
    throw std::runtime_error(std::string("not a digit: ") + c);
  return c - '0';
}

static int parse_number(const char *text) {
  int value = 0;
  for (; *text; text++) value = value * 10 + parse_digit(*text);
  return value;
}

extern "C" int api_parse(const char *text, int *out) {
  *out = parse_number(text);  // expect: unwind-across-ffi severity=high
  return API_OK;
}

// Fixed twin.
extern "C" int api_parse_fixed(const char *text, int *out) {
  try {
    *out = parse_number(text);  // no-finding
  } catch (...) {
    return API_ERR;
  }
  return API_OK;
}

// Look-alike: a noexcept helper cannot unwind into its caller (an exception
// inside it calls std::terminate, in C++ code, not at the boundary).
static int parse_or_zero(const char *text) noexcept {
  return text ? parse_number(text) : 0;
}

// Look-alike: a helper that handles its own failures.
static int parse_or_default(const char *text, int fallback) {
  try {
    return parse_number(text);
  } catch (const std::exception &) {
    return fallback;
  }
}

extern "C" int api_parse_lenient(const char *text) {
  int a = parse_or_zero(text);         // no-finding
  int b = parse_or_default(text, -1);  // no-finding
  return a + b;
}
