// A C entry point that lets a C++ exception escape into its C caller.
struct parse_error {
  int code;
};

static int parse(int x) {
  if (x < 0) throw parse_error{x};
  return x * 2;
}

extern "C" int lib_parse(int x) {
  return parse(x);
}
