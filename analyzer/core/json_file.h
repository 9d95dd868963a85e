/* Loading a JSON document from a path a user (or an attacker) controls.
 * jansson's json_load_file() opens whatever the path names and reads until
 * EOF: a FIFO without a writer blocks it forever, /dev/zero never ends. */
#ifndef FL_JSON_FILE_H
#define FL_JSON_FILE_H

#include <jansson.h>

/* The most a JSON input may weigh by default: jansson's objects take
 * several times the text's size, so a larger file is a memory blow-up
 * (found by fuzzing with a sparse 1 GiB compile_commands.json). Very large
 * trees raise it with FFI_LINT_JSON_MAX_MB. */
#define FL_JSON_FILE_MAX ((size_t)128 << 20)

/* Opens `path` without blocking and without following a FIFO's promise,
 * requires a regular file of at most FL_JSON_FILE_MAX bytes (or
 * $FFI_LINT_JSON_MAX_MB MiB), and parses it.
 * On success *out is a new reference (json_decref it). On failure returns
 * FL_EIO (cannot open, not a regular file, too large, read error) or
 * FL_EPARSE ("path:line:col: problem"), message in fl_error_last(). */
int fl_json_load_regular_file(json_t **out, const char *path);

#endif
