/* Fixed twin of narrowing_widths.c: the length is checked against the
 * 32-bit limit before it is narrowed. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

int frame_copy(char *dst, const char *src, uint64_t len, int32_t *len_out, unsigned *copied) {
  if (len > INT32_MAX) return -1;
  memcpy(dst, src, (unsigned)len); // no-finding
  *len_out = (int32_t)len; // no-finding
  *copied = (unsigned)len; // no-finding
  return 0;
}

/* Not a length: a colour handed back through an out-parameter (pygame's
 * _color_from_obj narrows PyLong_AsLong to Uint32). */
long to_long(const void *obj);
int color_from_obj(const void *color_obj, uint32_t *color) {
  *color = (uint32_t)to_long(color_obj); // no-finding
  return 0;
}
