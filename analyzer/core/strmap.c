#include "strmap.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct strmap_slot {
  const char *key;
  void *value;
  uint64_t hash;
} strmap_slot;

struct fl_strmap {
  strmap_slot *slots;
  size_t capacity; /* power of two */
  size_t count;
};

static uint64_t strmap_hash(const char *s) {
  uint64_t h = 1469598103934665603ull; /* FNV-1a */
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
  return h;
}

static void *strmap_xcalloc(size_t n, size_t size) {
  void *p = calloc(n, size);
  if (!p) {
    fprintf(stderr, "ffi-lint: out of memory\n");
    abort();
  }
  return p;
}

fl_strmap *fl_strmap_new(void) {
  fl_strmap *map = strmap_xcalloc(1, sizeof *map);
  map->capacity = 16;
  map->slots = strmap_xcalloc(map->capacity, sizeof *map->slots);
  return map;
}

void fl_strmap_free(fl_strmap *map) {
  if (!map) return;
  free(map->slots);
  free(map);
}

static strmap_slot *strmap_find(strmap_slot *slots, size_t capacity, const char *key, uint64_t hash) {
  size_t mask = capacity - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    strmap_slot *slot = &slots[i];
    if (!slot->key || (slot->hash == hash && strcmp(slot->key, key) == 0)) return slot;
  }
}

static void strmap_grow(fl_strmap *map) {
  size_t capacity = map->capacity * 2;
  strmap_slot *slots = strmap_xcalloc(capacity, sizeof *slots);
  for (size_t i = 0; i < map->capacity; i++) {
    strmap_slot *old = &map->slots[i];
    if (old->key) *strmap_find(slots, capacity, old->key, old->hash) = *old;
  }
  free(map->slots);
  map->slots = slots;
  map->capacity = capacity;
}

void *fl_strmap_put(fl_strmap *map, const char *key, void *value) {
  if ((map->count + 1) * 4 > map->capacity * 3) strmap_grow(map);
  uint64_t hash = strmap_hash(key);
  strmap_slot *slot = strmap_find(map->slots, map->capacity, key, hash);
  void *previous = slot->key ? slot->value : NULL;
  if (!slot->key) map->count++;
  slot->key = key;
  slot->hash = hash;
  slot->value = value;
  return previous;
}

void *fl_strmap_get(const fl_strmap *map, const char *key) {
  strmap_slot *slot = strmap_find(map->slots, map->capacity, key, strmap_hash(key));
  return slot->key ? slot->value : NULL;
}

size_t fl_strmap_count(const fl_strmap *map) { return map->count; }

int fl_strmap_next(const fl_strmap *map, size_t *cursor, const char **key_out, void **value_out) {
  while (*cursor < map->capacity) {
    strmap_slot *slot = &map->slots[(*cursor)++];
    if (slot->key) {
      if (key_out) *key_out = slot->key;
      if (value_out) *value_out = slot->value;
      return 1;
    }
  }
  return 0;
}
