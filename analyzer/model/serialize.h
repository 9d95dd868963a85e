/* Binary encoding of lowered units (model.h), for the on-disk cache of Go
 * packages and C/C++ files: a package's units are written once and read back
 * instead of re-parsing.
 *
 * The encoding keeps every field of every object reachable from a unit and
 * the identity of shared objects: a type, variable or event referenced from
 * several places (even from several units of the array) comes back as one
 * object referenced from all of them. Equal strings are stored once.
 *
 * Format (little endian; "varint" is unsigned LEB128, signed values are
 * zigzagged):
 *
 *   "FLMODEL\0"  u32 FL_MODEL_FORMAT_VERSION  varint flags (bit 0: the
 *                model could not be encoded, see fl_units_serialize)
 *   strings      varint count, then each: varint length, bytes (no NUL)
 *   units        varint count, then each: path, lang, status, package,
 *                varint types, varint objects (how many it owns)
 *   per unit     its types, then its objects, then its lists of functions,
 *                records, facts and diagnostics
 *
 * Types are numbered apart and may reference each other in any order (Go's
 * `type T []T` is a cycle). Every other object is written after the objects
 * it references (post-order), so a reference is a backward distance and a
 * reader can never build a cyclic statement or expression graph. A shared
 * object belongs to (is allocated in the arena of) the first unit that
 * reaches it, walking units in order, each from its functions, records,
 * facts and diagnostics.
 */
#ifndef FL_SERIALIZE_H
#define FL_SERIALIZE_H

#include <stddef.h>

#include "../core/vec.h" /* fl_strbuf */
#include "api.h"
#include "model.h"

/* Bump whenever model.h, model.def or the encoding changes: a cache written
 * by another version is then rejected (FL_EPARSE) and rebuilt. */
#define FL_MODEL_FORMAT_VERSION 1

/* Appends a self-contained encoding of units[0..n) to *out. Events' `api`
 * pointers are stored as their index in `api` (fl_api_entry_at order); an
 * entry not found in `api` (or any entry when `api` is NULL) is stored as
 * absent. The output depends only on the model, not on addresses, so equal
 * models encode to equal bytes.
 *
 * The frontends never build a cycle outside types (a statement that is its
 * own descendant, an expression that is its own operand). Such a model
 * cannot be encoded as a post-order; it is written as a marker that
 * fl_units_deserialize rejects, so a cache holding it misses. Returns 0. */
int fl_units_serialize(fl_strbuf *out, fl_unit *const *units, size_t n, const fl_api *api);

/* Decodes what fl_units_serialize wrote. On success *units_out is a heap
 * array of *n_out units (NULL when there are none; free each with
 * fl_unit_free, the array with free()); every object is allocated in the
 * arena of the unit that owns it, and a unit may reference objects owned by
 * an earlier one, so the units must be freed together. `api` re-links
 * event->api by index: it must be the same table, in the same order, as when
 * written (the caller's cache key guarantees that); it may be NULL when no
 * event has an entry.
 *
 * Returns 0, or FL_EPARSE with a message naming `what` (e.g. the cache file
 * path) on truncated, corrupt or inconsistent input, or on another format
 * version: never reads outside data[0..size), never allocates much more
 * than the input justifies, and frees everything it allocated on failure
 * (*units_out NULL, *n_out 0). */
int fl_units_deserialize(fl_unit ***units_out, size_t *n_out, const void *data, size_t size,
                         const fl_api *api, const char *what);

#endif
