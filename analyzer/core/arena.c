#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK_MIN (64 * 1024)

typedef struct arena_chunk {
  struct arena_chunk *next;
  size_t size;
  size_t used;
  _Alignas(16) unsigned char data[];
} arena_chunk;

struct fl_arena {
  arena_chunk *head;
  size_t total_used;
};

static void *arena_xmalloc(size_t size) {
  void *p = malloc(size);
  if (!p) {
    fprintf(stderr, "ffi-lint: out of memory allocating %zu bytes\n", size);
    abort();
  }
  return p;
}

fl_arena *fl_arena_new(void) {
  fl_arena *arena = arena_xmalloc(sizeof *arena);
  arena->head = NULL;
  arena->total_used = 0;
  return arena;
}

void fl_arena_free(fl_arena *arena) {
  if (!arena) return;
  arena_chunk *chunk = arena->head;
  while (chunk) {
    arena_chunk *next = chunk->next;
    free(chunk);
    chunk = next;
  }
  free(arena);
}

void *fl_arena_alloc(fl_arena *arena, size_t size) {
  size = (size + 15) & ~(size_t)15;
  if (size == 0) size = 16;
  arena_chunk *chunk = arena->head;
  if (!chunk || chunk->size - chunk->used < size) {
    size_t chunk_size = size > ARENA_CHUNK_MIN ? size : ARENA_CHUNK_MIN;
    chunk = arena_xmalloc(sizeof *chunk + chunk_size);
    chunk->size = chunk_size;
    chunk->used = 0;
    chunk->next = arena->head;
    arena->head = chunk;
  }
  void *p = chunk->data + chunk->used;
  chunk->used += size;
  arena->total_used += size;
  memset(p, 0, size);
  return p;
}

char *fl_arena_strndup(fl_arena *arena, const char *s, size_t n) {
  if (!s) return NULL;
  char *copy = fl_arena_alloc(arena, n + 1);
  memcpy(copy, s, n);
  copy[n] = '\0';
  return copy;
}

char *fl_arena_strdup(fl_arena *arena, const char *s) {
  return s ? fl_arena_strndup(arena, s, strlen(s)) : NULL;
}

char *fl_arena_printf(fl_arena *arena, const char *fmt, ...) {
  /* Formatted once into a stack buffer, which almost every name and key
   * fits (the frontends call this for many of them); only a longer result
   * is formatted a second time, into its arena copy. */
  char small[256];
  va_list ap, ap2;
  va_start(ap, fmt);
  va_copy(ap2, ap);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) n = 0;
  char *out = fl_arena_alloc(arena, (size_t)n + 1);
  if ((size_t)n < sizeof small) memcpy(out, small, (size_t)n + 1);
  else vsnprintf(out, (size_t)n + 1, fmt, ap2);
  va_end(ap2);
  return out;
}

size_t fl_arena_used(const fl_arena *arena) { return arena->total_used; }
