/* C basics: linkage, statements, access paths, frees, comparisons,
 * conversions with widths, callbacks passed to a C function. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "c_basic.h"

enum { BUF_SIZE = 16 };

struct stream {
  int closed;
  struct inner *inner;
  char buf[BUF_SIZE];
  unsigned char flags;
};

typedef int (*visit_fn)(void *arg, int value);
int registry_add(visit_fn fn, void *arg);
int counter;

static int count_visit(void *arg, int value) {
  (void)arg;
  counter += value;
  return 0;
}

int stream_recv(struct stream *s, size_t n, char *out) {
  if (s->closed)
    return -1;
  if (s->inner->len < 0 || n > sizeof(s->buf))
    return -2;
  int len = n;
  long wide = len;
  unsigned short narrow = (unsigned short)len;
  memcpy(out, &s->buf[0], (size_t)len);
  char *p = s->inner->data;
  *p = s->buf[len - 1];
  s->flags |= 0x1u;
  return inner_len(s->inner) + (int)wide + narrow;
}

void stream_free(struct stream *s) {
  free(s->inner->data);
  free(s->inner);
  s->inner = NULL;
  free(s);
}

int walk(int *items, int count) {
  int total = 0;
  for (int i = 0; i < count; i++) {
    if (items[i] == 0)
      continue;
    total += items[i];
  }
  while (total > 100)
    total /= 2;
  do {
    total--;
  } while (total > 50);
  switch (total) {
    case 1:
    case 2:
      total = 0;
      break;
    case BUF_SIZE:
      goto out;
    default:
      total++;
  }
out:
  registry_add(count_visit, NULL);
  registry_add(&count_visit, items);
  return total > 0 ? total : -total;
}
