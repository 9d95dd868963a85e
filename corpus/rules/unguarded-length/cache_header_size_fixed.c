/* Fixed twin of cache_header_size.c: both header fields are capped. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_RECORDS 4096

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
  if (hdr.meta_len > sizeof meta || hdr.count > MAX_RECORDS) return -1;
  if (fread(meta, 1, hdr.meta_len, f) != hdr.meta_len) return -1; // no-finding
  struct record *records = malloc(hdr.count * sizeof(struct record)); // no-finding
  if (!records) return -1;
  *out = records;
  return 0;
}
