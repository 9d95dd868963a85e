// Callbacks in a table that lives in a local variable and is handed to a C
// function: Node-API's napi_property_descriptor desc[] given to
// napi_define_properties in the module's Init. Node calls what the table
// holds, whatever header declares its type (node-gyp's headers are not
// under /usr). A local table of the program's own type that never reaches
// C is dispatched by C++ and can be caught.
#include <stddef.h>
#include <stdexcept>
#include <vector>

extern "C" {
typedef struct napi_env__ *napi_env;
typedef struct napi_value__ *napi_value;
typedef struct napi_callback_info__ *napi_callback_info;
typedef napi_value (*napi_callback)(napi_env env, napi_callback_info info);
typedef struct {
  const char *utf8name;
  napi_value name;
  napi_callback method;
  napi_callback getter;
  napi_callback setter;
  napi_value value;
  int attributes;
  void *data;
} napi_property_descriptor;
int napi_define_properties(napi_env env, napi_value object, size_t property_count,
                           const napi_property_descriptor *properties);
int napi_create_int32(napi_env env, int value, napi_value *result);
}

static napi_value Third(napi_env env, napi_callback_info info) {
  (void)info;
  std::vector<int> v(3);
  napi_value r;
  napi_create_int32(env, v.at(2), &r);  // expect: unwind-across-ffi
  return r;
}

static napi_value Count(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value r;
  napi_create_int32(env, 3, &r);  // no-finding
  return r;
}

napi_value Init(napi_env env, napi_value exports) {
  napi_property_descriptor desc[] = {
      {"third", NULL, Third, NULL, NULL, NULL, 0, NULL},
      {"count", NULL, Count, NULL, NULL, NULL, 0, NULL},
  };
  napi_define_properties(env, exports, 2, desc);
  return exports;
}

// Look-alike: a local table of the program's own type, called from C++.
struct step {
  const char *name;
  int (*run)(int);
};

static int run_checked(int x) {
  if (x < 0) throw std::invalid_argument("negative");  // no-finding
  return x;
}

int run_all(int x) {
  const step steps[] = {{"checked", run_checked}};
  try {
    for (const step &s : steps) x = s.run(x);
  } catch (const std::exception &) {
    return -1;
  }
  return x;
}
