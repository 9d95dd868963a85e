/* Read-only cache of source files split into lines, for excerpts,
 * suppression comments and fingerprints. Not thread-safe. */
#ifndef FL_SOURCE_H
#define FL_SOURCE_H

#include <stddef.h>

typedef struct fl_source_cache fl_source_cache;

fl_source_cache *fl_source_cache_new(void);
void fl_source_cache_free(fl_source_cache *cache);
/* Line `line` (1-based) of `path` without its newline, or NULL when the
 * file cannot be read or is shorter. Owned by the cache. */
const char *fl_source_line(fl_source_cache *cache, const char *path, unsigned line);
size_t fl_source_line_count(fl_source_cache *cache, const char *path);

#endif
