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
  FL_API_REGISTERS_CALLBACK, /* C++: hands the function in `arg` to C through a wrapper of its
                                own that catches `pairs_with` (none if absent) around it
                                (node-addon-api's ObjectWrap::InstanceMethod) */
  FL_API_ROLE_COUNT
} fl_api_role;

const char *fl_api_role_name(fl_api_role role);  /* "free", "lock", ... (YAML spelling) */
fl_api_role fl_api_role_from_name(const char *name); /* FL_API_ANY if unknown */

#define FL_API_SHARED 0x1u   /* LOCK/UNLOCK: read (shared) lock */
#define FL_API_TRY 0x2u      /* LOCK/GUARD_ENTER: may fail; success is the return value */
#define FL_API_CRITICAL 0x4u /* BORROW: JNI critical region (no JNI calls until released) */
#define FL_API_CALLER 0x8u   /* TAINT_SOURCE: a value the caller passed (a script's argument,
                                the exact length of its string or buffer), judged like a
                                parameter of the function, not like input from a file */
#define FL_API_JS_THREAD 0x40u /* REGISTERS_CALLBACK: Node runs the callback on the JavaScript
                                 thread (a finalizer, a cleanup hook, a loop handle's callback) */
#define FL_API_SCOPED 0x20u  /* BORROW: the owner is a handle valid only while the native call
                                runs (N-API's napi_value): the pointer must not be kept past it
                                unless something (role keepalive) holds the owner */
#define FL_API_REST 0x10u    /* TAINT_SOURCE: fills `dst_arg` and every argument after it
                                (a variadic parser: PyArg_ParseTuple(args, "s#", &s, &n)) */

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

/* A handle API described once (`handles:` in a model file, design.md §4):
 * the race harness generator reads the calls and the contract, and loading
 * it registers the static meaning of close/free/guard as ordinary entries
 * above. The handle (a pointer to `type`) is argument 0 of every op, of
 * close, free and reclaim; `args` describe the arguments after it. */
typedef enum fl_api_arg_kind {
  FL_API_ARG_INT,     /* int from 4 input bytes */
  FL_API_ARG_UINT,    /* unsigned from 4 input bytes */
  FL_API_ARG_SIZE,    /* size_t: a small count, or the length of the bytes/buffer before it */
  FL_API_ARG_BYTES,   /* const pointer to input bytes; the next argument is `size` */
  FL_API_ARG_BUFFER,  /* writable buffer; the next argument is `size` (its capacity) */
  FL_API_ARG_CSTRING, /* NUL-terminated string made of input bytes */
  FL_API_ARG_KIND_COUNT
} fl_api_arg_kind;

const char *fl_api_arg_kind_name(fl_api_arg_kind kind);  /* YAML spelling */
/* Sets *out and returns true when `name` is a known kind. */
bool fl_api_arg_kind_from_name(const char *name, fl_api_arg_kind *out);

#define FL_API_HANDLE_MAX_ARGS 8
#define FL_API_HANDLE_MAX_OPS 64

typedef struct fl_api_handle_call {
  const char *name;                           /* NULL: not described */
  fl_api_arg_kind args[FL_API_HANDLE_MAX_ARGS];
  size_t nargs;
} fl_api_handle_call;

typedef enum fl_api_handle_contract {
  FL_API_FREE_AFTER_OPS = 0, /* close may race ops; free only after all ops returned */
  FL_API_FREE_RACES_OPS = 1, /* free may race ops (guard-based APIs, seed 001) */
} fl_api_handle_contract;

typedef struct fl_api_handle {
  const char *name;          /* the description's name (harness and messages) */
  const char *type;          /* C type; the handle is a pointer to it */
  const char *header;        /* header declaring the API, NULL if none */
  fl_api_handle_call create; /* returns the handle; takes no arguments */
  fl_api_handle_call ops[FL_API_HANDLE_MAX_OPS];
  size_t nops;
  fl_api_handle_call close;   /* optional */
  fl_api_handle_call free;    /* required */
  fl_api_handle_call reclaim; /* optional: releases what free leaks on purpose */
  fl_api_handle_contract contract;
  const char *guard_enter, *guard_leave, *guard_drain; /* optional, NULL if none */
  const char *origin;         /* "file.yml:line" */
} fl_api_handle;

/* Copies `handle` (and its strings) into the table. Registers nothing else:
 * the loader adds the matching free/guard entries with fl_api_add. */
void fl_api_add_handle(fl_api *api, const fl_api_handle *handle);
size_t fl_api_handle_count(const fl_api *api);
/* The i-th description in insertion order; NULL past the end. */
const fl_api_handle *fl_api_handle_at(const fl_api *api, size_t i);
/* The last description named `name` (a later file overrides), or NULL. */
const fl_api_handle *fl_api_handle_find(const fl_api *api, const char *name);

#endif
