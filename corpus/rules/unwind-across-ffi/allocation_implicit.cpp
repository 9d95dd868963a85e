// fixture-args: --config implicit-alloc.yml
// With `implicit-alloc: true`, container and string growth in a root is
// reported at low severity too.
#include <string>
#include <vector>

struct session {
  std::vector<int> ids;
};

extern "C" int api_session_add(void *handle, int id) {
  auto *s = static_cast<session *>(handle);
  s->ids.push_back(id);  // expect: unwind-across-ffi severity=low
  return 0;
}

extern "C" int api_session_add_fixed(void *handle, int id) {
  try {
    static_cast<session *>(handle)->ids.push_back(id);  // no-finding
  } catch (...) {
    return -1;
  }
  return 0;
}
