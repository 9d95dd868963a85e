/* Open-addressing hash map from NUL-terminated string keys to pointers.
 * Keys are not copied: the caller keeps them alive (usually in an arena). */
#ifndef FL_STRMAP_H
#define FL_STRMAP_H

#include <stddef.h>

typedef struct fl_strmap fl_strmap;

fl_strmap *fl_strmap_new(void);
void fl_strmap_free(fl_strmap *map);
/* Inserts or replaces; returns the previous value or NULL. */
void *fl_strmap_put(fl_strmap *map, const char *key, void *value);
void *fl_strmap_get(const fl_strmap *map, const char *key);
size_t fl_strmap_count(const fl_strmap *map);
/* Iteration: start with *cursor = 0; returns 0 when done. */
int fl_strmap_next(const fl_strmap *map, size_t *cursor, const char **key_out, void **value_out);

#endif
