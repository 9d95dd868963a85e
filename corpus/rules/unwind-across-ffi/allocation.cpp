// Allocation failure is the only way out: an explicit `new` is reported at
// low severity; implicit growth of containers and strings is silent unless
// the rule option `implicit-alloc` is on (see allocation_implicit.cpp).
#include <new>
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

// Look-alikes: `new (std::nothrow)` returns null instead of throwing, and a
// placement `new (buf)` constructs in memory the caller has, allocating
// nothing (session's constructor throws nothing).
extern "C" void *api_session_new_nothrow(void) {
  return new (std::nothrow) session();  // no-finding
}

extern "C" int *api_ids_new_nothrow(unsigned count) {
  return new (std::nothrow) int[count];  // no-finding
}

extern "C" void *api_session_init_in(void *storage) {
  return new (storage) session();  // no-finding
}

extern "C" int *api_ids_new(unsigned count) {
  return new int[count];  // expect: unwind-across-ffi severity=low
}
