/* Rule metadata and API models compiled into the binary (cmake/Embed.cmake):
 * rules/<id>.yml and rules/models/<name>.yml, keyed by their repo path. */
#ifndef FL_EMBEDDED_H
#define FL_EMBEDDED_H

#include <stddef.h>

typedef struct fl_embedded_file {
  const char *path;     /* "rules/unwind-across-ffi.yml", "rules/models/libc.yml" */
  const char *contents; /* NUL-terminated */
  size_t size;
} fl_embedded_file;

/* Terminated by an entry with path == NULL. */
extern const fl_embedded_file fl_embedded_files[];

#endif
