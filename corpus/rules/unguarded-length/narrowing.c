/* size_t lengths narrowed to int on their way into a sink or an out-param. */
#include <stddef.h>
#include <string.h>

void blob_copy(char *dst, const char *data, size_t len, int *copied) {
  memcpy(dst, data, (int)len); // expect: unguarded-length severity=medium
  *copied = (int)len; // expect: unguarded-length severity=medium
}
