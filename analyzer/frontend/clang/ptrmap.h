/* Open-addressing map from non-NULL pointer identities to pointers: the
 * frontend's caches (declarations, variables, types, files) keyed by the
 * identity libclang gives each entity. */
#ifndef FL_CX_PTRMAP_H
#define FL_CX_PTRMAP_H

#include <stddef.h>

typedef struct cx_ptrmap_slot {
  const void *key;
  void *value;
} cx_ptrmap_slot;

typedef struct cx_ptrmap {
  cx_ptrmap_slot *slots;
  size_t capacity; /* power of two, or 0 */
  size_t count;
} cx_ptrmap;

#define CX_PTRMAP_INIT {NULL, 0, 0}

void *cx_ptrmap_get(const cx_ptrmap *map, const void *key);
void cx_ptrmap_put(cx_ptrmap *map, const void *key, void *value);
void cx_ptrmap_free(cx_ptrmap *map);

#endif
