// C entry points over the C++ core. Everything here is called from C, Go or
// Python: an exception that leaves one of these functions is undefined
// behaviour in the caller.
#include "capi.h"

#include <cstdlib>
#include <string>

#include "core.hpp"

struct mesh {
  mesh_core::Mesh core;
  mesh_parse_fn on_config = nullptr;
  void *user = nullptr;
};

extern "C" mesh *mesh_new(void) {
  try {
    return new mesh();
  } catch (...) {
    return nullptr;
  }
}

extern "C" void mesh_free(mesh *m) { delete m; }

// BUG: Mesh::peer calls std::vector::at, which throws std::out_of_range for
// an index past the end; nothing catches it before it reaches C.
extern "C" const char *mesh_peer_name(mesh *m, size_t index) {
  return m->core.peer(index).c_str();
}

// Fixed twin: the same call, with every exception turned into an error value.
extern "C" const char *mesh_peer_name_safe(mesh *m, size_t index) {
  try {
    return m->core.peer(index).c_str();
  } catch (...) {
    return nullptr;
  }
}

extern "C" int mesh_on_config(mesh *m, mesh_parse_fn parse, void *user) {
  m->on_config = parse;
  m->user = user;
  return 0;
}

// BUG: the lambda is handed to C as a callback, and std::stoi throws
// std::invalid_argument on text that is not a number.
extern "C" int mesh_register_port_parser(mesh *m) {
  return mesh_on_config(m, [](const char *text, void *) -> int { return std::stoi(text); }, nullptr);
}

// Only allocation failure can escape: reported at low severity.
extern "C" int *mesh_alloc_table(size_t count) { return new int[count]; }
