/* No FFI problem here: a plain C function. */
int add(int a, int b) { return a + b; }
