/* A non-system header: its bodies are lowered too (dump prefixes its name). */
struct inner {
  int len;
  char *data;
};
static inline int inner_len(const struct inner *in) { return in->len; }
