/* A size field read from a cache file's header and trusted: the read into a
 * fixed buffer and the allocation both use it unchecked. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct cache_header {
  uint32_t magic;
  uint32_t meta_len;
  uint32_t count;
};

struct record {
  uint64_t key;
  uint64_t value;
};

int cache_load(FILE *f, struct record **out) {
  struct cache_header hdr;
  char meta[256];
  if (fread(&hdr, sizeof hdr, 1, f) != 1) return -1;
  if (fread(meta, 1, hdr.meta_len, f) != hdr.meta_len) return -1; // expect: unguarded-length severity=high
  struct record *records = malloc(hdr.count * sizeof(struct record)); // expect: unguarded-length severity=medium
  if (!records) return -1;
  *out = records;
  return 0;
}
