// fixture-args: -- -isystem sys
// The entry points binding macros write into the user's file. The calls
// the macro itself makes into the library (get_internals, create: before
// its try) are the library's code, which the user cannot change: not
// reported. What the user writes is: the init body the macro calls (its
// library call escapes the typed handler as an unknown exception), and the
// body written after a macro that only heads the function.
#include <binding.h>
#include <stdexcept>
#include <vector>

BIND_MODULE(demo, m) { // expect: unwind-across-ffi severity=medium count=1
  m.def("run");
}

BIND_MODULE_INIT() {
  std::vector<int> sizes(2);
  return sizes.at(3); // expect: unwind-across-ffi severity=high
}
