// Library calls that throw (std::vector::at, std::map::at, std::stoi) in
// exported functions, the fixed twin, and non-throwing look-alikes.
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

enum { API_OK = 0, API_ERR = -1 };

static std::vector<int> g_values{1, 2, 3};
static std::map<std::string, int> g_index{{"one", 1}};

extern "C" int api_value_at(unsigned i) {
  return g_values.at(i);  // expect: unwind-across-ffi severity=high
}

extern "C" int api_lookup(const char *key) {
  return g_index.at(key);  // expect: unwind-across-ffi severity=high
}

extern "C" int api_parse_int(const char *text) {
  return std::stoi(text);  // expect: unwind-across-ffi severity=high
}

// Fixed twin.
extern "C" int api_parse_int_fixed(const char *text, int *out) {
  try {
    *out = std::stoi(text) + g_values.at(0);  // no-finding
    return API_OK;
  } catch (...) {
    return API_ERR;
  }
}

// Look-alike: a handler for the documented base (std::logic_error covers
// std::out_of_range and std::invalid_argument).
extern "C" int api_parse_int_typed(const char *text, int *out) {
  try {
    *out = std::stoi(text);  // no-finding
  } catch (const std::logic_error &) {
    return API_ERR;
  }
  return API_OK;
}

// Look-alike: unchecked access after an explicit bounds check.
extern "C" int api_value_unchecked(unsigned i) {
  if (i >= g_values.size()) return API_ERR;  // no-finding
  return g_values[i];                        // no-finding
}
