/* A pure C file: nothing in C can throw, so C-linkage functions here are
 * never reported (no expectation in this file: it must stay silent). */
#include <stddef.h>

struct buffer {
  unsigned char *data;
  size_t len;
};

static int byte_at(const struct buffer *b, size_t i) {
  return i < b->len ? b->data[i] : -1;
}

int api_first_byte(const struct buffer *b) {
  return byte_at(b, 0);
}

typedef int (*visit_fn)(int value, void *user);

int buffer_visit(const struct buffer *b, visit_fn visit, void *user) {
  for (size_t i = 0; i < b->len; i++)
    if (visit(b->data[i], user)) return 1;
  return 0;
}
