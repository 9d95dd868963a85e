// fixture-args: -- -isystem sys
// A binding calling an installed library's inline functions (apt-pkg's
// iterators, xapian's version and iterator_valid): their bodies are in the
// header, so what they do is known: accessors throw nothing (before, every
// call was an unknown callee, medium: python-apt 625 -> 360 findings). An
// inline wrapper of an out-of-line library function is as unknown as that
// function, and an inline function that throws is a throw.
#include <cache.h>

extern "C" int pkg_id(pkg::PkgIterator *it) {
  if (it->end() || it->Cache() == nullptr) return -1; // no-finding
  return it->Id() + pkg::major_version(); // no-finding
}

extern "C" const char *pkg_name(pkg::PkgIterator *it) {
  return it->Name(); // expect: unwind-across-ffi severity=medium
}

extern "C" int pkg_checked(pkg::PkgIterator *it) {
  return it->Checked(); // expect: unwind-across-ffi severity=high
}
