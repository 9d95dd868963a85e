// Stands in for an installed C++ library's header (apt-pkg's
// cacheiterators.h, xapian.h): inline accessors, a class template's
// members, an inline wrapper of an out-of-line function, one that throws.
// Read with -isystem: a system header, whose bodies are lowered only when
// the program calls them.
#ifndef CACHE_H
#define CACHE_H
#include <stdexcept>

namespace pkg {
struct Owner;
struct Package {
  int id;
};
template <typename S, typename I>
class Iterator {
 public:
  Owner *Cache() const { return owner_; }
  S *operator->() { return s_; }
  bool end() const { return owner_ == nullptr || s_ == nullptr; }

 protected:
  Owner *owner_ = nullptr;
  S *s_ = nullptr;
};
class PkgIterator : public Iterator<Package, PkgIterator> {
 public:
  int Id() { return (*this)->id; }
  const char *FullName() const; /* out of line: its body is in the library */
  const char *Name() const { return FullName(); }
  int Checked() {
    if (end()) throw std::out_of_range("end iterator");
    return Id();
  }
};
inline int major_version() { return 2; }
}  // namespace pkg
#endif
