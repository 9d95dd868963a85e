// Callbacks handed to a C library: a captureless lambda and a named
// function. C calls them, so nothing may escape them either.
#include <stdexcept>
#include <string>

extern "C" {
typedef int (*visit_fn)(const char *key, void *user);
int table_visit(visit_fn visit, void *user);  // a C library function
}

void install_visitors(void) {
  table_visit([](const char *key, void *) -> int {
    return std::stoi(key);  // expect: unwind-across-ffi severity=high
  }, nullptr);

  // Fixed twin.
  table_visit([](const char *key, void *) -> int {
    try {
      return std::stoi(key);  // no-finding
    } catch (...) {
      return -1;
    }
  }, nullptr);
}

static int count_key(const char *key, void *user) {
  if (!key) throw std::logic_error("null key");  // expect: unwind-across-ffi
  ++*static_cast<int *>(user);
  return 0;
}

int count_keys(void) {
  int count = 0;
  table_visit(count_key, &count);
  return count;
}

// Look-alike: a lambda that only C++ calls.
int local_parse(const char *key) {
  auto parse = [](const char *k) { return std::stoi(k); };  // no-finding
  return parse(key);
}
