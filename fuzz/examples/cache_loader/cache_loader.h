/* A small on-disk cache, in two versions, as a target for the cached-file
 * harness (issue 8). One entry `key` is three files in a cache directory:
 *   key.meta  text lines "name=<label>" and "size=<payload bytes>"
 *   key.bin   the payload
 *   key.sig   8 lowercase hex digits: FNV-1a-32 of the payload (a stand-in
 *             for a real signature; what matters is verify-then-use)
 * cache_load_buggy() makes seed 004's mistakes on purpose: it follows
 * symlinks, blocks on FIFOs, trusts the size field, reads unbounded, has an
 * off-by-one in its metadata parser and verifies the payload file before
 * re-reading it. cache_load_hardened() is the fixed loader. */
#ifndef CACHE_LOADER_H
#define CACHE_LOADER_H

#include <stddef.h>
#include <stdint.h>

#define CACHE_NAME_MAX 16

typedef struct cache_meta {
  char name[CACHE_NAME_MAX];
  uint64_t size;
  int has_size;
} cache_meta;

typedef struct cache_entry {
  char name[CACHE_NAME_MAX];
  uint8_t *payload;
  size_t size;
  uint32_t sig; /* the signature the payload was verified against */
} cache_entry;

uint32_t cache_fnv1a(const uint8_t *data, size_t len);
/* Parses 8 hex digits (optionally followed by whitespace). 0 or -1. */
int cache_sig_parse(const char *text, size_t len, uint32_t *out);
void cache_entry_free(cache_entry *entry);

/* Both return a heap entry (free with cache_entry_free), or NULL when the
 * entry is absent, malformed or fails verification. */
cache_entry *cache_load_buggy(const char *dir, const char *key);
cache_entry *cache_load_hardened(const char *dir, const char *key);

/* Metadata parsers (also fuzzed on bytes alone). 0 or -1. */
int cache_meta_parse_buggy(const char *text, size_t len, cache_meta *out);
int cache_meta_parse_hardened(const char *text, size_t len, cache_meta *out);

#endif
