/* Does not parse: the run must go on and count it. */
int broken(int x {
  return x +;
}
