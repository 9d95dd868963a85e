// Stands in for pybind11's installed headers (read as a system header with
// -isystem, so no body here is analysed): the names the models in
// rules/models/cxx_libraries.yml describe, reduced to what the fixture
// calls, and a module macro shaped like PYBIND11_MODULE.
#include <exception>

struct _object;

namespace pybind11 {
class error_already_set : public std::exception {
 public:
  const char *what() const noexcept override;
  void discard_as_unraisable(const char *where);
};
class object {
 public:
  _object *ptr() const;
};
class function : public object {
 public:
  object operator()(int value) const;
};
class module_ : public object {
 public:
  module_ &def(const char *name, int (*fn)(int));
  static module_ create_extension_module(const char *name);
};
struct gil_scoped_acquire {
  gil_scoped_acquire();
  ~gil_scoped_acquire();
};
namespace detail {
int get_internals();
}
}  // namespace pybind11

#define STUB_MODULE(name, variable)                                   \
  static void stub_init_##name(::pybind11::module_ &);                \
  extern "C" _object *StubInit_##name() {                             \
    ::pybind11::detail::get_internals();                              \
    auto m = ::pybind11::module_::create_extension_module(#name);     \
    try {                                                             \
      stub_init_##name(m);                                            \
      return m.ptr();                                                 \
    } catch (::pybind11::error_already_set &) {                       \
      return nullptr;                                                 \
    } catch (const std::exception &) {                                \
      return nullptr;                                                 \
    }                                                                 \
  }                                                                   \
  void stub_init_##name(::pybind11::module_ &(variable))
