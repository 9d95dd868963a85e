/* API models: what library functions mean (design.md §4).
 *
 * Loaded from rules/models/<name>.yml (built in) and the user's `models:` files;
 * frontends consult it to turn calls into lock/unlock/free/guard events, and
 * rules consult it for length sinks, taint sources, borrow/release pairs and
 * throwing functions. One description serves the static rules and the race
 * harness (handle descriptions).
 *
 * Names are qualified as the frontends spell callees: C `free`, C++
 * `std::vector::at`, Go `C.GoBytes`, `runtime.KeepAlive`, `sync.Mutex.Lock`.
 * A name may end or start with `*` (a glob: `*_free`, `std::*`). */
#ifndef FL_API_H
#define FL_API_H

#include <stdbool.h>
#include <stddef.h>

typedef enum fl_api_role {
  FL_API_ANY = 0,        /* lookup wildcard */
  FL_API_FREE,           /* frees/invalidates argument `arg` */
  FL_API_LOCK,           /* acquires the lock in `arg` (-1 = receiver object) */
  FL_API_UNLOCK,
  FL_API_GUARD_ENTER,    /* claims the handle/guard in `arg` (refcount++, try_enter) */
  FL_API_GUARD_LEAVE,
  FL_API_GUARD_DRAIN,    /* waits until all claims are left (begin_free, wait for refs == 0) */
  FL_API_LENGTH_SINK,    /* writes/reads `len_arg` bytes at `dst_arg` */
  FL_API_ALLOC,          /* allocates `len_arg` bytes (or count*size: len_arg, size_arg) */
  FL_API_TAINT_SOURCE,   /* returns/fills (`dst_arg`) data from outside: read, recv, ntohl */
  FL_API_THROWS,         /* may throw (C++), or panic (Go) */
  FL_API_NOTHROW,        /* never throws */
  FL_API_THROWS_ALLOC,   /* may throw only std::bad_alloc */
  FL_API_BORROW,         /* returns memory borrowed from `arg`'s owner (PyBytes_AsString) */
  FL_API_RELEASE,        /* releases the owner in `arg` (Py_DECREF, lua_pop, Release*ArrayElements) */
  FL_API_KEEPALIVE,      /* keeps `arg` alive to this point (runtime.KeepAlive) */
  FL_API_RETAINS,        /* C keeps pointer `arg` after returning */
  FL_API_LENGTH_NARROW,  /* takes a narrow length in `len_arg` (C.GoBytes takes C.int) */
  FL_API_ROLE_COUNT
} fl_api_role;

const char *fl_api_role_name(fl_api_role role);  /* "free", "lock", ... (YAML spelling) */
fl_api_role fl_api_role_from_name(const char *name); /* FL_API_ANY if unknown */

#define FL_API_SHARED 0x1u   /* LOCK/UNLOCK: read (shared) lock */
#define FL_API_TRY 0x2u      /* LOCK/GUARD_ENTER: may fail; success is the return value */
#define FL_API_CRITICAL 0x4u /* BORROW: JNI critical region (no JNI calls until released) */

typedef struct fl_api_entry {
  const char *name;       /* exact or glob */
  fl_api_role role;
  unsigned flags;
  int arg;                /* subject argument index; -1 = receiver/object; -2 = return value */
  int dst_arg;            /* LENGTH_SINK / TAINT_SOURCE destination, -1 if none */
  int len_arg;            /* LENGTH_SINK / ALLOC / LENGTH_NARROW length, -1 if none */
  int size_arg;           /* ALLOC element size (calloc), -1 if none */
  int len_bits;           /* LENGTH_NARROW: width of the length parameter (C.int: 32 signed) */
  const char *pairs_with; /* BORROW: its release; GUARD_ENTER: its leave;
                             THROWS: the exception type thrown (YAML `pairs`) */
  const char *lang;       /* "c", "c++", "go" or NULL for any */
  const char *origin;     /* "file.yml:line" where it was defined, for messages */
} fl_api_entry;

typedef struct fl_api fl_api;

fl_api *fl_api_new(void);
void fl_api_free(fl_api *api);

/* Copies `entry` (and its strings) into the table. */
void fl_api_add(fl_api *api, const fl_api_entry *entry);

/* First entry for `name` with `role` (FL_API_ANY: any role); exact names win
 * over globs. NULL when none. The pointer stays valid until fl_api_free. */
const fl_api_entry *fl_api_lookup(const fl_api *api, const char *name, fl_api_role role);
/* All entries for `name` (exact first, then globs), up to `max`; returns the
 * number found. */
size_t fl_api_lookup_all(const fl_api *api, const char *name, const fl_api_entry **out, size_t max);
size_t fl_api_count(const fl_api *api);
/* The i-th entry in insertion order (for dumps and the race harness). */
const fl_api_entry *fl_api_entry_at(const fl_api *api, size_t i);

#endif
