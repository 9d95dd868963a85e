/* A copy loop whose counter runs to the caller's length overflows the
 * fixed destination; the same loop is bounded when its condition also
 * compares the counter with the destination's size or a constant, in
 * either order. Equality with an exact size bounds a length too; a
 * sentinel test (`!= UINT_MAX`, libsass's free-list bucket) does not. */
#include <limits.h>
#include <stddef.h>
#include <string.h>

struct record {
  char tag[16];
  unsigned char digest[32];
};

void record_set_tag(struct record *r, const char *src, size_t n) {
  for (size_t i = 0; i < n; i++) r->tag[i] = src[i]; // expect: unguarded-length
}

void record_set_tag_capped(struct record *r, const char *src, size_t n) {
  for (size_t i = 0; i < n && i < sizeof r->tag; i++) r->tag[i] = src[i]; // no-finding
}

void record_set_tag_capped_first(struct record *r, const char *src, size_t n) {
  for (size_t i = 0; i < 16 && i < n; i++) r->tag[i] = src[i]; // no-finding
}

/* Not a bound: a counter compared with a sentinel-sized constant. */
void record_set_tag_unbounded(struct record *r, const char *src, size_t n) {
  for (size_t i = 0; i < n && i < 0xffffffffu; i++) r->tag[i] = src[i]; // expect: unguarded-length
}

int record_set_digest(struct record *r, const unsigned char *src, size_t n) {
  if (n != sizeof r->digest) return -1;
  memcpy(r->digest, src, n); // no-finding
  return 0;
}

int record_set_digest_unchecked(struct record *r, const unsigned char *src, size_t n) {
  if (n == 0) return -1;
  memcpy(r->digest, src, n); // expect: unguarded-length
  return 0;
}

static void *free_list[64];

void pool_release(void *block, const unsigned *header) {
  unsigned bucket = header[0];
  if (bucket != UINT_MAX) free_list[bucket] = block; // expect: unguarded-length
}
