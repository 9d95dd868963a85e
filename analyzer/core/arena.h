/* Bump allocator: one arena per translation unit (sparse style). Everything
 * a frontend lowers into the model lives in the unit's arena and is freed at
 * once with fl_arena_free(); rules never free model nodes.
 *
 * Allocation failure aborts the process with a message: the model is small
 * and an analyzer that cannot allocate a few MiB has nothing useful to do. */
#ifndef FL_ARENA_H
#define FL_ARENA_H

#include <stddef.h>

typedef struct fl_arena fl_arena;

fl_arena *fl_arena_new(void);
void fl_arena_free(fl_arena *arena);

/* Zeroed, 16-byte aligned memory owned by `arena`. */
void *fl_arena_alloc(fl_arena *arena, size_t size);
#define FL_ARENA_NEW(arena, type) ((type *)fl_arena_alloc((arena), sizeof(type)))
#define FL_ARENA_ARRAY(arena, type, n) ((type *)fl_arena_alloc((arena), sizeof(type) * (n)))

/* Copies into the arena. NULL in, NULL out. */
char *fl_arena_strdup(fl_arena *arena, const char *s);
char *fl_arena_strndup(fl_arena *arena, const char *s, size_t n);
char *fl_arena_printf(fl_arena *arena, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Total bytes handed out (for --stats and benchmarks). */
size_t fl_arena_used(const fl_arena *arena);

#endif
