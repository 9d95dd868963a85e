/* Pieces both loader versions share: the checksum, the signature text and
 * freeing an entry. */
#include <stdlib.h>

#include "cache_loader.h"

uint32_t cache_fnv1a(const uint8_t *data, size_t len) {
  uint32_t hash = 2166136261u;
  for (size_t i = 0; i < len; i++) {
    hash ^= data[i];
    hash *= 16777619u;
  }
  return hash;
}

static int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

int cache_sig_parse(const char *text, size_t len, uint32_t *out) {
  uint32_t value = 0;
  if (len < 8)
    return -1;
  for (size_t i = 0; i < 8; i++) {
    int digit = hex_value(text[i]);
    if (digit < 0)
      return -1;
    value = value << 4 | (uint32_t)digit;
  }
  for (size_t i = 8; i < len; i++)
    if (text[i] != '\n' && text[i] != ' ')
      return -1;
  *out = value;
  return 0;
}

void cache_entry_free(cache_entry *entry) {
  if (!entry)
    return;
  free(entry->payload);
  free(entry);
}
