// Stands in for an installed binding framework's header (pybind11's
// PYBIND11_MODULE, node_api.h's NAPI_MODULE_INIT): macros that write the
// C entry point into the user's file. Read as a system header
// (-isystem): its bodies are not analysed.
#include <exception>

namespace bind {
int get_internals();
struct module_ {
  int def(const char *name);
  static module_ create(const char *name);
};
}  // namespace bind

#define BIND_MODULE(name, variable)                 \
  static void bind_init_##name(bind::module_ &);    \
  extern "C" int BindInit_##name() {                \
    bind::get_internals();                          \
    auto m = bind::module_::create(#name);          \
    try {                                           \
      bind_init_##name(m);                          \
      return 0;                                     \
    } catch (const std::exception &) {              \
      return -1;                                    \
    }                                               \
  }                                                 \
  void bind_init_##name(bind::module_ &(variable))

#define BIND_MODULE_INIT() extern "C" int bind_register_module()
