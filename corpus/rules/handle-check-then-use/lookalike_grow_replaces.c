/* Look-alike (pillow's QuantHeap): a container whose push grows its array
 * by freeing the old one and storing a bigger one, and whose pop tests the
 * count before reading the array. Growing replaces the array, it does not
 * tear the container down: the count is a length, not a state a free path
 * signals with, and nothing here attempts thread safety. Silent. */
#include <stdlib.h>
#include <string.h>

typedef struct heap {
  void **items;
  unsigned int size;
  unsigned int count;
} heap;

static int heap_grow(heap *h) {
  unsigned int size = h->size * 2;
  void **bigger = calloc(size, sizeof *bigger);
  if (!bigger) return 0;
  memcpy(bigger, h->items, h->size * sizeof *bigger);
  free(h->items);
  h->items = bigger;
  h->size = size;
  return 1;
}

int heap_push(heap *h, void *item) {
  if (h->count == h->size - 1 && !heap_grow(h)) return 0;
  h->items[++h->count] = item;
  return 1;
}

int heap_pop(heap *h, void **out) {
  if (!h->count) return 0;
  *out = h->items[1]; // no-finding
  h->items[1] = h->items[h->count--]; // no-finding
  return 1;
}

void heap_free(heap *h) {
  free(h->items);
  free(h);
}
