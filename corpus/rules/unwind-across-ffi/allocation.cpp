// Allocation failure is the only way out: an explicit `new` is reported at
// low severity; implicit growth of containers and strings is silent unless
// the rule option `implicit-alloc` is on (see allocation_implicit.cpp).
#include <string>
#include <vector>

struct session {
  std::vector<int> ids;
  std::string name;
};

extern "C" void *api_session_new(void) {
  return new session();  // expect: unwind-across-ffi severity=low
}

extern "C" int api_session_add(void *handle, int id) {
  auto *s = static_cast<session *>(handle);
  s->ids.push_back(id);  // no-finding (implicit allocation, option off)
  s->name += "x";        // no-finding
  return 0;
}

// Fixed twin.
extern "C" void *api_session_new_fixed(void) {
  try {
    return new session();  // no-finding
  } catch (...) {
    return nullptr;
  }
}
