// An extern "C" function declared noexcept cannot unwind into C: an
// exception calls std::terminate instead. Still a bug, reported one step
// lower (high -> medium, allocation -> low).
#include <stdexcept>
#include <vector>

static std::vector<int> g_table;

extern "C" int api_lookup(unsigned i) noexcept {
  return g_table.at(i);  // expect: unwind-across-ffi severity=medium
}

extern "C" void *api_alloc(void) noexcept {
  return new int[16];  // expect: unwind-across-ffi severity=low
}

// Fixed twin.
extern "C" int api_lookup_fixed(unsigned i) noexcept {
  if (i >= g_table.size()) return -1;  // no-finding
  return g_table[i];                   // no-finding
}
