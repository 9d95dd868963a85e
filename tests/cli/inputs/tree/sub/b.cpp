struct b_error {};

extern "C" void tree_b(int fail) {
  if (fail) throw b_error{};
}
