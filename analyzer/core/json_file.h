/* Loading a JSON document from a path a user (or an attacker) controls.
 * jansson's json_load_file() opens whatever the path names and reads until
 * EOF: a FIFO without a writer blocks it forever, /dev/zero never ends. */
#ifndef FL_JSON_FILE_H
#define FL_JSON_FILE_H

#include <jansson.h>

/* The most a JSON input may weigh (compile databases of very large trees
 * stay far below it). */
#define FL_JSON_FILE_MAX ((size_t)1 << 30)

/* Opens `path` without blocking and without following a FIFO's promise,
 * requires a regular file of at most FL_JSON_FILE_MAX bytes, and parses it.
 * On success *out is a new reference (json_decref it). On failure returns
 * FL_EIO (cannot open, not a regular file, too large, read error) or
 * FL_EPARSE ("path:line:col: problem"), message in fl_error_last(). */
int fl_json_load_regular_file(json_t **out, const char *path);

#endif
