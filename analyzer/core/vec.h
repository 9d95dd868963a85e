/* Growable pointer array on the heap, used while building lists whose final
 * length is unknown (a frontend collecting statements, a rule collecting
 * findings). Freeze it into an arena with fl_ptrvec_freeze(), or free it. */
#ifndef FL_VEC_H
#define FL_VEC_H

#include <stddef.h>

#include "arena.h"

typedef struct fl_ptrvec {
  void **items;
  size_t count;
  size_t capacity;
} fl_ptrvec;

#define FL_PTRVEC_INIT {NULL, 0, 0}

void fl_ptrvec_push(fl_ptrvec *vec, void *item);
void *fl_ptrvec_pop(fl_ptrvec *vec);
/* Copies the items into `arena` (NULL when empty), stores the count in
 * *count_out and empties `vec` (its heap storage is released). */
void **fl_ptrvec_freeze(fl_ptrvec *vec, fl_arena *arena, size_t *count_out);
void fl_ptrvec_free(fl_ptrvec *vec);

/* A growable heap string (for building messages and output). */
typedef struct fl_strbuf {
  char *data;   /* always NUL-terminated when non-NULL */
  size_t len;
  size_t capacity;
} fl_strbuf;

#define FL_STRBUF_INIT {NULL, 0, 0}

void fl_strbuf_append(fl_strbuf *buf, const char *s);
void fl_strbuf_appendn(fl_strbuf *buf, const char *s, size_t n);
void fl_strbuf_printf(fl_strbuf *buf, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Hands the heap string to the caller (who frees it); buf is reset. Never NULL. */
char *fl_strbuf_take(fl_strbuf *buf);
void fl_strbuf_free(fl_strbuf *buf);

#endif
