// Callbacks stored in a C library's table rather than passed as an
// argument: glibc's fopencookie() calls the functions of a
// cookie_io_functions_t, as CPython calls a PyMethodDef[] and Lua a
// luaL_Reg[]. Nothing may escape them. A table of the program's own type
// is dispatched by C++ code, which can catch.
#include <stdio.h>
#include <stdexcept>
#include <sys/types.h>

struct buffer {
  const char *data;
  size_t len, pos;
};

static ssize_t buffer_read(void *cookie, char *out, size_t size) {
  buffer *b = static_cast<buffer *>(cookie);
  if (b->pos > b->len) throw std::out_of_range("read past the end");  // expect: unwind-across-ffi
  size_t n = b->len - b->pos < size ? b->len - b->pos : size;
  for (size_t i = 0; i < n; i++) out[i] = b->data[b->pos + i];
  b->pos += n;
  return static_cast<ssize_t>(n);
}

// Fixed twin: the error becomes the C return value.
static ssize_t buffer_read_checked(void *cookie, char *out, size_t size) {
  buffer *b = static_cast<buffer *>(cookie);
  if (b->pos > b->len) return -1;  // no-finding
  size_t n = b->len - b->pos < size ? b->len - b->pos : size;
  for (size_t i = 0; i < n; i++) out[i] = b->data[b->pos + i];
  b->pos += n;
  return static_cast<ssize_t>(n);
}

static const cookie_io_functions_t buffer_funcs = {buffer_read, nullptr, nullptr, nullptr};
static const cookie_io_functions_t checked_funcs = {buffer_read_checked, nullptr, nullptr, nullptr};

FILE *open_buffer(buffer *b, bool checked) {
  return fopencookie(b, "r", checked ? checked_funcs : buffer_funcs);
}

// Look-alike: the program's own dispatch table, called from C++.
struct command {
  const char *name;
  int (*run)(const char *arg);
};

static int run_parse(const char *arg) {
  if (!arg) throw std::invalid_argument("no argument");  // no-finding
  return 0;
}

static const command commands[] = {{"parse", run_parse}};

int dispatch(const char *name, const char *arg) {
  try {
    for (const command &c : commands)
      if (name == c.name) return c.run(arg);
  } catch (const std::exception &) {
    return -1;
  }
  return -2;
}
