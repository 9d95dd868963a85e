struct c_error {};

extern "C" int tree_c(int fail) {
  if (fail) throw c_error{};
  return 0;
}
