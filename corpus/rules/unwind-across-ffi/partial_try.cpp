// A try block that covers only part of the body: the call outside it still
// escapes.
#include <string>
#include <vector>

enum { API_OK = 0, API_ERR = -1 };

static std::vector<std::string> g_names{"a", "b"};

extern "C" int api_name_length(unsigned i, int *out) {
  try {
    *out = (int)g_names.at(i).size();  // no-finding
  } catch (...) {
    return API_ERR;
  }
  *out += (int)g_names.at(i + 1).size();  // expect: unwind-across-ffi severity=high
  return API_OK;
}

// Fixed twin: the whole body is covered.
extern "C" int api_name_length_fixed(unsigned i, int *out) {
  try {
    *out = (int)g_names.at(i).size();         // no-finding
    *out += (int)g_names.at(i + 1).size();  // no-finding
  } catch (...) {
    return API_ERR;
  }
  return API_OK;
}
