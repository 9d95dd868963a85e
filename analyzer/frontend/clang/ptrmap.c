#include "ptrmap.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static size_t ptr_hash(const void *key) {
  uint64_t h = (uint64_t)(uintptr_t)key;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return (size_t)h;
}

void *cx_ptrmap_get(const cx_ptrmap *map, const void *key) {
  if (!map->capacity || !key) return NULL;
  for (size_t i = ptr_hash(key) & (map->capacity - 1);; i = (i + 1) & (map->capacity - 1)) {
    if (map->slots[i].key == key) return map->slots[i].value;
    if (!map->slots[i].key) return NULL;
  }
}

static void ptrmap_grow(cx_ptrmap *map) {
  size_t capacity = map->capacity ? map->capacity * 2 : 64;
  cx_ptrmap_slot *slots = calloc(capacity, sizeof *slots);
  if (!slots) {
    fputs("ffi-lint: out of memory\n", stderr); /* same policy as the arena */
    abort();
  }
  for (size_t i = 0; i < map->capacity; i++) {
    if (!map->slots[i].key) continue;
    size_t j = ptr_hash(map->slots[i].key) & (capacity - 1);
    while (slots[j].key) j = (j + 1) & (capacity - 1);
    slots[j] = map->slots[i];
  }
  free(map->slots);
  map->slots = slots;
  map->capacity = capacity;
}

/* Inserts or replaces. Load factor stays under 1/2. */
void cx_ptrmap_put(cx_ptrmap *map, const void *key, void *value) {
  if (!key) return;
  if ((map->count + 1) * 2 > map->capacity) ptrmap_grow(map);
  size_t i = ptr_hash(key) & (map->capacity - 1);
  while (map->slots[i].key && map->slots[i].key != key) i = (i + 1) & (map->capacity - 1);
  if (!map->slots[i].key) map->count++;
  map->slots[i].key = key;
  map->slots[i].value = value;
}

void cx_ptrmap_free(cx_ptrmap *map) {
  free(map->slots);
  map->slots = NULL;
  map->capacity = map->count = 0;
}
