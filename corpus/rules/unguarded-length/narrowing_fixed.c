/* Fixed twin of narrowing.c: the length is checked against INT_MAX first. */
#include <limits.h>
#include <stddef.h>
#include <string.h>

int blob_copy(char *dst, const char *data, size_t len, int *copied) {
  if (len > INT_MAX) return -1;
  memcpy(dst, data, (int)len); // no-finding
  *copied = (int)len; // no-finding
  return 0;
}
