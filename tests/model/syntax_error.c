/* A file with a syntax error: the unit is partial, what parsed is lowered. */
int ok_before(int x) { return x + 1; }

int broken(int x) {
  int y = x +;
  return y;
}

int ok_after(int x) { return x * 2; }
