/* A 64-bit length narrowed to int32_t or unsigned on its way into a sink
 * or an out-parameter; byte packing into 8/16-bit values is not a length. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

void frame_copy(char *dst, const char *src, uint64_t len, int32_t *len_out, unsigned *copied) {
  memcpy(dst, src, (unsigned)len); // expect: unguarded-length severity=medium
  *len_out = (int32_t)len; // expect: unguarded-length severity=medium
  *copied = (unsigned)len; // expect: unguarded-length severity=medium
}

void pixel_pack(uint8_t *dst, const uint32_t *src, uint64_t mask) {
  *dst = (uint8_t)((*src & mask) >> 8); // no-finding
}

/* A length by its name, from a call: narrowed into the out-parameter. */
long item_count(const void *obj);
int count_of(const void *obj, uint32_t *out) {
  *out = (uint32_t)item_count(obj); // expect: unguarded-length severity=medium
  return 0;
}

/* A distance in memory is a length whatever it is called. */
void consumed(const char *start, const char *end, int *used) {
  *used = (int)(end - start); // expect: unguarded-length severity=medium
}
